"""What may be known on a date: the case base as of a day, less excluded decisions; binding authority."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.courts import CIRCUITS, circuit_of

__all__ = ["CIRCUITS", "UnknownCitation", "case_circuit", "circuit_of", "excluded_family", "is_binding", "known_on"]


class UnknownCitation(ValueError):
    """An --exclude-citation that names no case in the base."""


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
