"""The back-test report: every decision predicted as of its own date with itself (and its other versions)
excluded, exactly as ``stare analyze --as-of --exclude-citation`` would, against what the court did; with
two baselines, the Brier score of every stated probability, a reliability table, and how often each path
of the rules was right. Nothing is fitted per case: each stated probability is the record of predictions
made the same way on decisions decided before the one predicted (``stare.reasoning.record``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from scipy.stats import binomtest

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.reasoning.knowledge import known_on
from stare.reasoning.record import TARGETS, Prediction, backtest, evaluated, record_of, truth_of

BANDS = ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
NEIGHBOR_K = 5


@dataclass
class Row:
    case: Case
    truth: dict[str, object]
    engine: dict[str, object]
    paths: dict[str, str]
    stated: dict[str, float]  # the probability stare states that the engine's answer is right
    majority: dict[str, object]
    majority_p: dict[str, float]  # the baseline's probability that the answer is true
    neighbor: dict[str, object]
    neighbor_p: dict[str, float]
    reason: str


@dataclass
class Result:
    coding: str
    rows: list[Row] = field(default_factory=list)

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

    def brier(self, method: str, target: str) -> tuple[float, int]:
        """Mean squared error of the probability each method gave the true answer."""
        total = n = 0.0
        for r in self.rows:
            t = r.truth.get(target)
            if t is None or r.engine.get(target) is None:
                continue
            if method == "engine":
                p_right = r.stated[target]
                err = 1 - p_right if r.engine[target] == t else p_right
            else:
                p_true = getattr(r, f"{method}_p")[target]
                err = (1 - p_true) if t == _positive(target) else p_true
            total += err**2
            n += 1
        return (total / n if n else float("nan")), int(n)

    def reliability(self, target: str) -> list[tuple[str, int, int, float]]:
        """For each band of stated confidence: how many predictions, how many right, the mean stated."""
        out = []
        for lo, hi in BANDS:
            sel = [
                r
                for r in self.rows
                if r.truth.get(target) is not None and r.engine.get(target) is not None and lo <= r.stated[target] < hi
            ]
            right = sum(r.engine[target] == r.truth[target] for r in sel)
            mean = sum(r.stated[target] for r in sel) / len(sel) if sel else 0.0
            out.append((f"{lo:.0%}-{min(hi, 1):.0%}", len(sel), right, mean))
        return out

    def paths(self, target: str) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.rows:
            if r.truth.get(target) is None or r.engine.get(target) is None:
                continue
            key = r.paths[target].split("|")[-1]
            out[key][1] += 1
            out[key][0] += r.engine[target] == r.truth[target]
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


WORST_BAND_LEAST = 5


def share_interval(right: int, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of the share right, from ``right`` of ``n`` predictions."""
    ci = binomtest(right, n).proportion_ci(confidence_level=0.95, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True)
class Band:
    """One band of stated confidence for one prong: how many predictions, how many right, the mean stated."""

    target: str
    band: str
    n: int
    right: int
    stated: float

    @property
    def shortfall(self) -> float:
        """Points by which the stated confidence exceeds the share right."""
        return 100 * (self.stated - self.right / self.n)

    @property
    def interval(self) -> tuple[float, float]:
        return share_interval(self.right, self.n)

    @property
    def verdict(self) -> str:
        """Whether the stated confidence lies inside the interval chance leaves open."""
        lo, hi = self.interval
        return "yes" if lo <= self.stated <= hi else "no: too confident" if self.stated > hi else "no: too modest"


def bands(result: Result, target: str) -> list[Band]:
    return [Band(target, band, n, right, mean) for band, n, right, mean in result.reliability(target) if n]


def worst_band(result: Result) -> list[Band]:
    """For each prong, its band (of at least ``WORST_BAND_LEAST`` predictions) whose stated confidence most
    exceeds the share it got right."""
    out = []
    for t in TARGETS:
        big = [b for b in bands(result, t) if b.n >= WORST_BAND_LEAST]
        if big:
            out.append(max(big, key=lambda b: b.shortfall))
    return out


def _positive(target: str) -> object:
    return "granted" if target == "qualified_immunity" else True


