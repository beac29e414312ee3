"""The setting an analysis reasons in: the law known on the date, the court and its circuit, the theory of
liability and its elements, the stage of the case. Built once per analysis and passed to every step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from stare.model.analysis import PrecedentRef, SourceRef
from stare.model.case import Case, Source
from stare.model.casebase import CaseBase
from stare.model.doctrine import CircuitTest, CircuitTestVersion, Doctrine, Rule
from stare.reasoning.index import PrecedentIndex
from stare.reasoning.knowledge import case_circuit


class KnownCases(Mapping):
    """The cases known on a date, as a read-only view of the whole base through the index's mask (no copy
    of a 100,000-case dict for every analysis)."""

    def __init__(self, cases: dict[str, Case], idx: PrecedentIndex, known: np.ndarray):
        self._cases, self._row, self._known = cases, idx.row, known

    def __getitem__(self, cid: str) -> Case:
        if cid in self:
            return self._cases[cid]
        raise KeyError(cid)

    def __contains__(self, cid: object) -> bool:
        row = self._row.get(cid)  # type: ignore[arg-type]
        return row is not None and bool(self._known[row])

    def __iter__(self) -> Iterator[str]:
        return (cid for cid in self._cases if cid in self)

    def __len__(self) -> int:
        return int(self._known.sum())


@dataclass(frozen=True)
class Setting:
    full: CaseBase  # the whole base (for ids and files)
    base: CaseBase  # the base as known on the date, less exclusions
    idx: PrecedentIndex  # the index of the whole base
    known: np.ndarray  # rows known on the date
    day: dt.date  # the date the law is taken as of
    circuit: str | None
    posture: str
    theory: Rule
    test: CircuitTest | None
    version: CircuitTestVersion | None
    recognized_on: dt.date | None
    elements: tuple[str, ...]
    conscience: tuple[Rule, ...]
    pool: np.ndarray  # known decisions of the theory that decided the violation
    ce_pool: np.ndarray  # known decisions of the theory, including those that decided only immunity
    binding: np.ndarray  # rows binding on the court
    forcing_bases: tuple[str, ...]  # the bases whose holdings force at this stage
    notice_bases: tuple[str, ...]  # the bases whose violations can give notice
    notes: dict[str, str] = field(default_factory=dict)
    #: element decisions already made in this setting, by element and the facts that bear on it: a hinge
    #: search varies one fact at a time, and an element the fact does not bear on is decided the same way
    decided: dict = field(default_factory=dict)

    @property
    def doctrine(self) -> Doctrine:
        return self.base.doctrine

    def knows(self, case_id: str) -> bool:
        return case_id in self.base.cases

    def rule(self, role: str) -> Rule | None:
        """The rule with this role, if its first source is known on the date."""
        for r in self.doctrine.by_role(role):
            if self.known_rule(r):
                return r
        return None

    def known_rule(self, rule) -> bool:
        return any(s.case in self.base.cases for s in rule.sources)

    def is_binding(self, case: Case) -> bool:
        return bool(self.binding[self.idx.row[case.id]])

    def sources(self, sources: Iterable[Source]) -> list[SourceRef]:
        """The known sources of a rule, each marked binding or persuasive here."""
        out = []
        for s in sources:
            c = self.base.cases.get(s.case)
            if c is None:
                continue
            out.append(
                SourceRef(
                    case=c.id,
                    name=c.display_name,
                    cite=c.short_cite(),
                    pinpoint=s.pinpoint,
                    quote=s.quote,
                    binding=self.is_binding(c),
                )
            )
        return out

    def ref(
        self,
        case: Case,
        won: str | None = None,
        relation: str = "weighed",
        basis: str | None = None,
        situation: frozenset[str] = frozenset(),
    ) -> PrecedentRef:
        mine = set(case.factors)
        if won is None:
            won = "plaintiff" if case.outcome.violation else "defendant"
        d = self.doctrine
        their = {f: (case.fact_in_words(f) or d.factors[f].phrase).rstrip(".") for f in case.factors if f in d.factors}
        return PrecedentRef(
            id=case.id,
            name=case.display_name,
            short=case.short,
            cite=case.short_cite(),
            citation=case.citation,
            court=case_circuit(case) or case.court,
            court_label=case.court_label,
            decided=case.decided,
            binding=self.is_binding(case),
            won=won,
            relation=relation,
            basis=basis or case.outcome.basis,
            shared=sorted(situation & mine),
            differences=sorted(mine ^ set(situation)) if situation else [],
            parenthetical=case.parenthetical.text if case.parenthetical else None,
            pinpoint=case.parenthetical.pinpoint if case.parenthetical else None,
            their_facts=their,
            source_file=self.full.source_file(case.id),
        )
