"""Reading an opinion or checking a draft's citations: text, HTML or PDF, uploaded or pasted."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from stare.web import forms
from stare.web.security import MAX_UPLOAD_BYTES
from stare.web.state import Web


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    base = web.base

    def page(status: int = 200, problems=(), title: str = "", draft: bool = False, **kw):
        return web.page(
            "read.html",
            status,
            problems=list(problems),
            result=kw.pop("result", None),
            text="",
            title=title,
            draft=draft,
            **kw,
        )

    @r.get("/read", response_class=HTMLResponse)
    def read_form():
        if web.reader is None:
            raise HTTPException(404, "Reading opinions is not available in this installation.")
        return page()

    @r.post("/read", response_class=HTMLResponse)
    async def read_post(request: Request):
        if web.reader is None:
            raise HTTPException(404, "Reading opinions is not available in this installation.")
        read_opinion, input_error, decode = web.reader
        form = await forms.read_form(request)
        uploaded = await forms.upload(form, "opinion", MAX_UPLOAD_BYTES)
        text = forms.field(form, "text", MAX_UPLOAD_BYTES, "opinion text")
        title = forms.field(form, "title", 300, "title").strip()
        draft = forms.field(form, "draft", 5) == "1"
        name, is_html = "the pasted text", None
        if uploaded:
            raw, name = uploaded
            try:
                text, _notes = await web.compute(decode, raw, name)
            except input_error as e:
                return page(422, [str(e)], title, draft)
            if name.lower().endswith((".html", ".htm", ".xhtml")):
                is_html = True
        if not text.strip():
            return page(422, ["Upload an opinion or a draft, or paste its text."], title, draft)
        try:
            reading = await web.compute(
                lambda: read_opinion(text, base, title=title or None, html=is_html, name=name, draft=draft)
            )
        except input_error as e:
            return page(422, [str(e)], title, draft)
        return page(200, [], title, draft, result=reading.to_dict(), name=name, known=set(base.cases))

    return r
