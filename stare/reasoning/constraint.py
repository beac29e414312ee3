"""Precedential constraint in Horty's result model.

A precedent decided for a side holds that the factors favoring that side (its reason) outweigh the
factors favoring the other. A later fact situation is forced to the same outcome a fortiori when it has
at least the winner's factors and no more of the loser's: winner(precedent) <= winner(new) and
loser(new) <= loser(precedent). It forces only through the facts that decided it: at least one of the
winner's facts there is here (for a precedent the defense won on the plaintiff's want of facts, the
plaintiff's facts here are some of those held insufficient there). Which precedents may force (binding
ones, decided on a basis that forces at this stage) is the caller's choice of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stare.model.case import Case
from stare.model.doctrine import Doctrine

Sides = tuple[frozenset[str], frozenset[str]]


def sides(doctrine: Doctrine, factor_ids: Iterable[str], within: frozenset[str] | None = None) -> Sides:
    ids = [f for f in factor_ids if within is None or f in within]
    return doctrine.sides(ids)


def forces(winner: str, precedent: Sides, situation: Sides) -> bool:
    """Does a precedent decided for ``winner`` ("P" or "D") force the same result on ``situation``?"""
    (pp, pd), (xp, xd) = precedent, situation
    if winner == "P":
        return pp <= xp and xd <= pd and bool(pp & xp)
    return pd <= xd and xp <= pp and (bool(pd & xd) or (not pd and bool(xp)))


@dataclass(frozen=True)
class Constraint:
    forcing_plaintiff: tuple[Case, ...]
    forcing_defendant: tuple[Case, ...]

    @property
    def forced(self) -> str | None:
        if self.forcing_plaintiff and not self.forcing_defendant:
            return "P"
        if self.forcing_defendant and not self.forcing_plaintiff:
            return "D"
        return None

    @property
    def inconsistent(self) -> bool:
        return bool(self.forcing_plaintiff and self.forcing_defendant)


def constraint(idx, situation: int, rows_mask) -> Constraint:
    """Which precedents (rows of the index allowed by ``rows_mask``) force an outcome on the situation."""
    fp, fd = forcing_rows(idx, situation, rows_mask)
    return Constraint(tuple(idx.cases[i] for i in fp), tuple(idx.cases[i] for i in fd))


def distinctions(winner: str, precedent: Sides, situation: Sides) -> tuple[frozenset[str], frozenset[str]]:
    """What keeps a precedent from forcing: the winner's factors the situation lacks, and the loser's
    factors the situation adds."""
    (pp, pd), (xp, xd) = precedent, situation
    if winner == "P":
        return pp - xp, xd - pd
    return pd - xd, xp - pp


def forcing_rows(idx, situation: int, rows_mask):
    """The rows of the index that force the situation, for the plaintiff and for the defendant: the
    vectorized form of ``forces`` over every precedent at once."""
    import numpy as np

    full = 0xFFFFFFFFFFFFFFFF
    xp, xd = situation & idx.p_all, situation & ~idx.p_all & full
    nxp, nxd = np.uint64(~xp & full), np.uint64(~xd & full)
    p, d = idx.p, idx.d
    ux_p, ux_d = np.uint64(xp), np.uint64(xd)
    for_p = rows_mask & idx.violation & ((p & nxp) == 0) & ((ux_d & ~d) == 0) & ((p & ux_p) != 0)
    shared_d = ((d & ux_d) != 0) | ((d == 0) & (ux_p != 0))
    for_d = rows_mask & ~idx.violation & ((d & nxd) == 0) & ((ux_p & ~p) == 0) & shared_d
    return np.nonzero(for_p)[0], np.nonzero(for_d)[0]
