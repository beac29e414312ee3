"""The back-test's figures against the targets, and how fragile predictions are to the coding of one fact.

Prints, for the base's own coding and for the blind second coding: accuracy of stare and of the two
baselines, the Brier scores, the worst confidence band (stated minus right), and the targets. Then the
fragility figure: the share of (decision, coded factor) pairs where dropping that one factor flips the
violation prediction, overall and for the factors that flip most. Timing is a ratio to one analysis of the
Kennedy example run in the same process.

    .venv/bin/python bench/backtest.py [--no-fragility]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from stare import analyze, load_case_base, load_fact_pattern
from stare.evaluation import evaluate, figures, worst_band
from stare.reasoning.analysis import core_of
from stare.reasoning.record import evaluated, fact_pattern_of

REPO = Path(__file__).resolve().parents[1]
TARGETS = {
    "first": {"violation": 0.88, "clearly_established": 0.80, "qualified_immunity": 0.80, "claim_survives": 0.85},
    "second": {"violation": 0.85, "clearly_established": 0.75, "claim_survives": 0.82},
}


def fragility(base) -> tuple[float, int, Counter, Counter]:
    flips, tried = Counter(), Counter()
    for case in evaluated(base):
        if case.outcome.violation is None:
            continue
        facts = fact_pattern_of(case, base)
        _, core = core_of(base, facts, as_of=case.decided, exclude=[case.id], detail=False)
        for f in facts.factors:
            fewer = facts.model_copy(update={"factors": [g for g in facts.factors if g != f]})
            _, other = core_of(base, fewer, as_of=case.decided, exclude=[case.id], detail=False)
            tried[f] += 1
            flips[f] += other.violation != core.violation
    n = sum(tried.values())
    return sum(flips.values()) / n, n, flips, tried


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-fragility", action="store_true")
    args = ap.parse_args()
    base = load_case_base()
    kennedy = load_fact_pattern(REPO / "examples" / "kennedy.yaml", base.doctrine)
    analyze(base, kennedy)  # warm the index
    t = time.perf_counter()
    analyze(base, kennedy)
    one = time.perf_counter() - t

    for coding in ("first", "second"):
        t = time.perf_counter()
        result = evaluate(base, coding)
        took = time.perf_counter() - t
        got = figures(result)
        worst = {b.target: b for b in worst_band(result)}
        print(f"\n{coding} coding ({took / one:.0f} analyses' time)")
        print(f"  {'target':22} {'stare':>7} {'majority':>9} {'nearest':>8}   {'Brier s/m/n':>20}  worst band  target")
        for target, f in got.items():
            goal = TARGETS[coding].get(target)
            mark = "" if goal is None else f">= {goal:.0%} {'met' if f['stare'] >= goal else 'NOT MET'}"
            print(
                f"  {target:22} {f['stare']:7.1%} {f['majority']:9.1%} {f['neighbor']:8.1%}   "
                f"{f['brier']:.3f}/{f['brier_majority']:.3f}/{f['brier_neighbor']:.3f}  "
                f"{worst[target].shortfall:+10.0f}  {mark}"
            )

        for b in worst.values():
            lo, hi = b.interval
            where = "inside" if b.verdict == "yes" else "outside"
            print(
                f"  worst band, {b.target}: {b.band}, {b.right} of {b.n} right at {b.stated:.0%} stated; "
                f"{where} {lo:.0%}-{hi:.0%}"
            )

    if not args.no_fragility:
        t = time.perf_counter()
        share, n, flips, tried = fragility(base)
        took = time.perf_counter() - t
        print(f"\nfragility: dropping one coded factor flips the violation prediction in {share:.1%} of {n} trials")
        print(f"  ({took / one:.0f} analyses' time); the factors that flip it most often:")
        for f, k in sorted(flips.items(), key=lambda kv: -kv[1] / tried[kv[0]])[:6]:
            print(f"  {f:32} {k:3}/{tried[f]:<3} = {k / tried[f]:.0%}")


if __name__ == "__main__":
    main()
