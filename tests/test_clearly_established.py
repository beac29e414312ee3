"""The second prong on hand-made bases, rule by rule (caselaw/doctrine/qualified_immunity.yaml)."""

from conftest import case, core, facts, make_base

from stare.model.doctrine import CircuitTest


def ce(base, factors, incident="2010-01-01", court="ca9", **kw):
    return core(base, facts(factors, court=court, incident=incident, **kw)).ce


def test_a_fortiori_binding_precedent_before_the_incident_establishes_the_right():
    got = ce(make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)]), ["ACT", "KNEW", "WARNED"])
    assert got.established and got.path == "binding_a_fortiori" and got.best_notice.precedent.id == "p-2000"


def test_a_precedent_decided_after_the_incident_gives_no_notice():
    got = ce(make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)]), ["ACT", "KNEW"], incident="1999-01-01")
    assert not got.established


def test_close_on_every_element_gives_notice_without_a_precedent_backed_answer():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "MOVED", "KNEW", "WARNED"], True)])
    got = ce(base, ["ACT", "KNEW"])
    assert got.established and got.path == "binding_close"


def test_a_defense_fact_alone_does_not_make_a_precedent_distant():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    got = ce(base, ["ACT", "KNEW", "HELP"])
    assert got.best_notice is not None and got.best_notice.closeness == "close"


def test_a_binding_decision_for_the_defense_as_close_makes_the_question_contested():
    base = make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("d-2002", "2002-01-01", ["ACT", "KNEW", "HELP"], False),
        ]
    )
    got = ce(base, ["ACT", "KNEW", "HELP"])
    assert got.status == "contested" and not got.established
    assert got.best_answer is not None and got.best_answer.id == "d-2002"


def test_a_defense_fact_answers_a_notice_case_only_where_the_holding_on_it_reaches_this_case():
    """A binding holding that an element failed where the defense fact was present answers a notice case for
    a later case with that fact, but not for one with facts for the plaintiff on the element that the
    holding never saw (as Okin's officers, who also encouraged the abuser, against holdings on inaction)."""
    notice = case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)
    helped = case("d-2002", "2002-01-01", ["KNEW", "RUSH", "HELP"], False, elements={"mind": "not_met"})
    base = make_base([notice, helped])
    got = ce(base, ["ACT", "KNEW", "HELP"])
    assert got.answer_factors == ["HELP"] and got.status == "contested"
    assert [h.id for h in got.answer_holdings] == ["d-2002"]  # named, so a reader can check it
    got = ce(base, ["ACT", "KNEW", "WARNED", "HELP"])  # warned, which the holding never saw
    assert got.answer_factors == [] and got.status == "established" and got.path == "binding_close"


def test_a_jury_finding_for_the_defense_is_no_answer_to_a_notice_case():
    """The same pair as above, but the defense's decision is a verdict: a finding, not a holding, so it
    answers nothing and the binding notice case stands (Grubbs II against Grubbs I in Kennedy)."""
    base = make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("d-2002", "2002-01-01", ["ACT", "KNEW", "HELP"], False, posture="trial"),
        ]
    )
    got = ce(base, ["ACT", "KNEW", "HELP"])
    assert got.status == "established" and got.best_answer is None
    assert got.best_notice is not None and got.best_notice.precedent.id == "p-2000"


def test_a_jury_finding_of_a_violation_gives_no_notice():
    base = make_base([case("verdict-p", "2000-01-01", ["ACT", "KNEW"], True, posture="trial")])
    got = ce(base, ["ACT", "KNEW"])
    assert not got.established and got.best_notice is None


def test_a_violation_found_with_immunity_granted_gives_notice_for_later_conduct():
    found = case(
        "p-2000",
        "2000-01-01",
        ["ACT", "KNEW"],
        True,
        clearly_established=False,
        qualified_immunity="granted",
        claim_survives=False,
    )
    got = ce(make_base([found]), ["ACT", "KNEW"], incident="2005-01-01")
    assert got.established and got.best_notice.precedent.id == "p-2000"


def test_a_binding_holding_of_no_clearly_established_law_controls_up_to_its_date():
    base = make_base(
        [
            case("p-1995", "1995-01-01", ["ACT", "KNEW"], True),
            case(
                "nce-2004",
                "2004-01-01",
                ["ACT", "KNEW", "WARNED"],
                None,
                clearly_established=False,
                qualified_immunity="granted",
                claim_survives=False,
                incident_date="2001-06-01",
            ),
        ]
    )
    before = ce(base, ["ACT", "KNEW"], incident="2000-01-01")
    assert before.path == "controlled" and before.controlled_by.id == "nce-2004"
    after = ce(base, ["ACT", "KNEW"], incident="2003-01-01")  # p-1995 was held not to give notice of this
    assert not after.established and all(n.superseded_by is not None for n in after.precedents)


def test_a_consensus_of_other_circuits_counts_where_the_circuit_has_recognized_the_claim():
    others = [case(f"p-{c}", "2000-01-01", ["ACT", "KNEW"], True, court=c) for c in ("ca1", "ca2")]
    own = case("own-2001", "2001-01-01", ["MOVED", "WARNED"], True)  # recognizes the claim in ca9, not close
    got = ce(make_base([*others, own]), ["ACT", "KNEW"])
    assert got.established and got.path == "consensus" and got.consensus_circuits == ["ca1", "ca2"]


def test_no_consensus_counts_where_the_circuit_had_not_recognized_the_claim():
    others = [case(f"p-{c}", "2000-01-01", ["ACT", "KNEW"], True, court=c) for c in ("ca1", "ca2")]
    got = ce(make_base(others), ["ACT", "KNEW"])
    assert not got.established and got.consensus_why_not == "not_recognized"


def test_a_circuit_that_declined_the_claim_has_no_clearly_established_right():
    test = CircuitTest(court="ca5", name="declined", theory="deshaney.state_created_danger", recognized=False)
    others = [case(f"p-{c}", "2000-01-01", ["ACT", "KNEW"], True, court=c) for c in ("ca1", "ca2")]
    got = ce(make_base(others, circuits={"ca5": test}), ["ACT", "KNEW"], court="ca5")
    assert got.path == "declined" and not got.established


def test_a_duty_the_supreme_court_stated_gives_notice_of_a_plain_breach():
    got = ce(make_base([]), ["CUSTODY", "KNEW"])
    assert got.established and got.path == "stated_duty"
    assert not ce(make_base([]), ["CUSTODY"]).established  # no fact meets the culpability element


def test_the_holding_behind_a_defense_fact_answer_is_cited_in_the_prose():
    from stare import analyze
    from stare.report.citations import Citer
    from stare.report.prose import Prose, ce_sentence

    notice = case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)
    helped = case("d-2002", "2002-01-01", ["KNEW", "RUSH", "HELP"], False, elements={"mind": "not_met"})
    a = analyze(make_base([notice, helped]), facts(["ACT", "KNEW", "HELP"]))
    sentence = ce_sentence(Prose(a, Citer({x.id: x for x in a.authorities})), a.clearly_established)
    said, held = sentence.split("defeat an element", 1)
    assert "D 2002" in held.split(".")[0] and "D 2002" not in said  # the holding is named where it is relied on
