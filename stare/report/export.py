"""The memo in four formats: markdown, HTML, PDF and Word (.docx), each with the pictures.

Every format starts from the one memo the CLI prints (``render_memo``): its markdown is parsed once by
markdown-it (CommonMark with tables, raw HTML off, so that any ``<script>`` a user typed stays text), and
rendered to HTML, or walked token by token into a Word document or, through fpdf2's HTML subset, a PDF.
No browser and no system library is needed: fpdf2 embeds the DejaVu fonts that ship with matplotlib.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from stare.model.analysis import Analysis
from stare.report.pictures import Picture

FORMATS: dict[str, tuple[str, str]] = {
    "markdown": (".md", "text/markdown; charset=utf-8"),
    "html": (".html", "text/html; charset=utf-8"),
    "pdf": (".pdf", "application/pdf"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
h1, h2, h3, h4 { font-family: 'Helvetica Neue', Arial, sans-serif; color: #1f2d3d; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
code { font-size: 0.85em; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.9rem; color: #444; }
"""


@cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def slug(text: str, default: str = "memo") -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60].strip("-")
    return s or default


def filename_for(analysis: Analysis, fmt: str) -> str:
    return f"stare-memo-{slug(str(analysis.facts.get('name', '')))}{FORMATS[fmt][0]}"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --- markdown and HTML ----------------------------------------------------------------------------


def memo_markdown(memo: str, pictures: Sequence[Picture] = ()) -> str:
    """The memo with a closing section of figures, the images inline as data URIs (self-contained)."""
    if not pictures:
        return memo
    from stare.report.memo import escape_markdown

    parts = [memo.rstrip("\n"), "", "## Figures", ""]
    for i, p in enumerate(pictures, 1):
        parts += [f"**Figure {i}. {escape_markdown(p.title)}.** {escape_markdown(p.caption)}", ""]
        parts += [f"![Figure {i}: {escape_markdown(p.title)}]({_data_uri(p.png)})", ""]
    return "\n".join(parts)


def memo_html_body(memo: str) -> str:
    """The memo's markdown as an HTML fragment; raw HTML in it is escaped, never passed through."""
    return _md().render(memo)


def figures_html(pictures: Sequence[Picture]) -> str:
    out = []
    for i, p in enumerate(pictures, 1):
        title = html.escape(p.title)
        out.append(
            f'<figure id="figure-{i}"><img src="{_data_uri(p.png)}" alt="Figure {i}: {title}">'
            f"<figcaption><strong>Figure {i}. {title}.</strong> {html.escape(p.caption)}</figcaption></figure>"
        )
    return "\n".join(out)


def memo_html(memo: str, pictures: Sequence[Picture] = (), title: str = "Memorandum") -> str:
    """A complete, self-contained HTML document (no scripts, no outside resources)."""
    figs = f"<h2>Figures</h2>\n{figures_html(pictures)}" if pictures else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head>\n"
        f"<body>\n{memo_html_body(memo)}\n{figs}\n</body></html>\n"
    )


# --- PDF (fpdf2) ----------------------------------------------------------------------------------


def _fonts_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _plain(tokens: list[Token], i: int) -> str:
    """The text of the inline token after index i (a cell's content)."""
    return tokens[i + 1].content if i + 1 < len(tokens) and tokens[i + 1].type == "inline" else ""


def _pdf_tokens(memo: str) -> list[Token]:
    """Tokens adjusted for fpdf2's HTML: table columns sized by their content, cells aligned left."""
    tokens = _md().parse(memo)
    i = 0
    while i < len(tokens):
        if tokens[i].type != "table_open":
            i += 1
            continue
        j = i
        lengths: dict[int, int] = {}
        col = 0
        heads: list[Token] = []
        while j < len(tokens) and tokens[j].type != "table_close":
            t = tokens[j]
            if t.type == "tr_open":
                col = 0
            elif t.type in ("th_open", "td_open"):
                n = len(_plain(tokens, j))
                lengths[col] = max(lengths.get(col, 0), min(n, 32))
                if t.type == "th_open":
                    heads.append(t)
                else:
                    t.attrSet("align", "left")
                t.attrs.pop("style", None)
                col += 1
            j += 1
        weight = {k: max(v, 12) + 3 for k, v in lengths.items()}
        total = sum(weight.values()) or 1
        for k, t in enumerate(heads):
            t.attrSet("width", f"{100 * weight.get(k, 13) / total:.0f}%")
            t.attrSet("align", "left")
        tokens[i].attrSet("width", "100%")
        i = j + 1
    return tokens


