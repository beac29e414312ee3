"""Getting an opinion's text: files, HTML, and star pagination.

eyecite reads plain text. This module makes that text from a file (refusing what is not an opinion:
empty, binary or oversized files), turns HTML into text, and takes out the star-page markers
("*1148") that reporters print inline, keeping a page map so that every citation can be placed on
the reporter page it stands on. Offsets reported to the user are always offsets in the text as read
(after HTML conversion), never in the cleaned text handed to eyecite.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused: an opinion is rarely over 1 MB; 20 MB is a whole volume."""

MAX_CHARS = MAX_BYTES
HTML_SUFFIXES = {".htm", ".html", ".xhtml", ".xml"}


class InputError(Exception):
    """The input cannot be read as an opinion; the message says why, in a sentence."""


@dataclass(frozen=True)
class Source:
    text: str
    title: str | None = None
    kind: str = "text"  # text | html
    notes: tuple[str, ...] = ()


# --- files -----------------------------------------------------------------------------------------


MAX_PDF_PAGES = 2_000


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise InputError(
            f"{name} is {_human(size)}; stare read refuses files over {_human(MAX_BYTES)} "
            "(an opinion is rarely over 1 MB: split the file)"
        )


def looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def pdf_text(raw: bytes, name: str = "input") -> tuple[str, tuple[str, ...]]:
    """A PDF's text through pypdf, page by page. Each PDF page is marked "[PDF page N]" on a line of its
    own, so warnings can be placed; an opinion's own star pages (*1147) in the text are kept as they are."""
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError(f"{name} is a PDF, and pypdf is not installed to read it") from None
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(f"{name} is an encrypted PDF; save an unencrypted copy first")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InputError(f"{name} has {len(reader.pages):,} pages; stare reads PDFs of at most {MAX_PDF_PAGES:,}")
        parts = []
        for i, page in enumerate(reader.pages, 1):
            parts.append(f"[PDF page {i}]\n{page.extract_text() or ''}")
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise InputError(f"{name} is a PDF stare cannot read ({type(e).__name__})") from None
    text = "\n\n".join(parts)
    if not any(p.split("\n", 1)[1].strip() for p in parts):
        raise InputError(f"{name} is a PDF with no text in it (a scan?); run it through OCR first")
    return text, (f"{name}: text taken from a PDF of {len(parts)} page(s)",)


def decode(raw: bytes, name: str = "input") -> tuple[str, tuple[str, ...]]:
    if raw.startswith(b"%PDF"):
        return pdf_text(raw, name)
    if raw.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        raise InputError(f"{name} is a compressed archive, not an opinion; unpack it first")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ()
        except UnicodeDecodeError:
            raise InputError(f"{name} starts like UTF-16 but does not decode as UTF-16") from None
    if looks_binary(raw):
        raise InputError(f"{name} is a binary file, not text, HTML or PDF")
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as e:
        text = raw.decode("cp1252", errors="replace")
        return text, (f"{name} is not UTF-8 (bad byte at {e.start}); read as Windows-1252",)


def is_html(text: str, suffix: str = "") -> bool:
    if suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith("<") and bool(re.search(r"<(?:!doctype|html|body|p|div|opinion|span)\b", head))


def load(path: Path) -> Source:
    """Read one opinion file (text, HTML or PDF). Raises InputError with a clear message."""
    name = str(path)
    try:
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name} is a folder; give files, or the folder alone to read all its opinions")
        check_size(path.stat().st_size, name)
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{name}: cannot read it ({e.strerror or e})") from None
    check_size(len(raw), name)
    text, notes = decode(raw, name)
    return from_text(text, suffix=path.suffix, name=name, notes=notes)


def from_text(text: str, suffix: str = "", name: str = "input", notes: tuple[str, ...] = ()) -> Source:
    if len(text) > MAX_CHARS:
        raise InputError(f"{name} has {len(text):,} characters; stare read refuses texts over {MAX_CHARS:,}")
    if is_html(text, suffix):
        body, title = html_to_text(text)
        kind = "html"
    else:
        body, title, kind = text, None, "text"
    if not body.strip():
        raise InputError(f"{name} is empty: there is no text to read")
    return Source(text=body, title=title or first_line_title(body), kind=kind, notes=notes)


def first_line_title(text: str) -> str | None:
    """A caption on the first non-blank line ("Kennedy v. City of Ridgefield"), if there is one."""
    for line in text[:3000].splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= 200 and re.search(r"\sv\.?\s", line) and not re.search(r"\d+\s+[A-Z][\w.]*\s+\d", line):
            return line
        return None
    return None


# --- HTML --------------------------------------------------------------------------------------------

