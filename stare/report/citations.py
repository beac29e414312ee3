"""Citations as the Bluebook writes them, and the table of authorities they make.

A ``Citer`` is handed every authority an analysis names and then asked, in reading order, for each
citation. The first citation of a case is full (*Munger v. City of Glasgow Police Dep't*, 227 F.3d 1082,
1086 (9th Cir. 2000)); later ones are short, by the first party's name or the case's nickname
(*Munger*, 227 F.3d at 1087); *Id.* follows only a citation to the same authority in the same paragraph.
Case names are italic, nothing else is. Every citation leaves a marker that the exports turn into an anchor,
so the table of authorities can give the pages (PDF, Word) or the sections (Markdown, HTML) of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stare.model.analysis import Authority
from stare.model.casebase import normalize_citation

MARK = "\u2063"  # invisible separator around an anchor number: survives markdown, removed or made an anchor
MARK_RE = re.compile(MARK + r"(\d+)" + MARK)
_PIN = re.compile(r"^(?P<vol>\d+)\s+(?P<rep>.+?)\s+at\s+(?P<page>[\d\-–,& n.]+?)\s*(?P<rest>\(.*\))?$")


def italic(text: str) -> str:
    return f"*{text}*"


def strip_marks(text: str) -> str:
    return MARK_RE.sub("", text)


@dataclass
class Use:
    case: str
    section: str
    anchor: int


@dataclass
class Citer:
    authorities: dict[str, Authority]
    section: str = ""
    uses: list[Use] = field(default_factory=list)
    _cited: set[str] = field(default_factory=set)
    _last: str | None = None

    def paragraph(self) -> str:
        """A new paragraph: Id. may not reach back past it."""
        self._last = None
        return ""

    def at(self, section: str) -> str:
        self.section = section
        return self.paragraph()

    def _mark(self, case: str) -> str:
        n = len(self.uses) + 1
        self.uses.append(Use(case, self.section, n))
        return f"{MARK}{n}{MARK}"

    # --- the forms ------------------------------------------------------------------------------

    def cite(
        self, case: str, pinpoint: str | None = None, parenthetical: str | None = None, allow_id: bool = True
    ) -> str:
        """A citation in a citation sentence or clause: full the first time, then short, or Id. (not where
        the citation is the subject of a sentence: ``allow_id`` False)."""
        a = self.authorities[case]
        mark = self._mark(case)
        paren = f" ({parenthetical})" if parenthetical else ""
        if self._last == case and allow_id:
            page = self._page(a, pinpoint)
            text = "*Id.*" + (f" at {page}" if page else "")
        elif case in self._cited:
            text = self._short(a, pinpoint)
        else:
            text = self._full(a, pinpoint)
        self._cited.add(case)
        # a short form without a page is the case's name alone, a reference rather than a citation, and Id.
        # does not follow a reference
        self._last = None if text == italic(short_name(a)) else case
        return mark + text + paren

    def name(self, case: str) -> str:
        """The case named in a sentence: its full citation the first time, then its short name in italics."""
        if case not in self._cited:
            return self.cite(case)
        a = self.authorities[case]
        self._last = None
        return self._mark(case) + italic(short_name(a))

    def full(self, case: str, pinpoint: str | None = None) -> str:
        self._cited.add(case)
        self._last = case
        return self._mark(case) + self._full(self.authorities[case], pinpoint)

    # --- building the forms ---------------------------------------------------------------------

    def _page(self, a: Authority, pinpoint: str | None) -> str | None:
        if not pinpoint:
            return None
        m = _PIN.match(pinpoint.strip())
        if not m:
            return None
        if not any(
            normalize_citation(f"{m['vol']} {m['rep']}") == normalize_citation(_vol_rep(c)) for c in a.citations
        ):
            return None
        return m["page"].strip()

    def _pin_parts(self, a: Authority, pinpoint: str | None) -> tuple[str, str, str]:
        """(the citation to use, the page, anything else the pinpoint says)."""
        if not pinpoint:
            return a.citation, "", ""
        m = _PIN.match(pinpoint.strip())
        if m:
            key = normalize_citation(f"{m['vol']} {m['rep']}")
            for c in a.citations:
                if normalize_citation(_vol_rep(c)) == key:
                    return c, m["page"].strip(), (m["rest"] or "").strip("() ")
            return a.citation, "", pinpoint
        rest = pinpoint.strip()
        if rest.startswith(a.citation):
            rest = rest[len(a.citation) :].strip()
        # a note on what was seen ("syllabus; the opinion page was not seen") is for the file, not the reader
        rest = rest.strip("() ").split(";")[0].strip()
        return a.citation, "", rest

    def _full(self, a: Authority, pinpoint: str | None) -> str:
        cit, page, rest = self._pin_parts(a, pinpoint)
        parallel = f"{a.citation}, " if cit != a.citation else ""
        where = f"{a.court_label} " if a.court_label else ""
        text = f"{italic(a.name)}, {parallel}{cit}{', ' + page if page else ''} ({where}{a.decided.year})"
        if rest:
            text += f" ({rest})"
        short = short_name(a)
        if short != a.name and short not in a.name:
            text += f" (“{italic(short)}”)"
        return text

    def _short(self, a: Authority, pinpoint: str | None) -> str:
        """ "*Munger*, 227 F.3d at 1087"; without a verified page, the name alone (a short form needs a page:
        "227 F.3d 1082" after the full cite would read as a second, different citation)."""
        cit, page, rest = self._pin_parts(a, pinpoint)
        text = f"{italic(short_name(a))}, {_vol_rep(cit)} at {page}" if page else italic(short_name(a))
        return text + (f" ({rest})" if rest else "")

    # --- the table of authorities -------------------------------------------------------------

    def cited(self) -> list[Authority]:
        """Every authority cited, alphabetically (the table lists nothing that was not cited)."""
        ids = {u.case for u in self.uses}
        return sorted((self.authorities[i] for i in ids), key=lambda a: (a.name.lower(), a.decided))

    def sections_of(self, case: str) -> list[str]:
        out: list[str] = []
        for u in self.uses:
            if u.case == case and u.section and u.section not in out:
                out.append(u.section)
        return out

    def anchors_of(self, case: str) -> list[int]:
        return [u.anchor for u in self.uses if u.case == case]


def _vol_rep(citation: str) -> str:
    """'974 F.2d 119' -> '974 F.2d'."""
    parts = citation.rsplit(" ", 1)
    return parts[0] if len(parts) == 2 and parts[1].isdigit() else citation


_GOVERNMENT = re.compile(
    r"^(County|City|Town|Village|Borough|State|Commonwealth|United States|District of Columbia|Board|Department)\b"
)


def short_name(a: Authority) -> str:
    """The short form: the case's nickname where it has one, else the first party's name (the other party's
    where the first is a government, as the Bluebook has it)."""
    if a.short and a.short != a.name:
        return a.short
    first, _, second = a.name.partition(" v. ")
    if _GOVERNMENT.match(first) and second:
        return second.split(",")[0]
    return first
