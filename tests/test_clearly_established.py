"""The second prong, on hand-made bases: binding, a fortiori, before the incident."""

import datetime as dt

from conftest import case, indexed, make_base

from stare.reasoning.clearly_established import clearly_established

RECOGNIZED = dt.date(1990, 1, 1)


def run(base, factors, incident="2010-01-01", circuit="ca9", recognized=RECOGNIZED, **consensus):
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
        **consensus,
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


def run_consensus(base, factors, threshold, incident="2010-01-01"):
    return run(base, factors, incident, consensus_threshold=threshold, consensus_rule="consensus rule")


def other_circuits(*courts, factors=("ACT", "KNEW"), decided="2000-01-01"):
    return [case(f"p-{c}", decided, list(factors), True, court=c) for c in courts]


def test_a_consensus_of_other_circuits_establishes_the_right():
    base = make_base(other_circuits("ca1", "ca3", "ca7"))
    ce = run_consensus(base, ["ACT", "KNEW"], threshold=3)
    assert ce.established and ce.established_by == "consensus"
    assert ce.consensus_circuits == ["ca1", "ca3", "ca7"] and not ce.precedents
    assert "ca1, ca3, ca7 (3)" in ce.consensus_sentence()


def test_fewer_circuits_than_the_threshold_are_no_consensus():
    base = make_base(other_circuits("ca1", "ca3"))
    ce = run_consensus(base, ["ACT", "KNEW"], threshold=3)
    assert not ce.established and ce.established_by == "none"
    assert "fewer than 3" in ce.consensus_sentence()


def test_two_decisions_of_one_circuit_count_once():
    base = make_base([*other_circuits("ca1", "ca3"), case("p-ca3-b", "2001-01-01", ["ACT", "KNEW"], True, court="ca3")])
    assert run_consensus(base, ["ACT", "KNEW"], threshold=3).consensus_circuits == ["ca1", "ca3"]


def test_distant_decisions_make_no_consensus():
    base = make_base(other_circuits("ca1", "ca3", "ca7"))
    ce = run_consensus(base, ["ACT", "KNEW", "RUSH"], threshold=3)  # a new defense fact on 'mind'
    assert not ce.established and ce.consensus_circuits == []


def test_no_threshold_means_no_consensus_can_count():
    base = make_base(other_circuits("ca1", "ca3", "ca7"))
    ce = run_consensus(base, ["ACT", "KNEW"], threshold=None)
    assert not ce.established and ce.consensus_circuits == []


def test_decisions_after_the_incident_make_no_consensus():
    base = make_base(other_circuits("ca1", "ca3", "ca7", decided="2012-01-01"))
    assert not run_consensus(base, ["ACT", "KNEW"], threshold=3).established


def test_binding_precedent_is_reported_as_the_ground_when_both_exist():
    base = make_base([*other_circuits("ca1", "ca3", "ca7"), case("p-ca9", "2000-01-01", ["ACT", "KNEW"], True)])
    ce = run_consensus(base, ["ACT", "KNEW"], threshold=3)
    assert ce.established_by == "binding"