def _majority(earlier: list[Case]) -> tuple[dict, dict]:
    answer, p = {}, {}
    for t in TARGETS:
        votes = Counter(v for c in earlier if (v := truth_of(c)[t]) is not None)
        answer[t] = votes.most_common(1)[0][0] if votes else None
        n = sum(votes.values())
        p[t] = (votes[_positive(t)] + 1) / (n + 2)
    return answer, p


def _neighbor(case: Case, factors: set[str], earlier: list[Case]) -> tuple[dict, dict]:
    def score(c: Case) -> tuple[float, dt.date]:
        theirs = set(c.factors)
        union = factors | theirs
        return (len(factors & theirs) / len(union) if union else 0.0, c.decided)

    answer, p = {}, {}
    for t in TARGETS:
        pool = sorted((c for c in earlier if truth_of(c)[t] is not None), key=score, reverse=True)
        answer[t] = truth_of(pool[0])[t] if pool else None
        k = pool[:NEIGHBOR_K]
        p[t] = (sum(truth_of(c)[t] == _positive(t) for c in k) + 1) / (len(k) + 2)
    return answer, p


def evaluate(base: CaseBase, coding: str = "first", progress: Callable[[], None] | None = None) -> Result:
    """The back-test on the base's own coding ("first") or on the second, blind coding ("second")."""
    preds: list[Prediction] = backtest(base, coding, progress)
    record = record_of(base, preds, coding)
    result = Result(coding=coding)
    for pr in preds:
        case = pr.case
        family = base.version_family(case.id)
        stated = {}
        for t in TARGETS:
            if pr.engine[t] is None:
                stated[t] = 0.5
                continue
            c = record.confidence(t, pr.paths[t], case.decided, family)
            # the probability that the engine's own answer is right, as its record then stood
            stated[t] = c.probability if not c.reversed else 1 - c.probability
        earlier = evaluated(known_on(base, case.decided, [case.id]))
        factors = (
            set(base.second_coding[case.id].factors)
            if coding == "second" and case.id in base.second_coding
            else set(case.factors)
        )
        maj, maj_p = _majority(earlier)
        nb, nb_p = _neighbor(case, factors, earlier)
        result.rows.append(Row(case, pr.truth, pr.engine, pr.paths, stated, maj, maj_p, nb, nb_p, pr.explanation))
    return result


def _pct(hit: int, n: int) -> str:
    return f"{hit}/{n} = {hit / n:.1%}" if n else "n/a"


def figures(result: Result) -> dict[str, dict[str, float]]:
    """The headline figures, for the README test and the bench script."""
    out = {}
    for t in TARGETS:
        hit, n = result.accuracy("engine", t)
        mh, _ = result.accuracy("majority", t)
        nh, _ = result.accuracy("neighbor", t)
        out[t] = {
            "stare": hit / n if n else 0.0,
            "majority": mh / n if n else 0.0,
            "neighbor": nh / n if n else 0.0,
            "n": n,
            "brier": result.brier("engine", t)[0],
            "brier_majority": result.brier("majority", t)[0],
            "brier_neighbor": result.brier("neighbor", t)[0],
        }
    return out


DATE_KNOWN = {
    "exact": "the incident date",
    "bound": "the latest date its sources allow (the day is not known)",
    "decision": "the decision date (no date of the conduct could be seen)",
}


def _conduct_dates(result: Result) -> list[str]:
    """How well the date of the conduct is known for the clearly-established predictions, and how often each
    kind was right: the prong asks what the law was when the officials acted."""
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in result.rows:
        t = r.truth.get("clearly_established")
        if t is None or r.engine.get("clearly_established") is None:
            continue
        kind = r.case.conduct_date[1]
        by[kind][1] += 1
        by[kind][0] += r.engine["clearly_established"] == t
    if not by:
        return []
    lines = [
        "The clearly-established prong asks what the law was when the officials acted, so each such decision is "
        "predicted as of the date of its conduct, as well as the sources fix it:",
        "",
        "| the law taken as of | decisions | right |",
        "|---|---|---|",
    ]
    for kind, words in DATE_KNOWN.items():
        if kind in by:
            right, n = by[kind]
            lines.append(f"| {words} | {n} | {_pct(right, n)} |")
    return lines


