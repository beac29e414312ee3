"""The bundled case base: present, valid, consistent, canonical; and the loader on broken data."""

import shutil

import pytest
from conftest import REPO

from stare.caselaw import DataError, canonical_yaml, load_case_base

SEED_AUTHORITIES = [
    "deshaney-v-winnebago-1989",
    "wood-v-ostrander-1989",
    "lw-v-grubbs-1992",
    "lw-v-grubbs-1996",
    "penilla-v-huntington-park-1997",
    "munger-v-glasgow-2000",
    "huffman-v-los-angeles-1998",
    "lawrence-v-united-states-2003",
    "nicholas-v-wallenstein-2001",
    "balistreri-v-pacifica-1990",
    "russell-v-gregoire-1997",
    "uhlrig-v-harder-1995",
    "armijo-v-wagon-mound-1998",
    "carlton-v-cleburne-county-1996",
    "reed-v-gardner-1993",
    "salas-v-carpenter-1992",
    "jackson-v-city-of-joliet-1983",
    "andrews-v-wilkins-1991",
    "saucier-v-katz-2001",
    "wilson-v-layne-1999",
    "brosseau-v-haugen-2004",
    "malley-v-briggs-1986",
    "davis-v-scherer-1984",
    "butz-v-economou-1978",
    "burns-v-reed-1991",
    "estate-of-ford-v-ramirez-palmer-2002",
    "meyers-v-redwood-city-2005",
    "kennedy-v-ridgefield-2005",
    "kennedy-v-ridgefield-2006",
    "pearson-v-callahan-2009",
]


@pytest.mark.parametrize("case_id", SEED_AUTHORITIES)
def test_every_authority_the_seed_cites_is_in_the_base(real_base, case_id):
    c = real_base.cases[case_id]
    assert c.verification.sources, "each case records where it was verified"


def test_kennedy_versions_are_linked_both_ways(real_base):
    assert real_base.version_family("kennedy-v-ridgefield-2005") == {
        "kennedy-v-ridgefield-2005",
        "kennedy-v-ridgefield-2006",
    }


def test_seed_citation_errors_are_recorded(real_base):
    wood = real_base.cases["wood-v-ostrander-1989"]
    assert any(e.as_cited == "879 F.2d 588" and e.correct == "879 F.2d 583" for e in wood.seed_errors)


def test_incident_never_after_decision(real_base):
    for c in real_base.cases.values():
        assert c.incident_date is None or c.incident_date <= c.decided, c.id


def test_every_factor_has_a_question_and_elements(real_base):
    for f in real_base.doctrine.factors.values():
        assert f.question.endswith("?") and f.elements


def test_canonical_form_round_trips(real_base, tmp_path):
    import yaml

    from stare.model.case import Case

    for c in list(real_base.cases.values())[:20]:
        again = Case.model_validate(yaml.safe_load(canonical_yaml(c)))
        assert again == c


def copy_base(tmp_path):
    dst = tmp_path / "caselaw"
    shutil.copytree(REPO / "caselaw", dst)
    return dst


def test_broken_case_file_is_reported_with_its_name(tmp_path):
    root = copy_base(tmp_path)
    (root / "cases" / "wood-v-ostrander-1989.yaml").write_text("id: wood-v-ostrander-1989\nname: [\n")
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("wood-v-ostrander-1989.yaml" in p and "malformed YAML" in p for p in e.value.problems)


def test_unknown_factor_in_a_case_is_reported(tmp_path):
    root = copy_base(tmp_path)
    p = root / "cases" / "wood-v-ostrander-1989.yaml"
    p.write_text(p.read_text().replace("PLACED_IN_DANGEROUS_SETTING", "PLACED_IN_DANGER"))
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("unknown factor 'PLACED_IN_DANGER'" in x for x in e.value.problems)


def test_fix_never_rewrites_an_unreadable_file(tmp_path):
    from stare.caselaw import fix_case_files

    root = copy_base(tmp_path)
    p = root / "cases" / "wood-v-ostrander-1989.yaml"
    p.write_text("id: [broken\n")
    fix_case_files(root)
    assert p.read_text() == "id: [broken\n"


def test_every_case_file_is_in_canonical_form(real_base):
    """One canonical form, so a one-case edit is a one-case diff; `stare validate --fix` restores it."""
    off = [
        cid
        for cid, c in real_base.cases.items()
        if (REPO / real_base.source_file(cid)).read_text(encoding="utf-8") != canonical_yaml(c)
    ]
    assert not off, f"run 'stare validate --fix': {off[:5]}"


def test_a_citation_outside_its_reporters_years_is_reported(tmp_path):
    root = copy_base(tmp_path)
    p = root / "cases" / "wood-v-ostrander-1989.yaml"
    p.write_text(p.read_text().replace("- 879 F.2d 583", "- 879 F.3d 583"))
    with pytest.raises(DataError) as e:
        load_case_base(root, deep=True)
    assert any("879 F.3d 583 is dated 1989-06-27, outside its reporter's years" in x for x in e.value.problems)


def test_a_decisive_rule_on_a_factor_that_does_not_bear_on_its_element_is_reported(tmp_path):
    root = copy_base(tmp_path)
    p = root / "doctrine" / "elements.yaml"
    p.write_text(
        p.read_text().replace("unless: [ACTOR_WARNED, KNOWN_VIOLENT_THIRD_PARTY]", "unless: [SPECIFIC_VICTIM]")
    )
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("decides on SPECIFIC_VICTIM, which does not bear on it" in x for x in e.value.problems)


def test_a_circuit_citing_an_unknown_case_for_controlling_authority_is_reported(tmp_path):
    root = copy_base(tmp_path)
    p = root / "circuits" / "ca11.yaml"
    p.write_text(p.read_text().replace("case: terrell-v-smith-2012", "case: terrell-v-smyth-2012"))
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("terrell-v-smyth-2012" in x and "ca11.yaml" in x for x in e.value.problems)


def test_a_note_for_counsel_naming_an_unknown_factor_or_court_is_reported(tmp_path):
    root = copy_base(tmp_path)
    p = root / "doctrine" / "elements.yaml"
    text = p.read_text()
    assert "when_any: [FALSE_ASSURANCE," in text and "circuits: [ca9]" in text
    p.write_text(
        text.replace("when_any: [FALSE_ASSURANCE,", "when_any: [FALSE_ASSURANCES,").replace(
            "circuits: [ca9]", "circuits: [ca99]"
        )
    )
    with pytest.raises(DataError) as e:
        load_case_base(root)
    assert any("note for counsel names unknown factor 'FALSE_ASSURANCES'" in x for x in e.value.problems)
    assert any("note for counsel names unknown court 'ca99'" in x for x in e.value.problems)


def test_a_factor_note_in_a_memo_drops_the_remark_on_where_it_was_read(real_base):
    armijo = real_base.cases["armijo-v-wagon-mound-1998"]
    assert armijo.factor_notes["ACTOR_WARNED"].rstrip().endswith("(secondary summaries)")
    words = armijo.fact_in_words("ACTOR_WARNED")
    assert "summar" not in words and words.endswith("knew he had guns at home")
    # a hedge on what the fact is (an inference, not a finding) is not a source remark, and stays
    wood = real_base.cases["wood-v-ostrander-1989"]
    assert "(an inference from the facts, not a finding seen)" in wood.fact_in_words("TIME_TO_DELIBERATE")
    assert armijo.fact_in_words("HARM_SOON_AFTER") == "he killed himself the same day"
    assert armijo.fact_in_words("IN_CUSTODY") is None
