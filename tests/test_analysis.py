"""The whole analysis on hand-made bases: the prongs, the defendants' answers, posture, hinges, versions."""

from conftest import case, core, facts, make_base

from stare.reasoning.analysis import analyze
from stare.reasoning.record import EMPTY


def run(base, fp, **kw):
    return analyze(base, fp, record=EMPTY, **kw)


def test_a_fortiori_case_is_predicted_a_violation_and_clearly_established():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    a = run(base, facts(["ACT", "KNEW", "WARNED"]))
    p = a.prediction
    assert p.violation and p.violation_path == "forced_violation" and p.clearly_established
    assert p.qualified_immunity == "denied" and p.claim_survives


def test_case_with_more_defendant_facts_is_forced_the_other_way():
    base = make_base([case("d-2000", "2000-01-01", ["ACT", "RUSH"], False)])
    p = run(base, facts(["ACT", "RUSH", "HELP"])).prediction
    assert not p.violation and p.violation_path == "forced_no_violation" and not p.claim_survives


def test_as_of_before_the_precedent_removes_its_force():
    import datetime as dt

    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    p = run(base, facts(["ACT", "KNEW"]), as_of=dt.date(1999, 1, 1)).prediction
    assert p.violation_path != "forced_violation"


def test_municipality_and_individual_get_separate_answers():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    a = run(base, facts(["ACT", "KNEW"], incident="1999-01-01", kind="both"))
    answers = {x.defendant: x for x in a.prediction.answers}
    assert answers["municipality"].survives and answers["municipality"].turns_on == "policy_or_custom"
    assert not answers["individual"].survives and answers["individual"].turns_on == "clearly_established"
    assert a.municipal is not None


def test_custody_is_routed_to_the_special_relationship():
    a = run(make_base([]), facts(["CUSTODY", "KNEW"]))
    assert a.prediction.theory == "deshaney.special_relationship"
    assert [e.id for e in a.elements] == ["custody", "mind"]


def test_the_question_follows_the_stage():
    base = make_base([case("mtd-p", "2000-01-01", ["ACT", "KNEW"], True, posture="motion_to_dismiss")])
    pleading = core(base, facts(["ACT", "KNEW"], posture="motion_to_dismiss"))
    later = core(base, facts(["ACT", "KNEW"], posture="summary_judgment"))
    assert pleading.violation_path == "forced_violation" and later.violation_path != "forced_violation"


def test_unsure_facts_are_left_out_and_tried_both_ways():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    a = run(base, facts(["ACT"], unsure=["KNEW"]))
    v = {x.name: x for x in a.variants}["with the unsure facts"]
    assert v.added == ["KNEW"] and v.violation and v.clearly_established


def test_disputed_facts_take_the_plaintiffs_account_and_report_the_defendants():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    fp = facts(
        ["ACT"],
        disputed=[{"fact": "what he knew", "plaintiff": "he knew", "defendant": "he did not", "factors": ["KNEW"]}],
    )
    a = run(base, fp)
    assert a.prediction.violation and a.prediction.clearly_established
    v = {x.name: x for x in a.variants}["defendant's account"]
    assert v.removed == ["KNEW"] and not v.clearly_established


def test_hinge_facts_are_those_that_move_an_answer_their_own_way():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    a = run(base, facts(["ACT", "KNEW"]))
    hinges = {h.factor: h for h in a.hinges}
    assert "KNEW" in hinges and hinges["KNEW"].present and "clearly_established" in hinges["KNEW"].flips
    for h in a.hinges:  # a plaintiff-side fact present can only be a hinge by its absence hurting her
        assert base.doctrine.factors[h.factor].side == ("P" if h.present else "D") or not h.present


def test_every_authority_named_is_in_the_case_base():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    a = run(base, facts(["ACT", "KNEW"]))
    assert {x.id for x in a.authorities} <= set(base.cases)
    assert "p-2000" in {x.id for x in a.authorities}
