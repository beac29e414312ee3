"""The second prong, on hand-made bases: binding, a fortiori, before the incident."""

import datetime as dt

from conftest import case, indexed, make_base

from stare.reasoning.clearly_established import clearly_established

RECOGNIZED = dt.date(1990, 1, 1)


def run(base, factors, incident="2010-01-01", circuit="ca9", recognized=RECOGNIZED):
    idx, pool, binding = indexed(base, circuit)
    return clearly_established(
        idx,
        factors,
        dt.date.fromisoformat(incident),
        pool,
        binding,
        recognized,
        "rule",
        "sequence",
        ["act", "mind"],
    )


def test_a_fortiori_binding_precedent_before_the_incident_establishes_the_right():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    ce = run(base, ["ACT", "KNEW", "WARNED"])
    assert ce.established and ce.precedents[0].on_notice and ce.precedents[0].closeness == "a_fortiori"


def test_precedent_decided_after_the_incident_gives_no_notice():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    assert not run(base, ["ACT", "KNEW"], incident="1999-12-31").established


def test_other_circuit_is_persuasive_only():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True, court="ca1")])
    ce = run(base, ["ACT", "KNEW"])
    assert not ce.established and ce.persuasive and not ce.precedents


def test_close_on_every_element_gives_notice():
    # the precedent met 'act' with ACT and MOVED and 'mind' with KNEW; here ACT and KNEW meet both elements
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "MOVED", "KNEW"], True)])
    ce = run(base, ["ACT", "KNEW"])
    assert ce.established
    n = ce.precedents[0]
    assert n.closeness == "close" and n.on_notice and n.missing == ["MOVED"]


def test_new_defense_fact_on_an_element_makes_it_distant():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    ce = run(base, ["ACT", "KNEW", "RUSH"])  # RUSH bears on 'mind' and was absent there
    assert not ce.established
    n = ce.precedents[0]
    assert n.closeness == "distant" and "mind" in n.why and n.extra_defendant_factors == ["RUSH"]


def test_element_met_another_way_is_distant():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    ce = run(base, ["MOVED", "KNEW"])  # 'act' met there by ACT, here only by MOVED
    assert not ce.established and ce.precedents[0].closeness == "distant"


def test_no_recognition_before_the_incident_means_not_established():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    assert not run(base, ["ACT", "KNEW"], recognized=dt.date(2011, 1, 1)).established
