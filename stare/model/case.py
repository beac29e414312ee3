"""A precedent or rule authority, as one file of ``caselaw/cases`` records it."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stare.model.vocabulary import (
    NEGATIVE_RELATIONS,
    VERSION_RELATIONS,
    Basis,
    CaseKind,
    DefendantKind,
    ElementResult,
    ImmunityOutcome,
    NoticePath,
    Posture,
    Relation,
)

CASE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: a closing parenthetical in a factor note that says where the fact was read, not what happened: kept in
#: the case file for the reviewer, left out where a memo describes the precedent's facts
SOURCE_REMARK = re.compile(
    r"\s*\((?=[^()]*(?:summar|\bper\b|report|news|\bbrief\b|case note|commentary|syllabus|"
    r"account not seen|\bAP\b|law\.com|studicata|midpage|casetext))[^()]*\)\s*\.?\s*$"
)


class Record(BaseModel):
    """Base for every record: unknown keys are errors, so a typo in a data file cannot pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """Where a rule, element or factor comes from: a case in the base and the pinpoint page."""

    case: str
    pinpoint: str | None = Field(default=None, description="None where the page could not be verified")
    quote: str | None = Field(default=None, description="a short quotation of the test, at most a sentence")
    seen: str | None = Field(
        default=None, max_length=300, description="where the pinpoint was seen, when not in the opinion itself"
    )

    @field_validator("quote")
    @classmethod
    def _short(cls, v: str | None) -> str | None:
        if v is not None and len(v.split()) > 60:
            raise ValueError("a quotation is limited to a phrase or a sentence (60 words); paraphrase the rest")
        return v


class Outcome(Record):
    violation: bool | None = None
    #: how the court decided the violation: every element finding it entails shares this basis
    basis: Basis | None = None
    clearly_established: bool | None = None
    qualified_immunity: ImmunityOutcome = "not_reached"
    claim_survives: bool | None = None
    disposition: str | None = None


class ElementHolding(Record):
    """How the court decided one element: the result, on what basis, and where that was seen."""

    result: ElementResult
    basis: Basis
    seen: str | None = Field(default=None, max_length=1_500)


class NoticeRecord(Record):
    """How the court decided the clearly-established prong: the precedents it relied on or rejected for
    notice (those in the base; others named in words), and the path it took, as far as it was seen."""

    relied_on: list[str] = []
    rejected: list[str] = []
    outside_base: str | None = None
    path: NoticePath
    seen: str = Field(max_length=2_000)


class Parenthetical(Record):
    """One sentence, in our own words, saying what happened and what the court held: the parenthetical a
    brief puts after the citation. Starts with a present participle ("holding that ...")."""

    text: str = Field(min_length=20)
    pinpoint: str | None = None
    seen: str = Field(max_length=1_500)

    @field_validator("text")
    @classmethod
    def _one_sentence(cls, v: str) -> str:
        words = len(v.split())
        if words > 90:
            raise ValueError(f"a parenthetical is one sentence of at most 90 words (this one has {words})")
        if v[0].isupper() or v.rstrip().endswith("."):
            raise ValueError('a parenthetical starts in lower case ("holding that ...") and has no final period')
        return v


class Holding(Record):
    text: str
    pinpoint: str | None = None


class History(Record):
    relation: Relation
    case: str | None = None
    date: dt.date | None = None
    note: str | None = None


class SeedError(Record):
    as_cited: str
    correct: str
    where: str | None = None
    note: str | None = None


class VerificationSource(Record):
    url: str
    what: str


class Verification(Record):
    verified_on: dt.date
    sources: list[VerificationSource] = Field(min_length=1)
    holdings_source: str | None = None
    unseen: list[str] = []
    disagreements: list[str] = []


class TestStatement(Record):
    statement: str
    pinpoint: str | None = None


