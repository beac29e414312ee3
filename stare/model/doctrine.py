"""The doctrine as records: factors, elements, rules and each circuit's dated statement of the test."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from stare.model.case import Record, Source
from stare.model.vocabulary import Basis, Posture, Side

#: What a rule does in the engine's reasoning. The engine finds rules by role, never by id, so that a second
#: doctrine is new data, not new code.
Role = Literal[
    "baseline",  # the default rule the exceptions defeat (DeShaney)
    "exception",  # a theory of liability that defeats the baseline, with its elements
    "conscience",  # a rule every exception's test must meet from its date (Lewis), adding elements
    "two_prongs",  # qualified immunity's two prongs (Saucier)
    "specific_context",  # clearly established in the specific context (Saucier, Brosseau)
    "fair_warning",  # notice without identical facts (Hope)
    "beyond_debate",  # existing precedent must put the question beyond debate (al-Kidd): "contested"
    "consensus",  # a consensus of persuasive authority (Wilson v. Layne)
    "violation_establishes",  # a holding of a violation establishes the law even where immunity was granted
    "not_established_controls",  # a binding holding that conduct was not clearly established controls
    "stated_duty",  # a duty the Supreme Court itself stated gives notice of plain breaches
    "sequence",  # the Saucier order of the prongs
    "order_optional",  # Pearson: courts may take the prongs in either order, from its date
    "plainly_incompetent",  # immunity protects all but the plainly incompetent
    "municipal",  # municipalities have no qualified immunity; policy or custom
    "binding",  # which decisions bind a court
]


class Factor(Record):
    id: str
    side: Side
    phrase: str = Field(min_length=3, description="the fact in plain words, for a memo's sentences")
    fact: str
    question: str
    elements: list[str] = Field(min_length=1)
    examples: list[str] = []
    help: str | None = None
    premise: str | None = Field(default=None, description="what the question assumes (an attacker, say)")
    presumed_unless: list[str] = Field(
        default=[], description="the law presumes this fact unless one of these factors is present"
    )
    presumed_phrase: str | None = None
    presumption: list[Source] = []

    @model_validator(mode="after")
    def _presumption_sourced(self) -> Factor:
        if self.presumed_unless and not (self.presumption and self.presumed_phrase):
            raise ValueError("a presumed fact names the source of its presumption and how a memo says it")
        return self


class DecisiveFacts(Record):
    """Facts that decide an element as a matter of its definition, unless binding precedent says otherwise:
    e.g. deliberate indifference to a known or obvious danger fails where what the official knew did not
    reveal the danger and no fact shows he knew of it."""

    when: list[str] = Field(min_length=1, description="factor ids that must all be present")
    unless: list[str] = Field(default=[], description="factor ids any one of which keeps the rule from applying")
    finding: Literal["met", "not_met"]
    statement: str
    sources: list[Source] = Field(min_length=1)


class CounselNote(Record):
    """A judgment the engine does not make, which the memo flags for counsel, shown only where it bears: in
    the circuits listed (all, if none) and where one of the listed facts is present (always, if none)."""

    text: str = Field(min_length=10)
    when_any: list[str] = Field(default=[], description="factor ids; the note is shown where one is present")
    circuits: list[str] = Field(default=[], description="court ids of circuits; the note is shown only there")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: object) -> object:
        return {"text": value} if isinstance(value, str) else value

    def applies(self, factors: frozenset[str] | set[str], circuit: str | None) -> bool:
        if self.circuits and circuit not in self.circuits:
            return False
        return not self.when_any or any(f in factors for f in self.when_any)


class Element(Record):
    """An element of a theory of liability, in the shared vocabulary the circuits' tests map onto."""

    id: str
    name: str
    statement: str
    sources: list[Source] = Field(min_length=1)
    standard: str | None = None
    engine_cannot_judge: CounselNote | None = Field(
        default=None, description="a judgment the engine does not make, which the memo flags for counsel"
    )
    decisive: list[DecisiveFacts] = []


class Rule(Record):
    """A rule of the doctrine (the DeShaney baseline, an exception, a qualified-immunity prong)."""

    id: str
    name: str
    statement: str
    sources: list[Source] = Field(min_length=1)
    role: Role | None = None
    claim: str | None = Field(default=None, description="for an exception: the claim as a memo names it")
    clause: str | None = Field(
        default=None,
        description="for the baseline: the rule as the memo's question presented names it ('the rule that ...')",
    )
    precedents: list[str] = Field(
        default=[], description="for an exception: the kinds of decision (case `doctrine`) that are its precedents"
    )
    default: bool = Field(default=False, description="the exception a fact pattern takes when no other applies")
    recognized_by: Source | None = Field(
        default=None,
        description="for an exception the Supreme Court itself states: where; it is then recognized in every "
        "circuit from that decision (otherwise each circuit's own test or first decision recognizes it)",
    )
    elements: list[str] = []
    defeats: str | None = Field(default=None, description="the rule this exception defeats")
    applies_when: list[str] = Field(default=[], description="factor ids that route a fact pattern to this rule")
    adds_to: str | None = Field(
        default=None, description="a rule whose elements this one extends, from its first source's decision on"
    )
    since: dt.date | None = None
    threshold: int | None = Field(
        default=None, ge=1, description="a count the rule needs (for a consensus: how many other circuits)"
    )


