"""Precedential constraint in Horty's result model.

A precedent decided for a side holds that the factors favoring that side (its reason) outweigh the
factors favoring the other. A later fact situation is forced to the same outcome a fortiori when it has
at least the winner's factors and no more of the loser's: winner(precedent) <= winner(new) and
loser(new) <= loser(precedent).
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
        return pp <= xp and xd <= pd
    return pd <= xd and xp <= pp


def winner_on_violation(case: Case) -> str:
    return "P" if case.outcome.violation else "D"


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


def constraint(doctrine: Doctrine, situation: Sides, precedents: Iterable[Case]) -> Constraint:
    """Which precedents force an outcome on the situation, on the violation question."""
    fp, fd = [], []
    for c in precedents:
        w = winner_on_violation(c)
        if forces(w, sides(doctrine, c.factors), situation):
            (fp if w == "P" else fd).append(c)
    return Constraint(tuple(fp), tuple(fd))


def distinctions(winner: str, precedent: Sides, situation: Sides) -> tuple[frozenset[str], frozenset[str]]:
    """What keeps a precedent from forcing: the winner's factors the situation lacks, and the loser's
    factors the situation adds."""
    (pp, pd), (xp, xd) = precedent, situation
    if winner == "P":
        return pp - xp, xd - pd
    return pd - xd, xp - pp
