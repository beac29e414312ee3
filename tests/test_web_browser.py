"""The web app in a real browser: Playwright driving Debian's Chromium through the interview to a
downloaded memo, saving and reloading the answers, a precedent's page, and reading an uploaded opinion.

Skips unless both are present: ``pip install playwright`` and ``apt-get install -y chromium``
(/usr/bin/chromium). ``playwright install`` is never needed: the system Chromium is used.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import SEED

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STRANDED = {
    "AFFIRMATIVE_ACT",
    "PLACED_IN_DANGEROUS_SETTING",
    "REMOVED_PROTECTION",
    "SPECIFIC_VICTIM",
    "VICTIM_VULNERABLE",
    "HARM_SOON_AFTER",
    "TIME_TO_DELIBERATE",
}
SCRIPT = "<script>alert('x')</script>"

if os.environ.get("STARE_REQUIRE_BROWSER"):
    # CI installs both; there a missing browser is a failure, not a skip
    import playwright.sync_api as sync_api

    assert CHROMIUM.exists(), f"STARE_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}"
else:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need: pip install playwright")
    pytest.importorskip("uvicorn", reason="the browser tests need uvicorn")
    if not CHROMIUM.exists():
        pytest.skip(
            f"the browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium", allow_module_level=True
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(real_base):
    import uvicorn

    from stare.web.app import create_app

    port = free_port()
    app = create_app(real_base, allowed_hosts=["127.0.0.1", "localhost"])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser_context():
    profile = tempfile.mkdtemp(prefix="stare-chromium-")
    with sync_api.sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=ARGS,
                accept_downloads=True,
            )
        except Exception as e:  # noqa: BLE001 - a Chromium that cannot start here is a skip, with the reason
            shutil.rmtree(profile, ignore_errors=True)
            pytest.skip(f"Chromium at {CHROMIUM} did not start under Playwright: {e}")
        context.set_default_timeout(30_000)
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    page.close()


def current_step(page) -> str:
    return page.locator("input[name=step]").first.get_attribute("value")


def test_interview_to_a_downloaded_memo(server, page, tmp_path):
    page.goto(server + "/interview")
    page.click("#start")
    assert current_step(page) == "court"
    page.fill("#court", "ca9")
    page.fill("#incident_date", "2008-01-12")
    page.click("#next")
    page.check("#posture-summary_judgment")
    page.check("#defendant_kind-individual")
    page.click("#next")
    page.check("#immunity_raised-yes")
    page.click("#next")
    page.fill("#name", f"Doe {SCRIPT} v. Trooper Roe")
    page.fill("#facts", f"A trooper left her on a rural highway at 1 a.m. {SCRIPT}")
    page.click("#next")
    asked = []
    for _ in range(40):
        step = current_step(page)
        if step == "review":
            break
        asked.append(step)
        assert page.locator("#question").inner_text()
        page.check(f"#{step}-{'yes' if step in STRANDED else 'no'}")
        if step == "PLACED_IN_DANGEROUS_SETTING":
            assert "Example:" in page.locator("#example").inner_text()
            page.fill(f"#note_{step}", "left her on a rural highway shoulder")
        page.click("#next")
    assert asked[0] == "IN_CUSTODY"
    assert "RELIANCE_ON_ASSURANCE" not in asked and "PUBLIC_AT_LARGE" not in asked
    assert page.locator("h1").inner_text() == "Review your answers"

    # save the answers: a fact file
    with page.expect_download() as dl:
        page.click("#download")
    saved = tmp_path / "answers.yaml"
    dl.value.save_as(saved)
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert set(data["factors"]) == STRANDED and data["court"] == "ca9"

    # analyze
    page.click("#analyze")
    assert "Violation: probably yes" in page.locator("#prediction").inner_text()
    assert SCRIPT in page.locator("#case-name").inner_text()  # shown as text...
    assert page.dialogs == []  # ...never run
    widths = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(widths) == 2 and all(w > 100 for w in widths)
    memo = page.locator("#memo").inner_text()
    assert "C. Analogies and distinctions" in memo and "D. Qualified immunity" in memo
    assert "AFFIRMATIVE_ACT" not in memo and "None" not in memo  # prose, not identifiers

    # the memo, as Word and as PDF
    with page.expect_download() as dl:
        page.click("#memo-docx")
    memo = tmp_path / dl.value.suggested_filename
    dl.value.save_as(memo)
    assert memo.suffix == ".docx"
    from docx import Document

    doc = Document(io.BytesIO(memo.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "II. Brief answer" in text and "Probably yes" in text
    with page.expect_download() as dl:
        page.click("#memo-pdf")
    pdf = tmp_path / "memo.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # a precedent's page, from the analysis
    page.click("#memo a[href='/cases/wood-v-ostrander-1989']")
    assert page.locator("#case-name").inner_text() == "Wood v. Ostrander"
    assert page.locator("#verification li").count() >= 1

    # reload the saved answers and continue: the review shows them, ready to analyze
    page.goto(server + "/interview")
    page.set_input_files("#factfile", str(saved))
    page.click("#load")
    assert "Loaded answers.yaml" in page.content()
    assert page.locator("#analyze").count() == 1
    page.click("button[value='goto:story']")
    assert page.locator("#name").input_value() == f"Doe {SCRIPT} v. Trooper Roe"
    page.fill("#name", "Doe v. Trooper Roe")
    page.click("#next")
    assert page.locator("h1").inner_text() == "Review your answers"
    assert "Doe v. Trooper Roe" in page.locator("#answers").inner_text()
    assert page.dialogs == []


def test_reading_an_uploaded_opinion(server, page):
    page.goto(server + "/")
    if page.locator("a[href='/read']").count() == 0:
        pytest.skip("the opinion reader (stare.opinions.read_opinion) is not in this checkout")
    if not SEED.exists():
        pytest.skip(f"the seed opinion {SEED} is not here")
    page.goto(server + "/read")
    page.set_input_files("#opinion", str(SEED))
    page.click("#read")
    assert page.locator("#authorities tbody tr").count() >= 10
    warnings = page.locator("#warnings").inner_text()
    assert "879 F.2d 588" in warnings
    page.click("#authorities a[href='/cases/wood-v-ostrander-1989']")
    assert page.locator("#case-name").inner_text() == "Wood v. Ostrander"


def test_field_limits_in_the_browser(server, page):
    page.goto(server + "/interview")
    page.click("#start")
    page.fill("#court", "ca99")
    page.fill("#incident_date", "2008-01-12")
    page.click("#next")
    assert "Did you mean the Ninth Circuit" in page.locator("#problems").inner_text()
    assert current_step(page) == "court"
