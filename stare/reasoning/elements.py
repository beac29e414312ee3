"""Element-by-element findings (issue-based prediction), as the law of precedent allows.

Each element is decided from the facts that bear on it and the precedents that decided it:

1. Only binding authority forces. A binding precedent forces its finding on the element when the finding
   was a holding (stated, or entailed by a violation found), made on a basis that forces at this stage
   (``caselaw/doctrine/precedent.yaml``: a holding on the facts forces at every stage, a pleading holding
   only on a motion to dismiss, a jury's finding never), the case here is a fortiori from it on the
   element's facts, and at least one of the facts that decided the element there is here.
2. Facts that decide the element by its definition (the element's ``decisive`` rules, each with its
   sources) settle it unless binding precedent forces the other finding.
3. Otherwise the finding leans: to the side that alone has facts on the element (the plaintiff bears the
   burden, so no facts lean against her), blended with the findings of the most similar precedents on the
   element. Binding precedents weigh double; persuasive ones, jury findings and pleading holdings at later
   stages vote but never force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from stare.model.case import Case
from stare.model.doctrine import DecisiveFacts, Doctrine, Weighing
from stare.model.vocabulary import BASES
from stare.reasoning.constraint import sides
from stare.reasoning.index import FULL, MET, UNDECIDED, PrecedentIndex, popcount, top

How = Literal["forced", "decisive", "lean", "conflict"]


@dataclass(frozen=True)
class ElementPrecedent:
    case: Case
    result: str  # "met" | "not_met"
    binding: bool
    forcing: bool
    basis: str
    similarity: float
    shared: frozenset[str]  # the element's facts this precedent shares with the case


@dataclass(frozen=True)
class ElementDecision:
    element: str
    probability_met: float
    finding: str
    how: How
    lean: str  # "P", "D", "both", "none": which side alone has facts on the element
    factors_for: tuple[str, ...]
    factors_against: tuple[str, ...]
    precedents: tuple[ElementPrecedent, ...]
    forcing: tuple[Case, ...]
    votes_met: int
    votes: int
    decisive: DecisiveFacts | None = None
    decisive_blocked_by: tuple[Case, ...] = ()


def element_result(case: Case, element: str, bearing: frozenset[str], doctrine: Doctrine) -> str | None:
    """How a precedent decided an element: as it says, or as its outcome implies (the set-based rule that
    ``PrecedentIndex.element_result`` computes for every case at once)."""
    if element in case.elements:
        return case.elements[element].result
    if case.outcome.violation is None:
        return None
    if case.outcome.violation:
        return "met"
    p, _d = sides(doctrine, case.factors, bearing)
    return None if p else "not_met"


def sort_key(similarity2: np.ndarray, binding: np.ndarray, decided: np.ndarray) -> np.ndarray:
    """One integer key ordering by similarity, then binding, then recency."""
    return (similarity2.astype(np.int64) + 200) * 4_000_000 + binding * 2_000_000 + (decided - 600_000)


def forcing_rows(
    idx: PrecedentIndex, element: str, situation: int, rows: np.ndarray, forcing_bases: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For ``rows`` (binding precedents that decided the element), which force it met and which not met."""
    bearing = np.uint64(idx.bearing(element))
    xp = np.uint64(situation & idx.p_all & int(bearing))
    xd = np.uint64(situation & ~idx.p_all & FULL & int(bearing))
    res = idx.element_result(element)[rows]
    held = idx.element_held(element)[rows] & np.isin(idx.element_basis(element)[rows], forcing_bases)
    cp, cd = idx.p[rows] & bearing, idx.d[rows] & bearing
    f_met = held & (res == MET) & ((cp & ~xp) == 0) & ((xd & ~cd) == 0) & ((cp & xp) != 0)
    shared_d = ((cd & xd) != 0) | ((cd == 0) & (xp != 0))
    f_not = held & (res != MET) & ((cd & ~xd) == 0) & ((xp & ~cp) == 0) & shared_d
    return f_met, f_not


