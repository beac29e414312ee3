"""Three-ply arguments for each side, in the manner of HYPO and CATO.

Ply 1: a side cites the most on-point precedent it won (most facts shared with the new case; binding
and recent break ties). Ply 2: the other side distinguishes it (facts that helped the winner there and
are missing here; facts that help the other side here and were absent there) and cites counterexamples
(precedents it won that share at least as many facts). Ply 3: the first side rebuts: a missing fact is
downplayed when another fact here bears on the same element; an added fact is downplayed when a
precedent the side won had it too; counterexamples are distinguished in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from stare.model.analysis import Argument
from stare.model.case import Case
from stare.model.doctrine import Doctrine
from stare.reasoning.constraint import distinctions, sides

SIDE_NAME = {"P": "plaintiff", "D": "defendant"}


def phrase(doctrine: Doctrine, fid: str, notes: Mapping[str, str]) -> str:
    """A factor in words: the file's own note of the fact when it has one, else the vocabulary's."""
    if notes.get(fid):
        text = notes[fid].rstrip(".")
    else:
        text = doctrine.factors[fid].fact.rstrip(".")
        text = text[0].lower() + text[1:]
    return f"{text} ({fid})"


def cite(case: Case) -> str:
    return case.short_cite()


def won_by(case: Case) -> str:
    return "P" if case.outcome.violation else "D"


def on_point(
    side: str, facts: frozenset[str], precedents: Iterable[Case], is_binding: Callable[[Case], bool]
) -> list[Case]:
    """Precedents won by ``side``, most on point first; only those sharing a fact favoring ``side``."""
    pool = []
    for c in precedents:
        if won_by(c) != side:
            continue
        shared = facts & set(c.factors)
        if not shared:
            continue
        # a binding precedent counts as two more shared facts: lawyers lead with the law that binds
        pool.append((len(shared) + 2 * is_binding(c), is_binding(c), c.decided, c))
    pool.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
    return [t[3] for t in pool]


def three_ply(
    side: str,
    doctrine: Doctrine,
    facts: frozenset[str],
    notes: Mapping[str, str],
    precedents: list[Case],
    is_binding: Callable[[Case], bool],
    client: str,
) -> list[Argument]:
    other = "D" if side == "P" else "P"
    ours = on_point(side, facts, precedents, is_binding)
    if not ours:
        return [
            Argument(
                ply=1,
                side=SIDE_NAME[side],
                move="no precedent",
                text=f"No precedent in the case base that the {SIDE_NAME[side]} won shares a fact with this case.",
                cites=[],
            )
        ]
    best = ours[0]
    x = sides(doctrine, facts)
    shared = sorted(facts & set(best.factors))
    binding = " It binds here." if is_binding(best) else " It is persuasive authority from another court."
    held = "found a violation" if side == "P" else "found no violation"
    also = [c for c in ours[1:] if is_binding(c)][:2] or ours[1:2]
    see_also = ""
    if also:
        see_also = (
            " See also "
            + "; ".join(
                f"{cite(c)} ({'binding' if is_binding(c) else 'persuasive'}; shares "
                f"{', '.join(sorted(facts & set(c.factors)))})"
                for c in also
            )
            + "."
        )
    ply1 = Argument(
        ply=1,
        side=SIDE_NAME[side],
        move="cite the most on-point precedent",
        text=(
            f"{'The plaintiff' if side == 'P' else 'The defendant'} should prevail, as in {cite(best)}, which {held}. "
            f"Both cases share: {'; '.join(phrase(doctrine, f, notes) for f in shared)}.{binding}{see_also}"
        ),
        cites=[best.id] + [c.id for c in also],
    )

    missing, added = distinctions(side, sides(doctrine, best.factors), x)
    counter = [c for c in on_point(other, facts, precedents, is_binding) if len(facts & set(c.factors)) >= len(shared)][
        :2
    ]
    parts = []
    if missing:
        parts.append(
            f"{best.short} rested on facts absent here: "
            + "; ".join(phrase(doctrine, f, best.factor_notes) for f in sorted(missing))
        )
    if added:
        parts.append(
            f"this case has facts {best.short} did not: " + "; ".join(phrase(doctrine, f, notes) for f in sorted(added))
        )
    if not parts:
        parts.append(f"{best.short} cannot be distinguished on the recorded facts; the case is a fortiori from it")
    counter_text = ""
    if counter:
        counter_text = (
            " Counterexamples: "
            + "; ".join(
                f"{cite(c)} {'found a violation' if other == 'P' else 'found no violation'} on facts sharing "
                f"{', '.join(sorted(facts & set(c.factors)))}"
                for c in counter
            )
            + "."
        )
    ply2 = Argument(
        ply=2,
        side=SIDE_NAME[other],
        move="distinguish and counter",
        text=f"{best.short} is distinguishable: " + "; and ".join(parts) + "." + counter_text,
        cites=[best.id] + [c.id for c in counter],
    )

    rebut, cites3 = [], []
    for f in sorted(missing):
        elements = set(doctrine.factors[f].elements)
        subs = sorted(g for g in (x[0] if side == "P" else x[1]) if elements & set(doctrine.factors[g].elements))
        if subs:
            rebut.append(
                f"the absence of {f} matters little, because {', '.join(subs)} here bears on the same element "
                f"({', '.join(sorted(elements))})"
            )
        else:
            rebut.append(f"{f} is missing here, and nothing else fills its place: this distinction stands")
    for f in sorted(added):
        despite = [c for c in ours[1:] if f in c.factors]
        if despite:
            rebut.append(f"{f} did not stop {despite[0].short} from being decided the same way")
            cites3.append(despite[0].id)
        else:
            rebut.append(f"no precedent {SIDE_NAME[side]} won had {f}: this distinction stands")
    for c in counter:
        cm, ca = distinctions(other, sides(doctrine, c.factors), x)
        if cm or ca:
            bits = []
            if cm:
                bits.append(f"it turned on {', '.join(sorted(cm))}, absent here")
            if ca:
                bits.append(f"here there is {', '.join(sorted(ca))}, which it lacked")
            rebut.append(f"{c.short} is distinguishable: " + " and ".join(bits))
            cites3.append(c.id)
        else:
            rebut.append(f"{c.short} cannot be distinguished on the recorded facts: it cuts hard against us")
            cites3.append(c.id)
    ply3 = Argument(
        ply=3,
        side=SIDE_NAME[side],
        move="rebut",
        text=("In reply: " + "; ".join(rebut) + ".")
        if rebut
        else "In reply: the distinctions offered do not bear on any element.",
        cites=cites3,
    )
    return [ply1, ply2, ply3]


def arguments(
    doctrine: Doctrine,
    facts: frozenset[str],
    notes: Mapping[str, str],
    precedents: list[Case],
    is_binding: Callable[[Case], bool],
    client: str,
) -> dict[str, list[Argument]]:
    """Both three-ply exchanges, grouped by the side that makes each move."""
    out: dict[str, list[Argument]] = {"plaintiff": [], "defendant": []}
    for opener in ("P", "D"):
        for arg in three_ply(opener, doctrine, facts, notes, precedents, is_binding, client):
            out[arg.side].append(arg)
    return out
