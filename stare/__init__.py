"""stare: reasoning from precedent on the DeShaney rule, its exceptions and qualified immunity.

The public API, in the order data flows: read the law and the facts, reason, report.
"""

from stare.caselaw import DataError, load_case_base, load_fact_pattern, parse_fact_pattern
from stare.reasoning import UnknownCitation, analyze, known_on
from stare.report import render_json, render_memo, render_text

__all__ = [
    "DataError",
    "UnknownCitation",
    "analyze",
    "known_on",
    "load_case_base",
    "load_fact_pattern",
    "parse_fact_pattern",
    "render_json",
    "render_memo",
    "render_text",
]
__version__ = "0.1.0"
