"""Reasoning from precedent: small pure functions over the model, no I/O.

- ``knowledge``: what may be known on a date (as-of, excluded citations, binding authority)
- ``constraint``: Horty's result model of precedential constraint (a fortiori forcing)
- ``elements``: element-by-element findings, each decided from the precedents that bear on it
- ``prediction``: combining the elements by the test's structure, with the binding constraint
- ``clearly_established``: the second prong of qualified immunity on the incident date
- ``arguments``: three-ply arguments for each side (cite, distinguish and counter, rebut)
- ``analysis``: the whole analysis of one fact pattern
"""

from stare.reasoning.analysis import analyze
from stare.reasoning.knowledge import UnknownCitation, known_on

__all__ = ["UnknownCitation", "analyze", "known_on"]
