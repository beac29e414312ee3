"""Counts of the case base by circuit, decade and outcome, and the timeline picture."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from stare.model.casebase import CaseBase
from stare.reasoning.knowledge import CIRCUITS, case_circuit

COURT_ORDER = ("scotus", *CIRCUITS)


def _court_key(court: str) -> int:
    return COURT_ORDER.index(court) if court in COURT_ORDER else len(COURT_ORDER)


def case_stats(base: CaseBase) -> dict:
    decisions = base.decisions()
    by_court: dict[str, dict] = defaultdict(lambda: {"decades": Counter(), "P": 0, "D": 0, "total": 0})
    decades = set()
    for c in decisions:
        court = c.court if c.court == "scotus" else (case_circuit(c) or c.court)
        dec = f"{c.decided.year // 10 * 10}s"
        decades.add(dec)
        row = by_court[court]
        row["decades"][dec] += 1
        row["P" if c.outcome.violation else "D"] += 1
        row["total"] += 1
    ordered = {
        k: {**v, "decades": dict(v["decades"])} for k, v in sorted(by_court.items(), key=lambda kv: _court_key(kv[0]))
    }
    return {
        "authorities": len(base.cases),
        "decisions": len(decisions),
        "decades": sorted(decades),
        "by_court": ordered,
        "by_doctrine": dict(Counter(c.doctrine for c in decisions)),
        "outcomes": {
            "violation": sum(bool(c.outcome.violation) for c in decisions),
            "no_violation": sum(c.outcome.violation is False for c in decisions),
            "claim_survives": sum(bool(c.outcome.claim_survives) for c in decisions),
        },
    }


def draw_timeline(base: CaseBase, path: Path | str, mark: tuple[str, object] | None = None, title: str | None = None):
    """One row per court, one dot per decision, colored by outcome; an optional date line (an incident)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    decisions = base.decisions()
    courts = sorted(
        {(c.court if c.court == "scotus" else case_circuit(c) or c.court) for c in decisions}, key=_court_key
    )
    fig, ax = plt.subplots(figsize=(11, 0.45 * max(len(courts), 4) + 1.5), dpi=110)
    for row, court in enumerate(courts):
        for c in decisions:
            cc = c.court if c.court == "scotus" else case_circuit(c) or c.court
            if cc != court:
                continue
            color = "#2e7d32" if c.outcome.violation else "#c62828"
            marker = "o" if c.published and not c.district_court else "s"
            ax.scatter(c.decided, row, color=color, marker=marker, s=38, zorder=3, edgecolors="white", linewidths=0.5)
    if mark:
        label, day = mark
        ax.axvline(day, color="#1565c0", linestyle="--", linewidth=1.2, zorder=2)
        ax.text(day, len(courts) - 0.4, f" {label}", color="#1565c0", fontsize=9, va="bottom")
    ax.set_yticks(range(len(courts)), courts)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title or "State-created danger and custody decisions by court (green: violation found; red: none)")
    from matplotlib.lines import Line2D

    ax.legend(
        handles=[
            Line2D([], [], marker="o", color="w", markerfacecolor="#2e7d32", label="violation found", markersize=8),
            Line2D([], [], marker="o", color="w", markerfacecolor="#c62828", label="no violation", markersize=8),
            Line2D(
                [],
                [],
                marker="s",
                color="w",
                markerfacecolor="#757575",
                label="unpublished or district court",
                markersize=7,
            ),
        ],
        loc="lower left",
        fontsize=8,
    )
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