_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre", "section",
    "article", "header", "footer", "table", "ul", "ol", "hr", "title", "opinion", "center", "dd", "dt",
}  # fmt: skip
_SKIP = {"script", "style", "head", "noscript", "template"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Text of an HTML opinion, block elements on their own lines; and the <title>, if any."""
    p = _TextParser()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+", "\n\n", text)
    title = " ".join("".join(p.title).split()) or None
    return text.strip("\n"), title


# --- star pagination ---------------------------------------------------------------------------------

_STAR = re.compile(r"(?<!\*)(\*{1,2})(\d{1,5})(?!\d)")
_MAX_STEP = 3  # pages may be skipped (a full-page footnote, a table), but not many


@dataclass
class Paged:
    """The text with star-page markers taken out, and where each reporter page starts.

    ``text`` is what eyecite reads; ``to_original`` maps its offsets back to the text as read.
    """

    text: str
    page_starts: list[int] = field(default_factory=list)  # clean offsets
    page_numbers: list[int] = field(default_factory=list)
    _cut_at: list[int] = field(default_factory=list)  # clean offsets where markers were removed
    _cut_total: list[int] = field(default_factory=list)  # characters removed up to and including each

    @property
    def starred(self) -> bool:
        return bool(self.page_numbers)

    @property
    def first_page(self) -> int | None:
        """The page the text begins on: the page before the first star page."""
        return self.page_numbers[0] - 1 if self.page_numbers else None

    @property
    def last_page(self) -> int | None:
        return self.page_numbers[-1] if self.page_numbers else None

    def page_at(self, offset: int) -> int | None:
        if not self.page_numbers:
            return None
        i = bisect.bisect_right(self.page_starts, offset)
        return self.page_numbers[i - 1] if i else self.page_numbers[0] - 1

    def to_original(self, offset: int) -> int:
        i = bisect.bisect_right(self._cut_at, offset)
        return offset + (self._cut_total[i - 1] if i else 0)


def _page_chain(found: list[tuple[int, int]]) -> set[int]:
    """The indexes of the single-star markers that form the longest run of rising page numbers."""
    best: dict[int, tuple[int, int]] = {}  # page number -> (chain length, index of its marker)
    back: dict[int, int] = {}
    top = (0, -1)
    for i, (_, n) in enumerate(found):
        length, prev = 1, -1
        for step in range(1, _MAX_STEP + 1):
            b = best.get(n - step)
            if b and b[0] + 1 > length:
                length, prev = b[0] + 1, b[1]
        if length >= best.get(n, (0, -1))[0]:
            best[n] = (length, i)
            back[i] = prev
        if length > top[0]:
            top = (length, i)
    chain: set[int] = set()
    i = top[1]
    while i >= 0:
        chain.add(i)
        i = back.get(i, -1)
    if len(chain) == 1:  # a lone "*12" is more likely a footnote mark than a page
        (only,) = chain
        if found[only][1] < 100:
            return set()
    return chain


_RULES = re.compile(r"[-_—–]{12,}")


def blank_rules(text: str) -> str:
    """Runs of dashes or underscores (rules, signature lines) become spaces of the same length.

    eyecite's pattern for blank page numbers ("543 U.S. ___") is quadratic on a long run of dashes
    (16,000 of them take seconds); a blank page number is never twelve dashes long.
    """
    if "----------" not in text and "__________" not in text and "——" not in text and "––" not in text:
        return text
    return _RULES.sub(lambda m: " " * len(m.group()), text)


def paginate(text: str) -> Paged:
    """Take out star-page markers ("*1148", and parallel "**2151") and map the pages; blank out rules."""
    text = blank_rules(text)
    if "*" not in text:
        return Paged(text=text)
    singles: list[tuple[int, int]] = []
    matches = []
    for m in _STAR.finditer(text):
        matches.append(m)
        if len(m.group(1)) == 1:
            singles.append((len(matches) - 1, int(m.group(2))))
    chain = {singles[i][0] for i in _page_chain(singles)}
    pieces: list[str] = []
    paged = Paged(text="")
    pos = removed = 0
    for k, m in enumerate(matches):
        double = len(m.group(1)) == 2 and len(m.group(2)) >= 2
        if k not in chain and not double:
            continue
        pieces.append(text[pos : m.start()])
        clean_at = m.start() - removed
        removed += m.end() - m.start()
        pos = m.end()
        paged._cut_at.append(clean_at)
        paged._cut_total.append(removed)
        if k in chain:
            paged.page_starts.append(clean_at)
            paged.page_numbers.append(int(m.group(2)))
    pieces.append(text[pos:])
    paged.text = "".join(pieces)
    return paged
