"""The JSON API's request and response models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from stare.web.security import MAX_EXCLUDE, MAX_UPLOAD_BYTES


class AnalyzeRequest(BaseModel):
    facts: dict[str, Any] = Field(
        description="A fact pattern, the fields of a fact file: name, court, incident_date, posture, "
        "defendant_kind, facts, factors, unsure, factor_notes, disputed, immunity_raised (see GET /api/factors "
        "for the ids). The court may be written as a lawyer writes it ('Ninth Circuit', 'E.D. Wash.').",
        examples=[
            {
                "name": "Doe v. Trooper Roe",
                "court": "Ninth Circuit",
                "incident_date": "2008-01-12",
                "posture": "summary_judgment",
                "defendant_kind": "individual",
                "facts": "A trooper left an intoxicated passenger on a rural highway at 1 a.m.",
                "factors": ["AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING", "VICTIM_VULNERABLE"],
                "factor_notes": {"PLACED_IN_DANGEROUS_SETTING": "left her on the highway shoulder"},
            }
        ],
    )
    as_of: dt.date | None = Field(default=None, description="use only decisions before this date (CLI --as-of)")
    exclude_citation: list[Annotated[str, Field(max_length=200)]] = Field(
        default=[],
        max_length=MAX_EXCLUDE,
        description="leave these cases and their other versions out (CLI --exclude-citation)",
    )


class MemoRequest(AnalyzeRequest):
    format: Literal["markdown", "html", "pdf", "docx"] = "markdown"
    pictures: bool = Field(default=True, description="include the timeline and the precedent map")


class ReadRequest(BaseModel):
    text: str = Field(max_length=MAX_UPLOAD_BYTES, description="the opinion, plain text or HTML")
    title: str | None = Field(default=None, max_length=300, description="the opinion's caption, if not its first line")
    html: bool | None = Field(default=None, description="true for HTML; by default it is sniffed")
    draft: bool = Field(default=False, description="check a brief or draft: flag every citation stare cannot verify")


class CaseSummary(BaseModel):
    id: str
    name: str
    citation: str
    citations: list[str]
    court: str
    decided: dt.date
    kind: str
    doctrine: str
    violation: bool | None
    claim_survives: bool | None


class Problems(BaseModel):
    detail: list[str]


class Health(BaseModel):
    status: str
    authorities: int
    decisions: int
    reader: bool
