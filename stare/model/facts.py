"""A client's fact pattern, as a fact file or the interview gives it. It validates itself.

``FactPattern.model_validate(data, context={"factors": ids})`` checks every field, its type and the
factor ids against the vocabulary; ``read_fact_pattern`` does the same and turns the problems into one
``DataError`` whose lines name each field. The CLI, the interview, the web app and the public
``analyze()`` all go through it, so the checks are written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from stare.model.case import Record
from stare.model.courts import UnknownCourt, resolve_court
from stare.model.errors import DataError, clip, problems_of
from stare.model.vocabulary import DEFENDANT_KINDS, POSTURES, DefendantKind, Posture

EARLIEST_INCIDENT = dt.date(1900, 1, 1)


class DisputedFact(Record):
    """A fact the parties tell differently. The plaintiff's account is taken on a motion to dismiss and
    on summary judgment; at trial the fact-finder decides, so both are analyzed."""

    fact: str = Field(min_length=1, max_length=500, description="what is disputed, in a phrase")
    plaintiff: str = Field(min_length=1, max_length=2_000, description="the plaintiff's account")
    defendant: str = Field(min_length=1, max_length=2_000, description="the defendant's account")
    factors: list[str] = Field(default=[], description="factors the plaintiff's account shows and the other does not")
    defendant_factors: list[str] = Field(
        default=[], description="factors the defendant's account shows and the plaintiff's does not"
    )
    source: str | None = Field(default=None, max_length=500, description="where each account comes from")


class FactPattern(Record):
    name: str = Field(min_length=1, max_length=300)
    plaintiff: str | None = Field(default=None, max_length=200, description="the plaintiff as the memo names her")
    defendants: str | None = Field(default=None, max_length=300, description="the defendants as the memo names them")
    court: str = Field(description="a federal court, as a lawyer writes it or as a courts-db id")
    incident_date: dt.date
    posture: Posture
    defendant_kind: DefendantKind
    facts: str = Field(default="", max_length=50_000)
    factors: list[str] = Field(default=[], max_length=64)
    unsure: list[str] = Field(default=[], max_length=64, description="factors the client cannot yet say")
    not_applicable: list[str] = Field(
        default=[], max_length=64, description="factors whose premise fails (no attacker, say): absent"
    )
    factor_notes: dict[str, str] = Field(default={}, max_length=64)
    disputed: list[DisputedFact] = Field(default=[], max_length=20)
    policy_or_custom: str | None = Field(
        default=None, max_length=5_000, description="the municipality's policy or custom, in the client's words"
    )
    immunity_raised: bool = Field(
        default=True, description="whether individual defendants assert qualified immunity at this stage"
    )

    @field_validator("court", mode="before")
    @classmethod
    def _court(cls, v: object) -> str:
        if not isinstance(v, str):
            raise ValueError(f"expected the court's name or id as text (got {clip(v)})")
        try:
            return resolve_court(v)
        except UnknownCourt as e:
            raise ValueError(str(e)) from None

    @field_validator("incident_date")
    @classmethod
    def _date(cls, v: dt.date) -> dt.date:
        if v > dt.date.today():
            raise ValueError(f"{v} is in the future")
        if v < EARLIEST_INCIDENT:
            raise ValueError(f"{v} is before {EARLIEST_INCIDENT.year}; stare's case base cannot speak to it")
        return v

    @field_validator("factor_notes")
    @classmethod
    def _notes(cls, v: dict[str, str]) -> dict[str, str]:
        for k, note in v.items():
            if len(note) > 2_000:
                raise ValueError(f"the note for {clip(k)} is longer than 2,000 characters")
        return v

    @model_validator(mode="after")
    def _factors(self, info: ValidationInfo) -> FactPattern:
        vocabulary: Collection[str] | None = (info.context or {}).get("factors")
        problems = []
        lists = {"factors": self.factors, "unsure": self.unsure, "not_applicable": self.not_applicable}
        for i, d in enumerate(self.disputed):
            lists[f"disputed.{i}.factors"] = d.factors
            lists[f"disputed.{i}.defendant_factors"] = d.defendant_factors
        seen: dict[str, str] = {}
        for field, ids in lists.items():
            for fid in ids:
                if vocabulary is not None and fid not in vocabulary:
                    import difflib

                    near = difflib.get_close_matches(str(fid), list(vocabulary), n=3)
                    hint = f"; did you mean {', '.join(near)}?" if near else ""
                    problems.append(f"field '{field}': unknown factor id {clip(fid)}{hint}")
                elif fid in seen and not (field.startswith("disputed") and seen[fid].startswith("disputed")):
                    problems.append(f"field '{field}': {fid} is also listed under '{seen[fid]}'")
                seen.setdefault(fid, field)
        known = set(seen)
        for fid in self.factor_notes:
            if fid not in known:
                problems.append(f"field 'factor_notes': {clip(fid)} is not among the listed factors")
        if problems:
            if vocabulary is not None and any("unknown factor" in p for p in problems):
                problems.append("the factor ids are listed, with the question each asks, in caselaw/factors.yaml")
            raise ValueError("\n".join(problems))
        return self

    # --- the versions of the facts the analysis reasons over ----------------------------------------

    def plaintiff_version(self) -> frozenset[str]:
        """The factors on the plaintiff's account: the undisputed ones and those her account of each
        disputed fact shows. Unsure factors are left out: what she cannot yet say is not shown."""
        out = set(self.factors)
        for d in self.disputed:
            out |= set(d.factors)
        return frozenset(out)

    def defendant_version(self) -> frozenset[str]:
        out = set(self.factors)
        for d in self.disputed:
            out |= set(d.defendant_factors)
        return frozenset(out)


HINTS = {
    "posture": f"allowed: {', '.join(POSTURES)}",
    "defendant_kind": f"allowed: {', '.join(DEFENDANT_KINDS)}",
    "extra": "allowed fields: " + ", ".join(FactPattern.model_fields),
}


def read_fact_pattern(data: object, vocabulary: Collection[str] | None, where: str = "facts") -> FactPattern:
    """Validate a fact pattern, naming each wrong field and what it allows; ``DataError`` lists them all."""
    if isinstance(data, FactPattern):
        data = data.model_dump(mode="json")
    if not isinstance(data, dict):
        raise DataError([f"{where}: expected a mapping of fields (name, court, incident_date, ...)"])
    try:
        return FactPattern.model_validate(data, context={"factors": vocabulary})
    except ValidationError as e:
        problems = []
        for line in problems_of(e, where, HINTS):
            # the model's own checks come as one message of several lines
            head, _, rest = line.partition(": field '(top level)': ")
            problems += [f"{head}: {x}" for x in rest.split("\n")] if rest else [line]
        raise DataError(problems) from None
