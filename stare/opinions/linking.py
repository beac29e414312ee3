"""Linking what a text cites to the case base: citation, volume and reporter, name, nickname.

eyecite normalizes reporter spellings through reporters-db ("S.Ct." -> "S. Ct."); the keys here drop
spaces and periods on top of that, so "879 F.2d 583", "879 F. 2d 583" and the case base's spelling meet.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from stare.model.case import Case
from stare.model.casebase import CaseBase

MAX_OPINION_PAGES = 150  # as eyecite: a pin cite further than this from the first page is not believed

_CITE = re.compile(r"^\s*(\d+)\s+(.+?)\s+(\d+)\s*$")
_NONWORD = re.compile(r"[^0-9a-z]+")
_V = re.compile(r"\s+v(?:s)?\.?\s+", re.IGNORECASE)
_STOP = {
    "v", "of", "the", "a", "an", "and", "for", "on", "in", "re", "ex", "rel", "estate", "city", "county",
    "town", "village", "borough", "township", "dept", "dep", "department", "inc", "co", "corp", "llc",
    "et", "al", "matter", "people", "state", "commonwealth",
}  # fmt: skip


def reporter_key(reporter: str) -> str:
    return re.sub(r"[\s.]+", "", reporter).lower()


def split_citation(cite: str) -> tuple[str, str, int] | None:
    """'879 F.2d 583' -> ('879', 'f2d', 583)."""
    m = _CITE.match(cite)
    if not m:
        return None
    return m.group(1), reporter_key(m.group(2)), int(m.group(3))


def party_tokens(party: str) -> frozenset[str]:
    words = (_NONWORD.sub("", w) for w in party.lower().replace("’", "'").replace("'", "").split())
    return frozenset(w for w in words if w and w not in _STOP and not w.isdigit())


def name_parts(name: str) -> tuple[frozenset[str], frozenset[str]]:
    parts = _V.split(name, maxsplit=1)
    first = party_tokens(parts[0])
    second = party_tokens(parts[1]) if len(parts) > 1 else frozenset()
    return first, second


def names_match(a: str | None, b: str | None) -> bool:
    """Same case name, loosely: the first parties share a word, and the second parties too (if both
    are there). 'DeShaney v. Winnebago County Dep't of Soc. Serv.' matches 'DeShaney v. Winnebago
    County Department of Social Services'; 'Estate of Ford v. Ramirez-Palmer' matches itself only."""
    if not a or not b:
        return False
    pa, da = name_parts(a)
    pb, db = name_parts(b)
    if not pa or not pb or not (pa & pb):
        return False
    return not da or not db or bool(da & db)


def mentions(guess: str, name: str | None, extra: list[str] | tuple[str, ...] = ()) -> bool:
    """Does a short-form antecedent ('Wood', 'Grubbs I') name this case?"""
    g = guess.strip(" ,.;:").lower()
    if not g:
        return False
    if any(g == e.lower() for e in extra):
        return True
    toks = party_tokens(g)
    if not toks or not name:
        return False
    first, second = name_parts(name)
    return toks <= (first | second)


@dataclass
class BaseIndex:
    base: CaseBase
    by_cite: dict[str, Case] = field(default_factory=dict)  # "879 f2d 583"
    by_volume: dict[str, list[tuple[int, Case]]] = field(default_factory=dict)  # "879 f2d" -> [(583, case)]
    by_nickname: dict[str, Case] = field(default_factory=dict)

    @classmethod
    def build(cls, base: CaseBase) -> BaseIndex:
        ix = cls(base)
        for case in base.cases.values():
            for cite in case.citations:
                parts = split_citation(cite)
                if not parts:
                    continue
                vol, rep, page = parts
                ix.by_cite.setdefault(f"{vol} {rep} {page}", case)
                ix.by_volume.setdefault(f"{vol} {rep}", []).append((page, case))
            for nick in case.nicknames:
                ix.by_nickname.setdefault(nick, case)
        return ix

    def cite(self, vol: str, rep: str, page: int | None) -> Case | None:
        return self.by_cite.get(f"{vol} {rep} {page}") if page is not None else None

    def near(self, vol: str, rep: str, page: int | None, name: str | None) -> tuple[Case, int] | None:
        """A case of the same name in the same volume whose first page is close to ``page``: the
        citation's first page is probably wrong. Returns (case, its first page)."""
        best = None
        for p0, case in self.by_volume.get(f"{vol} {rep}", []):
            if page is not None and abs(page - p0) > MAX_OPINION_PAGES:
                continue
            if not names_match(name, case.name):
                continue
            d = abs(page - p0) if page is not None else 0
            if best is None or d < best[0]:
                best = (d, case, p0)
        return (best[1], best[2]) if best else None

    def containing(self, vol: str, rep: str, pin: int | None) -> list[tuple[int, Case]]:
        """Cases in this volume whose pages could include ``pin`` (for a short form with no full cite)."""
        if pin is None:
            return []
        return [(p0, c) for p0, c in self.by_volume.get(f"{vol} {rep}", []) if p0 <= pin <= p0 + MAX_OPINION_PAGES]

    def identify(self, title: str | None, first_page: int | None) -> Case | None:
        """The case a text belongs to, from its caption and the page it starts on: among cases of that
        name, the one whose first page is closest below the text's first page."""
        if not title:
            return None
        candidates = [c for c in self.base.cases.values() if names_match(title, c.name)]
        if first_page is None:
            return candidates[0] if len(candidates) == 1 else None
        best = None
        for c in candidates:
            for cite in c.citations:
                parts = split_citation(cite)
                if not parts:
                    continue
                d = first_page - parts[2]
                if 0 <= d <= MAX_OPINION_PAGES and (best is None or d < best[0]):
                    best = (d, c)
        return best[1] if best else None


_cache: dict[int, tuple[CaseBase, BaseIndex]] = {}
_lock = threading.Lock()


def index(base: CaseBase | None) -> BaseIndex | None:
    """The index of a case base, built once per base object."""
    if base is None:
        return None
    with _lock:
        hit = _cache.get(id(base))
        if hit and hit[0] is base:
            return hit[1]
        ix = BaseIndex.build(base)
        if len(_cache) > 8:
            _cache.clear()
        _cache[id(base)] = (base, ix)
        return ix
