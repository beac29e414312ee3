"""What the reasoning returns: typed records of findings, arguments, the clearly-established inquiry and the
prediction. They carry ids (factor, element, case) for machines; ``stare.report`` turns them into prose."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from stare.model.facts import FactPattern
from stare.model.vocabulary import Finding

Won = Literal["plaintiff", "defendant"]


class Out(BaseModel):
    """Output records are plain data: they render to JSON as they are."""


class SourceRef(Out):
    """An authority cited for a rule, with its pinpoint; ``binding`` where it binds the court analyzed."""

    case: str
    name: str
    cite: str
    pinpoint: str | None = None
    quote: str | None = None
    binding: bool = True


class PrecedentRef(Out):
    """A decision the analysis relies on, described by what happened and what the court held."""

    id: str
    name: str  # as a reader knows it: "Grubbs I", "Munger v. City of Glasgow Police Dep't"
    short: str  # the short form after a first full citation: "Munger"
    cite: str  # name, citation (court year)
    citation: str
    court: str
    court_label: str
    decided: dt.date
    binding: bool
    won: Won
    relation: Literal["forces", "weighed", "notice"] = "weighed"
    basis: str | None = None
    shared: list[str] = []
    differences: list[str] = []
    parenthetical: str | None = None
    pinpoint: str | None = None
    their_facts: dict[str, str] = {}  # the precedent's own words for its facts, by factor
    source_file: str = ""


class DecisiveView(Out):
    statement: str
    sources: list[SourceRef]
    finding: Literal["met", "not_met"]


class ElementFinding(Out):
    id: str
    name: str
    question: str  # the question at this stage
    answer: str  # the answer in the stage's words
    finding: Finding
    rule: str  # the rule as the circuit states it (or the shared statement where it has none)
    rule_sources: list[SourceRef]  # binding authority for the rule
    persuasive_sources: list[SourceRef] = []
    how: Literal["forced", "decisive", "lean", "conflict"]
    lean: Literal["P", "D", "both", "none"]
    forced_by: list[PrecedentRef] = []
    decisive: DecisiveView | None = None
    decisive_blocked_by: list[PrecedentRef] = []
    votes_met: int = 0
    votes: int = 0
    probability_met: float  # the engine's internal weight, not a calibrated probability; never printed
    factors_for: list[str]
    factors_against: list[str]
    precedents: list[PrecedentRef]
    engine_cannot_judge: str | None = None


class Distinction(Out):
    factor: str
    elements: list[str]


class Reply(Out):
    kind: Literal["substitute", "despite", "stands", "distinguish", "undistinguished"]
    factor: str | None = None
    substitutes: list[str] = []
    elements: list[str] = []
    precedent: PrecedentRef | None = None
    missing: list[str] = []
    added: list[str] = []


class Argument(Out):
    ply: int
    side: Won
    move: Literal["cite", "distinguish", "rebut", "none"]
    precedent: PrecedentRef | None = None
    also: list[PrecedentRef] = []
    missing: list[Distinction] = []
    added: list[Distinction] = []
    counterexamples: list[PrecedentRef] = []
    replies: list[Reply] = []
    cites: list[str] = []


class Gap(Out):
    element: str
    kind: Literal["no_shared_fact", "defeated"]
    their_facts: list[str] = []
    reason: str | None = None


class NoticePrecedent(Out):
    precedent: PrecedentRef
    circuit: str
    closeness: Literal["a_fortiori", "close", "distant"]
    on_notice: bool
    gaps: list[Gap] = []
    superseded_by: PrecedentRef | None = None  # a binding holding that the law was not clearly established


class ClearlyEstablished(Out):
    as_of: dt.date
    status: Literal["established", "contested", "not_established"]
    established: bool
    path: str
    recognized_in_circuit: bool
    recognized_on: dt.date | None = None
    rule: str
    rule_sources: list[SourceRef]
    fair_warning: str | None = None
    fair_warning_sources: list[SourceRef] = []
    sequence: str
    sequence_sources: list[SourceRef]
    precedents: list[NoticePrecedent]
    persuasive: list[NoticePrecedent]
    best_notice: NoticePrecedent | None = None
    best_answer: PrecedentRef | None = None
    answer_factors: list[str] = []
    answer_holdings: list[PrecedentRef] = []  # the binding holdings that those facts defeat an element
    beyond_debate: SourceRef | None = None
    controlled_by: PrecedentRef | None = None
    established_by: Literal["binding", "consensus", "none"] = "none"
    consensus_circuits: list[str] = []
    consensus_threshold: int | None = None
    consensus_counts: bool = False
    consensus_why_not: Literal["not_recognized", "controlling_only", "declined", "before_rule"] | None = None
    consensus_sources: list[SourceRef] = []


class Confidence(Out):
    """How often stare's back-test was right on predictions made the same way, on decisions decided before
    the date analyzed: the printed probability is that record, never a number the engine chose."""

    probability: float  # the chance the printed answer is right: (right + 1) / (of + 2), at least one half
    right: int
    of: int
    kind: str  # the kind of prediction whose record it is, in words
    broader: bool = False  # too few of that kind: the record of every prediction of the prong
    reversed: bool = False  # the rules' answer was right less often than not, so the record's answer is given


class DefendantAnswer(Out):
    defendant: Literal["individual", "municipality"]
    survives: bool
    confidence: Confidence
    turns_on: Literal["violation", "clearly_established", "policy_or_custom", "immunity_not_raised"]


class Prediction(Out):
    theory: str
    claim: str
    violation: bool
    violation_path: str
    violation_confidence: Confidence
    clearly_established: bool
    ce_status: Literal["established", "contested", "not_established"]
    ce_path: str
    ce_confidence: Confidence | None = None
    qualified_immunity: Literal["granted", "denied", "not_at_issue"]
    answers: list[DefendantAnswer]
    claim_survives: bool
    confidence: Confidence
    forced: Literal["P", "D"] | None = None
    forced_by: list[PrecedentRef] = []
    forced_conflict: list[PrecedentRef] = []
    not_recognized: list[SourceRef] = []


class Hinge(Out):
    """A fact whose presence or absence would change a prong's answer."""

    factor: str
    present: bool
    flips: list[Literal["violation", "clearly_established", "claim_survives"]]