class Case(Record):
    id: str
    name: str
    short_names: list[str] = []
    nicknames: list[str] = []
    citations: list[str] = Field(min_length=1)
    court: str
    circuit: str | None = Field(default=None, description="for a district court: the circuit it sits in")
    decided: dt.date
    published: bool = True
    district_court: bool = False
    kind: CaseKind
    doctrine: str = Field(pattern=r"^[a-z_]+$", description="the kind of authority; doctrine files list them")
    incident_date: dt.date | None = None
    incident_not_after: dt.date | None = Field(
        default=None,
        description="where the day of the incident is not known: the latest date it can have been, as the sources "
        "show it (the last day of the month or year they give, or the day the complaint was filed)",
    )
    posture: Posture | None = None
    defendant_kind: DefendantKind | None = None
    facts: str | None = None
    factors: list[str] = []
    factor_notes: dict[str, str] = {}
    outcome: Outcome = Outcome()
    elements: dict[str, ElementHolding] = {}
    notice: NoticeRecord | None = None
    parenthetical: Parenthetical | None = None
    test: TestStatement | None = None
    holdings: list[Holding] = []
    rules: list[Holding] = []
    history: list[History] = []
    seed_errors: list[SeedError] = []
    verification: Verification

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not CASE_ID.match(v):
            raise ValueError("a case id is lower-case words joined by hyphens, e.g. wood-v-ostrander-1989")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        if len(set(self.factors)) != len(self.factors):
            raise ValueError("a factor is listed twice")
        if self.incident_date and self.incident_date > self.decided:
            raise ValueError(f"incident_date {self.incident_date} is after the decision date {self.decided}")
        if self.incident_not_after:
            if self.incident_date:
                raise ValueError("incident_not_after is for a case whose incident_date is not known; give one of them")
            if self.incident_not_after > self.decided:
                raise ValueError(
                    f"incident_not_after {self.incident_not_after} is after the decision date {self.decided}"
                )
        for fid in self.factor_notes:
            if fid not in self.factors:
                raise ValueError(f"factor_notes names {fid}, which is not among the case's factors")
        if self.kind == "decision" and self.outcome.violation is None and self.outcome.claim_survives is None:
            raise ValueError("a decision records at least outcome.violation or outcome.claim_survives")
        if self.kind == "decision":
            if self.outcome.violation is not None and self.outcome.basis in (None, "not_reached"):
                raise ValueError("a decision that decided the violation records outcome.basis (how it decided it)")
            if self.parenthetical is None:
                raise ValueError("a decision has a parenthetical: what happened and what the court held")
            if self.outcome.clearly_established is not None and self.notice is None:
                raise ValueError("a decision on the clearly-established prong records `notice` (what it relied on)")
        return self

    # --- what the reasoning asks of a case -------------------------------------------------------

    @property
    def citation(self) -> str:
        return self.citations[0]

    @property
    def year(self) -> int:
        return self.decided.year

    @property
    def conduct_date(self) -> tuple[dt.date, str]:
        """The date to ask what the law was when the officials acted, and how well it is known: the incident
        date ("exact"), else the latest date the sources allow ("bound"), else the decision date, which is
        later than the conduct and so may hold the officials to law decided after they acted ("decision")."""
        if self.incident_date:
            return self.incident_date, "exact"
        if self.incident_not_after:
            return self.incident_not_after, "bound"
        return self.decided, "decision"

    @property
    def display_name(self) -> str:
        return self.nicknames[0] if self.nicknames else self.name

    @property
    def is_decision(self) -> bool:
        """A decision on the claim's facts, usable as a precedent for outcomes."""
        return self.kind == "decision" and self.outcome.violation is not None

    def versions(self) -> list[str]:
        return [h.case for h in self.history if h.relation in VERSION_RELATIONS and h.case]

    def good_law_on(self, day: dt.date) -> bool:
        """False once a later authority overruled, abrogated, vacated or reversed it, from that date on."""
        return not any(h.relation in NEGATIVE_RELATIONS and h.date and h.date <= day for h in self.history)

    def fact_in_words(self, factor: str) -> str | None:
        """The case file's own words for one of its facts, without a closing remark on where it was read."""
        note = self.factor_notes.get(factor)
        return SOURCE_REMARK.sub("", note).rstrip(" .;") if note else None

    def short_cite(self) -> str:
        label = self.court_label
        return f"{self.name}, {self.citation} ({label + ' ' if label else ''}{self.year})"

    def summary(self) -> dict:
        """The one-line record that lists of cases show (CLI ``cases list --format json``, the web API)."""
        return {
            "id": self.id,
            "name": self.name,
            "citation": self.citation,
            "citations": self.citations,
            "court": self.court,
            "decided": self.decided.isoformat(),
            "kind": self.kind,
            "doctrine": self.doctrine,
            "violation": self.outcome.violation,
            "claim_survives": self.outcome.claim_survives,
        }

    @property
    def short(self) -> str:
        """The short form for a second mention: a nickname, else the first short name, else the name."""
        return (self.nicknames or self.short_names or [self.name])[0]

    @property
    def court_label(self) -> str:
        from stare.model.courts import court_label

        return court_label(self.court)


class SecondCoding(Record):
    """A decision's facts coded a second time by a reader who saw only its facts text (caselaw/second-coding)."""

    case: str
    reader: str
    factors: list[str] = []
    unsure: list[str] = []
    factor_notes: dict[str, str] = {}
    remarks: str | None = None
