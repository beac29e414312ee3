"""Three-ply arguments on a hand-made base."""

from conftest import case, make_base

from stare.reasoning.arguments import arguments, on_point


def binding(c):
    return c.court == "ca9"


def base():
    return make_base(
        [
            case("near-p", "2000-01-01", ["ACT", "KNEW", "WARNED"], True),
            case("far-p", "2001-01-01", ["MOVED"], True),
            case("near-d", "2002-01-01", ["ACT", "KNEW", "WARNED", "HELP"], False),
        ]
    )


def test_most_on_point_precedent_shares_the_most_facts():
    b = base()
    ranked = on_point("P", frozenset(["ACT", "KNEW", "HELP"]), b.decisions(), binding)
    assert ranked[0].id == "near-p" and "far-p" not in [c.id for c in ranked]


def test_three_plies_cite_distinguish_and_rebut():
    b = base()
    args = arguments(b.doctrine, frozenset(["ACT", "KNEW", "HELP"]), {}, b.decisions(), binding, "client")
    p1 = [a for a in args["plaintiff"] if a.ply == 1][0]
    d2 = [a for a in args["defendant"] if a.ply == 2][0]
    p3 = [a for a in args["plaintiff"] if a.ply == 3][0]
    assert p1.cites == ["near-p"]
    # the defense distinguishes near-p by WARNED (missing here) and HELP (added here), and counters with near-d
    assert "WARNED" in d2.text and "HELP" in d2.text and "near-d" in d2.cites
    # the reply downplays the missing WARNED with KNEW, which bears on the same element
    assert "KNEW" in p3.text
    assert all(cid in b.cases for side in args.values() for a in side for cid in a.cites)


def test_a_side_with_no_precedent_says_so():
    b = make_base([case("only-p", "2000-01-01", ["ACT"], True)])
    args = arguments(b.doctrine, frozenset(["ACT"]), {}, b.decisions(), binding, "client")
    assert [a.move for a in args["defendant"] if a.ply == 1] == ["no precedent"]
