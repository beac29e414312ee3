"""Running eyecite over a text in bounded pieces.

eyecite's ``get_citations`` scans the rest of the document after every full citation (looking for
"Name at 12" references), so its time grows with citations x length: a 700 KB run of citations takes
minutes. Opinions are read here in pieces of about ``CHUNK`` characters cut at paragraph (or sentence)
boundaries, which keeps the time linear and changes nothing for an ordinary opinion (a citation never
spans a paragraph break). Resolution (``resolve_citations``) still runs over the whole list.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass

from eyecite import get_citations
from eyecite.models import CitationBase

CHUNK = 16_000
_SLACK = 4_000
BUDGET_SECONDS = 120.0

# eyecite logs "Unknown overlap case" for ordinary parallel short forms; it is noise to a reader.
logging.getLogger("eyecite").setLevel(logging.ERROR)


@dataclass
class Found:
    """One eyecite citation and where it stands in the whole (clean) text."""

    cite: CitationBase
    base: int  # offset of the piece the citation was found in

    @property
    def start(self) -> int:
        return self.base + self.cite.span()[0]

    @property
    def end(self) -> int:
        return self.base + self.cite.span()[1]

    @property
    def full_start(self) -> int:
        return self.base + self.cite.full_span()[0]

    @property
    def full_end(self) -> int:
        return self.base + self.cite.full_span()[1]

    @property
    def kind(self) -> str:
        return type(self.cite).__name__


def pieces(text: str, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """(start, end) of pieces of about ``size`` characters, cut after a newline, else after "; " or
    ". ", else after a space, else anywhere."""
    n, start = len(text), 0
    while start < n:
        end = start + size
        if end + _SLACK >= n:
            yield start, n
            return
        lo, hi = end - _SLACK, end + _SLACK
        cut = text.rfind("\n", lo, hi)
        if cut >= 0:
            cut += 1
        else:
            cut = max(text.rfind("; ", lo, hi), text.rfind(". ", lo, hi))
            if cut >= 0:
                cut += 2
            else:
                cut = text.rfind(" ", lo, hi)
                cut = cut + 1 if cut >= 0 else end
        yield start, cut
        start = cut


def find(text: str, problems: list[str] | None = None, budget: float | None = None) -> list[Found]:
    """Every citation eyecite finds, in order. A piece eyecite fails on is reported, not fatal; past
    ``budget`` seconds (default BUDGET_SECONDS) the rest of the text is left unread, and that is
    reported too."""
    budget = BUDGET_SECONDS if budget is None else budget
    out: list[Found] = []
    t0 = time.monotonic()
    for a, b in pieces(text):
        if time.monotonic() - t0 > budget:
            if problems is not None:
                problems.append(
                    f"read only the first {a:,} of {len(text):,} characters: the time budget of {budget:.0f} s "
                    "ran out (the text holds an unusual density of citations)"
                )
            break
        piece = text[a:b]
        if piece == "eyecite":  # get_citations("eyecite") returns an easter-egg citation
            continue
        try:
            cites = get_citations(piece)
        except Exception as e:  # eyecite is third-party code: never let one odd paragraph end the read
            if problems is not None:
                problems.append(f"eyecite failed on characters {a}-{b}: {type(e).__name__}: {e}")
            continue
        n = len(piece)
        out.extend(Found(c, a) for c in cites if _inside(c, n))
    return out


def _inside(c: CitationBase, n: int) -> bool:
    s, e = c.span()
    fs, fe = c.full_span()
    return 0 <= s <= e <= n and 0 <= fs <= fe <= n
