"""Typed records of the law and of a client's facts, and their validation.

The model knows nothing of files or screens: ``stare.caselaw`` reads the data into these records,
``stare.reasoning`` reasons over them, ``stare.report`` renders what reasoning returns.
"""

from stare.model.analysis import (
    Analysis,
    Argument,
    ClearlyEstablished,
    ElementFinding,
    NoticePrecedent,
    PrecedentRef,
    Prediction,
)
from stare.model.case import Case, History, Holding, Outcome, Source, Verification
from stare.model.doctrine import CircuitTest, CircuitTestVersion, Doctrine, Element, Factor, Rule
from stare.model.facts import FactPattern

__all__ = [
    "Analysis",
    "Argument",
    "Case",
    "CircuitTest",
    "CircuitTestVersion",
    "ClearlyEstablished",
    "Doctrine",
    "Element",
    "ElementFinding",
    "Factor",
    "FactPattern",
    "History",
    "Holding",
    "NoticePrecedent",
    "Outcome",
    "Prediction",
    "PrecedentRef",
    "Rule",
    "Source",
    "Verification",
]
