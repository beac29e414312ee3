"""The case base's decisions as bit masks and arrays, so that reasoning over 100,000 precedents takes
milliseconds. Each factor is one bit; a set of factors is an integer; "every factor of A is in B" is
``A & ~B == 0``. The definitions the masks implement are the set-based ones in ``constraint``.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.vocabulary import BASES, NEGATIVE_RELATIONS
from stare.reasoning.knowledge import case_circuit

NEVER = dt.date.max.toordinal() + 1  # beyond every as-of date
UNKNOWN_DAY = 0  # an incident date the file does not give
MET, NOT_MET, UNDECIDED = 1, 0, -1
FULL = 0xFFFFFFFFFFFFFFFF
BASIS_CODE = {b: i for i, b in enumerate(BASES)}


def popcount(a: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a).astype(np.int32)


class PrecedentIndex:
    def __init__(self, base: CaseBase):
        d = base.doctrine
        self.doctrine = d
        if len(d.factors) > 64:
            raise ValueError("the index holds at most 64 factors; widen the masks to add more")
        self.bits = {fid: 1 << i for i, fid in enumerate(d.factors)}
        p_all = self.mask(f for f in d.factors if d.factors[f].side == "P")
        self.p_all = p_all
        self.cases: list[Case] = list(base.cases.values())
        self.row = {c.id: i for i, c in enumerate(self.cases)}
        n = len(self.cases)
        fm = np.fromiter((self.mask(d.effective(c.factors)) for c in self.cases), dtype=np.uint64, count=n)
        self.p = fm & np.uint64(p_all)
        self.d = fm & np.uint64(~p_all & FULL)
        self.decided = np.fromiter((c.decided.toordinal() for c in self.cases), dtype=np.int64, count=n)
        self.incident = np.fromiter(
            (c.incident_date.toordinal() if c.incident_date else UNKNOWN_DAY for c in self.cases),
            dtype=np.int64,
            count=n,
        )
        self.good_until = np.fromiter(
            (
                min(
                    (h.date.toordinal() for h in c.history if h.relation in NEGATIVE_RELATIONS and h.date),
                    default=NEVER,
                )
                for c in self.cases
            ),
            dtype=np.int64,
            count=n,
        )
        self.decision = np.fromiter((c.is_decision for c in self.cases), dtype=bool, count=n)
        self.any_decision = np.fromiter((c.kind == "decision" for c in self.cases), dtype=bool, count=n)
        self.violation = np.fromiter((bool(c.outcome.violation) for c in self.cases), dtype=bool, count=n)
        self.not_established = np.fromiter(
            (c.outcome.clearly_established is False for c in self.cases), dtype=bool, count=n
        )
        self.basis = np.fromiter(
            (BASIS_CODE.get(c.outcome.basis or "not_reached") for c in self.cases), dtype=np.int8, count=n
        )
        self.doctrine_of = np.array([c.doctrine for c in self.cases], dtype=object)
        self.court = np.array([c.court for c in self.cases], dtype=object)
        self.circuit = np.array([case_circuit(c) or "" for c in self.cases], dtype=object)
        self.own_circuit_eligible = np.fromiter(
            (c.published and not c.district_court for c in self.cases), dtype=bool, count=n
        )
        self.scotus = self.court == "scotus"
        self._results: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.cases)

    def mask(self, factor_ids: Iterable[str]) -> int:
        m = 0
        for f in factor_ids:
            m |= self.bits[f]
        return m

    def names(self, mask: int) -> list[str]:
        return [f for f, b in self.bits.items() if mask & b]

    def bearing(self, element: str) -> int:
        return self.mask(self.doctrine.factors_bearing_on(element))

    def known(self, as_of: dt.date | None, excluded: Iterable[str] = ()) -> np.ndarray:
        day = (as_of or dt.date.max).toordinal()
        keep = (self.decided < day) & (self.good_until > day)
        for cid in excluded:
            if cid in self.row:
                keep[self.row[cid]] = False
        return keep

    def binding(self, circuit: str | None) -> np.ndarray:
        return self.scotus | ((self.court == circuit) & self.own_circuit_eligible)

    def theory(self, doctrines: Iterable[str], violation_decided: bool = True) -> np.ndarray:
        """Decisions of these kinds; with ``violation_decided`` only those that decided the violation (the
        precedents for the elements), else every decision (those that decided only clearly-established law
        too)."""
        return np.isin(self.doctrine_of, list(doctrines)) & (self.decision if violation_decided else self.any_decision)

    def bases_mask(self, bases: Iterable[str]) -> np.ndarray:
        """Which decisions decided the violation on one of ``bases``."""
        codes = [BASIS_CODE[b] for b in bases]
        return np.isin(self.basis, codes)

    def element_result(self, element: str) -> np.ndarray:
        """How each decision decided an element: as the court said, or as its finding of a violation
        entails (every element met); a loss tells which element failed only where the losing plaintiff had
        no plaintiff-side fact on it. Other losses leave the element undecided."""
        return self._element(element)[0]

    def element_held(self, element: str) -> np.ndarray:
        """Whether each decision's result on the element was held (stated, or entailed by a violation found),
        rather than inferred from a loss."""
        return self._element(element)[1]

    def element_basis(self, element: str) -> np.ndarray:
        """On what basis each decision decided the element (codes of ``BASES``): its own if the file gives one,
        else that of its ruling on the violation."""
        return self._element(element)[2]

    def _element(self, element: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if element not in self._results:
            bearing = np.uint64(self.bearing(element))
            inferred = np.where(self.violation, MET, np.where((self.p & bearing) == 0, NOT_MET, UNDECIDED))
            stated = [c.elements.get(element) for c in self.cases]
            explicit = np.array([{"met": MET, "not_met": NOT_MET}[h.result] if h else 9 for h in stated], dtype=np.int8)
            basis = np.array([BASIS_CODE[h.basis] if h else self.basis[i] for i, h in enumerate(stated)], dtype=np.int8)
            out = np.where(explicit != 9, explicit, inferred).astype(np.int8)
            out[~self.decision] = UNDECIDED
            held = (explicit != 9) | self.violation
            self._results[element] = (out, held, basis)
        return self._results[element]


_CACHE: OrderedDict[int, tuple[dict, PrecedentIndex]] = OrderedDict()


def index_of(base: CaseBase) -> PrecedentIndex:
    """The index of a case base, built once and kept for the few bases most recently used."""
    key = id(base.cases)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is base.cases:
        _CACHE.move_to_end(key)
        return hit[1]
    idx = PrecedentIndex(base)
    _CACHE[key] = (base.cases, idx)
    while len(_CACHE) > 8:
        _CACHE.popitem(last=False)
    return idx


def top(keys: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The k rows with the largest keys, largest first."""
    if len(rows) <= k:
        return rows[np.argsort(-keys[rows], kind="stable")]
    part = rows[np.argpartition(-keys[rows], k)[:k]]
    return part[np.argsort(-keys[part], kind="stable")]
