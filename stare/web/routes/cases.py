"""The precedents: a searchable list and a page per case."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from stare.lookup import find_by_citation, search
from stare.web.state import Web


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    base = web.base

    @r.get("/cases", response_class=HTMLResponse)
    def cases_page(
        court: Annotated[str | None, Query(max_length=20)] = None,
        q: Annotated[str | None, Query(max_length=300)] = None,
    ):
        if q:
            hit = base.cases.get(q.strip()) or base.by_citation(q) or find_by_citation(base, q)
            if hit is not None:
                return RedirectResponse(f"/cases/{hit.id}", status_code=303)
            rows = search(base, q)
        else:
            rows = sorted(base.cases.values(), key=lambda c: (c.decided, c.id))
        if court:
            rows = [c for c in rows if court in (c.court, c.circuit)]
        courts = sorted({c.court for c in base.cases.values()})
        return web.page("cases.html", rows=rows, courts=courts, court=court or "", q=q or "")

    @r.get("/cases/{case_id}", response_class=HTMLResponse)
    def case_page(case_id: Annotated[str, Path(max_length=200)]):
        case = base.cases.get(case_id)
        if case is None:
            raise HTTPException(404, f"There is no case {case_id[:100]!r} in the case base.")
        factors = [(f, base.doctrine.factors.get(f), case.factor_notes.get(f)) for f in case.factors]
        history = [(h, base.cases.get(h.case) if h.case else None) for h in case.history]
        return web.page(
            "case.html",
            case=case,
            factors=factors,
            history=history,
            source_file=base.source_file(case.id),
            cited_by=web.cited_by.get(case.id, []),
            uses=web.doctrine_uses.get(case.id, []),
            elements={e: base.doctrine.elements[e].name for e in case.elements if e in base.doctrine.elements},
        )

    return r
