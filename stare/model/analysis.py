"""What the reasoning returns: findings, arguments, the clearly-established inquiry, the prediction."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from stare.model.vocabulary import Finding


class Out(BaseModel):
    """Output records are plain data: they render to JSON as they are."""


class PrecedentRef(Out):
    id: str
    name: str
    citation: str
    cite: str  # name, citation (court year), as a lawyer writes it
    court: str
    decided: dt.date
    outcome: Literal["plaintiff", "defendant"]
    binding: bool
    relation: str  # "forces", "supports", "cuts against", "on point", ...
    shared: list[str] = []
    differences: list[str] = []
    source_file: str = ""


class ElementFinding(Out):
    id: str
    name: str
    rule: str
    sources: list[str]
    finding: Finding
    probability_met: float
    factors_for: list[str]
    factors_against: list[str]
    precedents: list[PrecedentRef]
    reasoning: str
    engine_cannot_judge: str | None = None


class Argument(Out):
    ply: int
    side: Literal["plaintiff", "defendant"]
    move: str
    text: str
    cites: list[str]


class NoticePrecedent(Out):
    id: str
    name: str
    citation: str
    cite: str
    decided: dt.date
    binding: bool
    on_notice: bool
    closeness: Literal["a_fortiori", "close", "distant"]
    missing: list[str]
    extra_defendant_factors: list[str]
    why: str


class ClearlyEstablished(Out):
    as_of: dt.date
    established: bool
    recognized_in_circuit: bool
    rule: str
    how_closeness_is_judged: str
    precedents: list[NoticePrecedent]
    persuasive: list[NoticePrecedent]
    sequence_note: str
    #: how the right was established: by binding precedent, by a consensus of other circuits, or not at all
    established_by: Literal["binding", "consensus", "none"] = "none"
    #: the other circuits whose decisions were a fortiori or close, when a consensus could count
    consensus_circuits: list[str] = []
    #: the consensus rule in words, and why it could not count here where it could not
    consensus_rule: str | None = None
    consensus_threshold: int | None = None

    def consensus_sentence(self) -> str:
        """The consensus rule and what it gave here, in one paragraph."""
        if not self.consensus_rule:
            return ""
        if self.consensus_threshold is None:
            return self.consensus_rule
        found = ", ".join(self.consensus_circuits) if self.consensus_circuits else "none"
        n = len(self.consensus_circuits)
        if self.established_by == "binding":
            outcome = "binding precedent already decides it"
        elif n >= self.consensus_threshold:
            outcome = "a consensus, so the right was clearly established"
        else:
            outcome = f"fewer than {self.consensus_threshold}, so no consensus"
        return f"{self.consensus_rule} Other circuits with a decision a fortiori or close: {found} ({n}); {outcome}."


class Prediction(Out):
    theory: str
    violation: bool
    violation_confidence: float
    clearly_established: bool
    qualified_immunity: Literal["granted", "denied", "not_at_issue"]
    claim_survives: bool
    confidence: float
    constraint: str
    explanation: str


class Authority(Out):
    id: str
    name: str
    citation: str
    citations: list[str]
    court: str
    decided: dt.date
    source_file: str


class Analysis(Out):
    facts: dict
    as_of: dt.date
    excluded: list[str]
    circuit_test: dict
    baseline: dict
    prediction: Prediction
    elements: list[ElementFinding]
    arguments: dict[str, list[Argument]]
    clearly_established: ClearlyEstablished
    authorities: list[Authority]
    notes: list[str]
