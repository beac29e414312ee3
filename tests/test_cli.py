"""The command line on the bundled case base: analyze, cases, validate, and bad input."""

import json

import pytest
from conftest import REPO
from typer.testing import CliRunner

from stare.interfaces.cli import app

runner = CliRunner()
KENNEDY = str(REPO / "examples" / "kennedy.yaml")


def run(*args):
    return runner.invoke(app, list(args))


def test_analyze_json_has_the_interface_keys():
    r = run("analyze", KENNEDY, "--format", "json")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    p = a["prediction"]
    assert isinstance(p["violation"], bool) and 0.5 <= p["violation_confidence"]["probability"] <= 1
    assert p["violation_confidence"]["right"] <= p["violation_confidence"]["of"]
    assert isinstance(p["clearly_established"], bool) and p["ce_status"] in (
        "established",
        "contested",
        "not_established",
    )
    assert p["qualified_immunity"] in ("granted", "denied", "not_at_issue")
    assert isinstance(p["claim_survives"], bool) and p["answers"][0]["defendant"] == "individual"
    for e in a["elements"]:
        assert {"id", "finding", "question", "answer", "how", "factors_for", "factors_against", "precedents"} <= set(e)
        assert e["finding"] in ("met", "not_met", "contested")
        assert all(r["binding"] for r in e["forced_by"])
    assert a["clearly_established"]["as_of"] == "1998-09-24"
    assert all({"precedent", "closeness", "gaps"} <= set(n) for n in a["clearly_established"]["precedents"])
    assert a["arguments"]["plaintiff"] and a["arguments"]["defendant"]
    assert all({"id", "name", "citation", "court", "decided"} <= set(x) for x in a["authorities"])
    assert a["phrases"] and all(isinstance(v, str) for v in a["phrases"].values())


def test_every_authority_in_any_output_is_in_the_case_base(real_base):
    r = run("analyze", KENNEDY, "--format", "json")
    a = json.loads(r.stdout)
    ids = {x["id"] for x in a["authorities"]}
    assert ids <= set(real_base.cases)
    named = {p["id"] for e in a["elements"] for p in e["precedents"]}
    ce = a["clearly_established"]
    named |= {n["precedent"]["id"] for n in ce["precedents"] + ce["persuasive"]}
    named |= {c for side in a["arguments"].values() for arg in side for c in arg["cites"]}
    assert named <= ids
    # and every citation the memo prints is a citation of an authority in the base
    memo = run("analyze", KENNEDY, "--format", "markdown").stdout
    table = memo.split("## Table of authorities", 1)[1]
    for line in table.splitlines():
        if line.startswith("| *"):
            assert any(c in line for au in real_base.cases.values() for c in au.citations), line


def test_kennedy_acceptance_as_of_2005_excludes_kennedy_and_later_law():
    r = run("analyze", KENNEDY, "--format", "json", "--as-of", "2005-06-23", "--exclude-citation", "411 F.3d 1134")
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    assert {"kennedy-v-ridgefield-2005", "kennedy-v-ridgefield-2006"} <= set(a["excluded"])
    assert all(x["decided"] < "2005-06-23" for x in a["authorities"])
    cited = {c for side in a["arguments"].values() for arg in side for c in arg["cites"]}
    # the two sides' authorities the majority and the dissent fought over
    assert "lw-v-grubbs-1992" in cited and "lw-v-grubbs-1996" in cited and "nicholas-v-wallenstein-2001" in cited
    memo = run(
        "analyze", KENNEDY, "--format", "markdown", "--as-of", "2005-06-23", "--exclude-citation", "411 F.3d 1134"
    ).stdout
    assert "promised to warn Kennedy" in memo and "eight hours" in memo
    # Grubbs I gave notice in 1998, and Grubbs II (a jury's finding) is no answer to it: immunity is denied,
    # as the Kennedy majority held
    assert a["prediction"]["ce_status"] == "established" and a["prediction"]["qualified_immunity"] == "denied"


def test_memo_has_the_sections_a_lawyer_expects():
    memo = run("analyze", KENNEDY, "--format", "markdown").stdout
    for heading in (
        "I. Question presented",
        "II. Brief answer",
        "III. Facts",
        "IV. Discussion",
        "D. Qualified immunity",
        "V. Conclusion and next steps",
        "VI. Limits of this analysis",
        "Table of authorities",
    ):
        assert f"## {heading}" in memo or f"### {heading}" in memo, heading


