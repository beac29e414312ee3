"""The case base: the doctrine and every authority, with the look-ups the reasoning needs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from stare.model.case import Case, SecondCoding
from stare.model.doctrine import Doctrine


def normalize_citation(cite: str) -> str:
    """'879 F.2d 583' and '879 F. 2d 583' and '879 f.2d  583' are the same citation."""
    return re.sub(r"[\s.]+", "", cite).lower()


@dataclass(frozen=True)
class CaseBase:
    doctrine: Doctrine
    cases: dict[str, Case]
    files: dict[str, str] = field(default_factory=dict)  # case id -> data file, relative to the repo
    excluded: tuple[str, ...] = ()
    as_of: dt.date | None = None
    second_coding: dict[str, SecondCoding] = field(default_factory=dict)  # case id -> the blind coding

    def __len__(self) -> int:
        return len(self.cases)

    def case(self, case_id: str) -> Case:
        return self.cases[case_id]

    def by_citation(self, cite: str) -> Case | None:
        key = normalize_citation(cite)
        for c in self.cases.values():
            if any(normalize_citation(x) == key for x in c.citations):
                return c
        return None

    def version_family(self, case_id: str, universe: dict[str, Case] | None = None) -> set[str]:
        """The case and every other reported version of it (amended, reheard en banc), transitively."""
        pool = universe if universe is not None else self.cases
        seen, todo = set(), [case_id]
        while todo:
            cid = todo.pop()
            if cid in seen or cid not in pool:
                seen.add(cid)
                continue
            seen.add(cid)
            todo.extend(pool[cid].versions())
            todo.extend(other.id for other in pool.values() if cid in other.versions())
        return seen

    def decisions(self) -> list[Case]:
        return [c for c in self.cases.values() if c.is_decision]

    def source_file(self, case_id: str) -> str:
        return self.files.get(case_id, f"caselaw/cases/{case_id}.yaml")
