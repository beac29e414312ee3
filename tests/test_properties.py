"""Properties that hold for any fact pattern on the bundled case base."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stare import analyze, load_case_base, render_memo
from stare.model.facts import FactPattern

BASE = load_case_base()
FACTORS = sorted(BASE.doctrine.factors)
COURTS = ["ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc", "wawd", "nysd"]

facts = st.builds(
    FactPattern,
    name=st.text(min_size=1, max_size=40),
    court=st.sampled_from(COURTS),
    incident_date=st.dates(dt.date(1980, 1, 1), dt.date(2025, 12, 31)),
    posture=st.sampled_from(["motion_to_dismiss", "summary_judgment", "trial", "post_trial"]),
    defendant_kind=st.sampled_from(["individual", "municipality", "both"]),
    facts=st.text(max_size=200),
    factors=st.lists(st.sampled_from(FACTORS), unique=True, max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts, st.one_of(st.none(), st.dates(dt.date(1985, 1, 1), dt.date(2026, 1, 1))))
def test_any_fact_pattern_gets_a_consistent_analysis(fp, as_of):
    a = analyze(BASE, fp, as_of=as_of)
    p = a.prediction
    assert 0 <= p.violation_confidence <= 1 and 0 <= p.confidence <= 1
    assert p.violation_confidence >= 0.5
    if p.qualified_immunity == "denied":
        assert p.violation and p.clearly_established
    if p.claim_survives and fp.defendant_kind == "individual":
        assert p.violation and p.clearly_established
    ids = {x.id for x in a.authorities}
    assert ids <= set(BASE.cases)
    if as_of:
        assert all(x.decided < as_of for x in a.authorities)
    for e in a.elements:
        assert set(e.factors_for) | set(e.factors_against) <= set(fp.factors)
        assert {r.id for r in e.precedents} <= ids
    memo = render_memo(a)
    assert "## Table of authorities" in memo
    assert "<script" not in memo.lower() or "\\<script" in memo.lower()
