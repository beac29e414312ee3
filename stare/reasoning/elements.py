"""Element-by-element findings (issue-based prediction).

Each element is decided from the factors that bear on it and the precedents that decided it:
1. a precedent that decided the element for a side forces that finding a fortiori (result model,
   restricted to the element's factors); binding forcing precedents outrank persuasive ones;
2. otherwise the finding leans to the side that alone has factors on the element (IBP's rule), blended
   with the outcomes of the most similar precedents on the element, binding ones weighing double;
3. facts that decide the element by its definition (the element's ``decisive`` rules in
   doctrine/elements.yaml, each with its sources) settle it unless a binding precedent forces the other
   finding a fortiori.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from stare.model.case import Case
from stare.model.doctrine import DecisiveFacts, Doctrine
from stare.reasoning.constraint import sides
from stare.reasoning.index import MET, UNDECIDED, PrecedentIndex, popcount, top

#: Prior for the element from the factors alone: only plaintiff factors, only defendant factors,
#: both, none (the plaintiff bears the burden, so no facts lean against her).
PRIOR = {"P": 0.8, "D": 0.2, "both": 0.5, "none": 0.35}
NEIGHBORS = 7
SHOWN = 6
BINDING_WEIGHT = 2.0
MET_AT, NOT_MET_AT = 0.6, 0.4


@dataclass(frozen=True)
class ElementPrecedent:
    case: Case
    result: str  # "met" | "not_met"
    binding: bool
    forcing: bool
    similarity: float


@dataclass(frozen=True)
class ElementDecision:
    element: str
    probability_met: float
    finding: str
    factors_for: tuple[str, ...]
    factors_against: tuple[str, ...]
    precedents: tuple[ElementPrecedent, ...]
    reasoning: str


def element_result(case: Case, element: str, bearing: frozenset[str], doctrine: Doctrine) -> str | None:
    """How a precedent decided an element: as it says, or as its outcome implies.

    A finding of a violation means every element was met. A finding of none tells which element failed
    only through its facts: an element on which the losing plaintiff had no plaintiff factor is taken as
    not met; an element with plaintiff factors is left undecided, since the court may have rejected the
    claim on another element. (``PrecedentIndex.element_result`` computes the same for every case.)
    """
    if element in case.elements:
        return case.elements[element]
    if case.outcome.violation is None:
        return None
    if case.outcome.violation:
        return "met"
    p, _d = sides(doctrine, case.factors, bearing)
    return None if p else "not_met"


def sort_key(similarity2: np.ndarray, binding: np.ndarray, decided: np.ndarray) -> np.ndarray:
    """One integer key ordering by similarity, then binding, then recency."""
    return (similarity2.astype(np.int64) + 200) * 4_000_000 + binding * 2_000_000 + (decided - 600_000)


def decide_element(
    element: str,
    idx: PrecedentIndex,
    situation: int,
    pool: np.ndarray,
    binding: np.ndarray,
    decisive: Sequence[tuple[DecisiveFacts, str]] = (),
) -> ElementDecision:
    """``situation`` is the fact pattern's factor mask; ``pool`` the precedents that may be used;
    ``binding`` which of them bind the court; ``decisive`` the element's decisive-facts rules known on the
    date, each with its sources in words."""
    bearing = idx.bearing(element)
    xp, xd = situation & idx.p_all & bearing, situation & ~idx.p_all & bearing
    res = idx.element_result(element)
    rows = np.nonzero(pool & (res != UNDECIDED))[0]
    b = np.uint64(bearing)
    cp, cd = idx.p[rows] & b, idx.d[rows] & b
    met = res[rows] == MET
    nonempty = (cp | cd) != 0
    ux_p, ux_d = np.uint64(xp), np.uint64(xd)
    nx_p, nx_d = np.uint64(~xp & 0xFFFFFFFFFFFFFFFF), np.uint64(~xd & 0xFFFFFFFFFFFFFFFF)
    held = idx.element_held(element)[rows]
    f_met = held & met & nonempty & ((cp & nx_p) == 0) & ((ux_d & ~cd) == 0)
    f_not = held & ~met & nonempty & ((cd & nx_d) == 0) & ((ux_p & ~cp) == 0)
    bind = binding[rows]
    if ((f_met | f_not) & bind).any():
        f_met, f_not = f_met & bind, f_not & bind

    xs = np.uint64(xp | xd)
    cs = cp | cd
    sim2 = 2 * popcount(xs & cs) - popcount(xs ^ cs)
    local = np.arange(len(rows))
    near = top(sort_key(sim2, bind, idx.decided[rows]), local, NEIGHBORS)
    w = np.where(bind[near], BINDING_WEIGHT, 1.0)
    vote = (float(w[met[near]].sum()) + 1) / (float(w.sum()) + 2)
    lean = "both" if xp and xd else "P" if xp else "D" if xd else "none"
    p = 0.5 * PRIOR[lean] + 0.5 * vote

    def names(mask: np.ndarray) -> str:
        sel = rows[mask]
        shown = [idx.cases[i].display_name for i in sel[:3]]
        return ", ".join(shown) + (f" and {len(sel) - 3} more" if len(sel) > 3 else "")

    if f_met.any() and not f_not.any():
        p = max(p, 0.9 if (f_met & bind).any() else 0.8)
        how = f"forced met a fortiori by {names(f_met)}"
    elif f_not.any() and not f_met.any():
        p = min(p, 0.1 if (f_not & bind).any() else 0.2)
        how = f"forced not met a fortiori by {names(f_not)}"
    elif f_met.any():
        how = f"precedents force both ways ({names(f_met)} against {names(f_not)}); weighed by similarity"
    else:
        how = {
            "P": "only plaintiff-side facts bear on it",
            "D": "only defendant-side facts bear on it",
            "both": "facts on both sides bear on it",
            "none": "no fact in the file bears on it, and the plaintiff bears the burden",
        }[lean] + f"; the {len(near)} most similar precedents that decided it lean {vote:.0%} to met"
    for rule, cited in decisive:
        present = all(idx.bits[f] & situation for f in rule.when)
        if not present or any(idx.bits[f] & situation for f in rule.unless):
            continue
        contrary = f_met if rule.finding == "not_met" else f_not
        if (contrary & bind).any():
            how += f"; binding precedent keeps the rule on {', '.join(rule.when)} from deciding it"
            continue
        p = min(p, 0.15) if rule.finding == "not_met" else max(p, 0.85)
        how = f"decided by its definition: {rule.statement} ({cited}); before that rule, {how}"
        break
    finding = "met" if p >= MET_AT else "not_met" if p <= NOT_MET_AT else "contested"

    forcing = f_met | f_not
    show_key = forcing * (1 << 40) + sort_key(sim2, bind, idx.decided[rows])
    shown = top(show_key, local, SHOWN)
    return ElementDecision(
        element=element,
        probability_met=round(p, 3),
        finding=finding,
        factors_for=tuple(sorted(idx.names(xp))),
        factors_against=tuple(sorted(idx.names(xd))),
        precedents=tuple(
            ElementPrecedent(
                case=idx.cases[rows[j]],
                result="met" if met[j] else "not_met",
                binding=bool(bind[j]),
                forcing=bool(forcing[j]),
                similarity=float(sim2[j]) / 2,
            )
            for j in shown
        ),
        reasoning=how,
    )
