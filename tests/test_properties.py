"""Properties that hold for any fact pattern on the bundled case base, and the set-based and numpy forms of
each rule agreeing."""

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stare import analyze, load_case_base, render_memo
from stare.model.facts import FactPattern
from stare.reasoning.constraint import forces, forcing_rows, sides
from stare.reasoning.elements import element_result
from stare.reasoning.index import MET, NOT_MET, UNDECIDED, index_of

BASE = load_case_base()
FACTORS = sorted(BASE.doctrine.factors)
COURTS = ["ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc", "wawd", "nysd"]
IDENTIFIER = r"\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b"

facts = st.builds(
    FactPattern,
    name=st.text(min_size=1, max_size=40).filter(str.strip),
    court=st.sampled_from(COURTS),
    incident_date=st.dates(dt.date(1980, 1, 1), dt.date(2025, 12, 31)),
    posture=st.sampled_from(["motion_to_dismiss", "summary_judgment", "trial", "post_trial"]),
    defendant_kind=st.sampled_from(["individual", "municipality", "both"]),
    facts=st.text(max_size=200),
    factors=st.lists(st.sampled_from(FACTORS), unique=True, max_size=12),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts, st.one_of(st.none(), st.dates(dt.date(1985, 1, 1), dt.date(2026, 1, 1))))
def test_any_fact_pattern_gets_a_consistent_analysis(fp, as_of):
    import re

    a = analyze(BASE, fp, as_of=as_of)
    p = a.prediction
    for c in [p.violation_confidence, p.confidence, *(x.confidence for x in p.answers)]:
        assert 0.5 <= c.probability <= 1 and 0 <= c.right <= c.of
    if p.qualified_immunity == "denied" and not p.violation_confidence.reversed:
        assert p.violation
    ids = {x.id for x in a.authorities}
    assert ids <= set(BASE.cases)
    if as_of:
        assert all(x.decided < as_of for x in a.authorities)
    for e in a.elements:
        assert set(e.factors_for) | set(e.factors_against) <= set(fp.factors) | set(a.presumed)
        assert {r.id for r in e.precedents} <= ids
        assert all(r.binding for r in e.forced_by)  # only binding authority forces
    memo = render_memo(a)
    assert "## Table of authorities" in memo and "None" not in memo.replace(fp.name, "").replace(fp.facts, "")
    body = memo.replace(fp.name, "").replace(fp.facts, "")
    assert not re.search(IDENTIFIER, body)


def test_the_set_based_and_numpy_forms_of_each_rule_agree():
    idx = index_of(BASE)
    rng = np.random.default_rng(7)
    rows = np.ones(len(idx), dtype=bool) & idx.decision
    for _ in range(200):
        chosen = [f for f in FACTORS if rng.random() < 0.3]
        situation = sides(BASE.doctrine, BASE.doctrine.effective(chosen))
        fp, fd = forcing_rows(idx, idx.mask(situation[0] | situation[1]), rows)
        expect_p = {
            i
            for i in np.nonzero(rows)[0]
            if idx.violation[i]
            and forces("P", sides(BASE.doctrine, BASE.doctrine.effective(idx.cases[i].factors)), situation)
        }
        expect_d = {
            i
            for i in np.nonzero(rows)[0]
            if not idx.violation[i]
            and forces("D", sides(BASE.doctrine, BASE.doctrine.effective(idx.cases[i].factors)), situation)
        }
        assert set(fp) == expect_p and set(fd) == expect_d
    for element in BASE.doctrine.elements:
        res = idx.element_result(element)
        bearing = BASE.doctrine.factors_bearing_on(element)
        for i, c in enumerate(idx.cases):
            if not c.is_decision:
                assert res[i] == UNDECIDED
                continue
            expected = element_result(
                c.model_copy(update={"factors": sorted(BASE.doctrine.effective(c.factors))}),
                element,
                bearing,
                BASE.doctrine,
            )
            assert res[i] == {"met": MET, "not_met": NOT_MET, None: UNDECIDED}[expected], (c.id, element)
