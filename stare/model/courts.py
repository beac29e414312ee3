"""Court ids and labels, from courts-db: stare keeps no court list of its own."""

from __future__ import annotations

from functools import cache


@cache
def _courts() -> dict[str, dict]:
    from courts_db import courts

    return {c["id"]: c for c in courts}


def is_court(court_id: str) -> bool:
    return court_id in _courts()


def court_label(court_id: str) -> str:
    """The citation-string label ("9th Cir.", "D.C. Cir."); empty for the Supreme Court."""
    if court_id == "scotus":
        return ""
    c = _courts().get(court_id)
    return (c or {}).get("citation_string") or court_id


def court_name(court_id: str) -> str:
    c = _courts().get(court_id)
    return (c or {}).get("name") or court_id


def is_federal_appellate(court_id: str) -> bool:
    c = _courts().get(court_id)
    return bool(c) and c.get("type") == "appellate" and c.get("system") == "federal"


def close_court_ids(court_id: str, limit: int = 5) -> list[str]:
    """Suggestions for an unknown court id, by edit similarity among federal appellate ids first."""
    import difflib

    pool = [cid for cid in _courts() if is_federal_appellate(cid) or cid == "scotus"]
    return difflib.get_close_matches(court_id, pool, n=limit, cutoff=0.3) or sorted(pool)[:limit]
