"""The web app through FastAPI's TestClient: every page and API endpoint, the interview, downloads, safety."""

from __future__ import annotations

import html
import io
import re

import pytest
import yaml
from conftest import REPO, SEED
from markupsafe import escape

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402

from stare.interview import MAX_FACTS, Interview  # noqa: E402
from stare.web.app import MAX_BODY_BYTES, create_app  # noqa: E402

KENNEDY = REPO / "examples" / "kennedy.yaml"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def app(real_base):
    return create_app(real_base)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def facts_of(path=KENNEDY) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["incident_date"] = str(data["incident_date"])
    return data


def hidden(page: str, name: str) -> str:
    m = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert m, f"no hidden field {name}"
    return html.unescape(m.group(1))


def assert_safe_page(r, status: int) -> None:
    assert r.status_code == status, r.text[:500]
    assert "Traceback" not in r.text and 'File "' not in r.text
    assert r.headers["content-type"].startswith("text/html")


# --- pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/interview", "/analyze", "/cases", "/cases?court=ca9", "/read"])
def test_every_page_renders(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert "<html" in r.text and "stare" in r.text


def test_static_css_and_security_headers(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    r = client.get("/")
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none': no script at all
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert "<script" not in r.text


def test_every_precedent_has_a_page(client, real_base):
    for case_id, case in real_base.cases.items():
        r = client.get(f"/cases/{case_id}")
        assert r.status_code == 200, case_id
        assert str(escape(case.name)) in r.text
        assert str(escape(case.citation)) in r.text
        assert "How it was verified" in r.text and "Who cites it" in r.text


def test_precedent_page_says_when_the_conduct_was_as_well_as_it_is_known(client, real_base):
    exact = next(c for c in real_base.cases.values() if c.incident_date)
    bound = next(c for c in real_base.cases.values() if c.incident_not_after)
    assert f"incident {exact.incident_date}" in client.get(f"/cases/{exact.id}").text
    assert f"incident no later than {bound.incident_not_after}" in client.get(f"/cases/{bound.id}").text


def test_precedent_page_shows_who_cites_it(client, real_base):
    cited = {h.case: c for c in real_base.cases.values() for h in c.history if h.case}
    target, citing = next(iter(sorted(cited.items())))
    r = client.get(f"/cases/{target}")
    assert f'href="/cases/{citing.id}"' in r.text.split('id="cited-by"')[1]


def test_precedent_search_and_citation_redirect(client):
    r = client.get("/cases", params={"q": "879 F.2d 583"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cases/wood-v-ostrander-1989"
    r = client.get("/cases", params={"q": "Ostrander"})
    assert "wood-v-ostrander-1989" in r.text


@pytest.mark.parametrize(
    "path", ["/cases/nope", "/cases/..%2F..%2Fpyproject.toml", "/cases/%2e%2e", "/cases/caselaw%2Ffactors.yaml"]
)
def test_precedent_pages_never_read_a_path(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "[build-system]" not in r.text and "factors:" not in r.text


def test_unknown_page_and_method_are_readable(client):
    assert_safe_page(client.get("/no/such/page"), 404)
    assert_safe_page(client.put("/cases"), 405)


# --- the interview in the browser's way: one form post per step -----------------------------------


def walk(client, replies: dict[str, str], details: dict[str, str], notes: dict[str, str] | None = None):
    """Start the interview and answer every step it asks; return the review page and the steps seen."""
    r = client.post("/interview", data={"state": "{}", "step": "review", "action": "start"})
    seen = []
    for _ in range(60):
        assert r.status_code == 200, r.text[:800]
        step = hidden(r.text, "step")
        if step == "review":
            return r, seen
        seen.append(step)
        data = {"state": hidden(r.text, "state"), "step": step, "action": "next"}
        for key in re.findall(r'<(?:input|textarea)[^>]* name="([A-Za-z_]+)"', r.text):
            if key in details:
                data[key] = details[key]
            elif key.isupper():
                data[key] = replies.get(key, "no")
                if (notes or {}).get(key):
                    data[f"note_{key}"] = notes[key]
        r = client.post("/interview", data=data)
    raise AssertionError("the interview did not end")


DETAILS = {
    "court": "ca9",
    "incident_date": "2008-01-12",
    "posture": "summary_judgment",
    "defendant_kind": "individual",
    "immunity_raised": "yes",
    "name": "Doe v. Trooper Roe",
    "facts": "A trooper left an intoxicated passenger on a rural highway at 1 a.m.",
}
STRANDED = {
    "AFFIRMATIVE_ACT": "yes",
    "PLACED_IN_DANGEROUS_SETTING": "yes",
    "REMOVED_PROTECTION": "yes",
    "SPECIFIC_VICTIM": "yes",
    "VICTIM_VULNERABLE": "yes",
    "HARM_SOON_AFTER": "yes",
    "TIME_TO_DELIBERATE": "yes",
}


def test_interview_to_analysis_to_memo(client, real_base):
    review, seen = walk(client, STRANDED, DETAILS, {"PLACED_IN_DANGEROUS_SETTING": "left her on the highway"})
    assert seen[0] == "court" and "IN_CUSTODY" in seen
    assert "RELIANCE_ON_ASSURANCE" not in seen and "HARM_REMOTE" not in seen and "PUBLIC_AT_LARGE" not in seen
    assert "Skipped:" in review.text and 'id="analyze"' in review.text
    state = hidden(review.text, "state")
    # download the fact file: it is a valid fact pattern with the answers
    r = client.post("/interview", data={"state": state, "step": "review", "action": "download"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    fp = Interview.of(real_base).from_yaml(r.text)[0]
    assert {f for f, v in fp.replies.items() if v == "yes"} == set(STRANDED)
    # analyze
    r = client.post("/interview", data={"state": state, "step": "review", "action": "analyze"})
    assert r.status_code == 200
    page = r.text
    for anchor in ('id="prediction"', 'id="downloads"', 'id="memo"', "Table of authorities", "D. Qualified immunity"):
        assert anchor in page
    assert "Violation: probably yes" in page
    assert page.count("data:image/png;base64,") == 2
    assert 'href="/cases/wood-v-ostrander-1989"' in page
    assert "left her on the highway" in page
    # every memo format, from the analysis page's own form
    form = {"facts": hidden(page, "facts"), "as_of": hidden(page, "as_of"), "exclude": hidden(page, "exclude")}
    for fmt, start in [("markdown", b"# MEMO"), ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"), ("docx", b"PK")]:
        r = client.post("/memo", data={**form, "format": fmt})
        assert r.status_code == 200, r.text[:500]
        assert r.content.startswith(start), fmt
        assert "attachment" in r.headers["content-disposition"]


def test_interview_back_review_edit_and_errors(client):
    r = client.post("/interview", data={"state": "{}", "step": "review", "action": "start"})
    state = hidden(r.text, "state")
    r = client.post(
        "/interview", data={"state": state, "step": "court", "court": "ca99", "incident_date": "2008-01-12"}
    )
    assert_safe_page(r, 422)
    assert "Did you mean the Ninth Circuit" in r.text and hidden(r.text, "step") == "court"
    r = client.post("/interview", data={"state": state, "step": "court", "court": "ca9", "incident_date": "2008-01-12"})
    assert hidden(r.text, "step") == "posture"
    r = client.post("/interview", data={"state": hidden(r.text, "state"), "step": "posture", "action": "back"})
    assert hidden(r.text, "step") == "court" and 'value="ca9"' in r.text
    r = client.post("/interview", data={"state": hidden(r.text, "state"), "step": "court", "action": "review"})
    assert "Review your answers" in r.text and 'id="continue"' in r.text
    story = {"state": hidden(r.text, "state"), "step": "story", "name": "", "facts": "x" * (MAX_FACTS + 1)}
    assert_safe_page(client.post("/interview", data={**story, "action": "review"}), 422)  # not dropped silently
    r = client.post("/interview", data={"state": hidden(r.text, "state"), "step": "review", "action": "goto:court"})
    assert hidden(r.text, "step") == "court" and 'name="editing" value="1"' in r.text
    r = client.post(
        "/interview",
        data={
            "state": hidden(r.text, "state"),
            "step": "court",
            "editing": "1",
            "court": "ca10",
            "incident_date": "2008-01-12",
        },
    )
    assert "Review your answers" in r.text and "ca10" in r.text
    r = client.post("/interview", data={"state": hidden(r.text, "state"), "step": "review", "action": "analyze"})
    assert_safe_page(r, 422)  # not finished yet: a readable list of what is missing
    r = client.post("/interview", data={"state": "{}", "step": "no-such-step"})
    assert_safe_page(r, 422)
    r = client.post("/interview", data={"state": "{}", "step": "review", "action": "goto:../../etc"})
    assert_safe_page(r, 422)


def test_interview_upload_continues_a_saved_file(client):
    partial = "court: ca9\nincident_date: 2008-01-12\n"
    r = client.post("/interview/load", files={"factfile": ("saved.yaml", partial.encode(), "application/x-yaml")})
    assert r.status_code == 200 and "Loaded saved.yaml" in r.text and 'id="continue"' in r.text
    r = client.post("/interview", data={"state": hidden(r.text, "state"), "step": "review", "action": "continue"})
    assert hidden(r.text, "step") == "posture"
    r = client.post("/interview/load", files={"factfile": ("k.yaml", KENNEDY.read_bytes(), "application/x-yaml")})
    assert 'id="analyze"' in r.text  # a complete file goes straight to the review, ready to analyze
    r = client.post("/interview/load", files={"factfile": ("bad.yaml", b"court: [", "application/x-yaml")})
    assert r.status_code == 200 and "malformed YAML" in r.text
    r = client.post("/interview/load", files={"factfile": ("bin.yaml", b"\xff\xfe\x00", "application/x-yaml")})
    assert_safe_page(r, 422)


# --- the analysis page from a fact file ------------------------------------------------------------------


def test_analyze_page_with_as_of_and_exclusion(client):
    r = client.post(
        "/analyze",
        files={"factfile": ("kennedy.yaml", KENNEDY.read_bytes(), "application/x-yaml")},
        data={"as_of": "2005-06-23", "exclude": "411 F.3d 1134"},
    )
    assert r.status_code == 200
    assert "law as of 2005-06-23" in r.text and "2 decision(s) left out" in r.text
    assert r.url.path.startswith("/analysis/")  # the analysis lives at its own address
    again = client.get(r.url.path)  # bookmarked: the same analysis again
    assert again.status_code == 200 and again.text == r.text
    r = client.post("/analyze", data={"yaml": KENNEDY.read_text(), "exclude": "999 F.9th 1"})
    assert_safe_page(r, 422)
    assert "names no case" in r.text
    r = client.post("/analyze", data={"yaml": KENNEDY.read_text(), "as_of": "2005-02-30"})
    assert_safe_page(r, 422)
    r = client.post("/analyze", data={"yaml": "name: x\ncourt: ca99\n"})
    assert_safe_page(r, 422)
    assert "field &#39;court&#39;" in r.text or "field 'court'" in r.text
    assert_safe_page(client.post("/analyze", data={"yaml": ""}), 422)


# --- reading an opinion ---------------------------------------------------------------------------------


def test_read_page_upload_and_paste(client, app):
    if app.state.web.reader is None:
        pytest.skip("stare.opinions has no text-in reader in this checkout")
    if not SEED.exists():
        pytest.skip(f"the seed opinion {SEED} is not here")
    r = client.post("/read", files={"opinion": ("kennedy.txt", SEED.read_bytes(), "text/plain")})
    assert r.status_code == 200, r.text[:500]
    assert 'id="authorities"' in r.text and 'id="warnings"' in r.text
    assert 'href="/cases/wood-v-ostrander-1989"' in r.text
    assert "879 F.2d 588" in r.text  # the seed's wrong first page, caught by the cite-check
    r = client.post("/read", data={"text": "Wood v. Ostrander, 879 F.2d 583 (9th Cir. 1989)."})
    assert r.status_code == 200 and "Ostrander" in r.text
    assert_safe_page(client.post("/read", data={"text": "   "}), 422)
    r = client.post("/read", files={"opinion": ("x.pdf", b"%PDF-1.4 binary", "application/pdf")})
    assert_safe_page(r, 422)
    assert "PDF" in r.text
    from weasyprint import HTML

    pdf = HTML(string="<p>" + SEED.read_text(encoding="utf-8")[:6000].replace("\n", "</p><p>") + "</p>").write_pdf()
    r = client.post("/read", files={"opinion": ("kennedy.pdf", pdf, "application/pdf")})
    assert r.status_code == 200, r.text[:500]
    assert "Saucier" in r.text and "PDF page" not in r.text.split("<h1", 1)[0]  # read from a PDF


# --- the JSON API ---------------------------------------------------------------------------------------


def test_openapi_describes_the_api(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for p in ("/api/analyze", "/api/memo", "/api/cases", "/api/cases/{ref}", "/api/factors", "/api/interview"):
        assert p in paths, p
    assert "Analysis" in doc["components"]["schemas"]
    assert not any(p in paths for p in ("/", "/interview", "/cases/{case_id}"))  # pages are not the API


def test_api_analyze_matches_the_cli(client, real_base):
    from stare import analyze, parse_fact_pattern
    from stare.reasoning.knowledge import excluded_family  # noqa: F401 - the CLI's exclusion, used by analyze

    body = {"facts": facts_of(), "as_of": "2005-06-23", "exclude_citation": ["411 F.3d 1134"]}
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 200
    got = r.json()
    want = analyze(
        real_base,
        parse_fact_pattern(facts_of(), real_base.doctrine),
        as_of=__import__("datetime").date(2005, 6, 23),
        exclude=["411 F.3d 1134"],
    ).model_dump(mode="json")
    assert got == want


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"court": "ca99"}, "court"),
        ({"factors": ["NOPE"]}, "unknown factor id"),
        ({"incident_date": "2008-02-30"}, "incident_date"),
        ({"facts": "x" * (MAX_FACTS + 1)}, "facts"),
    ],
)
def test_api_analyze_names_the_wrong_field(client, change, says):
    r = client.post("/api/analyze", json={"facts": {**facts_of(), **change}})
    assert r.status_code == 422
    assert any(says in p for p in r.json()["detail"])


def test_api_validation_errors_are_json(client):
    r = client.post("/api/analyze", json={"nofacts": 1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "facts"
    r = client.post("/api/analyze", json={"facts": facts_of(), "exclude_citation": ["999 F.9th 1"]})
    assert r.status_code == 422 and "names no case" in r.json()["detail"][0]


def test_api_memo_every_format(client):
    from docx import Document

    for fmt, start in [("markdown", b"# MEMO"), ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"), ("docx", b"PK")]:
        r = client.post("/api/memo", json={"facts": facts_of(), "format": fmt, "pictures": fmt != "markdown"})
        assert r.status_code == 200 and r.content.startswith(start), fmt
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Brief answer" in text
    assert client.post("/api/memo", json={"facts": facts_of(), "format": "rtf"}).status_code == 422


def test_api_pictures(client):
    for name in ("timeline", "precedent-map"):
        r = client.post(f"/api/pictures/{name}", json={"facts": facts_of()})
        assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    assert client.post("/api/pictures/other", json={"facts": facts_of()}).status_code == 422


def test_api_cases(client, real_base):
    rows = client.get("/api/cases").json()
    assert len(rows) == len(real_base.cases)
    assert all(r["court"] == "ca9" for r in client.get("/api/cases", params={"court": "ca9"}).json())
    one = client.get("/api/cases/wood-v-ostrander-1989").json()
    assert one["citations"][0] == "879 F.2d 583" and one["source_file"].endswith("wood-v-ostrander-1989.yaml")
    assert "cited_by" in one
    assert client.get("/api/cases/879 F.2d 583").json()["id"] == "wood-v-ostrander-1989"
    r = client.get("/api/cases/wood-v-ostrander")
    assert r.status_code == 404 and "did you mean" in r.json()["detail"][0]


def test_api_factors_interview_health(client, real_base):
    assert {f["id"] for f in client.get("/api/factors").json()} == set(real_base.doctrine.factors)
    iv = client.get("/api/interview", params={"court": "ca9"}).json()
    assert iv["questions"][0]["key"] == "court" and iv["skip_rules"]
    assert any(q["example"] for q in iv["questions"])
    h = client.get("/api/health").json()
    assert h["status"] == "ok" and h["authorities"] == len(real_base.cases)


def test_api_read(client, app):
    if app.state.web.reader is None:
        pytest.skip("stare.opinions has no text-in reader in this checkout")
    r = client.post("/api/read", json={"text": "See Wood v. Ostrander, 879 F.2d 588 (9th Cir. 1989)."})
    assert r.status_code == 200
    data = r.json()
    assert {"authorities", "warnings", "summary"} <= set(data)
    assert data["authorities"][0]["case_id"] == "wood-v-ostrander-1989"
    assert data["warnings"]
    assert client.post("/api/read", json={"text": ""}).status_code == 422


# --- safety ---------------------------------------------------------------------------------------------


def test_user_text_is_escaped_everywhere(client):
    facts = {**facts_of(), "name": f"Doe {SCRIPT} v. Roe", "facts": f"He said {SCRIPT} & left."}
    facts["factor_notes"] = {**facts["factor_notes"], "AFFIRMATIVE_ACT": f"note {SCRIPT}"}
    r = client.post("/analyze", data={"yaml": yaml.safe_dump(facts)})
    assert r.status_code == 200
    assert SCRIPT not in r.text and "&lt;script&gt;" in r.text
    form = {"facts": hidden(r.text, "facts"), "as_of": "", "exclude": ""}
    memo = client.post("/memo", data={**form, "format": "html"})
    assert memo.status_code == 200 and SCRIPT not in memo.text and "<script" not in memo.text
    md = client.post("/memo", data={**form, "format": "markdown"}).text
    assert SCRIPT not in md  # escaped for markdown, so no renderer takes it as HTML
    # the interview's pages and its review
    review, _ = walk(client, {}, {**DETAILS, "name": f"X {SCRIPT}", "facts": SCRIPT})
    assert SCRIPT not in review.text and "&lt;script&gt;" in review.text
    # an error page echoing the input
    r = client.get(f"/cases/{SCRIPT}")
    assert r.status_code == 404 and SCRIPT not in r.text


def test_field_limits_give_readable_errors(client):
    r = client.post(
        "/interview", data={"state": "{}", "step": "story", "name": "X v. Y", "facts": "x" * (MAX_FACTS + 1)}
    )
    assert_safe_page(r, 422)
    assert "at most 50,000" in r.text
    r = client.post("/interview", data={"state": "x" * 300_000, "step": "court"})
    assert_safe_page(r, 422)
    r = client.post("/analyze", data={"yaml": "x" * 1_100_000})
    assert_safe_page(r, 413)


def test_uploads_over_the_limit_are_refused_before_reading(client):
    big = b"a" * (MAX_BODY_BYTES + 10)
    r = client.post("/read", files={"opinion": ("big.txt", big, "text/plain")})
    assert_safe_page(r, 413)
    assert "limit" in r.text
    r = client.post("/api/read", content=b'{"text": "' + big + b'"}', headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["detail"]
    r = client.post("/analyze", files={"factfile": ("f.yaml", b"a" * 1_100_000, "application/x-yaml")})
    assert_safe_page(r, 413)


def test_a_chunked_body_over_the_limit_is_refused(client):
    def chunks():
        for _ in range(6):
            yield b"x" * (1024 * 1024)

    r = client.post("/api/read", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_host_header_is_checked_when_asked(real_base):
    app = create_app(real_base, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as ok:
        assert ok.get("/api/health").status_code == 200
    with TestClient(app, base_url="http://evil.example") as bad:
        assert bad.get("/api/health").status_code == 400


def test_an_unexpected_error_is_a_page_not_a_traceback(real_base, monkeypatch):
    app = create_app(real_base)
    web = app.state.web

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web, "analyze", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/analyze", data={"yaml": KENNEDY.read_text()})
        assert_safe_page(r, 500)
        assert "secret internals" not in r.text
        r = c.post("/api/analyze", json={"facts": facts_of()})
        assert r.status_code == 500 and "secret" not in r.text


def test_stare_serve_binds_to_loopback_by_default(monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from stare.interfaces.cli import app as cli

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    r = CliRunner().invoke(cli, ["serve"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    with TestClient(seen["app"], base_url="http://evil.example") as c:
        assert c.get("/api/health").status_code == 400  # the Host header is checked on loopback
    r = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert r.exit_code == 0 and seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert "other machines can reach" in r.output


def test_analysis_page_shows_the_consensus_of_other_circuits(client, real_base):
    from stare.caselaw import dump_yaml
    from stare.reasoning.record import fact_pattern_of

    irish = real_base.cases["irish-v-fowler-2020"]
    facts = (
        fact_pattern_of(irish, real_base)
        .model_copy(update={"court": "ca11"})
        .model_dump(mode="json", exclude_defaults=True)
    )
    r = client.post("/analyze", data={"yaml": dump_yaml(facts), "as_of": "2011-06-01", "exclude": "979 F.3d 65"})
    assert r.status_code == 200
    # in the Eleventh Circuit before Terrell v. Smith a consensus of other circuits could count
    assert "A consensus of persuasive authority can clearly establish a right" in r.text and "Wilson v. Layne" in r.text
    assert "Clearly established on" in r.text


# --- inputs as people write them (hostile ones too), search, offline docs, kept forms -------------------------

BROKEN = REPO / "tests" / "fixtures" / "broken"


@pytest.mark.parametrize(
    "fixture", ["alias-bomb.yaml", "duplicate-court.yaml", "timestamp-tag.yaml", "deep-nesting.yaml"]
)
def test_hostile_fact_files_get_a_readable_page_that_keeps_the_form(client, fixture):
    text = (BROKEN / fixture).read_text(encoding="utf-8")
    for path, data in (("/analyze", {"yaml": text}), ("/interview/load", {"yaml": text})):
        r = client.post(path, data=data)
        assert r.status_code in (200, 422) and "Traceback" not in r.text, path
        assert "<form" in r.text and len(r.text) < 200_000
    r = client.post("/api/analyze", json={"facts": {**facts_of(), "factors": {"a": [1] * 10}}})
    assert r.status_code == 422  # a wrong type is named, never a 500


def test_a_too_large_request_keeps_the_form_it_came_from(client):
    r = client.post("/analyze", content=b"x" * (MAX_BODY_BYTES + 10), headers={"content-type": "text/plain"})
    assert r.status_code == 413 and 'action="/analyze"' in r.text and "the limit is" in r.text


def test_courts_are_taken_as_lawyers_write_them(client):
    r = client.post("/api/analyze", json={"facts": {**facts_of(), "court": "E.D. Wash."}})
    assert r.status_code == 200
    assert r.json()["court_name"] == "the Eastern District of Washington (Ninth Circuit)"


def test_precedent_search_by_full_citation_and_by_words(client):
    r = client.get(
        "/cases", params={"q": "Munger v. Glasgow, 227 F.3d 1082, 1086 (9th Cir. 2000)"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/cases/munger-v-glasgow-2000"
    r = client.get("/cases", params={"q": "stranded"})
    assert r.status_code == 200 and 'href="/cases/king-v-east-st-louis-school-district-2007"' in r.text


def test_the_api_docs_work_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text
    js = client.get("/static/swagger/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/static/swagger/../app.py").status_code == 404


def test_blocking_api_routes_run_in_the_compute_limiter(client, app, monkeypatch):
    web = app.state.web
    calls = []
    real = web.compute

    async def counted(fn, *args):
        calls.append(fn)
        return await real(fn, *args)

    monkeypatch.setattr(web, "compute", counted)
    body = {"facts": facts_of(), "format": "markdown", "pictures": False}
    assert client.post("/api/memo", json=body).status_code == 200
    assert client.post("/api/pictures/timeline", json={"facts": facts_of()}).status_code == 200
    assert len(calls) == 2


def test_a_bad_analysis_address_is_a_readable_404(client):
    r = client.get("/analysis/not-a-real-token")
    assert_safe_page(r, 404)