def render_report(result: Result) -> str:
    which = "the second, blind coding" if result.coding == "second" else "the base's own coding"
    lines = ["# stare back-test", ""]
    lines.append(
        f"{len(result.rows)} decisions predicted as of their own decision dates, each with itself and its other "
        f"reported versions excluded, from {which} of their facts. Baselines see the same earlier decisions: "
        "the majority answer among them, and the answer of the nearest one by shared facts."
    )
    lines += ["", "| target | stare | majority of earlier | nearest earlier neighbor |", "|---|---|---|---|"]
    for t in TARGETS:
        lines.append(
            f"| {t.replace('_', ' ')} | {_pct(*result.accuracy('engine', t))} | "
            f"{_pct(*result.accuracy('majority', t))} | {_pct(*result.accuracy('neighbor', t))} |"
        )
    lines += [
        "",
        "Brier score of the stated probabilities (lower is better; each baseline's probability is the share of "
        f"the answer among all earlier decisions, or among the {NEIGHBOR_K} nearest):",
        "",
        "| target | stare | majority | nearest neighbours |",
        "|---|---|---|---|",
    ]
    for t in TARGETS:
        b, n = result.brier("engine", t)
        lines.append(
            f"| {t.replace('_', ' ')} | {b:.3f} | {result.brier('majority', t)[0]:.3f} | "
            f"{result.brier('neighbor', t)[0]:.3f} |"
        )
    lines += ["", *_conduct_dates(result)]
    lines += ["", "## Reliability", "", "How often stare was right when it stated each band of confidence.", ""]
    lines += [
        "The interval is the range of shares right that this many predictions leave open (95%, Wilson): where "
        "the stated confidence lies inside it, the band's shortfall is within what chance alone makes of so few.",
        "",
        "| target | band | predictions | right | stated (mean) | right (share) | 95% interval | stated inside |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in TARGETS:
        for b in bands(result, t):
            lo, hi = b.interval
            lines.append(
                f"| {t.replace('_', ' ')} | {b.band} | {b.n} | {b.right} | {b.stated:.0%} | {b.right / b.n:.0%} | "
                f"{lo:.0%}-{hi:.0%} | {b.verdict} |"
            )
    worst = worst_band(result)
    if worst:
        lines += [
            "",
            f"Largest shortfall of a band of at least {WORST_BAND_LEAST} predictions: "
            + "; ".join(f"{b.target.replace('_', ' ')} {b.shortfall:+.0f} points ({b.band})" for b in worst)
            + ".",
        ]
    lines += ["", "## The paths the rules took", ""]
    for t in ("violation", "clearly_established"):
        lines += [f"**{t.replace('_', ' ')}**", "", "| path | right | of |", "|---|---|---|"]
        for path, (right, n) in result.paths(t).items():
            lines.append(f"| {path.replace('_', ' ')} | {right} | {n} |")
        lines.append("")
    for t in ("violation", "claim_survives"):
        c = result.confusion(t)
        lines += [
            f"Confusion matrix, {t.replace('_', ' ')} (rows: what the court held; columns: stare's prediction)",
            "",
            "| held \\ predicted | true | false |",
            "|---|---|---|",
            f"| true | {c[(True, True)]} | {c[(True, False)]} |",
            f"| false | {c[(False, True)]} | {c[(False, False)]} |",
            "",
        ]
    lines += ["## Misses", ""]
    for r in result.rows:
        wrong = [t for t in TARGETS if r.truth[t] is not None and r.engine[t] != r.truth[t]]
        if wrong:
            lines.append(
                f"- **{r.case.name}**, {r.case.citation} ({r.case.court_label or 'U.S.'} {r.case.decided.year}): "
                f"missed {', '.join(t.replace('_', ' ') for t in wrong)}; the rules took "
                f"{r.paths['violation'].replace('_', ' ')} and {r.paths['clearly_established'].replace('_', ' ')}."
            )
    return "\n".join(lines) + "\n"
