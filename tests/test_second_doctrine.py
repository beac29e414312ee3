"""A second doctrine is data: a made-up doctrine, written only as data files, runs through the engine, the
memo, the web app and the command line.

The fixture (tests/fixtures/second-doctrine, see its README) is an invented "duty to a ward" doctrine: its
own baseline and two exceptions (one routed by a fact, one the default), its own elements, factors, circuit
test, qualified-immunity rules, bases and postures, and seven plainly fictional decisions. Each answer
asserted below follows from those decisions by the rules of precedent, so each could come out wrong.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stare import DataError, analyze, load_case_base, load_fact_pattern, parse_fact_pattern, render_memo
from stare.model.casebase import normalize_citation

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "second-doctrine"
FACT_FILE = FIXTURE / "facts" / "withheld-medicine.yaml"

TESTVILLE = "fixture-v-testville-1998"  # the Eighth Circuit's first decision: a violation, both elements met
MOCKFORD = "sample-v-mockford-county-2003"  # no control where the ward was free to leave
MOCKUP = "mockup-v-pretend-city-2008"  # the court-placement exception: a violation
ELEMENT_NAMES = {
    "ward_control": "Control over the ward's care",
    "need_awareness": "Awareness of the ward's need",
    "placement_order": "A placement by court order",
}
#: words of the bundled doctrine that no memo on the fixture may use
BUNDLED_WORDS = (
    "state-created",
    "DeShaney",
    "Kennedy",
    "danger",
    "custody",
    "private violence",
    "deliberate indifference",
    "Ninth Circuit",
)


@pytest.fixture(scope="module")
def ward():
    return load_case_base(FIXTURE)  # strict: any problem in the fixture raises


def facts(factors: list[str], incident: str = "2012-04-02", **kw) -> dict:
    return {
        "name": "Ward v. Caseworker",
        "court": "Eighth Circuit",
        "incident_date": incident,
        "posture": "summary_judgment",
        "defendant_kind": "individual",
        "factors": factors,
        **kw,
    }


def run(base, data: dict):
    return analyze(base, parse_fact_pattern(data, base.doctrine))


def findings(a) -> dict[str, tuple[str, str]]:
    return {e.id: (e.finding, e.how) for e in a.elements}


# --- the fixture is its own doctrine, and plainly made up ----------------------------------------------


def test_the_fixture_validates_deeply_and_shares_nothing_with_the_bundled_doctrine(ward, real_base):
    load_case_base(FIXTURE, deep=True)  # the citation checks too: every citation reads as a reporter citation
    d, bundled = ward.doctrine, real_base.doctrine
    assert set(d.elements) == set(ELEMENT_NAMES)
    assert {e.name for e in d.elements.values()} == set(ELEMENT_NAMES.values())
    for part in ("factors", "elements", "rules"):
        assert not set(getattr(d, part)) & set(getattr(bundled, part)), part
    # bases and postures are the engine's closed vocabularies: the same ids, each with the fixture's own source
    assert set(d.bases) == set(bundled.bases) and set(d.postures) == set(bundled.postures)
    assert {s.case for b in d.bases.values() for s in b.sources} == {"fixture-v-rulemaker-1995"}
    assert not d.case_kinds() & bundled.case_kinds()
    assert set(d.circuits) == {"ca8"} and d.role("baseline").id == "ward.no_general_duty"
    assert [r.id for r in d.exceptions() if r.default] == ["ward.assumed_care"]


def test_every_fixture_authority_is_plainly_fictional(ward, real_base):
    real_cites = {normalize_citation(c) for case in real_base.cases.values() for c in case.citations}
    real_names = {case.name for case in real_base.cases.values()}
    assert 5 <= len(ward.decisions()) <= 8
    assert any(c.court == "scotus" and c.kind == "rule" for c in ward.cases.values())
    for case in ward.cases.values():
        assert [(s.url, s.what) for s in case.verification.sources] == [
            ("test://fixture", "constructed for a test; not a real decision")
        ], case.id
        assert case.name not in real_names and not {normalize_citation(c) for c in case.citations} & real_cites
        # page numbers past any real reporter volume, so no citation can be mistaken for a real one
        assert all(int(c.split()[-1]) >= 9000 for c in case.citations), case.id
        assert case.kind == "rule" or "Invented for a test" in (case.facts or ""), case.id


# --- the engine on the second doctrine -------------------------------------------------------------------


def test_facts_a_binding_precedent_found_a_violation_on_are_a_violation_clearly_established(ward):
    a = run(ward, facts(["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_REPORTED"]))
    p = a.prediction
    assert a.exception.id == "ward.assumed_care" and p.claim == "substantive due process (assumed care of a ward)"
    assert a.baseline.id == "ward.no_general_duty"
    assert a.circuit_test is not None and a.circuit_test.court == "ca8"
    assert p.violation and p.violation_path == "forced_violation"
    assert TESTVILLE in {r.id for r in p.forced_by}
    assert findings(a) == {"ward_control": ("met", "forced"), "need_awareness": ("met", "forced")}
    assert TESTVILLE in {r.id for r in a.elements[1].forced_by}
    assert p.ce_status == "established" and p.ce_path == "binding_a_fortiori"
    assert a.clearly_established.best_notice.precedent.id == TESTVILLE
    assert p.qualified_immunity == "denied" and p.claim_survives


def test_before_the_circuit_recognized_the_claim_the_right_was_not_clearly_established(ward):
    a = run(ward, facts(["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_REPORTED"], incident="1996-01-01"))
    p = a.prediction
    assert p.violation  # the law known today decides the violation
    assert not a.recognized and p.ce_path == "not_recognized" and not p.clearly_established
    assert p.qualified_immunity == "granted" and not p.claim_survives


def test_facts_a_binding_precedent_held_an_element_not_met_on_lose_that_element(ward):
    a = run(ward, facts(["TOOK_OVER_CARE", "FREE_TO_LEAVE", "NEED_OBVIOUS"]))
    assert findings(a)["ward_control"] == ("not_met", "forced")
    assert [r.id for r in a.elements[0].forced_by] == [MOCKFORD]
    assert not a.prediction.violation and not a.prediction.claim_survives


def test_facts_that_fail_an_element_by_its_definition(ward):
    a = run(ward, facts(["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_HIDDEN"]))
    assert findings(a)["need_awareness"] == ("not_met", "decisive")
    assert a.prediction.violation_path == "element_decisive" and not a.prediction.violation
    # the rule's `unless`: a reported need is known, however hidden it was
    b = run(ward, facts(["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_HIDDEN", "NEED_REPORTED"]))
    assert findings(b)["need_awareness"][1] != "decisive"


def test_a_routing_fact_takes_the_other_exception_and_its_own_precedents(ward):
    a = run(ward, facts(["COURT_ORDERED_PLACEMENT", "NEED_REPORTED"]))
    assert a.exception.id == "ward.court_placement"
    assert [e.id for e in a.elements] == ["placement_order", "need_awareness"]
    assert a.prediction.violation_path == "forced_violation" and MOCKUP in {r.id for r in a.prediction.forced_by}
    assert a.prediction.ce_path == "binding_a_fortiori"
    # no decision this close, but the Supreme Court's own statement of the duty gives notice of a plain breach
    b = run(ward, facts(["COURT_ORDERED_PLACEMENT", "NEED_OBVIOUS"]))
    assert b.prediction.ce_path == "stated_duty" and b.prediction.clearly_established


def test_the_fact_file_loads_against_the_fixture_vocabulary(ward, real_base):
    fp = load_fact_pattern(FACT_FILE, ward.doctrine)
    assert fp.court == "ca8" and fp.factors == ["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_REPORTED"]
    with pytest.raises(DataError, match="unknown factor id"):
        load_fact_pattern(FACT_FILE, real_base.doctrine)  # the bundled vocabulary does not know these facts


# --- the memo ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factors", "elements", "names"),
    [
        (
            ["TOOK_OVER_CARE", "BARRED_OTHER_HELP", "NEED_REPORTED"],
            ["ward_control", "need_awareness"],
            ["Fixture v. Testville"],
        ),
        (
            ["TOOK_OVER_CARE", "FREE_TO_LEAVE", "NEED_OBVIOUS"],
            ["ward_control", "need_awareness"],
            ["Sample v. Mockford County"],
        ),
        (
            ["COURT_ORDERED_PLACEMENT", "NEED_REPORTED"],
            ["placement_order", "need_awareness"],
            ["Mockup v. Pretend City"],
        ),
    ],
)
def test_the_memo_speaks_only_the_fixture_doctrine(ward, real_base, factors, elements, names):
    memo = render_memo(run(ward, facts(factors)))
    for e in elements:
        assert f". {ELEMENT_NAMES[e]}: " in memo  # each element has its own part, headed by its name
    for name in names:
        assert f"*{name}*" in memo
    assert "Fixture v. Rulemaker" in memo  # the Supreme Court's rule authority, for the baseline
    assert "the rule that a public agency owes no duty of care to a person it has not taken into its charge" in memo
    assert "Eighth Circuit" in memo
    for word in BUNDLED_WORDS:
        assert word.lower() not in memo.lower(), word
    for case in real_base.cases.values():
        assert case.name not in memo, case.name
    for el in real_base.doctrine.elements.values():
        assert el.name not in memo, el.name
    d = ward.doctrine
    for raw in [*d.factors, *d.elements, *d.rules, *ward.cases, "None"]:
        assert not re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", memo), raw


# --- the web app -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(ward):
    pytest.importorskip("fastapi")
    pytest.importorskip("multipart")
    from fastapi.testclient import TestClient

    from stare.web.app import create_app

    with TestClient(create_app(base=ward)) as c:
        yield c


def test_the_web_app_analyzes_on_the_fixture(client):
    r = client.post("/analyze", data={"yaml": FACT_FILE.read_text(encoding="utf-8")})
    assert r.status_code == 200, r.text[:500]
    assert "/analysis/" in str(r.url)  # the analysis lives at its own address
    page = html.unescape(r.text)
    assert "Ward v. Caseworker" in page and "Violation: probably yes" in page
    for name in ("Control over the ward's care", "Awareness of the ward's need", "Fixture v. Testville"):
        assert name in page, name
    memo = page.split('id="memo"')[1].split("</article>")[0]
    for word in BUNDLED_WORDS:
        assert word.lower() not in memo.lower(), word


def test_the_web_api_and_precedent_pages_use_the_fixture(client, ward):
    for path in ("/", "/interview", "/analyze", "/cases"):
        assert client.get(path).status_code == 200, path
    import yaml

    data = yaml.safe_load(FACT_FILE.read_text(encoding="utf-8"))
    data["incident_date"] = str(data["incident_date"])
    r = client.post("/api/analyze", json={"facts": data})
    assert r.status_code == 200, r.text[:500]
    got = r.json()
    assert [e["name"] for e in got["elements"]] == [ELEMENT_NAMES["ward_control"], ELEMENT_NAMES["need_awareness"]]
    assert got["prediction"]["violation"] is True and got["prediction"]["forced_by"][0]["id"] == TESTVILLE
    page = client.get(f"/cases/{TESTVILLE}")
    assert page.status_code == 200 and "constructed for a test; not a real decision" in html.unescape(page.text)
    assert client.get("/cases/wood-v-ostrander-1989").status_code == 404  # the bundled base is not behind it


# --- the command line ----------------------------------------------------------------------------------


def test_the_command_line_reads_the_fixture_from_STARE_CASELAW():
    env = {**os.environ, "STARE_CASELAW": str(FIXTURE)}
    cli = [sys.executable, "-m", "stare.interfaces.cli"]
    r = subprocess.run([*cli, "validate"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    said = " ".join(r.stdout.split())
    assert said.startswith("ok") and "7 authorities (6 decisions on the facts), 8 factors, 3 elements" in said
    r = subprocess.run(
        [*cli, "analyze", str(FACT_FILE), "--format", "markdown"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert "Control over the ward's care" in r.stdout and "Fixture v. Testville" in r.stdout
    assert "DeShaney" not in r.stdout
