"""`stare read` on one opinion: the seed (Bybee, J., in Kennedy v. City of Ridgefield) and texts written
for the purpose. Where a test needs to know what the case base holds, it builds a small one itself."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.doctrine import Doctrine
from stare.opinions import read_file, read_opinion
from stare.opinions.command import run_read
from stare.opinions.render import to_json, to_markdown

SEED = Path(__file__).resolve().parents[1].parent / "shared/seeds/000_d4f0317d1809baa8.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds (the seed opinion)")

VERIFIED = {"verified_on": "2026-11-28", "sources": [{"url": "test://hand-made", "what": "constructed for a test"}]}


def authority_case(cid, name, citations, court, decided, nicknames=()):
    return Case.model_validate(
        {
            "id": cid,
            "name": name,
            "citations": citations,
            "court": court,
            "decided": decided,
            "kind": "rule",
            "doctrine": "deshaney_baseline",
            "nicknames": list(nicknames),
            "verification": VERIFIED,
        }
    )


def small_base(*cases: Case) -> CaseBase:
    return CaseBase(doctrine=Doctrine(factors={}, elements={}, rules={}, circuits={}), cases={c.id: c for c in cases})


SEED_BASE_CASES = [
    authority_case("wood-1989", "Wood v. Ostrander", ["879 F.2d 583"], "ca9", "1989-06-27"),
    authority_case("wallenstein-2001", "Nicholas v. Wallenstein", ["266 F.3d 1083"], "ca9", "2001-09-24"),
    authority_case("kennedy-2005", "Kennedy v. City of Ridgefield", ["411 F.3d 1134"], "ca9", "2005-06-09"),
    authority_case("kennedy-2006", "Kennedy v. City of Ridgefield", ["439 F.3d 1055"], "ca9", "2006-03-08"),
    authority_case("grubbs-1992", "L.W. v. Grubbs", ["974 F.2d 119"], "ca9", "1992-08-26"),
    authority_case(
        "saucier-2001",
        "Saucier v. Katz",
        ["533 U.S. 194", "121 S. Ct. 2151", "150 L. Ed. 2d 272"],
        "scotus",
        "2001-06-18",
    ),
    authority_case("balistreri-1990", "Balistreri v. Pacifica Police Dep't", ["901 F.2d 696"], "ca9", "1990-05-11"),
    authority_case("brosseau-2004", "Brosseau v. Haugen", ["543 U.S. 194", "125 S. Ct. 596"], "scotus", "2004-12-13"),
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_plain(seed_text):
    """The seed read with no case base at all."""
    return read_opinion(seed_text)


@pytest.fixture(scope="module")
def seed_known(seed_text):
    """The seed read against a small hand-made case base."""
    return read_opinion(seed_text, small_base(*SEED_BASE_CASES))


def by_citation(reading, cite: str):
    hits = [a for a in reading.authorities if cite in a.citations]
    assert len(hits) == 1, f"{cite}: {[a.citations for a in hits]}"
    return hits[0]


# --- the seed ------------------------------------------------------------------------------------------


@needs_seed
def test_seed_saucier_parallels_are_one_authority(seed_plain):
    saucier = by_citation(seed_plain, "533 U.S. 194")
    assert saucier.citations[:3] == ["533 U.S. 194", "121 S.Ct. 2151", "150 L.Ed.2d 272"]
    assert saucier.court == "scotus" and saucier.year == 2001
    # no second authority for the S.Ct. parallel printed after the short forms
    assert sum("121 S.Ct. 2151" in a.citations for a in seed_plain.authorities) == 1
    kinds = [o.kind for o in saucier.occurrences]
    assert kinds.count("full") == 1
    assert kinds.count("short") >= 5 and kinds.count("id") >= 3
    short = next(o for o in saucier.occurrences if o.kind == "short")
    assert short.text == "Saucier, 533 U.S. at 201, 121 S.Ct. 2151" and short.pin == "201"


@needs_seed
def test_seed_grubbs_i_and_ii_are_two_authorities_and_nicknames_resolve(seed_plain):
    one, two = by_citation(seed_plain, "974 F.2d 119"), by_citation(seed_plain, "92 F.3d 894")
    assert one is not two
    assert one.nicknames == ["Grubbs I"] and two.nicknames == ["Grubbs II"]
    assert (one.court, one.year, two.court, two.year) == ("ca9", 1992, "ca9", 1996)
    nick_one = [o for o in one.occurrences if o.kind == "nickname"]
    nick_two = [o for o in two.occurrences if o.kind == "nickname"]
    assert len(nick_one) >= 10 and len(nick_two) >= 2
    assert {o.text for o in nick_one} == {"Grubbs I"} and {o.text for o in nick_two} == {"Grubbs II"}
    # "Grubbs I, 974 F.2d at 121" is a short form of Grubbs I that carries the nickname
    assert any(o.kind == "short" and o.nickname == "Grubbs I" for o in one.occurrences)
    assert any(o.kind == "short" and o.nickname == "Grubbs II" for o in two.occurrences)
    # the text defines both nicknames before using them
    assert not [w for w in seed_plain.warnings if w.kind.startswith("nickname")]


@needs_seed
def test_seed_star_pages_place_each_citation(seed_plain):
    assert (seed_plain.first_page, seed_plain.last_page) == (1146, 1159)
    wood = by_citation(seed_plain, "879 F.2d 588")
    full = [o for o in wood.occurrences if o.kind == "full"]
    assert len(full) == 1 and full[0].page == 1149
    saucier = by_citation(seed_plain, "533 U.S. 194")
    assert saucier.occurrences[0].page == 1147
    meyers = by_citation(seed_plain, "400 F.3d 765")
    assert meyers.occurrences[0].page == 1159
    # "*1148" after a parallel citation is a star page, not a pin cite
    assert all(not (o.pin or "").startswith("*") for a in seed_plain.authorities for o in a.occurrences)


@needs_seed
def test_seed_offsets_point_into_the_original_text(seed_text, seed_plain):
    for a in seed_plain.authorities:
        for o in a.occurrences:
            original = seed_text[o.offset : o.end]
            assert " ".join(re.sub(r"\*\d{3,4}", "", original).split()) == o.text, (o.kind, original)
    lawrence = by_citation(seed_plain, "340 F.3d 952")
    star = next(o for o in lawrence.occurrences if o.pin == "954" and o.kind == "short")
    assert seed_text[star.offset : star.end] == "Lawrence, 340 F.3d *1151at 954"


@needs_seed
def test_seed_wallenstein_two_first_pages_are_flagged(seed_plain, seed_known):
    for reading in (seed_plain, seed_known):
        w = by_citation(reading, "266 F.3d 1083")
        assert "266 F.3d 1088" in w.citations
        flagged = [x for x in reading.warnings if x.kind == "inconsistent_first_page" and x.authority == w.key]
        assert len(flagged) == 1
        assert "1083" in flagged[0].message and "1088" in flagged[0].message
        assert flagged[0].pages == [1151, 1158]
    # against the case base, only the wrong one is wrong, and the pins cited from 1088 point before it
    vs_base = [x for x in seed_known.warnings if x.kind == "first_page_vs_base" and x.authority == "wallenstein-2001"]
    assert len(vs_base) == 1 and "1088" in vs_base[0].message
    before = [x for x in seed_known.warnings if x.kind == "pin_before_first_page" and x.authority == "wallenstein-2001"]
    assert before and "1084" in before[0].message and "likelier error" in before[0].message


@needs_seed
def test_seed_wood_first_page_disagrees_with_the_case_base(seed_known):
    wood = by_citation(seed_known, "879 F.2d 588")
    assert wood.case_id == "wood-1989" and wood.name == "Wood v. Ostrander"
    w = [x for x in seed_known.warnings if x.kind == "first_page_vs_base" and x.authority == wood.key]
    assert len(w) == 1 and "588" in w[0].message and "583" in w[0].message and w[0].pages == [1149]
    full = next(o for o in wood.occurrences if o.kind == "full")
    assert full.offset < w[0].offsets[0] < full.end  # on the citation itself, after the case name


@needs_seed
def test_seed_majority_references_attach_to_the_opinion_itself(seed_known, seed_plain):
    assert seed_known.opinion_case_id == "kennedy-2005"  # not the 2006 opinion of the same name
    me = seed_known.authority("kennedy-2005")
    assert me.self_opinion
    majority = [o for o in me.occurrences if o.kind == "majority"]
    assert [o.pin for o in majority] == ["1143, 1145", "7489", "1142-1143", "1143", "1145", "1145"]
    # "Id. at 1143" right after "Maj. Op. at 1142-1143" is the majority too
    ids = [o for o in me.occurrences if o.kind == "id"]
    assert [o.pin for o in ids] == ["1143", "1144", "1144"]
    slip = [w for w in seed_known.warnings if w.kind == "pin_out_of_range" and w.authority == "kennedy-2005"]
    assert len(slip) == 1 and "7489" in slip[0].message and "411 F.3d 1134-1146" in slip[0].message
    # without a case base the opinion is still itself, named from the caption
    anon = [a for a in seed_plain.authorities if a.self_opinion]
    assert len(anon) == 1 and anon[0].name == "Kennedy v. City of Ridgefield" and anon[0].case_id is None


@needs_seed
def test_seed_balistreri_year_and_brosseau_blank_page(seed_known):
    bal = by_citation(seed_known, "901 F.2d 696")
    assert bal.year == 1988 and bal.case_id == "balistreri-1990"
    assert [w for w in seed_known.warnings if w.kind == "year_vs_base" and w.authority == bal.key]
    bro = [a for a in seed_known.authorities if "125 S.Ct. 596" in a.citations]
    assert len(bro) == 1 and bro[0].name == "Brosseau v. Haugen" and bro[0].case_id == "brosseau-2004"
    assert bro[0].citations[0].startswith("543 U.S.")
    blank = [w for w in seed_known.warnings if w.kind == "blank_page"]
    assert len(blank) == 1 and "543 U.S. 194" in blank[0].message


@needs_seed
def test_seed_every_short_form_and_id_is_traced(seed_plain):
    assert seed_plain.unresolved == []
    ids = [o for a in seed_plain.authorities for o in a.occurrences if o.kind == "id"]
    assert len(ids) >= 30
    wall = by_citation(seed_plain, "266 F.3d 1083")
    # "Id, at 1085-86" (a comma for the period) is an Id. too
    assert any(o.kind == "id" and o.pin == "1085-86" for o in wall.occurrences)
    huffman = by_citation(seed_plain, "147 F.3d 1054")
    assert any(o.kind == "short" and o.pin == "1061 & n. 4" for o in huffman.occurrences)


@needs_seed
def test_seed_against_the_real_case_base(seed_text):
    from stare.caselaw import load_case_base

    base = load_case_base(strict=False)
    reading = read_opinion(seed_text, base)
    s = reading.summary
    cited = [a for a in reading.authorities if not a.self_opinion or a.printed]
    assert s["authorities"] == len(cited) and s["known"] + len(s["missing"]) == s["authorities"]
    for a in reading.authorities:
        if a.case_id:
            assert a.case_id in base.cases
            case = base.cases[a.case_id]
            exact = any(base.by_citation(c) is case for c in a.normalized)
            flagged = any(
                w.authority == a.key and w.kind in ("first_page_vs_base", "blank_page") for w in reading.warnings
            )
            assert exact or flagged or a.self_opinion or not a.printed
        else:
            assert all(base.by_citation(c) is None for c in a.normalized)


# --- texts written for the purpose -------------------------------------------------------------------

SYNTHETIC = """Roe v. Springfield

