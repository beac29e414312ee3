"""Two pictures of an analysis, as PNG bytes: the binding precedents on a timeline with the incident date
marked, and a map placing the fact pattern among its closest precedents.

The map is classical multidimensional scaling of the Jaccard distances between factor sets: two cases
that share most of their factors stand close together. It is a picture of similarity on the factors the
engine uses, not of the law's reasoning; the memo's arguments say why a case is or is not close.

matplotlib is used through its object API (``Figure``, Agg canvas), never ``pyplot``, so that pictures
can be drawn from the web server's worker threads.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass

import numpy as np

from stare.model.analysis import Analysis, PrecedentRef

GREEN = "#2e7d32"  # a violation found: the plaintiff's outcome
RED = "#c62828"  # no violation: the defendant's outcome
BLUE = "#1565c0"  # the client's case
_LOCK = threading.Lock()  # font caches and the Agg renderer are shared; draw one picture at a time
MAX_TIMELINE = 40
MAP_NEIGHBORS = 12


@dataclass(frozen=True)
class Picture:
    name: str  # a file name: "timeline.png"
    title: str
    caption: str
    png: bytes


# --- what the pictures show (pure) -----------------------------------------------------------------
# The analysis carries what they show (its binding precedents and its nearest ones); nothing is reasoned here.


def jaccard_distance(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a and not b:
        return 0.0
    return 1.0 - len(a & b) / len(a | b)


def classical_mds(dist: np.ndarray, dims: int = 2) -> np.ndarray:
    """Torgerson's classical scaling: coordinates whose Euclidean distances best match ``dist``.
    Signs are fixed (the largest coordinate of each axis is positive) so the picture is reproducible."""
    n = dist.shape[0]
    if n == 0:
        return np.zeros((0, dims))
    j = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * j @ (dist**2) @ j
    vals, vecs = np.linalg.eigh(b)
    order = np.argsort(vals)[::-1][:dims]
    vals, vecs = np.clip(vals[order], 0, None), vecs[:, order]
    coords = vecs * np.sqrt(vals)
    for i in range(coords.shape[1]):
        col = coords[:, i]
        if col.size and col[np.argmax(np.abs(col))] < 0:
            coords[:, i] = -col
    if coords.shape[1] < dims:
        coords = np.hstack([coords, np.zeros((n, dims - coords.shape[1]))])
    return coords


def map_layout(mine: frozenset[str], others: list[frozenset[str]]) -> np.ndarray:
    """Row 0 is the fact pattern, then the precedents; the fact pattern is moved to the origin."""
    sets = [mine, *others]
    n = len(sets)
    dist = np.array([[jaccard_distance(sets[i], sets[j]) for j in range(n)] for i in range(n)])
    coords = classical_mds(dist)
    return coords - coords[0]


# --- drawing --------------------------------------------------------------------------------------


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _label(c: PrecedentRef) -> str:
    name = c.short if len(c.short) <= 34 else c.short[:32] + "…"
    return f"{name} ({c.decided.year})"


def _place_labels(fig, ax, labels: list[tuple[np.ndarray, str, str, float]]) -> None:
    """Put each label next to its point where it overlaps no label placed before (a greedy search over
    eight offsets, in display pixels); a label with no free place takes the first offset."""
    scale = fig.dpi / 72.0
    offsets = [(6, 4), (6, -11), (-6, 4), (-6, -11), (6, 14), (6, -21), (-6, 14), (-6, -21)]
    placed: list[tuple[float, float, float, float]] = []
    for point, text, color, size in labels:
        px, py = ax.transData.transform(point)
        w, h = len(text) * size * 0.56 * scale, size * 1.25 * scale
        choice = None
        for dx, dy in offsets:
            x0 = px + dx * scale - (w if dx < 0 else 0)
            y0 = py + dy * scale
            box = (x0, y0, x0 + w, y0 + h)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                choice = (dx, dy, box)
                break
        if choice is None:
            dx, dy = offsets[0]
            x0 = px + dx * scale
            choice = (dx, dy, (x0, py + dy * scale, x0 + w, py + dy * scale + h))
        dx, dy, box = choice
        placed.append(box)
        ax.annotate(
            text,
            tuple(point),
            xytext=(dx, dy),
            textcoords="offset points",
            ha="right" if dx < 0 else "left",
            va="bottom",
            fontsize=size,
            color=color,
            fontweight="bold" if color == BLUE else "normal",
        )


def _legend_handles(extra: list | None = None):
    from matplotlib.lines import Line2D

    return [
        Line2D([], [], marker="o", color="w", markerfacecolor=GREEN, label="violation found", markersize=8),
        Line2D([], [], marker="o", color="w", markerfacecolor=RED, label="no violation", markersize=8),
        *(extra or []),
    ]


def draw_binding_timeline(analysis: Analysis) -> bytes:
    """One row per binding precedent, oldest at the top; the incident date as a dashed line. A
    precedent to the right of the line came too late to clearly establish anything for this incident."""
    from matplotlib.lines import Line2D

    cases = analysis.timeline
    incident = analysis.facts.incident_date
    with _LOCK:
        fig = _figure(9.5, 0.32 * max(len(cases), 6) + 1.6)
        ax = fig.add_subplot()
        for row, c in enumerate(cases):
            color = GREEN if c.won == "plaintiff" else RED
            marker = "D" if c.court == "scotus" else "o"
            ax.scatter([c.decided], [row], color=color, marker=marker, s=42, zorder=3, edgecolors="white")
        ax.axvline(incident, color=BLUE, linestyle="--", linewidth=1.3, zorder=2)
        ax.text(incident, -0.8, f" incident {incident.isoformat()}", color=BLUE, fontsize=8.5, va="bottom")
        if cases:
            ax.set_yticks(range(len(cases)), [_label(c) for c in cases], fontsize=8)
            ax.set_ylim(len(cases) - 0.5, -1.2)
        else:
            ax.set_yticks([])
            ax.text(0.5, 0.5, "no binding decision in the case base", transform=ax.transAxes, ha="center")
            ax.set_ylim(1, -1.2)
        lo = min([incident, *(c.decided for c in cases)])
        hi = max([incident, *(c.decided for c in cases)])
        pad = dt.timedelta(days=max(200, (hi - lo).days // 20))
        ax.set_xlim(lo - pad, hi + pad)
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(f"Binding precedents ({_binding_courts(analysis)}) known on {analysis.as_of}", fontsize=10)
        extra = [Line2D([], [], marker="D", color="w", markerfacecolor="#555555", label="Supreme Court", markersize=7)]
        ax.legend(handles=_legend_handles(extra), loc="lower left", fontsize=7.5, framealpha=0.85)
        fig.tight_layout()
        return _png(fig)


def draw_precedent_map(analysis: Analysis) -> bytes:
    """The fact pattern (a blue star) among its closest precedents, placed by classical MDS of the
    Jaccard distances between factor sets, colored by outcome; binding precedents are outlined."""
    from matplotlib.lines import Line2D

    near = analysis.neighbors
    mine = frozenset(analysis.facts.plaintiff_version()) | frozenset(analysis.presumed)
    xy = map_layout(mine, [frozenset(c.shared) | frozenset(c.differences) - mine for c, _ in near])
    with _LOCK:
        fig = _figure(8.5, 6.4)
        ax = fig.add_subplot()
        span = max(0.3, float(np.ptp(xy[:, 0])) if len(xy) else 0.3, float(np.ptp(xy[:, 1])) if len(xy) else 0.3)
        cx, cy = (xy[:, 0].min() + xy[:, 0].max()) / 2, (xy[:, 1].min() + xy[:, 1].max()) / 2
        half = span / 2 + 0.12 * span
        ax.set_xlim(cx - half, cx + half)
        ax.set_ylim(cy - half, cy + half)
        labels = []
        for i, (c, d) in enumerate(near, start=1):
            color = GREEN if c.won == "plaintiff" else RED
            binding = c.binding
            ax.scatter(
                [xy[i, 0]],
                [xy[i, 1]],
                s=70 if binding else 46,
                color=color,
                alpha=1.0 if binding else 0.55,
                edgecolors="black" if binding else "white",
                linewidths=1.2 if binding else 0.5,
                zorder=3,
            )
            labels.append((xy[i], f"{_label(c)}  {d:.2f}", "#333333", 7.0))
        ax.scatter([0], [0], marker="*", s=260, color=BLUE, edgecolors="white", zorder=4)
        labels.insert(0, (xy[0], "this case", BLUE, 8.5))
        if not near:
            ax.text(0.5, 0.3, "no precedent of this theory in the case base", transform=ax.transAxes, ha="center")
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(
            f"The {len(near)} closest precedents by shared factors (Jaccard distance shown; classical MDS)",
            fontsize=10,
        )
        extra = [
            Line2D(
                [],
                [],
                marker="o",
                color="w",
                markerfacecolor="#999999",
                markeredgecolor="black",
                label="binding here",
                markersize=8,
            ),
            Line2D([], [], marker="*", color="w", markerfacecolor=BLUE, label="this case", markersize=13),
        ]
        ax.legend(handles=_legend_handles(extra), loc="lower left", fontsize=7.5, framealpha=0.85)
        fig.tight_layout()
        ax.apply_aspect()
        _place_labels(fig, ax, labels)
        return _png(fig)


def _binding_courts(analysis: Analysis) -> str:
    from stare.model.courts import court_name

    if analysis.circuit:
        return f"{court_name(analysis.circuit).removeprefix('the ')} and the Supreme Court"
    return "the Supreme Court"


def pictures(analysis: Analysis) -> list[Picture]:
    """Both pictures, in the order the memo shows them, drawn from the analysis alone."""
    return [
        Picture(
            "timeline.png",
            "Binding precedents and the incident date",
            f"Decisions of the {_binding_courts(analysis)} known on {analysis.as_of}, green where a violation "
            "was found, red where none was. Only those left of the dashed line (the incident date) could have "
            "clearly established the right.",
            draw_binding_timeline(analysis),
        ),
        Picture(
            "precedent-map.png",
            "The fact pattern among its closest precedents",
            "Each dot is a precedent placed so that cases sharing more factors stand closer (classical "
            "multidimensional scaling of Jaccard distances between factor sets; the number is the distance to "
            "this case, 0 = the same factors). Outlined dots bind here. Similarity of factors only: the "
            "arguments in the memo say which differences matter.",
            draw_precedent_map(analysis),
        ),
    ]


def draw_reliability(results) -> bytes:
    """For each back-test (one per coding) and prong: the confidence stare stated, banded, against how often
    it was right in that band; a calibrated record lies on the diagonal. Marker size is the band's count; the
    bar through each marker is the 95% interval of the share right that so few predictions leave open."""
    from stare.evaluation import TARGETS, bands

    with _LOCK:
        fig = _figure(9.5, 3.2 * len(results) + 0.6)
        for row, result in enumerate(results):
            for col, target in enumerate(TARGETS):
                ax = fig.add_subplot(len(results), len(TARGETS), row * len(TARGETS) + col + 1)
                ax.plot([0.5, 1], [0.5, 1], color="#999999", linestyle="--", linewidth=1)
                shown = bands(result, target)
                xs = [b.stated for b in shown]
                ys = [b.right / b.n for b in shown]
                sizes = [20 + 6 * b.n for b in shown]
                intervals = [b.interval for b in shown]
                below = [y - lo for y, (lo, _hi) in zip(ys, intervals, strict=True)]
                above = [hi - y for y, (_lo, hi) in zip(ys, intervals, strict=True)]
                ax.errorbar(xs, ys, yerr=[below, above], fmt="none", ecolor=BLUE, alpha=0.45, linewidth=1, zorder=2)
                ax.scatter(xs, ys, s=sizes, color=BLUE, alpha=0.8, zorder=3)
                ax.set_xlim(0.45, 1.02)
                ax.set_ylim(0.0, 1.02)
                ax.set_title(f"{target.replace('_', ' ')} ({result.coding})", fontsize=8.5)
                ax.tick_params(labelsize=7)
                if col == 0:
                    ax.set_ylabel("share right", fontsize=8)
                if row == len(results) - 1:
                    ax.set_xlabel("confidence stated", fontsize=8)
        fig.tight_layout()
        return _png(fig)
