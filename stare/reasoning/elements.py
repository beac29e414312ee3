"""Element-by-element findings (issue-based prediction).

Each element is decided from the factors that bear on it and the precedents that decided it:
1. a precedent that decided the element for a side forces that finding a fortiori (result model,
   restricted to the element's factors);
2. otherwise the finding leans to the side that alone has factors on the element (IBP's rule), blended
   with the outcomes of the most similar precedents on the element, binding ones weighing double.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stare.model.case import Case
from stare.model.doctrine import Doctrine
from stare.reasoning.constraint import Sides, forces, sides

#: Prior for the element from the factors alone: only plaintiff factors, only defendant factors,
#: both, none (the plaintiff bears the burden, so no facts lean against her).
PRIOR = {"P": 0.8, "D": 0.2, "both": 0.5, "none": 0.35}
NEIGHBORS = 7
BINDING_WEIGHT = 2.0
MET, NOT_MET = 0.6, 0.4


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
    only through its facts: an element on which the losing plaintiff had only defendant factors, or no
    plaintiff factor at all, is taken as not met; an element with factors on both sides is left
    undecided, since the court may have lost the plaintiff on another element.
    """
    if element in case.elements:
        return case.elements[element]
    if case.outcome.violation is None:
        return None
    if case.outcome.violation:
        return "met"
    p, _d = sides(doctrine, case.factors, bearing)
    return None if p else "not_met"


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) - 0.5 * len(a ^ b)


def decide_element(
    element: str,
    doctrine: Doctrine,
    situation_factors: Iterable[str],
    precedents: Iterable[Case],
    is_binding: Callable[[Case], bool],
) -> ElementDecision:
    bearing = doctrine.factors_bearing_on(element)
    x = sides(doctrine, situation_factors, bearing)
    xs = x[0] | x[1]
    rows: list[ElementPrecedent] = []
    for c in precedents:
        r = element_result(c, element, bearing, doctrine)
        if r is None:
            continue
        cs: Sides = sides(doctrine, c.factors, bearing)
        winner = "P" if r == "met" else "D"
        # a precedent with no factors on the element forces nothing: it decided on facts stare cannot see
        force = bool(cs[0] | cs[1]) and forces(winner, cs, x)
        rows.append(ElementPrecedent(c, r, is_binding(c), force, similarity(xs, cs[0] | cs[1])))

    forcing = [r for r in rows if r.forcing]
    f_met = [r for r in forcing if r.result == "met"]
    f_not = [r for r in forcing if r.result == "not_met"]
    # binding forcing precedents outrank persuasive ones
    if any(r.binding for r in f_met + f_not):
        f_met = [r for r in f_met if r.binding]
        f_not = [r for r in f_not if r.binding]

    neighbors = sorted(rows, key=lambda r: (-r.similarity, -r.binding, -r.case.decided.toordinal()))[:NEIGHBORS]
    w_met = sum((BINDING_WEIGHT if r.binding else 1.0) for r in neighbors if r.result == "met")
    w_all = sum((BINDING_WEIGHT if r.binding else 1.0) for r in neighbors)
    vote = (w_met + 1) / (w_all + 2)
    lean = "both" if x[0] and x[1] else "P" if x[0] else "D" if x[1] else "none"
    p = 0.5 * PRIOR[lean] + 0.5 * vote

    if f_met and not f_not:
        p = max(p, 0.9 if any(r.binding for r in f_met) else 0.8)
        how = f"forced met a fortiori by {_names(f_met)}"
    elif f_not and not f_met:
        p = min(p, 0.1 if any(r.binding for r in f_not) else 0.2)
        how = f"forced not met a fortiori by {_names(f_not)}"
    elif f_met and f_not:
        how = f"precedents force both ways ({_names(f_met)} against {_names(f_not)}); weighed by similarity"
    else:
        how = {
            "P": "only plaintiff-side facts bear on it",
            "D": "only defendant-side facts bear on it",
            "both": "facts on both sides bear on it",
            "none": "no fact in the file bears on it, and the plaintiff bears the burden",
        }[lean] + f"; the {len(neighbors)} most similar precedents that decided it lean {vote:.0%} to met"
    finding = "met" if p >= MET else "not_met" if p <= NOT_MET else "contested"
    shown = sorted(rows, key=lambda r: (-r.forcing, -r.similarity, -r.binding))[:6]
    return ElementDecision(
        element=element,
        probability_met=round(p, 3),
        finding=finding,
        factors_for=tuple(sorted(x[0])),
        factors_against=tuple(sorted(x[1])),
        precedents=tuple(shown),
        reasoning=how,
    )


def _names(rows: list[ElementPrecedent]) -> str:
    names = [r.case.display_name for r in rows[:3]]
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    return ", ".join(names) + more