def memo_pdf(memo: str, pictures: Sequence[Picture] = (), title: str = "Memorandum") -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import TextStyle

    fonts = _fonts_dir()
    pdf = FPDF(format="Letter")
    pdf.set_title(title[:200])
    pdf.set_creator("stare")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_font("DejaVu", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", fonts / "DejaVuSans-Oblique.ttf")
    pdf.add_font("DejaVu", "BI", fonts / "DejaVuSans-BoldOblique.ttf")
    pdf.add_font("DejaVuMono", "", fonts / "DejaVuSansMono.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    navy = "#1f2d3d"
    styles = {
        "h1": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=18, color=navy, t_margin=2, b_margin=3),
        "h2": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=14, color=navy, t_margin=5, b_margin=2),
        "h3": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=12, color=navy, t_margin=4, b_margin=2),
        "h4": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=10.5, color=navy, t_margin=3, b_margin=1),
        "code": TextStyle(font_family="DejaVuMono", font_size_pt=8),
    }
    md = _md()
    body = md.renderer.render(_pdf_tokens(memo), md.options, {})
    pdf.write_html(
        body,
        font_family="DejaVu",
        tag_styles=styles,
        li_prefix_color=(60, 60, 60),
        table_line_separators=True,
        warn_on_tags_not_matching=False,
    )
    if pictures:
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.set_text_color(31, 45, 61)
        pdf.cell(0, 10, "Figures", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        for i, p in enumerate(pictures, 1):
            if pdf.get_y() > pdf.h - 120:
                pdf.add_page()
            pdf.image(io.BytesIO(p.png), w=pdf.epw)
            pdf.ln(1)
            pdf.set_font("DejaVu", "B", 9)
            pdf.multi_cell(0, 4.5, f"Figure {i}. {p.title}.", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(0, 4.5, p.caption, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


# --- Word (python-docx) ---------------------------------------------------------------------------


def _add_inline(paragraph, token: Token | None, bold: bool = False, italic: bool = False) -> None:
    """Runs for an inline token's children: text, strong, em, code, breaks; links keep their text."""
    from docx.shared import Pt

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
        elif kind == "text" or kind == "html_inline":
            run = paragraph.add_run(child.content)
            run.bold, run.italic = b or None, it or None
        elif kind == "code_inline":
            run = paragraph.add_run(child.content)
            run.font.name = "Courier New"
            run.font.size = Pt(8.5)
            run.bold, run.italic = b or None, it or None
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "image":
            paragraph.add_run(child.content or "")


def memo_docx(memo: str, pictures: Sequence[Picture] = (), title: str = "Memorandum") -> bytes:
    from docx import Document
    from docx.shared import Inches, Pt

    doc = Document()
    doc.core_properties.title = title[:200]
    doc.core_properties.author = "stare"
    normal = doc.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    tokens = _md().parse(memo)
    lists: list[dict] = []  # open lists: {"ordered": bool, "n": int}
    table = None
    row_cells: list = []
    cell_index = 0
    header = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if kind == "heading_open":
            level = int(t.tag[1])
            h = doc.add_heading(level=0 if level == 1 else min(level - 1, 4))
            _add_inline(h, nxt)
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append({"ordered": kind == "ordered_list_open", "n": int(t.attrGet("start") or 1)})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "paragraph_open" and table is None:
            if lists and tokens[i - 1].type == "list_item_open":
                top = lists[-1]
                depth = len(lists)
                if top["ordered"]:
                    p = doc.add_paragraph()
                    p.paragraph_format.left_indent = Inches(0.3 * depth)
                    p.paragraph_format.first_line_indent = Inches(-0.25)
                    p.add_run(f"{top['n']}. ")
                    top["n"] += 1
                else:
                    p = doc.add_paragraph(style="List Bullet" if depth == 1 else "List Bullet 2")
            elif lists:
                p = doc.add_paragraph()
                p.paragraph_format.left_indent = Inches(0.3 * len(lists))
            else:
                p = doc.add_paragraph()
            _add_inline(p, nxt)
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
        elif kind == "table_close":
            table = None
        elif kind == "thead_open":
            header = True
        elif kind == "thead_close":
            header = False
        elif kind == "tr_open" and table is not None:
            row_cells = table.add_row().cells
            cell_index = 0
        elif kind in ("th_open", "td_open") and table is not None:
            if cell_index < len(row_cells):
                para = row_cells[cell_index].paragraphs[0]
                _add_inline(para, nxt, bold=header or kind == "th_open")
                for run in para.runs:
                    run.font.size = Pt(8.5)
            cell_index += 1
        elif kind in ("fence", "code_block"):
            p = doc.add_paragraph()
            run = p.add_run(t.content.rstrip("\n"))
            run.font.name = "Courier New"
            run.font.size = Pt(8.5)
        elif kind == "hr":
            doc.add_paragraph("—" * 20)
        i += 1
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


def export_memo(analysis: Analysis, fmt: str, pictures: Sequence[Picture] = (), memo: str | None = None) -> bytes:
    """The memo of ``analysis`` in ``fmt`` (markdown, html, pdf, docx), with the pictures."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown memo format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if memo is None:
        from stare.report.memo import render_memo

        memo = render_memo(analysis)
    title = f"Memorandum: {analysis.facts.get('name', '')} ({dt.date.today().isoformat()})"
    if fmt == "markdown":
        return memo_markdown(memo, pictures).encode("utf-8")
    if fmt == "html":
        return memo_html(memo, pictures, title).encode("utf-8")
    if fmt == "pdf":
        return memo_pdf(memo, pictures, title)
    return memo_docx(memo, pictures, title)
