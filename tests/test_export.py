"""The memo exports (markdown, HTML, PDF, Word) and the two pictures."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from conftest import REPO

from stare import analyze, load_fact_pattern, render_memo
from stare.report.export import FORMATS, export_memo, filename_for, memo_html_body, memo_of, slug
from stare.report.pictures import classical_mds, jaccard_distance, map_layout, pictures

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def kennedy(real_base):
    fp = load_fact_pattern(REPO / "examples" / "kennedy.yaml", real_base.doctrine)
    return analyze(real_base, fp, as_of=dt.date(2005, 6, 23), exclude=["411 F.3d 1134"])


@pytest.fixture(scope="module")
def hostile(real_base):
    fp = load_fact_pattern(REPO / "examples" / "stranded-passenger.yaml", real_base.doctrine)
    fp = fp.model_copy(update={"name": f"Doe {SCRIPT} v. Roe", "facts": f"She said {SCRIPT} & [x](javascript:y)"})
    return analyze(real_base, fp)


@pytest.fixture(scope="module")
def pics(kennedy):
    return pictures(kennedy)


# --- pictures -------------------------------------------------------------------------------------


def test_jaccard_distance():
    assert jaccard_distance(set(), set()) == 0.0
    assert jaccard_distance({"A"}, {"A"}) == 0.0
    assert jaccard_distance({"A"}, {"B"}) == 1.0
    assert jaccard_distance({"A", "B"}, {"B", "C"}) == pytest.approx(2 / 3)


def test_classical_mds_recovers_planar_distances():
    pts = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0], [1.0, 1.0], [-2.0, 0.5]])
    dist = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    got = classical_mds(dist)
    assert np.allclose(np.linalg.norm(got[:, None] - got[None], axis=-1), dist, atol=1e-8)
    assert classical_mds(np.zeros((0, 0))).shape == (0, 2)
    assert classical_mds(np.zeros((1, 1))).shape == (1, 2)
    assert np.allclose(classical_mds(dist), got)  # reproducible, signs fixed


def test_map_layout_puts_the_fact_pattern_at_the_origin():
    xy = map_layout(frozenset({"A", "B"}), [frozenset({"A", "B"}), frozenset({"C"}), frozenset({"A"})])
    assert xy.shape == (4, 2) and np.allclose(xy[0], 0)
    assert np.allclose(xy[1], 0, atol=1e-6)  # the same factors: the same place
    assert np.linalg.norm(xy[2]) > np.linalg.norm(xy[3])  # no shared factor is farther than one


def test_the_analysis_carries_what_the_pictures_show(kennedy):
    binding = kennedy.timeline
    assert binding and all(c.court in ("scotus", "ca9") for c in binding) and all(c.binding for c in binding)
    assert all(c.decided < kennedy.as_of for c in binding)
    assert not {c.id for c in binding} & set(kennedy.excluded)
    assert [c.decided for c in binding] == sorted(c.decided for c in binding)
    near = kennedy.neighbors
    assert len(near) == 12 and [d for _, d in near] == sorted(d for _, d in near)
    assert not {c.id for c, _ in near} & set(kennedy.excluded)


def test_pictures_are_drawn_from_the_analysis_alone_and_reproducible(kennedy, pics):
    assert [p.name for p in pics] == ["timeline.png", "precedent-map.png"]
    for p in pics:
        assert p.png.startswith(b"\x89PNG\r\n\x1a\n") and len(p.png) > 10_000
        assert p.title and p.caption
    assert "Ninth Circuit and the Supreme Court" in pics[0].caption
    again = pictures(kennedy)
    assert [p.png for p in again] == [p.png for p in pics]


# --- exports --------------------------------------------------------------------------------------


def test_markdown_is_the_cli_memo_plus_figures(kennedy, pics):
    memo = render_memo(kennedy)
    out = export_memo(kennedy, "markdown", pics).decode("utf-8")
    assert out.startswith(memo.rstrip("\n")[:2000])
    assert "## Figures" in out and out.count("](data:image/png;base64,") == 2


def test_html_is_standalone_with_an_anchor_at_every_citation(kennedy, pics):
    out = export_memo(kennedy, "html", pics).decode("utf-8")
    memo = memo_of(kennedy)
    assert out.startswith("<!DOCTYPE html>")
    assert "<h2>II. Brief answer</h2>" in out
    assert out.count('<img src="data:image/png;base64,') == 2
    assert out.count('<a class="cite" id="cite-') == len(memo.citer.uses)
    assert "<script" not in out and "http" not in out.split("<body>")[0]  # no outside resources


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_pdf_is_a_real_document(kennedy, pics):
    out = export_memo(kennedy, "pdf", pics)
    assert out.startswith(b"%PDF-") and out.rstrip().endswith(b"%%EOF")
    pages = _pdf_text(out)
    assert len(pages) >= 5
    assert all(f"Page {i} of {len(pages)}" in t for i, t in enumerate(pages, 1))  # numbered pages
    assert all("Kennedy v. City of Ridgefield" in t for t in pages[1:])  # the running header
    for label in ("To", "From", "Date", "Re"):
        assert label in pages[0]
    toa = next(t for t in reversed(pages) if "Table of authorities" in t or "Pages" in t)
    assert "Pages" in toa  # the table of authorities gives pages in the PDF
    # every page the table gives for a case is a page on which that case is cited
    memo = memo_of(kennedy)
    grubbs = next(a for a in memo.citer.cited() if a.citation == "974 F.2d 119")
    assert grubbs.citation in "".join(pages)
    # the provisions and statutes get pages too: each page listed is one where the text names it
    import re

    tail = "".join(pages[-4:])
    for cite, words in (
        ("U.S. Const. amend. XIV, § 1", ("Fourteenth Amendment", "Due Process Clause")),
        ("42 U.S.C. § 1983", ("§ 1983",)),
    ):
        m = re.search(re.escape(cite) + r"\s+([\d, ]+)", tail)
        assert m, cite
        listed = [int(n) for n in m.group(1).replace(",", " ").split()]
        assert listed and all(any(w in pages[n - 1] for w in words) for n in listed), (cite, listed)


def test_docx_has_numbering_header_footer_and_table_of_authorities_fields(kennedy, pics):
    from docx import Document

    data = export_memo(kennedy, "docx", pics)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "II. Brief answer" in text and "Probably" in text
    assert len(doc.inline_shapes) == 2
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert numbered and all(p._p.pPr.numPr is not None for p in numbered)  # real numbering, not typed
    section = doc.sections[0]
    assert "Kennedy" in section.header.paragraphs[0].text
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    body = doc.element.body.xml
    assert body.count(" TA \\l ") >= len(memo_of(kennedy).citer.cited()) and " TOA " in body
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "MEMORANDUM" in headings and "Figures" in headings


def test_user_text_stays_text_in_every_format(hostile):
    md = export_memo(hostile, "markdown").decode("utf-8")
    assert SCRIPT not in md
    page = export_memo(hostile, "html").decode("utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "href=" not in page  # the typed link is text, not a link
    from docx import Document

    doc = Document(io.BytesIO(export_memo(hostile, "docx")))
    assert any(SCRIPT in p.text for p in doc.paragraphs)  # shown as the words typed, inert in Word
    assert export_memo(hostile, "pdf").startswith(b"%PDF")


def test_unknown_format_and_file_names(kennedy):
    with pytest.raises(ValueError, match="allowed"):
        export_memo(kennedy, "rtf")
    assert set(FORMATS) == {"markdown", "html", "pdf", "docx"}
    assert filename_for(kennedy, "pdf") == "stare-memo-kennedy-v-city-of-ridgefield-officer-shields.pdf"
    assert slug("<>/..\\") == "memo" and "/" not in slug("../../etc/passwd")


def test_memo_html_escapes_raw_html_in_the_markdown():
    out = memo_html_body("# T\n\n<b>bold</b> <script>x</script>\n")
    assert "<b>" not in out and "<script>" not in out and "&lt;script&gt;" in out
