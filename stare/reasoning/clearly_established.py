"""The second prong of qualified immunity: was the right clearly established on the incident date?

Binding authority is the Supreme Court and the circuit's own published decisions decided before the
incident date and still good law on it. Closeness is judged element by element, in the result model:

- a fortiori: every plaintiff-side fact the precedent had is here, and no defendant-side fact here was
  absent there (the precedent forces the result);
- close: on every element the precedent found met, this case meets it with at least one of the same
  plaintiff-side facts, and adds no defendant-side fact on that element that the precedent lacked. The
  officer faced the same kind of act, the same kind of knowledge and the same kind of risk, which is the
  fair warning Hope v. Pelzer asks for without demanding identical facts;
- distant: otherwise. Brosseau's specific context is not met, and the precedent is shown with the
  elements on which it differs.

A binding precedent that is a fortiori or close puts a reasonable officer on notice. Without one, a
consensus of persuasive authority can (Wilson v. Layne, 526 U.S. at 617): published decisions of other
circuits, a fortiori or close, from at least the number of circuits the doctrine's consensus rule names.
The caller passes no threshold where no consensus can count (before Wilson, in a circuit that declined to
adopt the claim, or in one that lets only controlling authority establish the law).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from stare.model.analysis import ClearlyEstablished, NoticePrecedent
from stare.model.case import Case
from stare.model.doctrine import Doctrine
from stare.reasoning.constraint import Sides, distinctions, sides
from stare.reasoning.index import PrecedentIndex, popcount, top


def how_closeness_is_judged(known: set[str] | dict) -> str:
    """The method in words, naming Hope and Brosseau only where they are known on the date."""
    fair = " (the fair warning of Hope v. Pelzer)" if "hope-v-pelzer-2002" in known else ""
    specific = " (Brosseau v. Haugen)" if "brosseau-v-haugen-2004" in known else ""
    return (
        "Element by element. A precedent that found a violation gives notice when this case is a fortiori "
        "from it (every plaintiff-side fact it had is here, and no defendant-side fact here was absent "
        "there), or close to it: on every element, this case shares at least one of the facts that met the "
        f"element there and adds no defendant-side fact on that element{fair}. Otherwise it is distant: the "
        f"specific context differs{specific}. Only the Supreme Court and the circuit's own published "
        "decisions before the incident date bind; other circuits are persuasive."
    )


#: the cases the method names, so that an analysis lists them among its authorities when it names them
METHOD_AUTHORITIES = ("hope-v-pelzer-2002", "brosseau-v-haugen-2004")


def element_gaps(case: Case, doctrine: Doctrine, situation: Sides, elements: Iterable[str]) -> dict[str, str]:
    """The elements on which this case is not close to the precedent, with the reason for each."""
    gaps = {}
    for e in elements:
        bearing = doctrine.factors_bearing_on(e)
        pp, pd = sides(doctrine, case.factors, bearing)
        xp, xd = situation[0] & bearing, situation[1] & bearing
        if pp and not (pp & xp):
            gaps[e] = f"no fact here meets it the way {', '.join(sorted(pp))} did there"
        elif xd - pd:
            gaps[e] = f"this case adds {', '.join(sorted(xd - pd))}"
    return gaps


def notice_from(
    case: Case, doctrine: Doctrine, situation: Sides, binding: bool, elements: Iterable[str] = ()
) -> NoticePrecedent:
    missing, extra = distinctions("P", sides(doctrine, case.factors), situation)
    gaps = element_gaps(case, doctrine, situation, elements)
    closeness = "a_fortiori" if not (missing or extra) else "close" if not gaps else "distant"
    on_notice = binding and closeness != "distant"
    if closeness == "a_fortiori":
        why = "every plaintiff-side fact it relied on is here, and nothing here cuts more for the defense"
    elif closeness == "close":
        why = "each element is met here by a fact that met it there, with no new defense fact on it"
        if missing:
            why += f" (it also had {', '.join(sorted(missing))})"
    else:
        why = "; ".join(f"{e}: {g}" for e, g in gaps.items())
    if not binding:
        why += " (another circuit: persuasive only)"
    return NoticePrecedent(
        id=case.id,
        name=case.display_name,
        citation=case.citation,
        cite=case.short_cite(),
        decided=case.decided,
        binding=binding,
        on_notice=on_notice,
        closeness=closeness,
        missing=sorted(missing),
        extra_defendant_factors=sorted(extra),
        why=why,
    )


def clearly_established(
    idx: PrecedentIndex,
    situation_factors: Iterable[str],
    incident_date: dt.date,
    pool: np.ndarray,
    binding: np.ndarray,
    recognized_on: dt.date | None,
    rule_text: str,
    sequence_note: str,
    elements: Iterable[str] = (),
    known: set[str] | dict = frozenset(),
    consensus_threshold: int | None = None,
    consensus_rule: str | None = None,
) -> ClearlyEstablished:
    """``pool`` marks the precedents of the theory that may be known; this function keeps those that found
    a violation, were decided before the incident and were good law on that day."""
    doctrine = idx.doctrine
    elements = list(elements)
    situation = sides(doctrine, situation_factors)
    day = incident_date.toordinal()
    rows = np.nonzero(pool & idx.violation & (idx.decided < day) & (idx.good_until > day))[0]
    full = 0xFFFFFFFFFFFFFFFF
    sm = idx.mask(situation_factors)
    xp, xd = sm & idx.p_all, sm & ~idx.p_all & full
    p, d = idx.p[rows], idx.d[rows]
    missing = popcount(p & np.uint64(~xp & full))
    extra = popcount(np.uint64(xd) & ~d)
    gaps = np.zeros(len(rows), dtype=np.int32)
    for e in elements:
        be = np.uint64(idx.bearing(e))
        cp, cd = p & be, d & be
        no_shared = (cp != 0) & ((cp & np.uint64(xp)) == 0)
        new_defense = (np.uint64(xd) & be & ~cd) != 0
        gaps += (no_shared | new_defense).astype(np.int32)
    # a fortiori (0), close (1), distant (2); nearer first, then binding, then recent
    rank = np.where((missing == 0) & (extra == 0), 0, np.where(gaps == 0, 1, 2))
    key = (
        (2 - rank) * 10**9 + (100 - gaps - missing - extra) * 10**7 + binding[rows] * 10**6 + idx.decided[rows] % 10**6
    )
    bind = binding[rows]
    shown_binding = _shown(rows[bind], rank[bind], key[bind], 8)
    shown_other = _shown(rows[~bind], rank[~bind], key[~bind], 5)
    recognized = recognized_on is not None and recognized_on < incident_date
    by_binding = recognized and bool((rank[bind] < 2).any())
    other = ~bind & idx.own_circuit_eligible[rows] & ~idx.scotus[rows] & (rank < 2)
    circuits = sorted({str(c) for c in idx.circuit[rows[other]] if c})
    by_consensus = consensus_threshold is not None and len(circuits) >= consensus_threshold
    established = by_binding or by_consensus
    notice = [notice_from(idx.cases[r], doctrine, situation, True, elements) for r in shown_binding]
    persuasive = [notice_from(idx.cases[r], doctrine, situation, False, elements) for r in shown_other]
    return ClearlyEstablished(
        as_of=incident_date,
        established=established,
        recognized_in_circuit=recognized,
        rule=rule_text,
        how_closeness_is_judged=how_closeness_is_judged(known),
        precedents=notice,
        persuasive=persuasive,
        sequence_note=sequence_note,
        established_by="binding" if by_binding else "consensus" if by_consensus else "none",
        consensus_circuits=circuits if consensus_threshold is not None else [],
        consensus_rule=consensus_rule,
        consensus_threshold=consensus_threshold,
    )


def _shown(rows: np.ndarray, rank: np.ndarray, key: np.ndarray, limit: int) -> list[int]:
    """Every a fortiori and close precedent (up to ``limit``, or more if there are more), and the three
    nearest distant ones, so the reader sees which precedents do not give notice and why."""
    near = rows[rank < 2]
    near_key = key[rank < 2]
    far = rows[rank == 2]
    far_key = key[rank == 2]
    chosen = [int(r) for r in near[np.argsort(-near_key, kind="stable")][: max(limit, 20)]]
    if len(far):
        chosen += [int(r) for r in far[top(far_key, np.arange(len(far)), 3)]]
    return chosen
