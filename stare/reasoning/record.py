"""stare's own record: the back-test, and the confidences it earns.

The back-test predicts every decision in the base as of its own decision date, with itself and its other
reported versions excluded, exactly as ``stare analyze --as-of --exclude-citation`` would. Each prediction
is filed under the path the rules took to it (``prediction.VIOLATION_PATHS``,
``clearly_established.PATHS``). A confidence that stare prints is that record: of the predictions made the
same way, on decisions decided before the date analyzed (never the case itself or a version of it), how
many were right, as (right + 1) / (of + 2). With fewer than ``weighing.least_record`` such predictions the
record of every prediction of that prong is used instead, and the confidence says so.

By default the record is kept on the second, blind coding of each decision (``caselaw/second-coding``):
facts coded by a reader who is not the coder of the base, as a user codes her own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stare.model.analysis import Confidence
from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.facts import FactPattern
from stare.reasoning.knowledge import case_circuit

TARGETS = ("violation", "clearly_established", "qualified_immunity", "claim_survives")
KIND_WORDS = {
    "violation": "predictions of the violation",
    "clearly_established": "predictions of whether the right was clearly established",
    "qualified_immunity": "predictions of qualified immunity",
    "claim_survives": "predictions of whether the claim survives",
}


@dataclass(frozen=True)
class Entry:
    case: str
    family: frozenset[str]
    decided: dt.date
    target: str
    path: str
    predicted: object
    truth: object

    @property
    def right(self) -> bool:
        return self.predicted == self.truth


@dataclass(frozen=True)
class Prediction:
    """One back-test prediction of a decision: what the rules said, by which paths, and what the court did."""

    case: Case
    coding: str
    engine: dict[str, object]
    paths: dict[str, str]
    truth: dict[str, object]
    explanation: str


@dataclass(frozen=True)
class TrackRecord:
    entries: tuple[Entry, ...]
    coding: str  # "second" or "first"
    least: int = 8

    def confidence(
        self,
        target: str,
        path: str,
        day: dt.date,
        excluded: Iterable[str] = (),
        words: str = "",
    ) -> Confidence:
        gone = set(excluded)
        earlier = [e for e in self.entries if e.target == target and e.decided < day and not (e.family & gone)]
        same = [e for e in earlier if e.path == path]
        broader = len(same) < self.least
        pool = earlier if broader else same
        right = sum(e.right for e in pool)
        n = len(pool)
        p = (right + 1) / (n + 2)
        kind = KIND_WORDS[target] if broader else (words or KIND_WORDS[target])
        return Confidence(
            probability=round(max(p, 1 - p), 3),
            right=right if p >= 0.5 else n - right,
            of=n,
            kind=kind,
            broader=broader,
            reversed=p < 0.5,
        )


EMPTY = TrackRecord(entries=(), coding="none")


def truth_of(case: Case) -> dict[str, object]:
    o = case.outcome
    qi = o.qualified_immunity if o.qualified_immunity in ("granted", "denied") else None
    return {
        "violation": o.violation,
        "clearly_established": o.clearly_established,
        "qualified_immunity": qi,
        "claim_survives": o.claim_survives,
    }


def fact_pattern_of(case: Case, base: CaseBase, coding: str = "first") -> FactPattern:
    """The precedent's facts as a client would bring them: its factors (as the base codes them, or as the
    second reader did), court, posture, and the date of the conduct as well as the sources fix it (the incident
    date, else the latest date they allow, else the decision date)."""
    second = base.second_coding.get(case.id) if coding == "second" else None
    factors = second.factors if second else case.factors
    unsure = [f for f in second.unsure if f not in factors] if second else []
    return FactPattern(
        name=case.name,
        court=case_circuit(case) or case.court,
        incident_date=case.conduct_date[0],
        posture=case.posture or "summary_judgment",
        defendant_kind=case.defendant_kind or "individual",
        facts=case.facts or "",
        factors=factors,
        unsure=unsure,
        # a fact of the posture, not of the result: immunity was before the court if the court ruled on
        # it, or if it found no violation and so had no need to (then the answer does not depend on it)
        immunity_raised=case.outcome.qualified_immunity in ("granted", "denied") or not case.outcome.violation,
    )


def evaluated(base: CaseBase) -> list[Case]:
    """The decisions the back-test predicts: those of a kind some exception takes as its precedents that
    decided the violation, clearly established law, or both."""
    kinds = {k for r in base.doctrine.exceptions() for k in r.precedents}
    return sorted(
        (
            c
            for c in base.cases.values()
            if c.kind == "decision"
            and c.doctrine in kinds
            and (c.outcome.violation is not None or c.outcome.clearly_established is not None)
        ),
        key=lambda c: (c.decided, c.id),
    )


def backtest(base: CaseBase, coding: str = "first", progress: Callable[[], None] | None = None) -> list[Prediction]:
    from stare.reasoning.analysis import core_of

    out = []
    for case in evaluated(base):
        if progress:
            progress()
        facts = fact_pattern_of(case, base, coding)
        _, core = core_of(base, facts, as_of=case.decided, exclude=[case.id], detail=False)
        engine = {
            "violation": core.violation,
            "clearly_established": core.ce.established,
            "qualified_immunity": core.qualified_immunity if core.qualified_immunity != "not_at_issue" else None,
            "claim_survives": core.survives,
        }
        main = core.outcomes[0]
        paths = {
            "violation": core.violation_path,
            "clearly_established": core.ce.path,
            "qualified_immunity": main.path,
            "claim_survives": main.path,
        }
        out.append(
            Prediction(
                case=case,
                coding=coding,
                engine=engine,
                paths=paths,
                truth=truth_of(case),
                explanation=f"{core.violation_path}; {core.ce.path}",
            )
        )
    return out


def record_of(base: CaseBase, predictions: list[Prediction], coding: str) -> TrackRecord:
    entries = []
    for pr in predictions:
        family = frozenset(base.version_family(pr.case.id))
        for t in TARGETS:
            if pr.truth[t] is None or pr.engine[t] is None:
                continue
            entries.append(Entry(pr.case.id, family, pr.case.decided, t, pr.paths[t], pr.engine[t], pr.truth[t]))
    least = base.doctrine.weighing.least_record if base.doctrine.weighing else 8
    return TrackRecord(entries=tuple(entries), coding=coding, least=least)


_RECORDS: dict[tuple[int, str], tuple[dict, TrackRecord]] = {}


def track_record(base: CaseBase, coding: str = "second") -> TrackRecord:
    """The base's back-test record, computed once per base and coding (a fraction of a second)."""
    if coding == "second" and not base.second_coding:
        coding = "first"
    key = (id(base.cases), coding)
    hit = _RECORDS.get(key)
    if hit is not None and hit[0] is base.cases:
        return hit[1]
    record = record_of(base, backtest(base, coding), coding)
    if len(_RECORDS) > 8:
        _RECORDS.clear()
    _RECORDS[key] = (base.cases, record)
    return record
