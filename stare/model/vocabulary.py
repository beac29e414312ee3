"""Closed vocabularies shared by the records: postures, sides, outcomes, relations between opinions."""

from typing import Literal

Side = Literal["P", "D"]
Posture = Literal["motion_to_dismiss", "summary_judgment", "trial", "post_trial"]
DefendantKind = Literal["individual", "municipality", "both"]
CaseKind = Literal["decision", "rule"]
ImmunityOutcome = Literal["granted", "denied", "not_at_issue", "not_reached"]
Finding = Literal["met", "not_met", "contested"]
ElementResult = Literal["met", "not_met"]
#: How a court decided an element (or the violation as a whole): the basis decides what it can force later
#: (caselaw/doctrine/precedent.yaml says which basis forces at which stage, with its sources).
Basis = Literal["held_on_facts", "held_pleaded", "jury_finding", "deferential_review", "not_reached"]
#: How a court decided the clearly-established prong, as it can be seen in its opinion or summaries.
NoticePath = Literal["binding_precedent", "consensus", "obvious", "no_similar_case", "not_recognized", "unseen"]

#: Relations that make two files versions of one opinion: excluding one excludes the other.
VERSION_RELATIONS = frozenset(
    {"amends", "amended_by", "rehearing_en_banc_of", "reheard_en_banc_as", "supersedes", "superseded_by"}
)
#: Relations that end a decision's authority from their date on.
NEGATIVE_RELATIONS = frozenset({"overruled_by", "abrogated_by", "vacated_by", "reversed_by", "superseded_by"})
#: Relations between different decisions in one litigation, kept for the reader, not for exclusion.
LITIGATION_RELATIONS = frozenset({"appeal_after_remand_of", "earlier_appeal_of", "affirmed_by", "reverses"})
Relation = Literal[
    "amends",
    "amended_by",
    "rehearing_en_banc_of",
    "reheard_en_banc_as",
    "supersedes",
    "superseded_by",
    "overruled_by",
    "abrogated_by",
    "vacated_by",
    "reversed_by",
    "appeal_after_remand_of",
    "earlier_appeal_of",
    "affirmed_by",
    "reverses",
]

POSTURES: tuple[str, ...] = Posture.__args__
BASES: tuple[str, ...] = Basis.__args__
DEFENDANT_KINDS: tuple[str, ...] = DefendantKind.__args__
