"""The API's documentation pages, working offline: Swagger UI's script and style are served from the
``swagger-ui-bundle`` package this project installs, never from a CDN."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


@cache
def _asset(name: str) -> bytes:
    import swagger_ui_bundle

    return (Path(swagger_ui_bundle.swagger_ui_path) / name).read_bytes()


def router(title: str) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/docs", response_class=HTMLResponse)
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{title} · API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @r.get("/static/swagger/{name}")
    def asset(name: str):
        if name not in ASSETS:
            raise HTTPException(404, "No such file.")
        try:
            data = _asset(name)
        except (ImportError, OSError):
            raise HTTPException(
                404, "The API documentation's files are not installed (pip install swagger-ui-bundle)."
            ) from None
        return Response(data, media_type=ASSETS[name], headers={"Cache-Control": "max-age=86400"})

    return r
