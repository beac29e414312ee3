"""Horty's result model on hand-made precedents whose answers are known by construction."""

from conftest import case, facts, indexed, make_base

from stare.reasoning.constraint import constraint, distinctions, forces


def S(p, d):
    return frozenset(p), frozenset(d)


def test_a_fortiori_case_is_forced_for_the_plaintiff():
    precedent = S({"ACT", "KNEW"}, {"HELP"})
    stronger = S({"ACT", "KNEW", "WARNED"}, {"HELP"})
    assert forces("P", precedent, stronger)


def test_new_pro_defendant_factor_breaks_the_forcing():
    precedent = S({"ACT", "KNEW"}, {"HELP"})
    with_new_d = S({"ACT", "KNEW"}, {"HELP", "RUSH"})
    assert not forces("P", precedent, with_new_d)


def test_missing_plaintiff_factor_breaks_the_forcing():
    assert not forces("P", S({"ACT", "KNEW"}, set()), S({"ACT"}, set()))


def test_defendant_precedent_forces_a_weaker_plaintiff_case():
    precedent = S({"ACT"}, {"RUSH"})
    assert forces("D", precedent, S(set(), {"RUSH", "HELP"}))
    assert not forces("D", precedent, S({"ACT", "KNEW"}, {"RUSH"}))


def test_distinctions_name_what_keeps_a_precedent_from_forcing():
    missing, added = distinctions("P", S({"ACT", "KNEW"}, set()), S({"ACT"}, {"RUSH"}))
    assert missing == {"KNEW"} and added == {"RUSH"}


def test_constraint_over_a_case_base_reports_both_directions():
    base = make_base(
        [
            case("pro-p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("pro-d-2001", "2001-01-01", ["ACT", "KNEW", "RUSH", "HELP"], False),
        ]
    )
    idx, pool, _ = indexed(base)

    def sides(_d, factors):
        return idx.mask(factors)

    d = None
    # ACT+KNEW+WARNED: forced for P by pro-p; pro-d has more D factors than this, so it does not force D
    c = constraint(idx, sides(d, facts(["ACT", "KNEW", "WARNED"]).factors), pool)
    assert c.forced == "P" and [x.id for x in c.forcing_plaintiff] == ["pro-p-2000"]
    # ACT+KNEW+RUSH+HELP: pro-d forces D; pro-p does not force P (new D factors)
    c = constraint(idx, sides(d, ["ACT", "KNEW", "RUSH", "HELP"]), pool)
    assert c.forced == "D"
    # ACT+RUSH+HELP: fewer plaintiff facts than pro-d and all its defendant facts: forced D a fortiori
    c = constraint(idx, sides(d, ["ACT", "RUSH", "HELP"]), pool)
    assert c.forced == "D" and not c.inconsistent
    # ACT+RUSH: lacks pro-d's HELP, so pro-d does not force it; nor does pro-p (new RUSH)
    c = constraint(idx, sides(d, ["ACT", "RUSH"]), pool)
    assert c.forced is None
