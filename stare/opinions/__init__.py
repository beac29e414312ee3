"""Reading opinions: table of authorities, short forms and Id. traced, cite-check, links to the case base.

    from stare.opinions import read_opinion, read_file
    reading = read_opinion(text, base)        # a Reading; reading.to_dict() is the JSON interface
    reading = read_file(Path("opinion.html"), base)

Built on eyecite (citations, short-form resolution), reporters-db and courts-db; see docs/reading.md.
"""

from __future__ import annotations

from pathlib import Path

from stare.model.casebase import CaseBase
from stare.opinions import extract, linking
from stare.opinions.authorities import AuthorityReader
from stare.opinions.citecheck import check
from stare.opinions.model import Authority, CiteWarning, Occurrence, Reading, Statute
from stare.opinions.text import MAX_BYTES, InputError, Source, from_text, load, paginate

__all__ = [
    "MAX_BYTES",
    "Authority",
    "CiteWarning",
    "InputError",
    "Occurrence",
    "Reading",
    "Statute",
    "read_file",
    "read_opinion",
    "read_source",
]


def read_source(src: Source, base: CaseBase | None = None, name: str | None = None, draft: bool = False) -> Reading:
    paged = paginate(src.text)
    problems: list[str] = list(src.notes)
    found = extract.find(paged.text, problems)
    reader = AuthorityReader(paged, found, linking.index(base), src.title).run()
    warnings = check(reader, draft=draft)
    return Reading(
        source=name,
        title=src.title,
        kind=src.kind,
        length=len(src.text),
        first_page=paged.first_page,
        last_page=paged.last_page,
        opinion_case_id=reader.opinion.id if reader.opinion else None,
        opinion_citation=reader.opinion.citation if reader.opinion else None,
        authorities=list(reader.auths.values()),
        statutes=list(reader.statutes.values()),
        other=list(reader.other.values()),
        unresolved=sorted(reader.unresolved, key=lambda o: o.clean_start),
        warnings=warnings,
        notes=problems,
    )


def read_opinion(
    text: str,
    base: CaseBase | None = None,
    *,
    title: str | None = None,
    html: bool | None = None,
    name=None,
    draft: bool = False,
) -> Reading:
    """Read one opinion (or, with ``draft``, check a brief or an AI draft) given as a string: plain text,
    star-paginated or not, or HTML. ``title`` overrides the caption found on the first line (it identifies
    the opinion, for "Maj. Op."). Raises InputError for an empty or oversized text.
    """
    src = from_text(text, suffix=".html" if html else "", name=name or "text")
    if title:
        src = Source(text=src.text, title=title, kind=src.kind, notes=src.notes)
    return read_source(src, base, name, draft)


def read_file(path: Path | str, base: CaseBase | None = None, draft: bool = False) -> Reading:
    """Read one opinion file: text, HTML or PDF. Raises InputError (empty, binary, too large, unreadable)."""
    path = Path(path)
    return read_source(load(path), base, str(path), draft)
