"""The prongs, from the elements up: the violation (the conjunctive test and the binding constraint), the
clearly-established inquiry, and what each defendant's claim comes to. Each answer carries the path the
rules took to it, so that the back-test can say how often each path is right (``stare.reasoning.record``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from stare.model.analysis import ClearlyEstablished
from stare.model.case import Case
from stare.model.facts import FactPattern
from stare.reasoning.clearly_established import clearly_established
from stare.reasoning.constraint import Constraint, constraint
from stare.reasoning.elements import ElementDecision, decide_element
from stare.reasoning.setting import Setting

VIOLATION_PATHS = (
    "declined",
    "forced_violation",
    "forced_no_violation",
    "element_forced",
    "element_decisive",
    "element_lean",
    "element_conflict",
    "elements_held_met",
    "elements_lean_met",
)


@dataclass(frozen=True)
class DefendantOutcome:
    defendant: str  # individual | municipality
    survives: bool
    turns_on: str  # violation | clearly_established | policy_or_custom | immunity_not_raised
    path: str  # the key of its record: the violation path, with the clearly-established path where it decides


@dataclass(frozen=True)
class Core:
    decisions: tuple[ElementDecision, ...]
    defeated: dict[str, str]
    bound: Constraint
    violation: bool
    violation_path: str
    ce: ClearlyEstablished
    qualified_immunity: str
    outcomes: tuple[DefendantOutcome, ...]

    @property
    def survives(self) -> bool:
        return any(o.survives for o in self.outcomes)

    def prongs(self) -> dict[str, bool]:
        return {
            "violation": self.violation,
            "clearly_established": self.ce.established,
            "claim_survives": self.survives,
        }


def decide_elements(s: Setting, factors: Iterable[str]) -> tuple[ElementDecision, ...]:
    situation = s.idx.mask(factors)
    weighing = s.doctrine.weighing
    out = []
    for eid in s.elements:
        key = (eid, situation & s.idx.bearing(eid))
        dec = s.decided.get(key)
        if dec is None:
            el = s.doctrine.elements[eid]
            decisive = [r for r in el.decisive if s.known_rule(r)]
            dec = decide_element(eid, s.idx, situation, s.pool, s.binding, s.forcing_bases, weighing, decisive)
            s.decided[key] = dec
        out.append(dec)
    return tuple(out)


def defeated_elements(s: Setting, decisions: Iterable[ElementDecision]) -> dict[str, str]:
    """The elements the law defeats here: forced not met by binding precedent, or by a decisive-facts rule."""
    out = {}
    for d in decisions:
        if d.finding != "not_met":
            continue
        if d.how == "decisive" and d.decisive is not None:
            out[d.element] = "decisive"
        elif d.how == "forced":
            out[d.element] = "forced"
    return out


def reason(s: Setting, factors: frozenset[str], facts: FactPattern, detail: bool = True) -> Core:
    """Every prong for one version of the facts (``detail`` False: the answers and paths only)."""
    decisions = decide_elements(s, factors)
    defeated = defeated_elements(s, decisions)
    forcing_rows = s.pool & s.binding & s.idx.bases_mask(s.forcing_bases)
    bound = constraint(s.idx, s.idx.mask(factors), forcing_rows)
    p = min((d.probability_met for d in decisions), default=0.0)
    weakest = min(decisions, key=lambda d: d.probability_met) if decisions else None
    declined = s.test is not None and not s.test.recognized and s.theory.id == s.test.theory
    if declined:
        p, path = min(p, 0.1), "declined"
    elif bound.forced == "P":
        p, path = max(p, 0.85), "forced_violation"
    elif bound.forced == "D":
        p, path = min(p, 0.15), "forced_no_violation"
    elif p > 0.5:
        held = all(d.how in ("forced", "decisive") for d in decisions)
        path = "elements_held_met" if held else "elements_lean_met"
    else:
        path = f"element_{weakest.how}" if weakest else "element_lean"
    violation = p > 0.5  # the plaintiff bears the burden: an even balance is not a violation

    ce = clearly_established(s, factors, facts.incident_date, defeated, detail)
    outcomes = []
    qi = "not_at_issue"
    if facts.defendant_kind in ("individual", "both"):
        if facts.immunity_raised:
            qi = "denied" if violation and ce.established else "granted"
            survives = violation and ce.established
            turns = "violation" if not violation else "clearly_established"
            key = path if not violation else f"{path}|{ce.path}"
        else:
            survives, turns, key = violation, "immunity_not_raised", path
        outcomes.append(DefendantOutcome("individual", survives, turns, key))
    if facts.defendant_kind in ("municipality", "both"):
        outcomes.append(DefendantOutcome("municipality", violation, "policy_or_custom", path))
    return Core(
        decisions=decisions,
        defeated=defeated,
        bound=bound,
        violation=violation,
        violation_path=path,
        ce=ce,
        qualified_immunity=qi,
        outcomes=tuple(outcomes),
    )


def theory_of(doctrine, factors: Iterable[str]):
    """The exception a fact pattern takes: the first whose routing facts are present, else the default."""
    present = set(factors)
    for rule in doctrine.exceptions():
        if rule.applies_when and set(rule.applies_when) & present:
            return rule
    return next(r for r in doctrine.exceptions() if r.default)


def first_decided(idx, mask: np.ndarray):
    import datetime as dt

    rows = np.nonzero(mask)[0]
    return dt.date.fromordinal(int(idx.decided[rows].min())) if len(rows) else None


def forced_cases(bound: Constraint) -> tuple[Case, ...]:
    return bound.forcing_plaintiff if bound.forced == "P" else bound.forcing_defendant if bound.forced == "D" else ()
