"""Three-ply arguments for each side, in the manner of HYPO and CATO, as structured moves.

Ply 1: a side cites the most on-point precedent it won (most facts shared with the new case; a binding
precedent counts as two more shared facts, and breaks ties, because lawyers lead with the law that
binds; then the more recent). Ply 2: the other side distinguishes it (facts that helped the winner there
and are missing here; facts that help the other side here and were absent there, each with the elements
it bears on) and cites counterexamples (precedents it won that share at least as many facts). Ply 3: the
first side rebuts: a missing fact matters less when another fact here bears on the same element; an added
fact matters less when a precedent the side won had it too; counterexamples are distinguished in turn.
``stare.report`` puts the moves into sentences.
"""

from __future__ import annotations

import numpy as np

from stare.model.analysis import Argument, Distinction, Reply
from stare.reasoning.constraint import distinctions, sides
from stare.reasoning.index import popcount, top
from stare.reasoning.setting import Setting

SIDE_NAME = {"P": "plaintiff", "D": "defendant"}


def on_point(side: str, s: Setting, facts: int, k: int = 12) -> list[int]:
    """Rows of precedents won by ``side`` that share a fact with the case, most on point first."""
    idx = s.idx
    won = idx.violation if side == "P" else ~idx.violation
    shared = popcount(np.uint64(facts) & (idx.p | idx.d))
    rows = np.nonzero(s.pool & won & (shared > 0))[0]
    key = ((shared + 2 * s.binding) * 2 + s.binding).astype(np.int64) * 1_000_000 + (idx.decided - 600_000)
    return [int(r) for r in top(key, rows, k)]


def _elements(s: Setting, fid: str) -> list[str]:
    return [e for e in s.doctrine.factors[fid].elements if e in s.elements] or list(s.doctrine.factors[fid].elements)


def three_ply(side: str, s: Setting, facts: frozenset[str]) -> list[Argument]:
    idx, doctrine = s.idx, s.doctrine
    other = "D" if side == "P" else "P"
    fmask = idx.mask(facts)
    ours = on_point(side, s, fmask)
    if not ours:
        return [Argument(ply=1, side=SIDE_NAME[side], move="none")]
    best = idx.cases[ours[0]]
    x = sides(doctrine, facts)
    also_rows = [r for r in ours[1:] if s.binding[r]][:2] or ours[1:2]
    ply1 = Argument(
        ply=1,
        side=SIDE_NAME[side],
        move="cite",
        precedent=s.ref(best, situation=facts),
        also=[s.ref(idx.cases[r], situation=facts) for r in also_rows],
        cites=[best.id] + [idx.cases[r].id for r in also_rows],
    )
    shared_n = len(facts & set(best.factors))
    missing, added = distinctions(side, sides(doctrine, best.factors), x)
    counter = [idx.cases[r] for r in on_point(other, s, fmask) if len(facts & set(idx.cases[r].factors)) >= shared_n][
        :2
    ]
    ply2 = Argument(
        ply=2,
        side=SIDE_NAME[other],
        move="distinguish",
        precedent=ply1.precedent,
        missing=[Distinction(factor=f, elements=_elements(s, f)) for f in sorted(missing)],
        added=[Distinction(factor=f, elements=_elements(s, f)) for f in sorted(added)],
        counterexamples=[s.ref(c, situation=facts) for c in counter],
        cites=[best.id] + [c.id for c in counter],
    )
    replies: list[Reply] = []
    cites3: list[str] = []
    ours_side = x[0] if side == "P" else x[1]
    for f in sorted(missing):
        els = set(_elements(s, f))
        subs = sorted(g for g in ours_side if els & set(doctrine.factors[g].elements))
        kind = "substitute" if subs else "stands"
        replies.append(Reply(kind=kind, factor=f, substitutes=subs, elements=sorted(els)))
    won = idx.violation if side == "P" else ~idx.violation
    for f in sorted(added):
        has_f = (idx.p | idx.d) & np.uint64(idx.bits[f])
        rows = np.nonzero(s.pool & won & (has_f != 0))[0]
        rows = rows[rows != ours[0]]
        if len(rows):
            key = s.binding.astype(np.int64) * 1_000_000 + (idx.decided - 600_000)
            despite = idx.cases[int(top(key, rows, 1)[0])]
            replies.append(Reply(kind="despite", factor=f, precedent=s.ref(despite, situation=facts)))
            cites3.append(despite.id)
        else:
            replies.append(Reply(kind="stands", factor=f, elements=_elements(s, f)))
    for c in counter:
        cm, ca = distinctions(other, sides(doctrine, c.factors), x)
        kind = "distinguish" if (cm or ca) else "undistinguished"
        replies.append(Reply(kind=kind, precedent=s.ref(c, situation=facts), missing=sorted(cm), added=sorted(ca)))
        cites3.append(c.id)
    ply3 = Argument(ply=3, side=SIDE_NAME[side], move="rebut", replies=replies, cites=cites3)
    return [ply1, ply2, ply3]


def arguments(s: Setting, facts: frozenset[str]) -> dict[str, list[Argument]]:
    """Both three-ply exchanges, grouped by the side that makes each move."""
    out: dict[str, list[Argument]] = {"plaintiff": [], "defendant": []}
    for opener in ("P", "D"):
        for arg in three_ply(opener, s, facts):
            out[arg.side].append(arg)
    return out
