"""Element-by-element findings: only binding holdings force, through the facts that decided them, at the
stage whose question they answered."""

from conftest import WEIGHING, case, indexed, make_base

from stare.model.doctrine import DecisiveFacts
from stare.model.vocabulary import BASES
from stare.reasoning.elements import decide_element, element_result

AT_SUMMARY_JUDGMENT = ("held_on_facts",)
ON_THE_PLEADINGS = ("held_on_facts", "held_pleaded")


def decide(base, element, factors, forcing=AT_SUMMARY_JUDGMENT, decisive=(), circuit="ca9"):
    idx, pool, binding = indexed(base, circuit)
    return decide_element(element, idx, idx.mask(factors), pool, binding, forcing, WEIGHING, decisive)


def test_a_binding_holding_forces_the_element_through_a_shared_winning_fact():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    dec = decide(base, "act", ["ACT", "MOVED"])
    assert dec.finding == "met" and dec.how == "forced"
    assert [c.id for c in dec.forcing] == ["p-2000"]


def test_a_precedent_that_shares_no_winning_fact_on_the_element_does_not_force():
    # the precedent met the element with MOVED; this case has ACT only: not forced, though a fortiori would
    # be vacuous on a precedent with no plaintiff fact this case shares
    base = make_base([case("p-2000", "2000-01-01", ["MOVED", "KNEW"], True)])
    dec = decide(base, "act", ["ACT"])
    assert dec.how != "forced"


def test_persuasive_authority_never_forces_it_only_votes():
    base = make_base([case("other-p", "2000-01-01", ["ACT", "KNEW"], True, court="ca1")])
    dec = decide(base, "act", ["ACT"])
    assert dec.how == "lean" and not dec.forcing
    assert dec.precedents and not dec.precedents[0].binding


def test_a_jury_finding_never_forces():
    lost = case("jury-d", "2000-01-01", ["ACT", "KNEW", "RUSH"], False, posture="trial", elements={"mind": "not_met"})
    assert lost.elements["mind"].basis == "jury_finding"
    dec = decide(make_base([lost]), "mind", ["KNEW", "RUSH"])
    assert dec.how != "forced"
    held = case("held-d", "2000-01-01", ["ACT", "KNEW", "RUSH"], False, elements={"mind": "not_met"})
    assert decide(make_base([held]), "mind", ["KNEW", "RUSH"]).how == "forced"


def test_a_pleading_holding_forces_only_on_a_motion_to_dismiss():
    pleaded = case("mtd-p", "2000-01-01", ["ACT"], True, posture="motion_to_dismiss")
    base = make_base([pleaded])
    assert decide(base, "act", ["ACT"], forcing=ON_THE_PLEADINGS).how == "forced"
    assert decide(base, "act", ["ACT"], forcing=AT_SUMMARY_JUDGMENT).how != "forced"


def test_a_new_defense_fact_on_the_element_breaks_the_forcing():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    dec = decide(base, "act", ["ACT", "OMIT"])
    assert dec.how != "forced"


def test_only_defendant_factors_lean_not_met():
    dec = decide(make_base([]), "mind", ["RUSH"])
    assert dec.finding == "not_met" and dec.factors_against == ("RUSH",)


def test_no_facts_on_an_element_do_not_carry_the_plaintiffs_burden():
    assert decide(make_base([]), "mind", ["ACT"]).finding != "met"


def test_element_result_reads_explicit_findings_then_outcomes():
    base = make_base([])
    d = base.doctrine
    lost_on_mind = case("d-2001", "2001-01-01", ["ACT", "RUSH"], False)
    assert element_result(lost_on_mind, "mind", d.factors_bearing_on("mind"), d) == "not_met"
    assert element_result(lost_on_mind, "act", d.factors_bearing_on("act"), d) is None
    explicit = case("d-2002", "2002-01-01", ["ACT", "RUSH"], False, elements={"act": "met"})
    assert element_result(explicit, "act", d.factors_bearing_on("act"), d) == "met"
    won = case("p-2003", "2003-01-01", ["ACT"], True)
    assert element_result(won, "mind", d.factors_bearing_on("mind"), d) == "met"


RULE = DecisiveFacts(
    when=["RUSH"],
    unless=["WARNED"],
    finding="not_met",
    statement="in haste only purpose counts",
    sources=[{"case": "base-1990"}],
)


def test_decisive_facts_decide_the_element_against_the_lean_of_precedent():
    base = make_base(
        [case(f"p-{y}", f"{y}-01-01", ["ACT", "KNEW", "RUSH"], True, court="ca1") for y in range(2000, 2004)]
    )
    dec = decide(base, "mind", ["KNEW", "RUSH"], decisive=[RULE])
    assert dec.finding == "not_met" and dec.how == "decisive" and dec.decisive is RULE


def test_decisive_facts_do_not_apply_with_an_exception_present():
    dec = decide(make_base([]), "mind", ["KNEW", "RUSH", "WARNED"], decisive=[RULE])
    assert dec.how != "decisive"


def test_binding_precedent_forcing_met_outranks_decisive_facts():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW", "RUSH"], True)])
    dec = decide(base, "mind", ["KNEW", "RUSH"], decisive=[RULE])
    assert dec.how == "forced" and dec.finding == "met" and [c.id for c in dec.decisive_blocked_by] == ["p-2000"]


def test_the_bases_the_engine_knows_are_the_vocabulary_s():
    assert set(BASES) == {"held_on_facts", "held_pleaded", "jury_finding", "deferential_review", "not_reached"}
