"""Inputs as people write them: strict YAML everywhere, courts by their names, one validation of facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stare import strict_yaml
from stare.caselaw import DataError, fix_case_files, load_case_base, parse_fact_pattern
from stare.interfaces.cli import app
from stare.model.courts import (
    CIRCUITS,
    NOT_ROUTED,
    UnknownCourt,
    _courts,
    circuit_of,
    court_and_circuit,
    court_name,
    is_district_court,
    resolve_court,
)

REPO = Path(__file__).resolve().parents[1]
BROKEN = sorted((REPO / "tests" / "fixtures" / "broken").glob("*.yaml"))
runner = CliRunner()


def expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} names what it expects on its first line"
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("parser", sorted(strict_yaml.PARSERS))
@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_fixture_is_refused_with_its_reason_by_every_parser(path, parser):
    with pytest.raises(strict_yaml.YamlError) as e:
        strict_yaml.load(path.read_text(encoding="utf-8"), path.name, parser=parser)
    assert expectation(path) in str(e.value)
    assert len(str(e.value)) < 400, "a message never echoes unbounded input"


def test_both_parsers_read_every_data_file_the_same():
    if len(strict_yaml.PARSERS) < 2:
        pytest.skip("libyaml is not installed here, so there is only one parser to compare")
    files = sorted((REPO / "caselaw").rglob("*.yaml")) + sorted((REPO / "examples").glob("*.yaml"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert strict_yaml.load(text, f.name, parser="python") == strict_yaml.load(text, f.name, parser="libyaml"), f


def test_dates_are_written_plainly_and_read_back_as_the_same_text():
    import datetime as dt

    text = strict_yaml.dump({"incident_date": dt.date(2019, 1, 12)})
    assert "!!" not in text and strict_yaml.load(text, "t") == {"incident_date": "2019-01-12"}


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("duplicate-court.yaml", "given twice"),
        ("alias-bomb.yaml", "anchors"),
        ("timestamp-tag.yaml", "!!timestamp"),
        ("deep-nesting.yaml", "levels deep"),
    ],
)
def test_the_cli_refuses_hostile_fact_files_without_a_traceback(fixture, message):
    r = runner.invoke(app, ["analyze", str(REPO / "tests" / "fixtures" / "broken" / fixture)])
    assert r.exit_code == 2 and message in r.output
    assert "Traceback" not in r.output and len(r.output) < 2_000


def test_a_case_file_with_a_key_twice_fails_validation_and_fix_leaves_it_untouched(tmp_path):
    root = tmp_path / "caselaw"
    shutil.copytree(REPO / "caselaw", root)
    victim = root / "cases" / "wood-v-ostrander-1989.yaml"
    text = victim.read_text(encoding="utf-8").replace("court: ca9\n", "court: ca9\ndecided: 1999-01-01\n", 1)
    text = text.replace("decided: 1989-06-27\n", "decided: 1989-06-27\ncourt: ca5\n", 1)
    victim.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("wood-v-ostrander-1989.yaml" in p and "given twice" in p for p in e.value.problems)
    changed, refused = fix_case_files(root)
    assert victim.read_text(encoding="utf-8") == text, "a file stare cannot read strictly is never rewritten"
    assert any("wood-v-ostrander-1989.yaml" in p for p in refused)
    r = runner.invoke(app, ["validate", "--fix", "--caselaw", str(root)])
    assert r.exit_code == 1 and "not rewritten" in r.output


# --- courts as lawyers write them ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "court"),
    [
        ("Ninth Circuit", "ca9"),
        ("9th Cir.", "ca9"),
        ("the 9th circuit", "ca9"),
        ("ca9", "ca9"),
        ("CA9", "ca9"),
        ("Court of Appeals for the Ninth Circuit", "ca9"),
        ("E.D. Wash.", "waed"),
        ("Eastern District of Washington", "waed"),
        ("waed", "waed"),
        ("D.D.C.", "dcd"),
        ("D.C. Cir.", "cadc"),
        ("D.C. Circuit", "cadc"),
        ("2d Cir.", "ca2"),
        ("Third Circuit", "ca3"),
        ("S.D.N.Y.", "nysd"),
        ("Southern District of New York", "nysd"),
        ("D.P.R.", "prd"),
        ("Northern Mariana Islands", "nmid"),
        ("Supreme Court", "scotus"),
    ],
)
def test_courts_resolve_as_lawyers_write_them(written, court):
    assert resolve_court(written) == court


@pytest.mark.parametrize("written", ["ca99", "Ninth Circus Court", "", "Federal Circuit", "usdistct"])
def test_an_unknown_court_gets_suggestions_not_a_guess(written):
    with pytest.raises(UnknownCourt) as e:
        resolve_court(written)
    assert str(e.value)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Nineth Circut", "the Ninth Circuit"),
        ("Eastern Distrct of Washington", "the Eastern District of Washington"),
        ("E.D. Wahs.", "the Eastern District of Washington"),
    ],
)
def test_a_near_miss_is_answered_with_the_court_by_name(written, meant):
    with pytest.raises(UnknownCourt) as e:
        resolve_court(written)
    assert f"Did you mean {meant}" in str(e.value)


def test_a_name_like_no_court_gets_no_guesses_and_no_ids():
    with pytest.raises(UnknownCourt) as e:
        resolve_court("Court of Narnia")
    message = str(e.value)
    assert "Did you mean" not in message and "Ninth Circuit" in message  # the forms it can read, as examples


def test_every_federal_district_and_territorial_court_routes_to_its_circuit():
    districts = [cid for cid, c in _courts().items() if is_district_court(c) and cid not in NOT_ROUTED]
    assert len(districts) > 100
    unrouted = [cid for cid in districts if circuit_of(cid) not in CIRCUITS]
    assert unrouted == []
    for cid in districts:  # and each is found again by its own citation string
        label = _courts()[cid].get("citation_string")
        if label:
            assert resolve_court(label) == cid, label
    assert circuit_of("dcd") == "cadc" and circuit_of("nmid") == "ca9" and circuit_of("gud") == "ca9"


def test_court_labels_name_the_court_and_its_binding_circuit():
    assert court_name("ca9") == "the Ninth Circuit" and court_name("cadc") == "the D.C. Circuit"
    assert court_and_circuit("waed") == "the Eastern District of Washington (Ninth Circuit)"
    assert court_and_circuit("dcd") == "the District of Columbia (D.C. Circuit)"
    assert court_and_circuit("ca3") == "the Third Circuit"


# --- one validation of a fact pattern -------------------------------------------------------------------


def facts(**kw) -> dict:
    return {
        "name": "Doe v. Roe",
        "court": "Ninth Circuit",
        "incident_date": "2008-01-12",
        "posture": "summary_judgment",
        "defendant_kind": "individual",
        **kw,
    }


def test_a_fact_pattern_resolves_its_court_and_checks_its_factors(real_base):
    fp = parse_fact_pattern(facts(factors=["AFFIRMATIVE_ACT"], unsure=["SPECIFIC_VICTIM"]), real_base.doctrine)
    assert fp.court == "ca9" and fp.unsure == ["SPECIFIC_VICTIM"]
    with pytest.raises(DataError) as e:
        parse_fact_pattern(facts(factors=["AFFIRMATIVE_ACTS"], unsure=["AFFIRMATIVE_ACT"]), real_base.doctrine)
    text = "\n".join(e.value.problems)
    assert "did you mean AFFIRMATIVE_ACT" in text
    with pytest.raises(DataError) as e:
        parse_fact_pattern(facts(factors=["SPECIFIC_VICTIM"], unsure=["SPECIFIC_VICTIM"]), real_base.doctrine)
    assert "also listed" in "\n".join(e.value.problems)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("factors", {"a": 1}, "valid list"),
        ("factors", [["nested"]], "valid string"),
        ("court", ["ca9"], "as text"),
        ("incident_date", "2019-13-45", "valid date"),
        ("incident_date", "2999-01-01", "in the future"),
        ("posture", "x" * 10_000, "allowed: motion_to_dismiss"),
        ("factor_notes", ["not", "a", "map"], "valid dictionary"),
    ],
)
def test_every_field_is_type_checked_before_use_and_never_echoed_unbounded(real_base, field, value, message):
    with pytest.raises(DataError) as e:
        parse_fact_pattern(facts(**{field: value}), real_base.doctrine)
    text = "\n".join(e.value.problems)
    assert message in text and f"'{field}" in text and len(text) < 1_500


def test_the_public_analyze_refuses_an_unknown_factor(real_base):
    from stare import analyze
    from stare.model.facts import FactPattern

    fp = FactPattern(**facts(factors=["NOT_A_FACTOR"]))  # built without the vocabulary at hand
    with pytest.raises(DataError) as e:
        analyze(real_base, fp)
    assert "NOT_A_FACTOR" in "\n".join(e.value.problems)
