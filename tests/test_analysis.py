"""The whole analysis on hand-made bases: forcing, immunity, custody routing, authorities."""

import datetime as dt

from conftest import case, facts, make_base

from stare.reasoning import analyze


def base():
    return make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("d-2001", "2001-01-01", ["ACT", "RUSH", "HELP"], False, elements={"mind": "not_met"}),
            case("c-2002", "2002-01-01", ["CUSTODY", "KNEW"], True, doctrine="special_relationship"),
        ]
    )


def test_a_fortiori_case_is_predicted_a_violation_and_clearly_established():
    a = analyze(base(), facts(["ACT", "KNEW", "WARNED"]))
    assert a.prediction.violation and a.prediction.violation_confidence >= 0.85
    assert a.prediction.clearly_established and a.prediction.qualified_immunity == "denied"
    assert a.prediction.claim_survives


def test_case_with_more_defendant_facts_is_forced_the_other_way():
    a = analyze(base(), facts(["ACT", "RUSH", "HELP"]))
    assert not a.prediction.violation and a.prediction.qualified_immunity == "granted"
    assert not a.prediction.claim_survives


def test_as_of_before_the_precedent_removes_its_force():
    a = analyze(base(), facts(["ACT", "KNEW", "WARNED"]), as_of=dt.date(1999, 1, 1))
    assert not a.prediction.clearly_established
    assert all(au.decided < dt.date(1999, 1, 1) for au in a.authorities)


def test_municipality_has_no_qualified_immunity():
    a = analyze(base(), facts(["ACT", "KNEW"], kind="municipality"))
    assert a.prediction.qualified_immunity == "not_at_issue"
    assert a.prediction.claim_survives == a.prediction.violation


def test_custody_is_routed_to_the_special_relationship():
    a = analyze(base(), facts(["CUSTODY", "KNEW"]))
    assert a.prediction.theory == "special_relationship"
    assert [e.id for e in a.elements] == ["custody", "mind"]


def test_every_authority_named_is_in_the_case_base():
    b = base()
    a = analyze(b, facts(["ACT", "KNEW", "RUSH"]))
    named = {r.id for e in a.elements for r in e.precedents}
    named |= {cid for side in a.arguments.values() for arg in side for cid in arg.cites}
    named |= {n.id for n in a.clearly_established.precedents + a.clearly_established.persuasive}
    assert named <= {au.id for au in a.authorities} <= set(b.cases)