def decide_element(
    element: str,
    idx: PrecedentIndex,
    situation: int,
    pool: np.ndarray,
    binding: np.ndarray,
    forcing_bases: Sequence[str],
    weighing: Weighing,
    decisive: Sequence[DecisiveFacts] = (),
) -> ElementDecision:
    """``situation`` is the fact pattern's factor mask; ``pool`` the precedents that may be used;
    ``binding`` which of them bind the court; ``forcing_bases`` the bases whose holdings force at this
    stage; ``decisive`` the element's decisive-facts rules known on the date."""
    bearing = idx.bearing(element)
    xp, xd = situation & idx.p_all & bearing, situation & ~idx.p_all & FULL & bearing
    res = idx.element_result(element)
    rows = np.nonzero(pool & (res != UNDECIDED))[0]
    bind = binding[rows]
    codes = np.array([BASES.index(b) for b in forcing_bases], dtype=np.int8)
    f_met, f_not = forcing_rows(idx, element, situation, rows, codes)
    f_met, f_not = f_met & bind, f_not & bind
    met = res[rows] == MET

    b = np.uint64(bearing)
    cs = (idx.p[rows] | idx.d[rows]) & b
    xs = np.uint64(xp | xd)
    sim2 = 2 * popcount(xs & cs) - popcount(xs ^ cs)
    local = np.arange(len(rows))
    near = top(sort_key(sim2, bind, idx.decided[rows]), local, weighing.neighbors)
    w = np.where(bind[near], weighing.binding_weight, 1.0)
    vote = (float(w[met[near]].sum()) + 1) / (float(w.sum()) + 2)
    lean = "both" if xp and xd else "P" if xp else "D" if xd else "none"
    p = 0.5 * weighing.prior[lean] + 0.5 * vote
    how: How = "lean"
    if f_met.any() and not f_not.any():
        p, how = max(p, 0.9), "forced"
    elif f_not.any() and not f_met.any():
        p, how = min(p, 0.1), "forced"
    elif f_met.any():
        how = "conflict"
    chosen: DecisiveFacts | None = None
    blocked: tuple[Case, ...] = ()
    for rule in decisive:
        if not all(idx.bits[f] & situation for f in rule.when) or any(idx.bits[f] & situation for f in rule.unless):
            continue
        contrary = f_met if rule.finding == "not_met" else f_not
        if contrary.any():
            blocked = tuple(idx.cases[rows[j]] for j in np.nonzero(contrary)[0])
            continue
        p = min(p, 0.15) if rule.finding == "not_met" else max(p, 0.85)
        chosen, how = rule, "decisive"
        break
    finding = "met" if p >= weighing.met_at else "not_met" if p <= weighing.not_met_at else "contested"

    forcing = f_met | f_not
    show_key = forcing * (1 << 40) + sort_key(sim2, bind, idx.decided[rows])
    shown = top(show_key, local, weighing.shown)
    basis_codes = idx.element_basis(element)[rows]
    return ElementDecision(
        element=element,
        probability_met=round(p, 3),
        finding=finding,
        how=how,
        lean=lean,
        factors_for=tuple(sorted(idx.names(xp))),
        factors_against=tuple(sorted(idx.names(xd))),
        precedents=tuple(
            ElementPrecedent(
                case=idx.cases[rows[j]],
                result="met" if met[j] else "not_met",
                binding=bool(bind[j]),
                forcing=bool(forcing[j]),
                basis=BASES[int(basis_codes[j])],
                similarity=float(sim2[j]) / 2,
                shared=frozenset(idx.names(int(cs[j]) & (xp | xd))),
            )
            for j in shown
        ),
        forcing=tuple(idx.cases[rows[j]] for j in np.nonzero(forcing)[0]),
        votes_met=int(met[near].sum()),
        votes=len(near),
        decisive=chosen,
        decisive_blocked_by=blocked,
    )