class BasisRule(Record):
    """What a precedent's finding can do later, by how the court reached it (caselaw/doctrine/precedent.yaml)."""

    id: Basis
    name: str
    forces_at: list[Posture] = Field(description="the stages at which a binding finding on this basis forces")
    gives_notice: bool = Field(description="whether a violation found on this basis can give fair warning")
    statement: str
    sources: list[Source] = Field(min_length=1)


class PostureRule(Record):
    """The question each element asks at a stage of the case, in words."""

    id: Posture
    name: str
    question: str = Field(description="the question for an element at this stage, with {element} for its name")
    met: str
    not_met: str
    contested: str
    sources: list[Source] = Field(min_length=1)


class Weighing(Record):
    """How stare weighs what no rule of law decides: settings of the engine, not law, each with the reason it
    has the value it has (caselaw/doctrine/weighing.yaml)."""

    prior: dict[Literal["P", "D", "both", "none"], float]
    neighbors: int = Field(ge=1)
    shown: int = Field(ge=1)
    binding_weight: float = Field(ge=1)
    met_at: float
    not_met_at: float
    least_record: int = Field(ge=1, description="the fewest earlier predictions a stated confidence rests on")
    reasons: dict[str, str] = Field(description="why each setting has its value")


class CircuitElement(Record):
    id: str
    text: str
    source: Source
    maps_to: list[str] = Field(min_length=1)


class CircuitTestVersion(Record):
    """A statement of the test; it is in force from its source case's decision date."""

    name: str
    source: Source
    elements: list[CircuitElement] = []
    note: str | None = None


class CircuitTest(Record):
    court: str
    name: str
    theory: str = Field(description="the exception (a rule id) whose test this is")
    recognized: bool
    refusal: list[Source] = []
    versions: list[CircuitTestVersion] = []
    controlling_authority_only: Source | None = Field(
        default=None,
        description="a decision holding that only the Supreme Court, the circuit itself and the state's highest "
        "court clearly establish law there, so that other circuits' consensus does not; in force from its date",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _stated(self) -> CircuitTest:
        if self.recognized and not self.versions:
            raise ValueError("a circuit that recognizes the doctrine states its test in at least one version")
        return self


class Doctrine(Record):
    factors: dict[str, Factor]
    elements: dict[str, Element]
    rules: dict[str, Rule]
    circuits: dict[str, CircuitTest]
    bases: dict[str, BasisRule] = {}
    postures: dict[str, PostureRule] = {}
    areas: frozenset[str] = frozenset()
    weighing: Weighing | None = None

    def by_role(self, role: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.role == role]

    def role(self, role: str) -> Rule | None:
        found = self.by_role(role)
        return found[0] if found else None

    def exceptions(self) -> list[Rule]:
        return self.by_role("exception")

    def case_kinds(self) -> frozenset[str]:
        """Every value a case file's ``doctrine`` may take: the files' areas and the exceptions' precedents."""
        return self.areas | {k for r in self.rules.values() for k in r.precedents}

    def factor(self, fid: str) -> Factor:
        return self.factors[fid]

    def presumed(self, factor_ids) -> frozenset[str]:
        """The facts the law presumes for a fact pattern silent on them (a factor's ``presumed_unless``)."""
        present = set(factor_ids)
        return frozenset(
            f.id
            for f in self.factors.values()
            if f.presumed_unless and f.id not in present and not present & set(f.presumed_unless)
        )

    def effective(self, factor_ids) -> frozenset[str]:
        """The facts stated, with those the law presumes."""
        return frozenset(factor_ids) | self.presumed(factor_ids)

    def factors_bearing_on(self, element_id: str) -> frozenset[str]:
        return frozenset(f.id for f in self.factors.values() if element_id in f.elements)

    def sides(self, factor_ids) -> tuple[frozenset[str], frozenset[str]]:
        p = frozenset(f for f in factor_ids if self.factors[f].side == "P")
        d = frozenset(f for f in factor_ids if self.factors[f].side == "D")
        return p, d
