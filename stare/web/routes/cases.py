"""The precedents: a searchable list and a page per case."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.web.state import Web

WORD = re.compile(r"[a-z0-9][a-z0-9'.-]*")


def find_by_citation(base: CaseBase, text: str) -> Case | None:
    """A case named by a citation anywhere in ``text`` (a full Bluebook citation with name, pinpoint and
    parenthetical, or a bare "227 F.3d 1082"), read by eyecite."""
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation

    for cite in get_citations(text):
        if isinstance(cite, FullCaseCitation):
            g = cite.groups
            key = f"{g.get('volume')} {g.get('reporter')} {g.get('page')}"
            hit = base.by_citation(key)
            if hit is not None:
                return hit
    return None


def search(base: CaseBase, q: str) -> list[Case]:
    """Cases whose name, citation, facts, holdings or parenthetical hold every word of ``q``, best first."""
    words = WORD.findall(q.lower())
    if not words:
        return []
    scored = []
    for c in base.cases.values():
        name = c.name.lower()
        text = " ".join(
            [
                name,
                " ".join(c.citations).lower(),
                (c.facts or "").lower(),
                " ".join(h.text for h in c.holdings).lower(),
                (c.parenthetical.text if c.parenthetical else "").lower(),
                " ".join(c.factor_notes.values()).lower(),
            ]
        )
        if all(w in text for w in words):
            scored.append((sum(w in name for w in words), c.decided, c))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [c for _, _, c in scored]


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
