"""The web app: server-rendered pages (Jinja2, autoescaped, no JavaScript) and a JSON API (FastAPI).

``create_app`` builds it from its parts, each a module of ``stare.web``: the state every request needs
(``state``), the guard on bodies and headers (``security``), form reading (``forms``), the API's models
(``schemas``), and one router per area (``routes``: pages, cases, read, interview, api, docs).

The server keeps no state between requests: the interview's answers travel in a hidden form field and are
validated again on every step; an analysis lives at an address that carries its facts, and is recomputed
from them. Nothing a request names is opened as a file: precedents are looked up by id in the case base.
Every error is a readable page (keeping the form where there was one) or JSON for the API, never a traceback.
"""

from __future__ import annotations

import logging
from functools import cache

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from stare.model.casebase import CaseBase
from stare.web.routes import api, cases, docs, interview, pages, read
from stare.web.security import LOOPBACK, MAX_BODY_BYTES, Guard
from stare.web.state import Web

log = logging.getLogger("stare.web")
TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Cannot use this input",
}
#: the forms a refused request came from: its page is shown again, with the message, instead of a bare error
FORM_PAGES = {"/analyze": "analyze.html", "/read": "read.html", "/interview/load": "interview_start.html"}


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/api"


def refusal(web: Web, path: str, status: int, message: str) -> Response:
    """A refused request: JSON for the API, the form it came from (with the message) for a page."""
    if _is_api(path):
        return JSONResponse({"detail": [message]}, status_code=status)
    template = FORM_PAGES.get(path)
    if template == "analyze.html":
        return web.page(template, status, problems=[message], yaml_text="", as_of="", exclude="")
    if template == "read.html":
        return web.page(template, status, problems=[message], result=None, text="", title="", draft=False)
    if template == "interview_start.html":
        from stare.interview import Answers

        first = web.interview.steps()[0].id
        return web.page(template, status, first=first, state=Answers().model_dump_json(), problems=[message])
    return web.error_page(status, TITLES.get(status, "Error"), [message])


def create_app(base: CaseBase | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over ``base`` (the bundled case base by default). ``allowed_hosts`` limits the Host header
    (``stare serve`` passes the loopback names when it binds to loopback, against DNS rebinding)."""
    if base is None:
        from stare.caselaw import load_case_base

        base = load_case_base()
    web = Web(base)
    web.warm()
    app = FastAPI(
        title="stare",
        summary="Reasoning from precedent on the DeShaney rule, its exceptions and qualified immunity.",
        description="The JSON API mirrors the command line: `analyze`, `cases list|show`, `read`. Every "
        "authority it returns is an entry of the verified case base. The HTML pages (the interview, the "
        "analysis, the precedents) are not part of the API.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = web
    app.add_middleware(Guard, refuse=lambda path, status, message: refusal(web, path, status, message))
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        problems = exc.detail if isinstance(exc.detail, list) else [str(exc.detail)]
        if _is_api(request.url.path):
            return JSONResponse({"detail": problems}, status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 413:
            return refusal(web, request.url.path, 413, problems[0])
        return web.error_page(exc.status_code, TITLES.get(exc.status_code, "Error"), problems)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if _is_api(request.url.path):
            errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
            return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
        problems = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return web.error_page(422, "Cannot use this input", problems)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        message = "stare hit an unexpected error; the details are in the server's log."
        if _is_api(request.url.path):
            return JSONResponse({"detail": [message]}, status_code=500)
        return web.error_page(500, "Unexpected error", [message])

    @app.get("/static/style.css", include_in_schema=False)
    def style():
        return Response(_static("style.css"), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    for module in (pages, cases, read, interview, api):
        app.include_router(module.router(web))
    app.include_router(docs.router("stare"))
    return app


@cache
def _static(name: str) -> bytes:
    from importlib.resources import files

    return (files("stare.web") / "static" / name).read_bytes()


def _version() -> str:
    from stare import __version__

    return __version__


def serve(host: str = "127.0.0.1", port: int = 8000, base: CaseBase | None = None) -> None:
    """Run the app with uvicorn. On a loopback host the Host header is limited to loopback names."""
    import uvicorn

    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if host in LOOPBACK else None
    app = create_app(base, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)


__all__ = ["MAX_BODY_BYTES", "create_app", "serve"]
