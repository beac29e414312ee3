"""stare for AI assistants: analyze, cite-check and case lookup as tools over the Model Context Protocol,
on the official ``mcp`` SDK. ``stare mcp`` serves them over stdio; an assistant that drafts a brief can
check every citation in it against the verified case base, and analyze a fact pattern, before a lawyer
relies on either. A thin layer: each tool calls the same public API as the CLI and the web app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from stare.model.casebase import CaseBase

INSTRUCTIONS = (
    "stare reasons from a verified case base of decisions on the DeShaney rule, its state-created-danger and "
    "custody exceptions, and qualified immunity. Every authority it returns is an entry of that base. Use "
    "check_citations on any draft before relying on its citations; use analyze_facts for a fact pattern "
    "(factor ids from list_factors); use find_case to look a case up by name, citation or id."
)


def build_server(base: CaseBase | None = None):
    """The MCP server over ``base`` (the bundled case base by default)."""
    from mcp.server.mcpserver import MCPServer

    if base is None:
        from stare.caselaw import load_case_base

        base = load_case_base()
    server = MCPServer(name="stare", instructions=INSTRUCTIONS)

    @server.tool(description="The factor vocabulary: each id, the side it favors, and the plain question it asks.")
    def list_factors() -> list[dict[str, Any]]:
        return [
            {"id": f.id, "favors": "plaintiff" if f.side == "P" else "defendant", "question": f.question}
            for f in base.doctrine.factors.values()
        ]

    @server.tool(
        description="Analyze a fact pattern (the fields of a stare fact file: name, court, incident_date, posture, "
        "defendant_kind, facts, factors, factor_notes, ...). Returns the predicted answers with their "
        "back-test records and the memo as Markdown. as_of (YYYY-MM-DD) limits the law to decisions before it."
    )
    def analyze_facts(facts: dict[str, Any], as_of: str | None = None, memo: bool = True) -> dict[str, Any]:
        from stare.caselaw import DataError, parse_fact_pattern
        from stare.reasoning import UnknownCitation, analyze
        from stare.report.memo import render_memo

        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            return {"problems": [f"as_of {as_of[:20]!r} is not a date; write YYYY-MM-DD"]}
        try:
            fp = parse_fact_pattern(facts, base.doctrine, "facts")
            a = analyze(base, fp, as_of=day)
        except DataError as e:
            return {"problems": e.problems}
        except UnknownCitation as e:
            return {"problems": [str(e)]}
        p = a.prediction
        out: dict[str, Any] = {
            "court": a.court_name,
            "violation": p.violation,
            "violation_confidence": p.violation_confidence.model_dump(),
            "clearly_established": p.ce_status,
            "qualified_immunity": p.qualified_immunity,
            "answers": [x.model_dump() for x in p.answers],
            "authorities": [{"name": x.name, "citation": x.cite, "holding": x.parenthetical} for x in a.authorities],
        }
        if memo:
            out["memo"] = render_memo(a)
        return out

    @server.tool(
        description="Check the case citations in a brief or draft: every citation the verified case base does not "
        "hold is flagged 'not verified', and every one whose name, court or year disagrees with the base is "
        "flagged too."
    )
    def check_citations(text: str) -> dict[str, Any]:
        from stare.opinions import InputError, read_opinion

        try:
            reading = read_opinion(text, base, name="draft", draft=True)
        except InputError as e:
            return {"problems": [str(e)]}
        return {
            "warnings": [{"kind": w.kind, "message": w.message} for w in reading.warnings],
            "verified": [
                {"name": a.name, "citation": a.case_citation, "case_id": a.case_id}
                for a in reading.authorities
                if a.case_id
            ],
            "not_verified": [
                ", ".join(a.citations) for a in reading.authorities if not a.case_id and not a.self_opinion
            ],
        }

    @server.tool(description="Look up a case in the verified base by id, citation or words of its name or facts.")
    def find_case(query: str) -> list[dict[str, Any]]:
        from stare.lookup import find_by_citation, search

        q = query[:300]
        hit = base.cases.get(q.strip()) or base.by_citation(q) or find_by_citation(base, q)
        cases = [hit] if hit else search(base, q)[:10]
        return [
            {
                "id": c.id,
                "citation": c.short_cite(),
                "decided": c.decided.isoformat(),
                "holding": c.parenthetical.text if c.parenthetical else None,
                "data_file": base.source_file(c.id),
            }
            for c in cases
        ]

    return server


def serve_stdio(base: CaseBase | None = None) -> None:  # pragma: no cover - runs until the client closes
    build_server(base).run("stdio")
