"""The memo in four formats: Markdown, HTML, PDF and Word (.docx), each with the pictures.

Every format starts from the one memo the CLI prints. Its markdown is parsed once by markdown-it
(CommonMark with tables, raw HTML off, so that any ``<script>`` a user typed stays text). HTML is that
markdown rendered, with an anchor at every citation. The PDF is the HTML typeset for paged media by
WeasyPrint: a running header, numbered pages, headings kept with what follows, tables sized to the page,
and a table of authorities giving the pages on which each authority is cited (a first pass finds the
pages, a second prints them). The Word file has real numbered lists, a header and a footer with page
numbers, and Word's own table-of-authorities fields.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from stare.model.analysis import Analysis
from stare.report.citations import MARK, MARK_RE, Citer, strip_marks
from stare.report.memo import PROVISIONS, STATUTES
from stare.report.pictures import Picture

FORMATS: dict[str, tuple[str, str]] = {
    "markdown": (".md", "text/markdown; charset=utf-8"),
    "html": (".html", "text/html; charset=utf-8"),
    "pdf": (".pdf", "application/pdf"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}

CSS = """
body { font-family: Georgia, 'DejaVu Serif', 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #1b1b1b; font-size: 11pt; }
h1, h2, h3, h4 { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; color: #1f2d3d; line-height: 1.25; }
h1 { font-size: 17pt; letter-spacing: 0.08em; } h2 { font-size: 13pt; margin-top: 1.4em; }
h3 { font-size: 11.5pt; } h4 { font-size: 11pt; }
table { border-collapse: collapse; font-size: 9.5pt; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.45rem; vertical-align: top; text-align: left; }
td { overflow-wrap: break-word; }
li { margin-bottom: 0.35em; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 9pt; color: #444; }
a.cite { color: inherit; text-decoration: none; }
table.memo-head thead { display: none; }
table.memo-head td, table.memo-head th { border: none; padding: 1pt 6pt 1pt 0; }
table.memo-head { width: auto; margin-bottom: 0.8em; border-top: 1.5pt solid #1f2d3d; border-bottom: 0.5pt solid #999; }
table.toa th:first-child, table.toa td:first-child { width: 74%; }
"""

PRINT_CSS = """
@page { size: Letter; margin: 0.95in 1in 0.9in 1in;
        @top-center { content: element(running); }
        @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                         font-size: 8pt; color: #555; } }
@page :first { @top-center { content: none; } }
.running { position: running(running); font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #555;
           border-bottom: 0.5pt solid #bbb; padding-bottom: 2pt; }
body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; line-height: 1.5; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
h2 + p, h3 + p, h4 + p { break-before: avoid; }
p, li { orphans: 3; widows: 3; }
table { table-layout: fixed; page-break-inside: auto; }
tr, figure { break-inside: avoid; }
"""


@cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def slug(text: str, default: str = "memo") -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60].strip("-")
    return s or default


def filename_for(analysis: Analysis, fmt: str) -> str:
    return f"stare-memo-{slug(analysis.facts.name)}{FORMATS[fmt][0]}"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@dataclass
class Memo:
    """The memo's markdown with its citation markers, and the citer that made them."""

    markdown: str
    citer: Citer
    title: str
    re_line: str

    @property
    def plain(self) -> str:
        return strip_marks(self.markdown)


def memo_of(analysis: Analysis, prepared: dt.date | None = None) -> Memo:
    from stare.report.memo import render_marked

    text, writer = render_marked(analysis, prepared)
    return Memo(text, writer.citer, f"Memorandum: {analysis.facts.name}", strip_marks(writer.re_line()))


# --- markdown and HTML ----------------------------------------------------------------------------


def memo_markdown(memo: Memo, pictures: Sequence[Picture] = ()) -> str:
    """The memo with a closing section of figures, the images inline as data URIs (self-contained)."""
    from stare.report.memo import escape_markdown

    parts = [memo.plain.rstrip("\n")]
    if pictures:
        parts += ["", "## Figures", ""]
        for i, p in enumerate(pictures, 1):
            parts += [f"**Figure {i}. {escape_markdown(p.title)}.** {escape_markdown(p.caption)}", ""]
            parts += [f"![Figure {i}: {escape_markdown(p.title)}]({_data_uri(p.png)})", ""]
    return "\n".join(parts) + "\n"


def memo_html_body(markdown: str) -> str:
    """The memo's markdown as an HTML fragment; raw HTML in it is escaped, never passed through. Each
    citation marker becomes an anchor (``cite-N``) for the table of authorities."""
    body = _md().render(markdown)
    body = MARK_RE.sub(lambda m: f'<a class="cite" id="cite-{m.group(1)}"></a>', body)
    body = body.replace("<table>", '<table class="memo-head">', 1)
    return body.replace(MARK, "")


def figures_html(pictures: Sequence[Picture]) -> str:
    out = []
    for i, p in enumerate(pictures, 1):
        title = html.escape(p.title)
        out.append(
            f'<figure id="figure-{i}"><img src="{_data_uri(p.png)}" alt="Figure {i}: {title}">'
            f"<figcaption><strong>Figure {i}. {title}.</strong> {html.escape(p.caption)}</figcaption></figure>"
        )
    return "\n".join(out)


def _document(body: str, pictures: Sequence[Picture], title: str, css: str, running: str = "") -> str:
    figs = f'<h2 id="figures">Figures</h2>\n{figures_html(pictures)}' if pictures else ""
    run = f'<div class="running">{html.escape(running)}</div>' if running else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>\n"
        f"<body>\n{run}{body}\n{figs}\n</body></html>\n"
    )


def memo_html(memo: Memo, pictures: Sequence[Picture] = ()) -> str:
    """A complete, self-contained HTML document (no scripts, no outside resources)."""
    body = memo_html_body(memo.markdown)
    body = _toa_html(body, memo.citer, None)
    return _document(body, pictures, memo.title, CSS)


def memo_page_body(memo: Memo, link: str = "/cases/{id}") -> str:
    """The memo as the web page shows it: the HTML body, its table of authorities linking each case to its
    page."""
    return _toa_html(memo_html_body(memo.markdown), memo.citer, None, link)


def _toa_html(body: str, citer: Citer, pages: dict[str, int] | None, link: str | None = None) -> str:
    """The table of authorities' case table, rebuilt: sections (HTML) or pages (PDF) for each case."""
    start = body.find("<h2>Table of authorities</h2>")
    if start < 0:
        return body
    rows = []
    for au in citer.cited():
        where = f"{au.court_label} " if au.court_label else ""
        name = f"<em>{html.escape(au.name)}</em>, {html.escape(au.citation)} ({html.escape(where)}{au.decided.year})"
        if link:
            name = f'<a href="{html.escape(link.format(id=au.id))}">{name}</a>'
        if pages is None:
            cited = ", ".join(citer.sections_of(au.id))
        else:
            found = sorted({pages[f"cite-{n}"] for n in citer.anchors_of(au.id) if f"cite-{n}" in pages})
            cited = ", ".join(str(n) for n in found)
        rows.append(f"<tr><td>{name}</td><td>{html.escape(cited)}</td></tr>")
    head = "Pages" if pages is not None else "Cited in"
    table = (
        f'<table class="toa"><thead><tr><th>Case</th><th>{head}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    # the first table after the heading is the case table the markdown rendered; replace it
    t0 = body.find("<table>", start)
    t1 = body.find("</table>", t0) + len("</table>")
    if t0 < 0:
        return body
    rest = body[t1:]
    if pages is not None:  # the provisions and statutes: the pages their anchors fell on
        rest = rest.replace("<th>Cited in</th>", "<th>Pages</th>")
        for i, (_heading, cite, _words) in enumerate(PROVISIONS + STATUTES):
            found = sorted({pages[a] for a in pages if a.startswith(f"law-{i}-")})
            rest = re.sub(
                rf"(<td>{re.escape(html.escape(cite, quote=False))}</td>\s*<td>)[^<]*(</td>)",
                lambda m, found=found: m.group(1) + ", ".join(map(str, found)) + m.group(2),
                rest,
            )
    return body[:t0] + table + rest


def _anchor_provisions(body: str) -> str:
    """An anchor (``law-I-N``) before each mention of a provision or statute in the memo's text (not in the
    table of authorities), so the PDF's table can give the pages they are cited on."""
    end = body.find("<h2>Table of authorities</h2>")
    if end < 0:
        return body
    text = body[:end]
    for i, (_heading, _cite, words) in enumerate(PROVISIONS + STATUTES):
        pattern = re.compile("|".join(re.escape(html.escape(w, quote=False)) for w in words))
        count = iter(range(1, 1_000_000))
        # only in text between tags, never inside one
        text = re.sub(
            r">([^<]+)<",
            lambda m, i=i, pattern=pattern, count=count: (
                ">"
                + pattern.sub(lambda hit: f'<a class="law" id="law-{i}-{next(count)}"></a>{hit.group()}', m.group(1))
                + "<"
            ),
            text,
        )
    return text + body[end:]


# --- PDF (WeasyPrint) -----------------------------------------------------------------------------


class TypesetterMissing(RuntimeError):
    """WeasyPrint is installed but the system's Pango library, which it needs, is not."""


def memo_pdf(memo: Memo, pictures: Sequence[Picture] = ()) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as e:  # WeasyPrint loads Pango when imported
        raise TypesetterMissing(
            "the PDF memo needs the Pango library (Debian/Ubuntu: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0; macOS: brew install pango); the Word, HTML and Markdown memos do not"
        ) from e

    css = CSS + PRINT_CSS
    body = _anchor_provisions(memo_html_body(memo.markdown))
    first = HTML(string=_document(_toa_html(body, memo.citer, None), pictures, memo.title, css, memo.re_line)).render()
    pages: dict[str, int] = {}
    for number, page in enumerate(first.pages, 1):
        for name in page.anchors:
            if name.startswith(("cite-", "law-")):
                pages.setdefault(name, number)
    final = HTML(string=_document(_toa_html(body, memo.citer, pages), pictures, memo.title, css, memo.re_line))
    return final.write_pdf()


# --- Word (python-docx) ---------------------------------------------------------------------------


def _field(paragraph, instruction: str, cached: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TA, TOA) in a paragraph, with the text shown until it is updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(el):
        r = OxmlElement("w:r")
        r.append(el)
        paragraph._p.append(r)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    if cached:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = cached
        run_with(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _add_text(paragraph, text: str, bold=None, italic=None, marks: dict | None = None, size=None) -> None:
    """Text into runs; each citation marker becomes a hidden table-of-authorities entry (a TA field)."""
    for piece in re.split(f"({MARK}\\d+{MARK})", text):
        m = MARK_RE.fullmatch(piece)
        if m:
            if marks is not None and int(m.group(1)) in marks:
                long, short = marks[int(m.group(1))]
                _field(paragraph, f'TA \\l "{long}" \\s "{short}" \\c 1')
            continue
        if piece:
            run = paragraph.add_run(piece)
            run.bold, run.italic = bold, italic
            if size is not None:
                run.font.size = size


def _add_inline(paragraph, token: Token | None, bold: bool = False, italic: bool = False, marks=None, size=None):
    if token is None:
        return
    b, it = bold, italic
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            b = True
        elif kind == "strong_close":
            b = bold
        elif kind == "em_open":
            it = True
        elif kind == "em_close":
            it = italic
        elif kind in ("text", "html_inline", "code_inline"):
            _add_text(paragraph, child.content, b or None, it or None, marks, size)
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


def _restart_numbering(doc, paragraph) -> None:
    """Give an ordered list its own numbering, starting at 1 (python-docx shares one list otherwise)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style = doc.styles["List Number"]
    num_pr = style.element.pPr.numPr
    abstract = None
    if num_pr is not None and num_pr.numId is not None:
        base_id = num_pr.numId.val
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(base_id):
                abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    if abstract is None:
        return
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    new_id = max(ids, default=0) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    a = OxmlElement("w:abstractNumId")
    a.set(qn("w:val"), abstract)
    num.append(a)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    p_pr = paragraph._p.get_or_add_pPr()
    np_ = p_pr.get_or_add_numPr()
    np_.get_or_add_ilvl().val = 0
    np_.get_or_add_numId().val = new_id
    return new_id


def memo_docx(memo: Memo, pictures: Sequence[Picture] = ()) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt

    doc = Document()
    doc.core_properties.title = memo.title[:200]
    doc.core_properties.author = "stare"
    normal = doc.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = memo.re_line
    head.runs[0].font.size = Pt(8)
    for footer in (section.footer, section.first_page_footer):
        foot = footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run("Page ").font.size = Pt(8)
        _field(foot, "PAGE", "1")
        foot.add_run(" of ").font.size = Pt(8)
        _field(foot, "NUMPAGES", "1")
    # table-of-authorities entries: each citation marker becomes a TA field naming its case
    marks = {}
    for u in memo.citer.uses:
        au = memo.citer.authorities[u.case]
        where = f"{au.court_label} " if au.court_label else ""
        long = f"{au.name}, {au.citation} ({where}{au.decided.year})".replace('"', "'")
        marks[u.anchor] = (long, au.short.replace('"', "'") or au.name)
    tokens = _md().parse(memo.markdown)
    lists: list[dict] = []
    table = None
    row_cells: list = []
    cell_index = 0
    header = False
    in_toa = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if kind == "heading_open":
            level = int(t.tag[1])
            text = nxt.content if nxt is not None else ""
            if text.startswith("Table of authorities"):
                in_toa = True
                h = doc.add_heading(level=1)
                _add_inline(h, nxt)
                p = doc.add_paragraph()
                cached = "; ".join(
                    f"{a.name}, {a.citation} ({', '.join(memo.citer.sections_of(a.id))})" for a in memo.citer.cited()
                )
                _field(p, 'TOA \\h \\c "1" \\p', cached)
                i += 3
                continue
            h = doc.add_heading(level=0 if level == 1 else min(level - 1, 4))
            h.paragraph_format.keep_with_next = True
            _add_inline(h, nxt, marks=marks)
            i += 3
            continue
        if in_toa and kind == "paragraph_open" and nxt is not None and nxt.content == "**Cases**":
            # Word builds the cases' table itself from the TA fields (with pages); skip the markdown one
            while tokens[i].type != "table_close":
                i += 1
            i += 1
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append({"ordered": kind == "ordered_list_open", "num": None})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "paragraph_open" and table is None:
            if lists and tokens[i - 1].type == "list_item_open":
                top = lists[-1]
                if top["ordered"]:
                    p = doc.add_paragraph(style="List Number")
                    if top["num"] is None:
                        top["num"] = _restart_numbering(doc, p)
                    elif top["num"]:
                        np_ = p._p.get_or_add_pPr().get_or_add_numPr()
                        np_.get_or_add_ilvl().val = 0
                        np_.get_or_add_numId().val = top["num"]
                else:
                    p = doc.add_paragraph(style="List Bullet" if len(lists) == 1 else "List Bullet 2")
            elif lists:
                p = doc.add_paragraph()
                p.paragraph_format.left_indent = Inches(0.3 * len(lists))
            else:
                p = doc.add_paragraph()
            _add_inline(p, nxt, marks=None if in_toa else marks)
            i += 3
            continue
        elif kind == "table_open":
            ncols = 0
            j = i
            while tokens[j].type != "tr_close":
                ncols += tokens[j].type in ("th_open", "td_open")
                j += 1
            table = doc.add_table(rows=0, cols=max(ncols, 1))
            table.style = "Table Grid"
            table.autofit = True
        elif kind == "table_close":
            table = None
        elif kind == "thead_open":
            header = True
        elif kind == "thead_close":
            header = False
        elif kind == "tr_open" and table is not None:
            row_cells = table.add_row().cells
            cell_index = 0
            tr_pr = table.rows[-1]._tr.get_or_add_trPr()
            cant = OxmlElement("w:cantSplit")
            tr_pr.append(cant)
        elif kind in ("th_open", "td_open") and table is not None:
            if cell_index < len(row_cells):
                para = row_cells[cell_index].paragraphs[0]
                _add_inline(para, nxt, bold=header or kind == "th_open", marks=None if in_toa else marks, size=Pt(9))
            cell_index += 1
        i += 1
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    if pictures:
        doc.add_heading("Figures", level=1)
        for n, p in enumerate(pictures, 1):
            doc.add_picture(io.BytesIO(p.png), width=Inches(6.2))
            cap = doc.add_paragraph()
            cap.add_run(f"Figure {n}. {p.title}. ").bold = True
            cap.add_run(p.caption).italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --- one entry point ------------------------------------------------------------------------------


def export_memo(analysis: Analysis, fmt: str, pictures: Sequence[Picture] = (), memo: Memo | None = None) -> bytes:
    """The memo of ``analysis`` in ``fmt`` (markdown, html, pdf, docx), with the pictures."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown memo format {fmt!r}; allowed: {', '.join(FORMATS)}")
    memo = memo or memo_of(analysis)
    if fmt == "markdown":
        return memo_markdown(memo, pictures).encode("utf-8")
    if fmt == "html":
        return memo_html(memo, pictures).encode("utf-8")
    if fmt == "pdf":
        return memo_pdf(memo, pictures)
    return memo_docx(memo, pictures)
