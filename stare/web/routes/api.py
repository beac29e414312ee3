"""The JSON API: analyze, memo, pictures, cases, factors, the interview as data, and reading opinions. It
mirrors the command line. CPU-bound work runs in the compute limiter, never on the event loop."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from stare.caselaw import DataError
from stare.model.analysis import Analysis
from stare.reasoning import UnknownCitation
from stare.web.routes.pages import memo_response
from stare.web.schemas import AnalyzeRequest, CaseSummary, Health, MemoRequest, Problems, ReadRequest
from stare.web.state import Web

PICTURE_NAMES = ("timeline", "precedent-map")


def router(web: Web) -> APIRouter:
    r = APIRouter()
    base = web.base
    problems = {422: {"model": Problems, "description": "the input is wrong; each problem names the field"}}

    def run(req: AnalyzeRequest) -> Analysis:
        try:
            return web.analyze(req.facts, req.as_of, req.exclude_citation)
        except DataError as e:
            raise HTTPException(422, e.problems) from None
        except UnknownCitation as e:
            raise HTTPException(422, [str(e)]) from None

    @r.get("/api/health", response_model=Health, tags=["meta"])
    def health():
        return Health(
            status="ok", authorities=len(base.cases), decisions=len(base.decisions()), reader=web.reader is not None
        )

    @r.post("/api/analyze", response_model=Analysis, responses=problems, tags=["analyze"])
    async def api_analyze(req: AnalyzeRequest):
        """Analyze a fact pattern (``stare analyze FILE --format json``): elements, arguments, clearly
        established, prediction."""

        def work() -> bytes:
            # the Analysis is already validated: serialize it once, as the CLI does, not again via FastAPI
            return run(req).model_dump_json().encode()

        return Response(await web.compute(work), media_type="application/json")

    @r.post(
        "/api/memo",
        response_class=Response,
        responses={
            **problems,
            200: {
                "description": "the memo as a file",
                "content": {
                    "text/markdown": {},
                    "text/html": {},
                    "application/pdf": {},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                },
            },
        },
        tags=["analyze"],
    )
    async def api_memo(req: MemoRequest):
        """The memo (``stare analyze --format markdown``) as markdown, HTML, PDF or Word, with the pictures."""
        return await web.compute(lambda: memo_response(web, run(req), req.format, req.pictures))

    @r.post(
        "/api/pictures/{name}",
        response_class=Response,
        responses={**problems, 200: {"content": {"image/png": {}}, "description": "a PNG"}},
        tags=["analyze"],
    )
    async def api_picture(name: Literal["timeline", "precedent-map"], req: AnalyzeRequest):
        """A picture of the analysis: the binding precedents' timeline with the incident date, or the
        precedent map (classical MDS of Jaccard distances between factor sets)."""
        pictures = await web.compute(lambda: web.pictures(run(req)))
        png = pictures[PICTURE_NAMES.index(name)].png
        return Response(png, media_type="image/png")

    @r.get("/api/cases", response_model=list[CaseSummary], tags=["cases"])
    def api_cases(court: Annotated[str | None, Query(max_length=20, description="only this court")] = None):
        """The authorities in the case base (``stare cases list --format json``)."""
        rows = sorted(base.cases.values(), key=lambda c: (c.court, c.decided))
        if court:
            rows = [c for c in rows if court in (c.court, c.circuit)]
        return [CaseSummary(**c.summary()) for c in rows]

    @r.get("/api/cases/{ref}", tags=["cases"], responses={404: {"model": Problems}})
    def api_case(ref: Annotated[str, Path(max_length=200, description="a case id or a citation")]) -> dict[str, Any]:
        """One authority (``stare cases show ID --format json``), with its data file and the cases whose
        history names it."""
        case = base.cases.get(ref) or base.by_citation(ref)
        if case is None:
            import difflib

            near = difflib.get_close_matches(ref, list(base.cases), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise HTTPException(404, [f"no case {ref[:100]!r} in the case base{hint}"])
        data = case.model_dump(mode="json")
        data["source_file"] = base.source_file(case.id)
        data["cited_by"] = web.cited_by.get(case.id, [])
        return data

    @r.get("/api/factors", tags=["cases"])
    def api_factors() -> list[dict[str, Any]]:
        """The factor vocabulary: id, side, fact, question, elements."""
        return [f.model_dump(mode="json") for f in base.doctrine.factors.values()]

    @r.get("/api/interview", tags=["interview"])
    def api_interview(court: Annotated[str | None, Query(max_length=20)] = None) -> dict[str, Any]:
        """The guided interview as data: its steps, its questions in order (with help and an example from
        a real precedent), and its skip rules."""
        iv = web.interview
        questions = []
        for q in iv.questions():
            ex = iv.example(q.key, court) if q.is_factor else None
            questions.append(
                {
                    "key": q.key,
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "help": q.help,
                    "choices": [list(c) for c in q.choices],
                    "required": q.required,
                    "side": q.side,
                    "example": None if ex is None else {"case_id": ex.case_id, "line": ex.line},
                }
            )
        return {
            "steps": [{"id": s.id, "title": s.title, "keys": list(s.keys)} for s in iv.steps()],
            "questions": questions,
            "skip_rules": [
                {
                    "question": r.question,
                    "reason": r.reason,
                    "unless_yes": list(r.unless_yes),
                    "if_yes": list(r.if_yes),
                    "if_detail": list(r.if_detail) if r.if_detail else None,
                }
                for r in iv.rules
            ],
        }

    if web.reader is not None:

        @r.post("/api/read", tags=["read"], responses={**problems, 413: {"model": Problems}})
        async def api_read(req: ReadRequest) -> dict[str, Any]:
            """Read an opinion (``stare read FILE --format json``): the table of authorities, short forms,
            Id., nicknames, star pages, and the cite-check warnings; with ``draft``, flag every citation that
            stare cannot verify (a brief or an AI draft)."""
            read_opinion, input_error, _decode = web.reader

            def work():
                return read_opinion(
                    req.text, base, title=req.title, html=req.html, name="text", draft=req.draft
                ).to_dict()

            try:
                return await web.compute(work)
            except input_error as e:
                raise HTTPException(422, [str(e)]) from None

    return r
