"""Element-by-element findings (issue-based prediction)."""

from conftest import case, indexed, make_base

from stare.model.doctrine import DecisiveFacts
from stare.reasoning.elements import decide_element, element_result


def decide(base, element, factors):
    idx, pool, binding = indexed(base)
    return decide_element(element, idx, idx.mask(factors), pool, binding)


def test_binding_precedent_forces_the_element_met():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    dec = decide(base, "act", ["ACT", "MOVED"])
    assert dec.finding == "met" and dec.probability_met >= 0.9
    assert dec.precedents[0].forcing and dec.precedents[0].case.id == "p-2000"


def test_new_defendant_factor_on_the_element_is_not_forced():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True)])
    dec = decide(base, "act", ["ACT", "OMIT"])
    assert not any(r.forcing for r in dec.precedents)
    assert dec.probability_met < 0.9


def test_only_defendant_factors_lean_not_met():
    base = make_base([])
    dec = decide(base, "mind", ["RUSH"])
    assert dec.finding == "not_met" and dec.factors_against == ("RUSH",)


def test_no_facts_on_an_element_do_not_carry_the_plaintiffs_burden():
    base = make_base([])
    dec = decide(base, "mind", ["ACT"])
    assert dec.finding != "met"


def test_element_result_reads_explicit_findings_then_outcomes():
    base = make_base([])
    d = base.doctrine
    lost_on_mind = case("d-2001", "2001-01-01", ["ACT", "RUSH"], False)
    assert element_result(lost_on_mind, "mind", d.factors_bearing_on("mind"), d) == "not_met"
    # the act element had a plaintiff factor and no finding: undecided, not guessed
    assert element_result(lost_on_mind, "act", d.factors_bearing_on("act"), d) is None
    explicit = case("d-2002", "2002-01-01", ["ACT", "RUSH"], False, elements={"act": "met"})
    assert element_result(explicit, "act", d.factors_bearing_on("act"), d) == "met"
    won = case("p-2003", "2003-01-01", ["ACT"], True)
    assert element_result(won, "mind", d.factors_bearing_on("mind"), d) == "met"


def test_persuasive_forcing_yields_to_binding_forcing():
    base = make_base(
        [
            case("other-p", "2000-01-01", ["ACT"], True, court="ca1"),
            case("own-d", "2001-01-01", ["ACT", "MOVED", "OMIT"], False, court="ca9", elements={"act": "not_met"}),
        ]
    )
    dec = decide(base, "act", ["ACT", "OMIT"])
    # other-p (persuasive) would force met only if OMIT were absent; own-d (binding) forces not met
    assert dec.finding == "not_met"


# --- facts that decide an element by its definition ------------------------------------------------

UNSEEN = DecisiveFacts(
    when=["HELP"],
    unless=["WARNED"],
    finding="not_met",
    statement="the danger must have been known",
    sources=[{"case": "base-1990", "pinpoint": "1 X at 1"}],
)


def decide_with_rule(base, factors):
    idx, pool, binding = indexed(base)
    return decide_element("mind", idx, idx.mask(factors), pool, binding, [(UNSEEN, "Base v. Rule, 1 X at 1")])


def test_decisive_facts_decide_the_element_against_the_lean_of_precedent():
    # every similar precedent found the element met, but not a fortiori (they lacked HELP)
    base = make_base([case(f"p-{y}", f"{y}-01-01", ["ACT", "KNEW"], True, court="ca1") for y in (2000, 2001, 2002)])
    plain = decide(base, "mind", ["ACT", "KNEW", "HELP"])
    ruled = decide_with_rule(base, ["ACT", "KNEW", "HELP"])
    assert plain.probability_met > 0.5
    assert ruled.finding == "not_met" and "the danger must have been known" in ruled.reasoning


def test_decisive_facts_do_not_apply_with_an_exception_present():
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW"], True, court="ca1")])
    assert decide_with_rule(base, ["ACT", "KNEW", "WARNED", "HELP"]).probability_met > 0.15


def test_binding_precedent_forcing_met_outranks_decisive_facts():
    # a binding precedent that had HELP and still found the element met forces it here a fortiori
    base = make_base([case("p-2000", "2000-01-01", ["ACT", "KNEW", "HELP"], True)])
    dec = decide_with_rule(base, ["ACT", "KNEW", "HELP"])
    assert dec.finding == "met" and "binding precedent keeps the rule" in dec.reasoning
