"""What may be known on a date: the case base as of a day, less excluded decisions; binding authority."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from stare.model.case import Case
from stare.model.casebase import CaseBase

#: The circuit each state's federal district courts sit in (28 U.S.C. 41), to route a district-court
#: fact pattern to its circuit's binding precedent.
STATE_CIRCUIT = {
    **dict.fromkeys(["Maine", "Massachusetts", "New Hampshire", "Rhode Island", "Puerto Rico"], "ca1"),
    **dict.fromkeys(["Connecticut", "New York", "Vermont"], "ca2"),
    **dict.fromkeys(["Delaware", "New Jersey", "Pennsylvania", "Virgin Islands"], "ca3"),
    **dict.fromkeys(["Maryland", "North Carolina", "South Carolina", "Virginia", "West Virginia"], "ca4"),
    **dict.fromkeys(["Louisiana", "Mississippi", "Texas"], "ca5"),
    **dict.fromkeys(["Kentucky", "Michigan", "Ohio", "Tennessee"], "ca6"),
    **dict.fromkeys(["Illinois", "Indiana", "Wisconsin"], "ca7"),
    **dict.fromkeys(["Arkansas", "Iowa", "Minnesota", "Missouri", "Nebraska", "North Dakota", "South Dakota"], "ca8"),
    **dict.fromkeys(
        ["Alaska", "Arizona", "California", "Hawaii", "Idaho", "Montana", "Nevada", "Oregon", "Washington", "Guam"],
        "ca9",
    ),
    **dict.fromkeys(["Colorado", "Kansas", "New Mexico", "Oklahoma", "Utah", "Wyoming"], "ca10"),
    **dict.fromkeys(["Alabama", "Florida", "Georgia"], "ca11"),
    "District of Columbia": "cadc",
}
CIRCUITS = ("ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc")


class UnknownCitation(ValueError):
    """An --exclude-citation that names no case in the base."""


def circuit_of(court_id: str) -> str | None:
    """The regional circuit whose law binds a court; None for the Supreme Court or an unknown court."""
    if court_id in CIRCUITS:
        return court_id
    from stare.model.courts import _courts

    c = _courts().get(court_id)
    if not c:
        return None
    return STATE_CIRCUIT.get(c.get("location") or "")


def case_circuit(case: Case) -> str | None:
    return case.circuit or circuit_of(case.court)


def is_binding(case: Case, circuit: str | None) -> bool:
    """Binding: the Supreme Court, or a published decision of the circuit's own court of appeals."""
    if case.court == "scotus":
        return True
    return case.published and not case.district_court and case.court == circuit


def excluded_family(base: CaseBase, citations: Iterable[str]) -> set[str]:
    """Ids of the cases the citations name, with all their other reported versions."""
    out: set[str] = set()
    for cite in citations:
        case = base.by_citation(cite) or base.cases.get(cite)
        if case is None:
            raise UnknownCitation(
                f"--exclude-citation {cite!r} names no case in the case base "
                "(give a reporter citation such as '411 F.3d 1134', or a case id)"
            )
        out |= base.version_family(case.id)
    return out


def known_on(base: CaseBase, as_of: dt.date | None = None, exclude: Iterable[str] = ()) -> CaseBase:
    """The case base as a lawyer would have had it on ``as_of``: decisions before that date, less the
    excluded cases and their other versions, and none that had been overruled, vacated or abrogated by then.
    """
    import numpy as np

    from stare.reasoning.index import index_of

    exclude = list(exclude)
    gone = excluded_family(base, exclude)
    idx = index_of(base)
    kept = {idx.cases[i].id: idx.cases[i] for i in np.nonzero(idx.known(as_of, gone))[0]}
    return dataclasses.replace(
        base,
        cases=kept,
        excluded=tuple(sorted(gone)),
        as_of=as_of,
    )
