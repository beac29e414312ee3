"""The second prong, on hand-made bases: binding, a fortiori, before the incident."""

import datetime as dt

from conftest import case, make_base

from stare.reasoning.clearly_established import clearly_established
from stare.reasoning.knowledge import is_binding

RECOGNIZED = dt.date(1990, 1, 1)


def run(base, factors, incident="2010-01-01", circuit="ca9", recognized=RECOGNIZED):
    return clearly_established(
        base.doctrine,
        factors,
        dt.date.fromisoformat(incident),
        [c for c in base.decisions() if c.outcome.violation],
        lambda c: is_binding(c, circuit),
        recognized,
        "rule",
        "sequence",
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


def test_close_precedent_is_shown_but_not_counted():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    ce = run(base, ["ACT", "RUSH"])  # lacks KNEW, adds RUSH: two facts off
    assert not ce.established
    assert ce.precedents[0].closeness == "close"
    assert ce.precedents[0].missing == ["KNEW"] and ce.precedents[0].extra_defendant_factors == ["RUSH"]


def test_no_recognition_before_the_incident_means_not_established():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    assert not run(base, ["ACT", "KNEW"], recognized=dt.date(2011, 1, 1)).established
