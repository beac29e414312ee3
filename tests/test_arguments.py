"""Three-ply arguments as structured moves."""

from conftest import case, facts, make_base

from stare.reasoning.analysis import setting_for
from stare.reasoning.arguments import arguments


def args(base, factors):
    fp = facts(factors)
    return arguments(setting_for(base, fp, None, ()), frozenset(factors))


def test_three_plies_cite_distinguish_and_rebut():
    base = make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True),
            case("d-2001", "2001-01-01", ["ACT", "RUSH"], False),
        ]
    )
    out = args(base, ["ACT", "KNEW", "RUSH"])
    plies = {(a.side, a.ply): a for side in out.values() for a in side}
    assert plies[("plaintiff", 1)].precedent.id == "p-2000"
    assert plies[("defendant", 2)].move == "distinguish"
    assert {d.factor for d in plies[("defendant", 2)].added} == {"RUSH"}
    assert plies[("plaintiff", 3)].move == "rebut"
    assert plies[("defendant", 1)].precedent.id == "d-2001"


def test_a_side_with_no_precedent_says_so():
    out = args(make_base([case("p-2000", "2000-01-01", ["ACT"], True)]), ["ACT"])
    assert any(a.move == "none" and a.ply == 1 for a in out["defendant"])
