"""Precedential constraint in Horty's result model, through the facts that decided the precedent."""

from conftest import case, indexed, make_base

from stare.reasoning.constraint import constraint, distinctions, forces, sides


def S(p, d):
    return frozenset(p), frozenset(d)


def test_a_fortiori_case_is_forced_for_the_plaintiff():
    assert forces("P", S({"ACT", "KNEW"}, {"RUSH"}), S({"ACT", "KNEW", "WARNED"}, {"RUSH"}))


def test_new_pro_defendant_factor_breaks_the_forcing():
    assert not forces("P", S({"ACT"}, set()), S({"ACT"}, {"RUSH"}))


def test_missing_plaintiff_factor_breaks_the_forcing():
    assert not forces("P", S({"ACT", "KNEW"}, set()), S({"ACT"}, set()))


def test_a_precedent_with_no_winning_fact_here_does_not_force():
    assert not forces("P", S(set(), set()), S({"ACT"}, set()))
    assert not forces("D", S({"ACT"}, {"RUSH"}), S(set(), {"OMIT"}))


def test_defendant_precedent_forces_a_weaker_plaintiff_case():
    assert forces("D", S({"ACT", "KNEW"}, {"RUSH"}), S({"ACT"}, {"RUSH", "HELP"}))
    # lost for want of facts (no defense fact there): forces a case with some of the same facts, no more
    assert forces("D", S({"ACT", "KNEW"}, set()), S({"ACT"}, set()))


def test_distinctions_name_what_keeps_a_precedent_from_forcing():
    missing, added = distinctions("P", S({"ACT", "KNEW"}, set()), S({"ACT"}, {"RUSH"}))
    assert missing == {"KNEW"} and added == {"RUSH"}


def test_constraint_over_a_case_base_reports_both_directions():
    base = make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("d-2001", "2001-01-01", ["ACT", "KNEW", "WARNED", "RUSH"], False),
        ]
    )
    idx, pool, binding = indexed(base)
    c = constraint(idx, idx.mask(["ACT", "KNEW", "RUSH"]), pool & binding)
    assert [x.id for x in c.forcing_defendant] == ["d-2001"] and not c.forcing_plaintiff
    assert sides(base.doctrine, ["ACT", "RUSH"]) == (frozenset({"ACT"}), frozenset({"RUSH"}))
