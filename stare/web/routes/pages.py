"""Analyzing a fact file: the form, the analysis page at its own address, and the memo downloads."""

from __future__ import annotations

import base64
import json

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stare.caselaw import DataError
from stare.model.analysis import Analysis
from stare.reasoning import UnknownCitation
from stare.web import forms
from stare.web.state import Web, permalink_token, read_permalink

MEMO_FORMATS = ("markdown", "html", "pdf", "docx")


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


def memo_response(web: Web, analysis: Analysis, fmt: str, with_pictures: bool) -> Response:
    from stare.report.export import FORMATS, TypesetterMissing, export_memo, filename_for

    pictures = web.pictures(analysis) if with_pictures else []
    try:
        data = export_memo(analysis, fmt, pictures)
    except TypesetterMissing as e:
        raise HTTPException(503, str(e)) from None
    return attachment(data, filename_for(analysis, fmt), FORMATS[fmt][1])


async def analysis_page(web: Web, analysis: Analysis, as_of_text: str, exclude_text: str) -> HTMLResponse:
    from stare.report.citations import Citer
    from stare.report.export import memo_of, memo_page_body
    from stare.report.prose import Prose, record

    pictures = await web.compute(web.pictures, analysis)
    memo = await web.compute(memo_of, analysis)
    facts = analysis.facts.model_dump(mode="json", exclude_defaults=True)
    facts_json = json.dumps(facts, ensure_ascii=False)
    token = permalink_token(facts, as_of_text, forms.exclude(exclude_text))
    figures = [(p, "data:image/png;base64," + base64.b64encode(p.png).decode("ascii")) for p in pictures]
    prose = Prose(analysis, Citer({x.id: x for x in analysis.authorities}))
    return web.page(
        "analysis.html",
        a=analysis,
        p=analysis.prediction,
        record=record,
        prose=prose,
        memo_body=memo_page_body(memo),
        figures=figures,
        facts_yaml=facts_json,
        as_of=as_of_text,
        exclude=exclude_text,
        formats=MEMO_FORMATS,
        permalink=f"/analysis/{token}" if token else None,
    )


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    base = web.base

    def form_page(status: int, problems: list[str], text: str = "", as_of: str = "", exclude: str = ""):
        return web.page("analyze.html", status, problems=problems, yaml_text=text, as_of=as_of, exclude=exclude)

    @r.get("/", response_class=HTMLResponse)
    def home():
        return web.page("index.html", authorities=len(base.cases), decisions=len(base.decisions()))

    @r.get("/analyze", response_class=HTMLResponse)
    def analyze_form():
        return form_page(200, [])

    @r.post("/analyze", response_class=HTMLResponse)
    async def analyze_post(request: Request):
        form = await forms.read_form(request)
        text, where, problem = await forms.fact_file(form)
        as_of_text = forms.field(form, "as_of", 20, "law as of")
        exclude_text = forms.field(form, "exclude", 5000, "exclude")
        if problem:
            return form_page(422, [problem], "", as_of_text, exclude_text)
        if not text.strip():
            return form_page(422, ["Upload a fact file or paste one."], "", as_of_text, exclude_text)
        try:
            data = forms.facts_from_text(text, where)
            analysis = await web.compute(web.analyze, data, forms.as_of(as_of_text), forms.exclude(exclude_text), where)
        except HTTPException as e:
            if e.status_code == 413:
                raise
            problems = e.detail if isinstance(e.detail, list) else [str(e.detail)]
            return form_page(422, problems, text, as_of_text, exclude_text)
        except (DataError, UnknownCitation) as e:
            problems = e.problems if isinstance(e, DataError) else [str(e)]
            return form_page(422, problems, text, as_of_text, exclude_text)
        facts = analysis.facts.model_dump(mode="json", exclude_defaults=True)
        token = permalink_token(facts, as_of_text, forms.exclude(exclude_text))
        if token:  # the analysis lives at its own address, so it can be bookmarked and shared
            return RedirectResponse(f"/analysis/{token}", status_code=303)
        return await analysis_page(web, analysis, as_of_text, exclude_text)

    @r.get("/analysis/{token}", response_class=HTMLResponse)
    async def analysis_get(token: str):
        try:
            facts, as_of_text, exclude = read_permalink(token)
        except ValueError as e:
            raise HTTPException(404, str(e)) from None
        try:
            analysis = await web.compute(web.analyze, facts, forms.as_of(as_of_text), exclude, "the address")
        except DataError as e:
            raise HTTPException(422, e.problems) from None
        except UnknownCitation as e:
            raise HTTPException(422, str(e)) from None
        return await analysis_page(web, analysis, as_of_text, "\n".join(exclude))

    @r.post("/memo")
    async def memo_post(request: Request):
        form = await forms.read_form(request)
        fmt = forms.field(form, "format", 20) or "markdown"
        if fmt not in MEMO_FORMATS:
            raise HTTPException(422, f"Unknown memo format {fmt[:20]!r}; allowed: {', '.join(MEMO_FORMATS)}.")
        text = forms.field(form, "facts", 1_000_000, "facts")
        as_of_text = forms.field(form, "as_of", 20, "law as of")
        exclude_text = forms.field(form, "exclude", 5000, "exclude")
        data = forms.facts_from_text(text, "the facts")
        try:
            analysis = await web.compute(web.analyze, data, forms.as_of(as_of_text), forms.exclude(exclude_text))
        except DataError as e:
            raise HTTPException(422, e.problems) from None
        except UnknownCitation as e:
            raise HTTPException(422, str(e)) from None
        return await web.compute(memo_response, web, analysis, fmt, True)

    return r


async def run_blocking(fn, *args):
    return await run_in_threadpool(fn, *args)
