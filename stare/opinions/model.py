"""What reading an opinion yields: authorities, their occurrences, cite-check warnings, a summary.

Plain dataclasses. ``Reading.to_dict()`` is the JSON interface (``stare read --format json``): the keys
named in the issue (authorities[].name/citations/court/year/case_id/occurrences[], warnings[], statutes[],
other[], summary) are stable; further keys may be added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OCCURRENCE_KINDS = ("full", "short", "id", "supra", "reference", "nickname", "majority", "same_case")


@dataclass
class Occurrence:
    """One place an authority is cited. ``offset``/``end`` are character offsets in the text as read;
    ``page`` is the reporter page of the opinion the citation stands on (from its star pagination)."""

    kind: str
    text: str
    offset: int
    end: int
    page: int | None = None
    pin: str | None = None
    nickname: str | None = None
    ambiguous: bool = False
    # --- internal: positions in the clean text, and what a pin cite here is measured against ---
    clean_start: int = field(default=0, repr=False)  # start of the occurrence (case name included)
    cite_start: int = field(default=0, repr=False)  # start of the reporter citation itself
    clean_end: int = field(default=0, repr=False)
    target: str | None = field(default=None, repr=False)  # authority (or statute) key
    volume: str | None = field(default=None, repr=False)
    reporter: str | None = field(default=None, repr=False)  # reporter key ("f2d")
    reporter_label: str | None = field(default=None, repr=False)  # as printed ("F.2d")
    first_page: int | None = field(default=None, repr=False)  # the first page the pin is measured from
    nested: bool = field(default=False, repr=False)  # inside an explanatory parenthetical of another cite

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "text": self.text, "page": self.page, "offset": self.offset}
        d["end"] = self.end
        if self.pin:
            d["pin"] = self.pin
        if self.nickname:
            d["nickname"] = self.nickname
        if self.ambiguous:
            d["ambiguous"] = True
        return d


@dataclass
class Printed:
    """One full citation of an authority as the text prints it: parallel reporters, court, year."""

    citations: list[str]  # as printed
    normalized: list[str]  # reporters-db spelling, via eyecite
    keys: list[tuple[str, str, int | None]]  # (volume, reporter key, first page)
    offset: int  # clean offset of the first reporter citation
    name: str | None = None
    court: str | None = None
    court_text: str | None = None
    year: int | None = None
    blank: str | None = None  # a citation printed without its page ("543 U.S. ___")
    years_of_reporters: list[tuple[str, int | None, int | None]] = field(default_factory=list)


@dataclass
class Authority:
    key: str
    name: str | None
    name_as_cited: str | None = None
    court: str | None = None
    year: int | None = None
    case_id: str | None = None
    case_citation: str | None = None
    case_court: str | None = None
    case_year: int | None = None
    nicknames: list[str] = field(default_factory=list)
    self_opinion: bool = False
    printed: list[Printed] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def citations(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.printed:
            for c in ([p.blank] if p.blank else []) + p.citations:
                seen.setdefault(c, None)
        if not seen and self.case_citation:
            seen[self.case_citation] = None
        return list(seen)

    @property
    def parallel(self) -> list[list[str]]:
        groups: list[list[str]] = []
        for p in self.printed:
            g = ([p.blank] if p.blank else []) + p.citations
            if g not in groups:
                groups.append(g)
        return groups

    @property
    def normalized(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.printed:
            for c in p.normalized:
                seen.setdefault(c, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "name_as_cited": self.name_as_cited,
            "citations": self.citations,
            "parallel": self.parallel,
            "normalized_citations": self.normalized,
            "court": self.court,
            "year": self.year,
            "case_id": self.case_id,
            "case_base": (
                {"citation": self.case_citation, "court": self.case_court, "year": self.case_year}
                if self.case_id
                else None
            ),
            "nicknames": self.nicknames,
            "self": self.self_opinion,
            "occurrences": [o.to_dict() for o in self.occurrences],
        }


@dataclass
class Statute:
    """A statute or other non-case authority (a law review, a bare "§ 1983")."""

    citation: str
    kind: str  # statute | section | journal
    occurrences: list[Occurrence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"citation": self.citation, "kind": self.kind, "occurrences": [o.to_dict() for o in self.occurrences]}


@dataclass
class CiteWarning:
    kind: str
    message: str
    offsets: list[int]
    pages: list[int | None] = field(default_factory=list)
    authority: str | None = None  # the authority key

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "offsets": self.offsets,
            "pages": self.pages,
            "authority": self.authority,
        }


@dataclass
class Reading:
    source: str | None
    title: str | None
    kind: str = "text"
    length: int = 0
    first_page: int | None = None
    last_page: int | None = None
    opinion_case_id: str | None = None
    opinion_citation: str | None = None
    authorities: list[Authority] = field(default_factory=list)
    statutes: list[Statute] = field(default_factory=list)
    other: list[Statute] = field(default_factory=list)
    unresolved: list[Occurrence] = field(default_factory=list)
    warnings: list[CiteWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def authority(self, key_or_case: str) -> Authority | None:
        for a in self.authorities:
            if key_or_case in (a.key, a.case_id):
                return a
        return None

    def find(self, name_part: str) -> list[Authority]:
        """Authorities whose name (as cited, or in the case base) contains ``name_part``."""
        low = name_part.lower()
        return [a for a in self.authorities if low in (a.name or "").lower() or low in (a.name_as_cited or "").lower()]

    @property
    def summary(self) -> dict[str, Any]:
        cited = [a for a in self.authorities if not a.self_opinion or a.printed]
        known = [a for a in cited if a.case_id]
        missing = [a for a in cited if not a.case_id]
        kinds: dict[str, int] = {}
        for a in self.authorities:
            for o in a.occurrences:
                kinds[o.kind] = kinds.get(o.kind, 0) + 1
        return {
            "authorities": len(cited),
            "known": len(known),
            "missing": [{"name": a.name, "citation": (a.citations or [None])[0]} for a in missing],
            "occurrences": sum(kinds.values()),
            "occurrences_by_kind": kinds,
            "unresolved": len(self.unresolved),
            "statutes": len(self.statutes),
            "other": len(self.other),
            "warnings": len(self.warnings),
            "warnings_by_kind": _count(w.kind for w in self.warnings),
            "opinion": {
                "title": self.title,
                "case_id": self.opinion_case_id,
                "citation": self.opinion_citation,
                "references": sum(len(a.occurrences) for a in self.authorities if a.self_opinion),
            },
            "pages": [self.first_page, self.last_page] if self.first_page is not None else None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "input_format": self.kind,
            "length": self.length,
            "authorities": [a.to_dict() for a in self.authorities],
            "statutes": [s.to_dict() for s in self.statutes],
            "other": [s.to_dict() for s in self.other],
            "unresolved": [o.to_dict() for o in self.unresolved],
            "warnings": [w.to_dict() for w in self.warnings],
            "notes": self.notes,
            "summary": self.summary,
        }


def _count(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in items:
        out[k] = out.get(k, 0) + 1
    return out
