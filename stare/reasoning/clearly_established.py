"""The second prong of qualified immunity: was the right clearly established on the incident date?

Binding authority is the Supreme Court and the circuit's own published decisions decided before the
incident date and still good law on it. Closeness is judged in the result model: a precedent that
found a violation puts a reasonable officer on notice when the new facts are a fortiori from it (every
plaintiff-side fact it had is here, and no defendant-side fact here was absent there). A precedent
that misses by one or two facts is "close": reported, but not counted, because Brosseau demands the
specific context and a missing fact is one the precedent's court may have relied on. Decisions of other
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
    "A precedent that found a violation gives notice when this case is a fortiori from it: every "
    "plaintiff-side fact it relied on is present here and no defendant-side fact here was absent there. "
    "One or two facts off is 'close' and is shown but not counted (Brosseau: the specific context, not a "
    "broad proposition). Only the Supreme Court and the circuit's own published decisions before the "
    "incident date bind; other circuits are persuasive."
)


def notice_from(case: Case, doctrine: Doctrine, situation: Sides, binding: bool) -> NoticePrecedent:
    missing, extra = distinctions("P", sides(doctrine, case.factors), situation)
    gap = len(missing) + len(extra)
    closeness = "a_fortiori" if gap == 0 else "close" if gap <= 2 else "distant"
    on_notice = binding and closeness == "a_fortiori"
    if closeness == "a_fortiori":
        why = "every plaintiff-side fact it relied on is here, and nothing here cuts more for the defense"
    else:
        parts = []
        if missing:
            parts.append("it had " + ", ".join(sorted(missing)) + ", which this case lacks")
        if extra:
            parts.append("this case has " + ", ".join(sorted(extra)) + ", which it did not")
        why = "; ".join(parts)
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
) -> ClearlyEstablished:
    """``precedents`` are the violation-finding decisions of the theory, already limited to what may be
    known; this function keeps those decided before the incident and good law on that day."""
    situation = sides(doctrine, situation_factors)
    binding, persuasive = [], []
    for c in precedents:
        if not (c.outcome.violation and c.decided < incident_date and c.good_law_on(incident_date)):
            continue
        n = notice_from(c, doctrine, situation, is_binding(c))
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