OPINION

We begin with Doe v. Roe, 100 F.3d 200, 205 (2d Cir.1996) ("Doe I"). Doe I held that the
officers acted. Id. at 206. *101 See Alpha v. Beta, 10 F.4th 50, 55 (9th Cir. 2021); Gamma v. Delta,
20 F.4th 60, 61 (D.C.Cir.2022). Id. at 62.

Under Doe II the result is different. Doe v. Roe, 300 F.3d 400, 401 (2d Cir.2002) ("Doe II").
Alpha, supra, at 56. Epsilon v. Zeta, 30 F.3d 10, 12 (1st Cir.1995) (citing Eta v. Theta, 40 F.3d 70
(5th Cir.1994)). Id. at 13. *102 Epsilon v. Zeta, 30 F.3d 15, 18 (1st Cir.1995). Id. at 11.
See 42 U.S.C. § 1983; Kappa v. Lambda, 500 U.S. 1, 121 S.Ct. 2, 150 L.Ed.2d 3 (1991). Maj. Op. at 99.
"""


@pytest.fixture(scope="module")
def synthetic():
    return read_opinion(SYNTHETIC)


def test_compact_parentheticals_give_court_and_year(synthetic):
    cases = {a.citations[0]: (a.court, a.year) for a in synthetic.authorities if a.printed}
    assert cases["100 F.3d 200"] == ("ca2", 1996)
    assert cases["10 F.4th 50"] == ("ca9", 2021)
    assert cases["20 F.4th 60"] == ("cadc", 2022)
    assert cases["30 F.3d 10"] == ("ca1", 1995)
    assert cases["500 U.S. 1"] == ("scotus", 1991)


def test_pages_from_star_pagination(synthetic):
    assert synthetic.first_page == 100
    doe = by_citation(synthetic, "100 F.3d 200")
    alpha = by_citation(synthetic, "10 F.4th 50")
    kappa = by_citation(synthetic, "500 U.S. 1")
    assert doe.occurrences[0].page == 100 and alpha.occurrences[0].page == 101 and kappa.occurrences[0].page == 102


def test_id_after_a_string_citation_is_ambiguous(synthetic):
    gamma = by_citation(synthetic, "20 F.4th 60")
    ids = [o for o in gamma.occurrences if o.kind == "id"]
    assert len(ids) == 1 and ids[0].ambiguous and ids[0].pin == "62"
    w = [w for w in synthetic.warnings if w.kind == "id_ambiguous"]
    assert len(w) == 1 and "Alpha v. Beta" in w[0].message and "Gamma v. Delta" in w[0].message
    # an Id. after a single citation is not ambiguous
    doe = by_citation(synthetic, "100 F.3d 200")
    assert [(o.pin, o.ambiguous) for o in doe.occurrences if o.kind == "id"] == [("206", False)]


def test_id_skips_a_citation_inside_an_explanatory_parenthetical(synthetic):
    eps = by_citation(synthetic, "30 F.3d 10")
    assert [o.pin for o in eps.occurrences if o.kind == "id"] == ["13", "11"]
    eta = by_citation(synthetic, "40 F.3d 70")
    assert [o.kind for o in eta.occurrences] == ["full"]


def test_nicknames_defined_in_parentheticals(synthetic):
    one, two = by_citation(synthetic, "100 F.3d 200"), by_citation(synthetic, "300 F.3d 400")
    assert one.nicknames == ["Doe I"] and two.nicknames == ["Doe II"]
    assert [o.text for o in one.occurrences if o.kind == "nickname"] == ["Doe I"]
    assert [o.text for o in two.occurrences if o.kind == "nickname"] == ["Doe II"]
    w = [w for w in synthetic.warnings if w.kind == "nickname_before_definition"]
    assert len(w) == 1 and "'Doe II'" in w[0].message and len(w[0].offsets) == 2
    assert w[0].offsets[0] < w[0].offsets[1]


def test_supra_resolves_by_name(synthetic):
    alpha = by_citation(synthetic, "10 F.4th 50")
    assert [(o.kind, o.pin) for o in alpha.occurrences if o.kind == "supra"] == [("supra", "56")]


def test_same_case_with_two_first_pages_is_one_authority_with_warnings(synthetic):
    eps = by_citation(synthetic, "30 F.3d 10")
    assert eps.citations == ["30 F.3d 10", "30 F.3d 15"]
    kinds = {w.kind for w in synthetic.warnings if w.authority == eps.key}
    assert {"inconsistent_first_page", "pin_before_first_page"} <= kinds
    pin = next(w for w in synthetic.warnings if w.kind == "pin_before_first_page")
    assert "Id. at 11" in pin.message and "15" in pin.message


def test_statutes_and_the_opinion_itself_are_apart(synthetic):
    assert [s.citation for s in synthetic.statutes] == ["42 U.S.C. § 1983"]
    assert not any("U.S.C." in c for a in synthetic.authorities for c in a.citations)
    me = [a for a in synthetic.authorities if a.self_opinion]
    assert len(me) == 1 and me[0].name == "Roe v. Springfield"
    assert [o.pin for o in me[0].occurrences] == ["99"]
    s = synthetic.summary
    assert s["authorities"] == 7 and s["known"] == 0 and len(s["missing"]) == 7


def test_short_form_with_no_full_citation_is_found_in_the_case_base():
    base = small_base(SEED_BASE_CASES[0])
    r = read_opinion("As we said, Wood, 879 F.2d at 590, controls. Id. at 591.", base)
    wood = r.authority("wood-1989")
    assert [(o.kind, o.pin) for o in wood.occurrences] == [("short", "590"), ("id", "591")]
    assert [w.kind for w in r.warnings] == ["short_before_full"]
    bare = read_opinion("As we said, Wood, 879 F.2d at 590, controls. Id. at 591.")
    assert bare.authorities == [] and [o.kind for o in bare.unresolved] == ["short", "id"]
    assert {w.kind for w in bare.warnings} == {"short_unresolved", "id_unresolved"}


def test_short_form_with_two_cases_in_its_volume_goes_to_the_one_holding_the_page():
    text = (
        "Foo v. Bar, 12 F.3d 34 (2d Cir.1994); Baz v. Qux, 12 F.3d 100 (2d Cir.1994). See 12 F.3d at 40; 12 F.3d at 105"
    )
    r = read_opinion(text)
    foo, baz = by_citation(r, "12 F.3d 34"), by_citation(r, "12 F.3d 100")
    assert [o.pin for o in foo.occurrences if o.kind == "short"] == ["40"]
    assert [o.pin for o in baz.occurrences if o.kind == "short"] == ["105"]


def test_linking_counts_known_and_missing():
    base = small_base(*SEED_BASE_CASES)
    text = "Wood v. Ostrander, 879 F.2d 583 (9th Cir.1989); Foo v. Bar, 12 F.3d 34 (9th Cir.1994)."
    r = read_opinion(text, base)
    s = r.summary
    assert (s["authorities"], s["known"]) == (2, 1)
    assert s["missing"] == [{"name": "Foo v. Bar", "citation": "12 F.3d 34"}]
    assert [w.kind for w in r.warnings] == ["not_verified"]  # a citation the base does not hold is flagged


def test_a_draft_with_fabricated_citations_among_real_ones_is_flagged():
    from stare.caselaw import load_case_base

    base = load_case_base()
    brief = (
        "The doctrine is settled. See Munger v. City of Glasgow Police Dep't, 227 F.3d 1082, 1086 (9th Cir. 2000); "
        "Wood v. Ostrander, 879 F.2d 583, 589 (9th Cir. 1989). Courts have held officers liable for disclosing an "
        "informant. Fake v. Case, 999 F.3d 9999 (9th Cir. 2020); Smith v. Jones, 512 F.3d 771, 775 (9th Cir. 2008); "
        "Doe v. Roe Police Dep't, 431 F.3d 1201 (10th Cir. 2005). And see Johnson v. Seattle, 115 F.3d 707 (9th Cir. 1997)."
    )
    r = read_opinion(brief, base, draft=True)
    flagged = {w.authority for w in r.warnings if w.kind == "not_verified"}
    assert flagged == {"999 f3d 9999", "512 f3d 771", "431 f3d 1201"}
    assert any(w.kind == "impossible_page" for w in r.warnings)  # no volume reaches page 9999
    assert any(w.kind == "name_vs_base" and "Penilla" in w.message for w in r.warnings)  # a real cite, wrong name
    assert not any(w.authority in ("227 f3d 1082", "879 f2d 583") for w in r.warnings)  # the real ones pass


def test_a_pdf_opinion_is_read_with_its_pages(tmp_path):
    from weasyprint import HTML

    from stare.opinions import read_file

    pdf = tmp_path / "o.pdf"
    HTML(string="<p>Roe v. Springfield</p><p>See Wood v. Ostrander, 879 F.2d 583 (9th Cir. 1989).</p>").write_pdf(pdf)
    r = read_file(pdf)
    assert r.summary["authorities"] == 1 and "PDF" in " ".join(r.notes)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(Exception, match="PDF"):
        read_file(tmp_path / "bad.pdf")


def test_html_opinion_reads_like_its_text():
    html = (
        "<html><head><title>Roe v. Springfield</title><style>p {color: red}</style></head><body>"
        "<p>See <i>Wood v. Ostrander</i>, 879 F.2d 583, 586 (9th Cir.1989).</p>"
        '<p><span class="star-pagination">*1148</span>Wood, 879 F.2d at 590 &amp; n. 3. Id. at 591.</p>'
        "<script>var s = 'Roe v. Wade, 410 U.S. 113';</script></body></html>"
    )
    r = read_opinion(html)
    assert r.kind == "html" and r.title == "Roe v. Springfield"
    assert [a.citations for a in r.authorities] == [["879 F.2d 583"]]
    occ = r.authorities[0].occurrences
    assert [(o.kind, o.page) for o in occ] == [("full", 1147), ("short", 1148), ("id", 1148)]
    assert occ[1].pin == "590 & n. 3"


def test_text_without_star_pages_has_no_pages():
    r = read_opinion("Wood v. Ostrander, 879 F.2d 583 (9th Cir.1989). Id. at 590.")
    assert r.first_page is None and all(o.page is None for a in r.authorities for o in a.occurrences)


def test_json_interface(synthetic):
    data = json.loads(to_json(synthetic))
    assert {"authorities", "warnings", "statutes", "other", "summary"} <= set(data)
    for a in data["authorities"]:
        assert {"name", "citations", "court", "year", "case_id", "occurrences"} <= set(a)
        for o in a["occurrences"]:
            assert {"kind", "text", "page", "offset"} <= set(o)
    for w in data["warnings"]:
        assert {"kind", "message", "offsets"} <= set(w) and w["message"]
    assert {"known", "missing"} <= set(data["summary"])


def test_markdown_has_the_table_and_the_to_do_list(synthetic):
    md = to_markdown(synthetic)
    assert "## Cases" in md and "| *Doe v. Roe (“Doe I”)* | 100 F.3d 200 |" in md
    assert "## Cite-check" in md and "**id ambiguous**" in md and "id_ambiguous" not in md  # words, not ids
    assert "- [ ] Foo" not in md and "- [ ] Epsilon v. Zeta, 30 F.3d 10" in md


def test_run_read_formats_and_exit_codes(tmp_path):
    good = tmp_path / "opinion.txt"
    good.write_text(SYNTHETIC, encoding="utf-8")
    for fmt, marker in (("text", "Table of authorities"), ("markdown", "## Cases"), ("json", '"authorities"')):
        out, err = io.StringIO(), io.StringIO()
        code = run_read(None, [good], fmt, 1, None, None, Console(file=out, width=160), Console(file=err))
        assert code == 0 and marker in out.getvalue(), err.getvalue()
    json.loads(out.getvalue())
    out, err = io.StringIO(), io.StringIO()
    code = run_read(None, [good, tmp_path / "nope.txt"], "json", 1, None, None, Console(file=out), Console(file=err))
    assert code == 1 and "no such file" in err.getvalue()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["file"] == str(good)
    err = io.StringIO()
    assert (
        run_read(None, [tmp_path / "nope.txt"], "text", 1, None, None, Console(file=io.StringIO()), Console(file=err))
        == 2
    )


def test_read_file_on_the_seed_names_its_source():
    if not SEED.exists():
        pytest.skip("needs ../shared/seeds (the seed opinion)")
    r = read_file(SEED)
    assert r.source == str(SEED) and r.title == "Kennedy v. City of Ridgefield"


@needs_seed
def test_the_cli_read_command_on_the_seed():
    from typer.testing import CliRunner

    from stare.interfaces.cli import app

    r = CliRunner().invoke(app, ["read", str(SEED), "--format", "json"])
    if r.exit_code == 2 and "does not validate" in r.output:
        pytest.skip("the bundled case base does not validate right now")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["title"] == "Kennedy v. City of Ridgefield"
    assert data["summary"]["authorities"] >= 25 and data["summary"]["opinion"]["references"] >= 6
