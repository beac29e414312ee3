"""The back-test: predict every decision as of its own date, with itself (and its other versions)
excluded, exactly as ``stare analyze --as-of --exclude-citation`` would, and compare with what the court
did. Nothing is fitted per case; the engine has no parameter learned from the case base, and the
baselines see only decisions before each prediction's date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.facts import FactPattern
from stare.reasoning.analysis import THEORY_DOCTRINES, analyze
from stare.reasoning.knowledge import case_circuit, known_on

TARGETS = ("violation", "clearly_established", "qualified_immunity", "claim_survives")
EVALUATED_DOCTRINES = THEORY_DOCTRINES["state_created_danger"] | THEORY_DOCTRINES["special_relationship"]


@dataclass
class Row:
    case: Case
    truth: dict[str, object]
    engine: dict[str, object]
    majority: dict[str, object]
    neighbor: dict[str, object]
    reason: str


@dataclass
class Result:
    rows: list[Row] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def accuracy(self, method: str, target: str) -> tuple[int, int]:
        hit = n = 0
        for r in self.rows:
            t = r.truth.get(target)
            if t is None:
                continue
            n += 1
            hit += getattr(r, method).get(target) == t
        return hit, n

    def confusion(self, target: str) -> Counter:
        c: Counter = Counter()
        for r in self.rows:
            t = r.truth.get(target)
            if t is not None:
                c[(t, r.engine.get(target))] += 1
        return c


def fact_pattern_of(case: Case) -> FactPattern:
    """The precedent's facts as a client would bring them: its factors, court, date and posture."""
    return FactPattern(
        name=case.name,
        court=case_circuit(case) or case.court,
        incident_date=case.incident_date or case.decided,
        posture=case.posture or "summary_judgment",
        defendant_kind=case.defendant_kind or "individual",
        facts=case.facts or "",
        factors=case.factors,
        factor_notes={},
        # a fact of the posture, not of the result: immunity was before the court if the court ruled on
        # it, or if it found no violation and so had no need to (then the answer does not depend on it)
        immunity_raised=case.outcome.qualified_immunity in ("granted", "denied") or not case.outcome.violation,
    )


def truth_of(case: Case) -> dict[str, object]:
    o = case.outcome
    qi = o.qualified_immunity if o.qualified_immunity in ("granted", "denied") else None
    return {
        "violation": o.violation,
        "clearly_established": o.clearly_established,
        "qualified_immunity": qi,
        "claim_survives": o.claim_survives,
    }


def _majority(earlier: list[Case]) -> dict[str, object]:
    out: dict[str, object] = {}
    for t in TARGETS:
        votes = Counter(v for c in earlier if (v := truth_of(c)[t]) is not None)
        out[t] = votes.most_common(1)[0][0] if votes else None
    return out


def _neighbor(case: Case, earlier: list[Case]) -> dict[str, object]:
    mine = set(case.factors)

    def score(c: Case) -> tuple[float, dt.date]:
        theirs = set(c.factors)
        union = mine | theirs
        return (len(mine & theirs) / len(union) if union else 0.0, c.decided)

    out: dict[str, object] = {}
    for t in TARGETS:
        pool = [c for c in earlier if truth_of(c)[t] is not None]
        out[t] = truth_of(max(pool, key=score))[t] if pool else None
    return out


def evaluate(base: CaseBase, progress: Callable[[], None] | None = None) -> Result:
    result = Result()
    for case in sorted(base.decisions(), key=lambda c: c.decided):
        if progress:
            progress()
        if case.doctrine not in EVALUATED_DOCTRINES:
            result.skipped.append((case.id, f"doctrine {case.doctrine} is not predicted"))
            continue
        facts = fact_pattern_of(case)
        analysis = analyze(base, facts, as_of=case.decided, exclude=[case.citation])
        p = analysis.prediction
        engine = {
            "violation": p.violation,
            "clearly_established": p.clearly_established,
            "qualified_immunity": p.qualified_immunity,
            "claim_survives": p.claim_survives,
        }
        earlier_base = known_on(base, case.decided, [case.citation])
        earlier = [c for c in earlier_base.decisions() if c.doctrine in EVALUATED_DOCTRINES]
        result.rows.append(
            Row(
                case=case,
                truth=truth_of(case),
                engine=engine,
                majority=_majority(earlier),
                neighbor=_neighbor(case, earlier),
                reason=f"{p.constraint} {p.explanation}",
            )
        )
    return result


def _pct(hit: int, n: int) -> str:
    return f"{hit}/{n} = {hit / n:.1%}" if n else "n/a"


def render_report(result: Result) -> str:
    lines = ["# stare back-test", ""]
    lines.append(
        f"{len(result.rows)} decisions predicted as of their own decision dates, each with itself and its other "
        "reported versions excluded. Baselines see the same earlier decisions."
    )
    lines += ["", "| target | stare | majority of earlier | nearest earlier neighbor |", "|---|---|---|---|"]
    for t in TARGETS:
        lines.append(
            f"| {t} | {_pct(*result.accuracy('engine', t))} | {_pct(*result.accuracy('majority', t))} | "
            f"{_pct(*result.accuracy('neighbor', t))} |"
        )
    for t in ("violation", "claim_survives"):
        c = result.confusion(t)
        lines += [
            "",
            f"Confusion matrix, {t} (rows: what the court held; columns: stare's prediction)",
            "",
            "| held \\ predicted | true | false |",
            "|---|---|---|",
            f"| true | {c[(True, True)]} | {c[(True, False)]} |",
            f"| false | {c[(False, True)]} | {c[(False, False)]} |",
        ]
    lines += ["", "## Misses", ""]
    for r in result.rows:
        wrong = [t for t in ("violation", "claim_survives") if r.truth[t] is not None and r.engine[t] != r.truth[t]]
        if wrong:
            lines.append(
                f"- **{r.case.name}**, {r.case.citation} ({r.case.court} {r.case.decided.year}) — missed "
                f"{', '.join(wrong)} (held {', '.join(f'{t}={r.truth[t]}' for t in wrong)}). Engine: {r.reason}"
            )
    if result.skipped:
        lines += ["", "## Not predicted", ""] + [f"- {cid}: {why}" for cid, why in result.skipped]
    return "\n".join(lines) + "\n"
