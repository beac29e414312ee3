"""Finding a case in the base: by a citation anywhere in a text (read by eyecite), or by words of its name,
citations, facts, holdings and parenthetical. Used by the web app's precedent search and the MCP tools."""

from __future__ import annotations

import re

from stare.model.case import Case
from stare.model.casebase import CaseBase

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
                (c.outcome.disposition or "").lower(),
                (c.parenthetical.text if c.parenthetical else "").lower(),
                " ".join(c.factor_notes.values()).lower(),
            ]
        )
        if all(w in text for w in words):
            scored.append((sum(w in name for w in words), c.decided, c))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [c for _, _, c in scored]