class Variant(Out):
    """The same analysis on another version of the facts: the defendant's account of disputed facts, or with
    the facts the client is unsure of."""

    name: Literal["defendant's account", "with the unsure facts"]
    added: list[str]
    removed: list[str]
    violation: bool
    clearly_established: bool
    claim_survives: bool


class Authority(Out):
    id: str
    name: str
    short: str = ""
    citation: str
    citations: list[str]
    cite: str
    court: str
    court_label: str
    decided: dt.date
    kind: str
    parenthetical: str | None = None
    source_file: str


class CircuitTestView(Out):
    court: str
    name: str
    version: str
    source: SourceRef
    elements: list[dict]


class RuleView(Out):
    id: str
    name: str
    statement: str
    sources: list[SourceRef]
    clause: str | None = None  # the baseline as the question presented names it


class Analysis(Out):
    facts: FactPattern
    as_of: dt.date
    excluded: list[str]
    court_name: str  # "the Eastern District of Washington (Ninth Circuit)"
    circuit: str | None
    circuit_name: str | None
    posture: RuleView
    circuit_test: CircuitTestView | None
    recognized: bool
    baseline: RuleView
    exception: RuleView
    conscience: list[RuleView] = []
    prediction: Prediction
    elements: list[ElementFinding]
    arguments: dict[str, list[Argument]]
    clearly_established: ClearlyEstablished
    hinges: list[Hinge] = []
    variants: list[Variant] = []
    presumed: list[str] = []  # facts the law presumes for a fact pattern silent on them
    phrases: dict[str, str]  # every factor id named anywhere in the analysis, in words for prose
    factor_sides: dict[str, Literal["P", "D"]] = {}  # which side each of those facts favors
    element_names: dict[str, str]
    timeline: list[PrecedentRef] = []
    neighbors: list[tuple[PrecedentRef, float]] = []
    authorities: list[Authority]
    municipal: RuleView | None = None
    notes: list[str]
