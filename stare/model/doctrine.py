"""The doctrine as records: factors, elements, rules and each circuit's dated statement of the test."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from stare.model.case import Record, Source
from stare.model.vocabulary import Side


class Factor(Record):
    id: str
    side: Side
    fact: str
    question: str
    elements: list[str] = Field(min_length=1)
    examples: list[str] = []
    help: str | None = None


class DecisiveFacts(Record):
    """Facts that decide an element as a matter of its definition, unless binding precedent says otherwise:
    e.g. deliberate indifference to a known or obvious danger fails where what the official knew did not
    reveal the danger and no fact shows he knew of it."""

    when: list[str] = Field(min_length=1, description="factor ids that must all be present")
    unless: list[str] = Field(default=[], description="factor ids any one of which keeps the rule from applying")
    finding: Literal["met", "not_met"]
    statement: str
    sources: list[Source] = Field(min_length=1)


class Element(Record):
    """An element of a theory of liability, in the shared vocabulary the circuits' tests map onto."""

    id: str
    name: str
    statement: str
    sources: list[Source] = Field(min_length=1)
    standard: str | None = None
    engine_cannot_judge: str | None = Field(
        default=None, description="a judgment the engine does not make, which the memo flags for counsel"
    )
    decisive: list[DecisiveFacts] = []


class Rule(Record):
    """A rule of the doctrine (the DeShaney baseline, an exception, a qualified-immunity prong)."""

    id: str
    name: str
    statement: str
    sources: list[Source] = Field(min_length=1)
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

    def factor(self, fid: str) -> Factor:
        return self.factors[fid]

    def factors_bearing_on(self, element_id: str) -> frozenset[str]:
        return frozenset(f.id for f in self.factors.values() if element_id in f.elements)

    def sides(self, factor_ids) -> tuple[frozenset[str], frozenset[str]]:
        p = frozenset(f for f in factor_ids if self.factors[f].side == "P")
        d = frozenset(f for f in factor_ids if self.factors[f].side == "D")
        return p, d
