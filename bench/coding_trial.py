"""A blind trial of interview guidance on two factor questions (caselaw/CHANGELOG.md, 2026-12-04).

Four readers answered "the danger existed before" and "mere inaction" for every back-tested decision from
its facts text alone (bench/coding-trial/instructions-common.md): half with drafted guidance
(q-guided.md), half without (q-unguided.md), each half covering every decision once. This prints how often
each arm, and the stored second coding, agrees with the base's own coding.

    python bench/coding_trial.py
"""

from __future__ import annotations

import json
from pathlib import Path

from stare.caselaw import load_case_base

HERE = Path(__file__).parent / "coding-trial"
FACTORS = ("DANGER_PREEXISTING", "MERE_INACTION")


def answers(arm: str) -> dict[str, dict]:
    out = {}
    for path in sorted(HERE.glob(f"out-{arm}-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out[row["id"]] = row
    return out


def main() -> None:
    base = load_case_base()
    arms = {"with guidance": answers("guided"), "without guidance": answers("unguided")}
    ids = sorted(set.intersection(*(set(a) for a in arms.values())))
    print(f"{len(ids)} decisions, each answered once in each arm")
    for fid in FACTORS:
        in_base = {c: fid in base.cases[c].factors for c in ids}
        print(f"\n{fid}: the base codes it in {sum(in_base.values())}")
        for name, arm in arms.items():
            agree = sum(bool(arm[c][fid]) == in_base[c] for c in ids)
            print(f"  {name:18} agrees {agree}/{len(ids)}, answers yes {sum(bool(arm[c][fid]) for c in ids)}")
        second = [c for c in ids if c in base.second_coding]
        agree = sum((fid in base.second_coding[c].factors) == in_base[c] for c in second)
        print(f"  {'stored 2nd coding':18} agrees {agree}/{len(second)}")


if __name__ == "__main__":
    main()
