"""In-process latency of `analyze` on the bundled case base and on synthetic bases of 1k, 10k, 100k.

Prints p50 and p95 for each size and the ratio to the bundled base measured in the same run, so the
figures compare across machines. Targets on a 2-core machine: p50 <= 50 ms bundled, <= 500 ms at 100k.

    .venv/bin/python bench/analyze_latency.py [--sizes 1000,10000,100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import statistics
import time

from stare import analyze, load_case_base
from stare.model.facts import FactPattern

COURTS = ["ca1", "ca2", "ca3", "ca4", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc"]


def synthetic_base(base, n: int, seed: int = 7):
    """The bundled base plus n synthetic decisions drawn from its factor vocabulary."""
    rng = random.Random(seed)
    p_ids = [f.id for f in base.doctrine.factors.values() if f.side == "P" and f.id != "IN_CUSTODY"]
    d_ids = [f.id for f in base.doctrine.factors.values() if f.side == "D"]
    template = base.cases["wood-v-ostrander-1989"]
    cases = dict(base.cases)
    for i in range(n):
        ps = rng.sample(p_ids, rng.randint(1, 7))
        ds = rng.sample(d_ids, rng.randint(0, 4))
        violation = len(ps) - 1.5 * len(ds) + rng.gauss(0, 1.5) > 2
        decided = dt.date(1985, 1, 1) + dt.timedelta(days=rng.randint(0, 14000))
        cid = f"synthetic-{i}"
        cases[cid] = template.model_copy(
            update={
                "id": cid,
                "name": f"Synthetic {i}",
                "citations": [f"{900 + i // 1000} F.5th {i % 1000 + 1}"],
                "court": rng.choice(COURTS),
                "decided": decided,
                "incident_date": decided - dt.timedelta(days=700),
                "factors": ps + ds,
                "factor_notes": {},
                "elements": {},
                "history": [],
                "outcome": template.outcome.model_copy(update={"violation": violation, "claim_survives": violation}),
            }
        )
    return dataclasses.replace(base, cases=cases)


def measure(base, facts: list[FactPattern], runs: int) -> tuple[float, float]:
    times = []
    for i in range(runs):
        fp = facts[i % len(facts)]
        t0 = time.perf_counter()
        analyze(base, fp, as_of=dt.date(2024, 1, 1))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    from pathlib import Path

    from stare.caselaw import load_fact_pattern

    base = load_case_base()
    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
    facts = [load_fact_pattern(p, base.doctrine) for p in examples]
    analyze(base, facts[0])  # warm caches (courts-db, templates)
    p50_0, p95_0 = measure(base, facts, args.runs)
    print(f"{'precedents':>12} {'p50 ms':>9} {'p95 ms':>9} {'p50 / bundled':>14}")
    print(f"{len(base.decisions()):>12} {p50_0:9.1f} {p95_0:9.1f} {1.0:14.1f}   (bundled case base)")
    for n in [int(x) for x in args.sizes.split(",") if x]:
        big = synthetic_base(base, n)
        analyze(big, facts[0])
        p50, p95 = measure(big, facts, max(5, args.runs // (1 + n // 20000)))
        print(f"{len(big.decisions()):>12} {p50:9.1f} {p95:9.1f} {p50 / p50_0:14.1f}")


if __name__ == "__main__":
    main()
