"""What may be known on a date: as-of, excluded citations with their versions, good law."""

import datetime as dt

import pytest
from conftest import case, make_base

from stare.reasoning.knowledge import UnknownCitation, circuit_of, is_binding, known_on


def versions_base():
    return make_base(
        [
            case(
                "k-2005",
                "2005-06-23",
                ["ACT"],
                True,
                cite="411 F.3d 1134",
                history=[{"relation": "amended_by", "case": "k-2006"}],
            ),
            case(
                "k-2006",
                "2006-02-24",
                ["ACT"],
                True,
                cite="439 F.3d 1055",
                history=[{"relation": "amends", "case": "k-2005"}],
            ),
            case("other-2001", "2001-01-01", ["ACT"], False),
            case(
                "old-1995",
                "1995-01-01",
                ["ACT"],
                True,
                history=[{"relation": "overruled_by", "case": None, "date": "2003-01-01"}],
            ),
        ]
    )


def test_as_of_keeps_only_earlier_decisions():
    kb = known_on(versions_base(), dt.date(2005, 6, 23))
    assert "k-2005" not in kb.cases and "other-2001" in kb.cases


def test_excluding_a_citation_removes_every_version():
    kb = known_on(versions_base(), None, ["439 F.3d 1055"])
    assert "k-2005" not in kb.cases and "k-2006" not in kb.cases
    assert set(kb.excluded) == {"k-2005", "k-2006"}


def test_citation_matching_ignores_spacing_and_periods():
    kb = known_on(versions_base(), None, ["411 F. 3d 1134"])
    assert "k-2006" not in kb.cases


def test_unknown_citation_is_a_clear_error():
    with pytest.raises(UnknownCitation, match="names no case"):
        known_on(versions_base(), None, ["999 F.9th 1"])


def test_overruled_decision_is_not_law_after_its_overruling():
    base = versions_base()
    assert "old-1995" in known_on(base, dt.date(2002, 1, 1)).cases
    assert "old-1995" not in known_on(base, dt.date(2004, 1, 1)).cases


def test_binding_authority_is_the_supreme_court_and_the_circuits_own_published_decisions():
    base = versions_base()
    assert is_binding(base.cases["base-1990"], "ca9")
    assert is_binding(base.cases["other-2001"], "ca9")
    assert not is_binding(base.cases["other-2001"], "ca1")


def test_district_court_routes_to_its_circuit():
    assert circuit_of("wawd") == "ca9"
    assert circuit_of("ca10") == "ca10"
    assert circuit_of("scotus") is None
