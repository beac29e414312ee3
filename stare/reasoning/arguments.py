"""Three-ply arguments for each side, in the manner of HYPO and CATO.

Ply 1: a side cites the most on-point precedent it won (most facts shared with the new case; a binding
precedent counts as two more shared facts, and breaks ties, because lawyers lead with the law that
binds; then the more recent). Ply 2: the other side distinguishes it (facts that helped the winner there
and are missing here; facts that help the other side here and were absent there) and cites
counterexamples (precedents it won that share at least as many facts). Ply 3: the first side rebuts: a
missing fact is downplayed when another fact here bears on the same element; an added fact is
downplayed when a precedent the side won had it too; counterexamples are distinguished in turn.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from stare.model.analysis import Argument
from stare.model.case import Case
from stare.model.doctrine import Doctrine
from stare.reasoning.constraint import distinctions, sides
from stare.reasoning.index import PrecedentIndex, popcount, top

SIDE_NAME = {"P": "plaintiff", "D": "defendant"}
HELD = {"P": "found a violation", "D": "found no violation"}


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


def on_point(
    side: str, idx: PrecedentIndex, facts: int, pool: np.ndarray, binding: np.ndarray, k: int = 12
) -> list[int]:
    """Rows of precedents won by ``side`` that share a fact with the case, most on point first."""
    won = idx.violation if side == "P" else ~idx.violation
    shared = popcount(np.uint64(facts) & (idx.p | idx.d))
    rows = np.nonzero(pool & won & (shared > 0))[0]
    key = ((shared + 2 * binding) * 2 + binding).astype(np.int64) * 1_000_000 + (idx.decided - 600_000)
    return [int(r) for r in top(key, rows, k)]


def three_ply(
    side: str,
    idx: PrecedentIndex,
    facts: frozenset[str],
    notes: Mapping[str, str],
    pool: np.ndarray,
    binding: np.ndarray,
) -> list[Argument]:
    doctrine = idx.doctrine
    other = "D" if side == "P" else "P"
    fmask = idx.mask(facts)
    ours = on_point(side, idx, fmask, pool, binding)
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
    best = idx.cases[ours[0]]
    is_binding = {idx.cases[r].id: bool(binding[r]) for r in ours}
    x = sides(doctrine, facts)
    shared = sorted(facts & set(best.factors))
    bind_text = " It binds here." if is_binding[best.id] else " It is persuasive authority from another court."
    also_rows = [r for r in ours[1:] if binding[r]][:2] or ours[1:2]
    see_also = ""
    if also_rows:
        see_also = (
            " See also "
            + "; ".join(
                f"{cite(idx.cases[r])} ({'binding' if binding[r] else 'persuasive'}; shares "
                f"{', '.join(sorted(facts & set(idx.cases[r].factors)))})"
                for r in also_rows
            )
            + "."
        )
    ply1 = Argument(
        ply=1,
        side=SIDE_NAME[side],
        move="cite the most on-point precedent",
        text=(
            f"{'The plaintiff' if side == 'P' else 'The defendant'} should prevail, as in {cite(best)}, which "
            f"{HELD[side]}. Both cases share: {'; '.join(phrase(doctrine, f, notes) for f in shared)}."
            f"{bind_text}{see_also}"
        ),
        cites=[best.id] + [idx.cases[r].id for r in also_rows],
    )

    missing, added = distinctions(side, sides(doctrine, best.factors), x)
    counter = [
        idx.cases[r]
        for r in on_point(other, idx, fmask, pool, binding)
        if len(facts & set(idx.cases[r].factors)) >= len(shared)
    ][:2]
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
                f"{cite(c)} {HELD[other]} on facts sharing {', '.join(sorted(facts & set(c.factors)))}" for c in counter
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
    ours_side = x[0] if side == "P" else x[1]
    for f in sorted(missing):
        elements = set(doctrine.factors[f].elements)
        subs = sorted(g for g in ours_side if elements & set(doctrine.factors[g].elements))
        if subs:
            rebut.append(
                f"the absence of {f} matters little, because {', '.join(subs)} here bears on the same element "
                f"({', '.join(sorted(elements))})"
            )
        else:
            rebut.append(f"{f} is missing here, and nothing else fills its place: this distinction stands")
    won = idx.violation if side == "P" else ~idx.violation
    for f in sorted(added):
        has_f = (idx.p | idx.d) & np.uint64(idx.bits[f])
        rows = np.nonzero(pool & won & (has_f != 0))[0]
        rows = rows[rows != ours[0]]
        if len(rows):
            key = (binding.astype(np.int64) * 1_000_000) + (idx.decided - 600_000)
            despite = idx.cases[int(top(key, rows, 1)[0])]
            rebut.append(f"{f} did not stop {despite.short} from being decided the same way")
            cites3.append(despite.id)
        else:
            rebut.append(f"no precedent the {SIDE_NAME[side]} won had {f}: this distinction stands")
    for c in counter:
        cm, ca = distinctions(other, sides(doctrine, c.factors), x)
        if cm or ca:
            bits = []
            if cm:
                bits.append(f"it turned on {', '.join(sorted(cm))}, absent here")
            if ca:
                bits.append(f"here there is {', '.join(sorted(ca))}, which it lacked")
            rebut.append(f"{c.short} is distinguishable: " + " and ".join(bits))
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
    idx: PrecedentIndex,
    facts: frozenset[str],
    notes: Mapping[str, str],
    pool: np.ndarray,
    binding: np.ndarray,
) -> dict[str, list[Argument]]:
    """Both three-ply exchanges, grouped by the side that makes each move."""
    out: dict[str, list[Argument]] = {"plaintiff": [], "defendant": []}
    for opener in ("P", "D"):
        for arg in three_ply(opener, idx, facts, notes, pool, binding):
            out[arg.side].append(arg)
    return out
