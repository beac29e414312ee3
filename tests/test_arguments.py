"""Three-ply arguments on a hand-made base."""

from conftest import case, indexed, make_base

from stare.reasoning.arguments import arguments, on_point


def base():
    return make_base(
        [
            case("near-p", "2000-01-01", ["ACT", "KNEW", "WARNED"], True),
            case("far-p", "2001-01-01", ["MOVED"], True),
            case("near-d", "2002-01-01", ["ACT", "KNEW", "WARNED", "HELP"], False),
        ]
    )


def test_most_on_point_precedent_shares_the_most_facts():
    idx, pool, binding = indexed(base())
    ranked = [idx.cases[r].id for r in on_point("P", idx, idx.mask(["ACT", "KNEW", "HELP"]), pool, binding)]
    assert ranked[0] == "near-p" and "far-p" not in ranked


def test_three_plies_cite_distinguish_and_rebut():
    b = base()
    idx, pool, binding = indexed(b)
    args = arguments(idx, frozenset(["ACT", "KNEW", "HELP"]), {}, pool, binding)
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
    idx, pool, binding = indexed(make_base([case("only-p", "2000-01-01", ["ACT"], True)]))
    args = arguments(idx, frozenset(["ACT"]), {}, pool, binding)
    assert [a.move for a in args["defendant"] if a.ply == 1] == ["no precedent"]