def test_text_report_renders():
    r = run("analyze", KENNEDY)
    assert r.exit_code == 0 and "Clearly established" in r.stdout


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-30\nposture: trial\ndefendant_kind: individual\n",
            "incident_date",
        ),
        (
            "name: x\ncourt: ca99\nincident_date: 2001-02-03\nposture: trial\ndefendant_kind: individual\n",
            "no federal court is named 'ca99'. Did you mean the Ninth Circuit?",
        ),
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-03\nposture: trial\ndefendant_kind: individual\n"
            "factors: [AFFIRMATIVE_ACTS]\n",
            "did you mean AFFIRMATIVE_ACT",
        ),
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-03\nposture: hearing\ndefendant_kind: individual\n",
            "motion_to_dismiss, summary_judgment, trial, post_trial",
        ),
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-03\nposture: trial\ndefendant_kind: city\n",
            "individual, municipality, both",
        ),
        ("name: [unclosed\n", "malformed YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-03\nposture: trial\ndefendant_kind: individual\n"
            "factors: AFFIRMATIVE_ACT\n",
            "valid list",
        ),
        (
            "name: x\ncourt: ca9\nincident_date: 2001-02-03\nposture: trial\ndefendant_kind: individual\nvictim: y\n",
            "field 'victim': is not a field stare knows",
        ),
    ],
)
def test_bad_fact_files_get_clear_errors(tmp_path, body, expected):
    f = tmp_path / "facts.yaml"
    f.write_text(body)
    r = run("analyze", str(f))
    assert r.exit_code == 2
    assert expected in r.output
    assert "Traceback" not in r.output


def test_binary_and_huge_and_missing_files_are_refused(tmp_path):
    b = tmp_path / "bin.yaml"
    b.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary" in run("analyze", str(b)).output
    h = tmp_path / "huge.yaml"
    h.write_text("name: x\n" + "#" * 2_000_000)
    assert "at most" in run("analyze", str(h)).output
    assert "no such file" in run("analyze", str(tmp_path / "nope.yaml")).output


def test_bad_options_get_clear_errors():
    r = run("analyze", KENNEDY, "--as-of", "2005-13-01")
    assert r.exit_code == 2 and "not a real date" in r.output
    r = run("analyze", KENNEDY, "--exclude-citation", "999 F.9th 1")
    assert r.exit_code == 2 and "names no case" in r.output


def test_cases_list_and_show(real_base):
    r = run("cases", "list", "--format", "json")
    rows = json.loads(r.stdout)
    assert len(rows) == len(real_base.cases)
    r = run("cases", "show", "wood-v-ostrander-1989", "--format", "json")
    wood = json.loads(r.stdout)
    assert wood["citations"][0] == "879 F.2d 583" and wood["court"] == "ca9"
    assert run("cases", "show", "879 F.2d 583").exit_code == 0
    r = run("cases", "show", "wood-v-ostrandr-1989")
    assert r.exit_code == 2 and "did you mean wood-v-ostrander-1989" in r.output


def test_validate_passes_on_the_bundled_case_base():
    r = run("validate")
    assert r.exit_code == 0 and "ok" in r.stdout


def test_analyze_writes_the_memo_as_a_document_named_by_its_extension(tmp_path):
    pdf, docx, md = tmp_path / "memo.pdf", tmp_path / "memo.docx", tmp_path / "memo.md"
    for path in (pdf, docx, md):
        r = run("analyze", KENNEDY, "--out", str(path))
        assert r.exit_code == 0, r.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert docx.read_bytes()[:2] == b"PK"  # a Word document is a zip
    text = md.read_text(encoding="utf-8")
    assert "Question Presented" in text or "QUESTION PRESENTED" in text.upper()
    assert "timeline.png" in text or "data:image/png" in text  # the pictures go with it


def test_analyze_refuses_a_memo_file_it_cannot_write(tmp_path):
    r = run("analyze", KENNEDY, "--out", str(tmp_path / "memo.txt"))
    assert r.exit_code == 2 and ".pdf" in r.output and "Traceback" not in r.output
    r = run("analyze", KENNEDY, "--out", str(tmp_path))
    assert r.exit_code == 2 and "folder" in r.output
    assert list(tmp_path.iterdir()) == []  # nothing written
