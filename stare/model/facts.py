"""A client's fact pattern, as a fact file or the interview gives it."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from stare.model.case import Record
from stare.model.vocabulary import DefendantKind, Posture


class FactPattern(Record):
    name: str = Field(min_length=1, max_length=300)
    court: str
    incident_date: dt.date
    posture: Posture
    defendant_kind: DefendantKind
    facts: str = Field(default="", max_length=50_000)
    factors: list[str] = []
    factor_notes: dict[str, str] = {}
    immunity_raised: bool = Field(
        default=True, description="whether individual defendants assert qualified immunity at this stage"
    )
