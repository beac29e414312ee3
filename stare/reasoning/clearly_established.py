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

A binding precedent that is a fortiori or close puts a reasonable officer on notice. Decisions of other
circuits are reported as persuasive only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from stare.model.analysis import ClearlyEstablished, NoticePrecedent
from stare.model.case import Case
from stare.model.doctrine import Doctrine
from stare.reasoning.constraint import Sides, distinctions, sides

HOW_CLOSENESS_IS_JUDGED = (
    "Element by element. A precedent that found a violation gives notice when this case is a fortiori from "
    "it (every plaintiff-side fact it had is here, and no defendant-side fact here was absent there), or "
    "close to it: on every element, this case shares at least one of the facts that met the element there "
    "and adds no defendant-side fact on that element. Otherwise it is distant: the specific context differs "
    "(Brosseau). Only the Supreme Court and the circuit's own published decisions before the incident date "
    "bind; other circuits are persuasive."
)


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
        decided=case.decided,
        binding=binding,
        on_notice=on_notice,
        closeness=closeness,
        missing=sorted(missing),
        extra_defendant_factors=sorted(extra),
        why=why,
    )


def clearly_established(
    doctrine: Doctrine,
    situation_factors: Iterable[str],
    incident_date: dt.date,
    precedents: Iterable[Case],
    is_binding: Callable[[Case], bool],
    recognized_on: dt.date | None,
    rule_text: str,
    sequence_note: str,
    elements: Iterable[str] = (),
) -> ClearlyEstablished:
    """``precedents`` are the violation-finding decisions of the theory, already limited to what may be
    known; this function keeps those decided before the incident and good law on that day."""
    situation = sides(doctrine, situation_factors)
    elements = list(elements)
    binding, persuasive = [], []
    for c in precedents:
        if not (c.outcome.violation and c.decided < incident_date and c.good_law_on(incident_date)):
            continue
        n = notice_from(c, doctrine, situation, is_binding(c), elements)
        (binding if n.binding else persuasive).append(n)
    order = {"a_fortiori": 0, "close": 1, "distant": 2}
    binding.sort(key=lambda n: (order[n.closeness], len(n.missing) + len(n.extra_defendant_factors)))
    persuasive.sort(key=lambda n: (order[n.closeness], len(n.missing) + len(n.extra_defendant_factors)))
    recognized = recognized_on is not None and recognized_on < incident_date
    established = recognized and any(n.on_notice for n in binding)
    return ClearlyEstablished(
        as_of=incident_date,
        established=established,
        recognized_in_circuit=recognized,
        rule=rule_text,
        how_closeness_is_judged=HOW_CLOSENESS_IS_JUDGED,
        precedents=_shown(binding, 8),
        persuasive=_shown(persuasive, 5),
        sequence_note=sequence_note,
    )


def _shown(rows: list[NoticePrecedent], limit: int) -> list[NoticePrecedent]:
    """Every a fortiori and close precedent, and the three nearest distant ones, so the reader sees
    which precedents do not give notice and why."""
    near = [n for n in rows if n.closeness != "distant"]
    far = [n for n in rows if n.closeness == "distant"][:3]
    return (near + far)[: max(limit, len(near))]
