"""Cite-checking: what in a text's citations is inconsistent, impossible, or disagrees with the case base.

Every warning says where (offsets in the text as read, and the reporter pages) and why.
"""

from __future__ import annotations

import re

from stare.opinions.authorities import AuthorityReader
from stare.opinions.linking import MAX_OPINION_PAGES, split_citation
from stare.opinions.model import Authority, CiteWarning, Occurrence, Printed
from stare.opinions.text import Paged

_PIN_NUMBERS = re.compile(r"(?:^|,|and|&)\s*\*?(\d{1,5})")


#: No volume of a case reporter runs this long (the longest run to a few thousand pages); a page beyond it
#: cannot be a real first page. A bound, not a reporter's actual length, which reporters-db does not record.
MAX_REPORTER_PAGE = 4_000


def check(reader: AuthorityReader, draft: bool = False) -> list[CiteWarning]:
    """The cite-check. Every case citation the verified base does not hold is flagged "not verified": the
    check a lawyer runs on a brief drafted with an AI assistant. ``draft`` adds, for every citation the base
    does hold, a warning where its case name disagrees with the base."""
    paged = reader.paged
    out: list[CiteWarning] = []
    for a in reader.auths.values():
        out += _printed_consistency(a, paged)
        out += _impossible(a, paged)
        if reader.ix is not None:
            out += _not_verified(a, paged)
            if draft:
                out += _name_vs_base(a, reader, paged)
        out += _against_base(a, reader, paged)
        out += _pins(a, reader, paged)
        out += _short_before_full(a)
    out += _ids(reader)
    out += _nicknames(reader, paged)
    out += _unresolved(reader)
    out.sort(key=lambda w: (w.offsets[0] if w.offsets else -1, w.kind))
    return _capped(out)


MAX_PER_KIND = 500


def _capped(warnings: list[CiteWarning]) -> list[CiteWarning]:
    """At most MAX_PER_KIND warnings of a kind (a pathological text can have 100,000), then one that
    says how many more there were."""
    seen: dict[str, int] = {}
    kept = []
    for w in warnings:
        seen[w.kind] = seen.get(w.kind, 0) + 1
        if seen[w.kind] <= MAX_PER_KIND:
            kept.append(w)
    for kind, n in seen.items():
        if n > MAX_PER_KIND:
            kept.append(CiteWarning("too_many", f"{n - MAX_PER_KIND} more {kind} warning(s) not listed", [], [], None))
    return kept


def _where(p: Printed, paged: Paged) -> tuple[int, int | None]:
    return paged.to_original(p.offset), paged.page_at(p.offset)


def _at(page: int | None) -> str:
    return f" (page {page})" if page is not None else ""


def _label(a: Authority) -> str:
    return a.name_as_cited or a.name or a.key


def _printed_consistency(a: Authority, paged: Paged) -> list[CiteWarning]:
    out = []
    by_volume: dict[tuple[str, str], dict[int, list[Printed]]] = {}
    labels: dict[tuple[str, str], str] = {}
    for p in a.printed:
        for (v, r, page), printed in zip(p.keys, p.citations, strict=False):
            if page is None:
                continue
            by_volume.setdefault((v, r), {}).setdefault(page, []).append(p)
            labels.setdefault((v, r), re.sub(r"\s*\d+\s*$", "", printed))
    for vr, pages in by_volume.items():
        if len(pages) < 2:
            continue
        spots = []
        offsets, where_pages = [], []
        for page, ps in sorted(pages.items()):
            off, pg = _where(ps[0], paged)
            offsets.append(off)
            where_pages.append(pg)
            spots.append(f"{labels[vr]} {page}{_at(pg)}")
        out.append(
            CiteWarning(
                "inconsistent_first_page",
                f"{_label(a)} is cited with different first pages: "
                + " and ".join(spots)
                + "; one of them is wrong"
                + (f" (the case base gives {a.case_citation})" if a.case_citation else ""),
                offsets,
                where_pages,
                a.key,
            )
        )
    years: dict[int, Printed] = {}
    for p in a.printed:
        if p.year is not None:
            years.setdefault(p.year, p)
    if len(years) > 1:
        spots, offsets, where_pages = [], [], []
        for y, p in sorted(years.items()):
            off, pg = _where(p, paged)
            spots.append(f"{y}{_at(pg)}")
            offsets.append(off)
            where_pages.append(pg)
        out.append(
            CiteWarning(
                "inconsistent_year",
                f"{_label(a)} is dated differently in different citations: " + " and ".join(spots),
                offsets,
                where_pages,
                a.key,
            )
        )
    for p in a.printed:
        if p.year is None:
            continue
        for rep, start, end in p.years_of_reporters:
            if (start and p.year < start) or (end and p.year > end):
                off, pg = _where(p, paged)
                span = f"{start or '?'}-{end or 'today'}"
                out.append(
                    CiteWarning(
                        "year_outside_reporter",
                        f"{_label(a)}{_at(pg)} is dated {p.year}, but {rep} covers {span} (reporters-db)",
                        [off],
                        [pg],
                        a.key,
                    )
                )
    return out


def _not_verified(a: Authority, paged: Paged) -> list[CiteWarning]:
    """A case citation the verified base does not hold (the opinion's own caption aside)."""
    if a.case_id or a.self_opinion or not a.printed:
        return []
    off, pg = _where(a.printed[0], paged)
    cites = ", ".join(a.printed[0].citations) or a.key
    return [
        CiteWarning(
            "not_verified",
            f"{_label(a)}, {cites}{_at(pg)}, is not in stare's verified case base: check that it exists and says "
            "what it is cited for before relying on it",
            [off],
            [pg],
            a.key,
        )
    ]


def _impossible(a: Authority, paged: Paged) -> list[CiteWarning]:
    """A first page no volume of a reporter reaches."""
    out = []
    for p in a.printed:
        for (_v, _r, page), printed in zip(p.keys, p.citations, strict=False):
            if page is not None and page > MAX_REPORTER_PAGE:
                off, pg = _where(p, paged)
                out.append(
                    CiteWarning(
                        "impossible_page",
                        f"{_label(a)} is cited as {printed}{_at(pg)}: no volume of a case reporter runs to page "
                        f"{page}, so this citation cannot be right",
                        [off],
                        [pg],
                        a.key,
                    )
                )
    return out


def _name_vs_base(a: Authority, reader: AuthorityReader, paged: Paged) -> list[CiteWarning]:
    """A citation that is in the base under another case's name (a real reporter citation with a made-up or
    mistaken name attached)."""
    from stare.opinions.linking import names_match

    if not a.case_id:
        return []
    case = reader.ix.base.cases.get(a.case_id)
    if case is None:
        return []
    names = [case.name, *case.short_names, *case.nicknames]
    out = []
    for p in a.printed:
        if not p.name or any(names_match(p.name, n) for n in names):
            continue
        off, pg = _where(p, paged)
        out.append(
            CiteWarning(
                "name_vs_base",
                f"{p.name}{_at(pg)} is cited as {', '.join(p.citations) or case.citation}, but that citation is "
                f"{case.name} in the case base ({reader.ix.base.source_file(case.id)})",
                [off],
                [pg],
                a.key,
            )
        )
    return out


def _against_base(a: Authority, reader: AuthorityReader, paged: Paged) -> list[CiteWarning]:
    if not a.case_id or not reader.ix:
        return []
    case = reader.ix.base.cases.get(a.case_id)
    if case is None:
        return []
    where = reader.ix.base.source_file(case.id)
    base_pages: dict[tuple[str, str], tuple[int, str]] = {}
    for cite in case.citations:
        parts = split_citation(cite)
        if parts:
            base_pages[(parts[0], parts[1])] = (parts[2], cite)
    out = []
    flagged: set[tuple[str, str, int]] = set()
    for p in a.printed:
        off, pg = _where(p, paged)
        for (v, r, page), printed in zip(p.keys, p.citations, strict=False):
            known = base_pages.get((v, r))
            if known and page is not None and page != known[0] and (v, r, page) not in flagged:
                flagged.add((v, r, page))
                out.append(
                    CiteWarning(
                        "first_page_vs_base",
                        f"{_label(a)} is cited as {printed}{_at(pg)}, but its first page is {known[0]}: "
                        f"the case base gives {known[1]} ({where})",
                        [off],
                        [pg],
                        a.key,
                    )
                )
        if p.blank:
            known = next(iter(c for c in case.citations if c.split()[0] == p.blank.split()[0]), None)
            out.append(
                CiteWarning(
                    "blank_page",
                    f"{_label(a)} is cited as {p.blank!r}{_at(pg)}, without a page (an advance-sheet blank)"
                    + (f"; the case base gives {known}" if known else ""),
                    [off],
                    [pg],
                    a.key,
                )
            )
        if p.year is not None and p.year != case.year:
            out.append(
                CiteWarning(
                    "year_vs_base",
                    f"{_label(a)} is dated {p.year}{_at(pg)}, but the case base records {case.year} "
                    f"(decided {case.decided.isoformat()}, {case.citation}; {where})",
                    [off],
                    [pg],
                    a.key,
                )
            )
        if p.court and p.court != case.court:
            out.append(
                CiteWarning(
                    "court_vs_base",
                    f"{_label(a)} is given the court {p.court_text or p.court!r}{_at(pg)} ({p.court}), "
                    f"but the case base records {case.court} ({where})",
                    [off],
                    [pg],
                    a.key,
                )
            )
    return out


def _pin_numbers(pin: str) -> list[int]:
    pin = pin.removeprefix("at ").strip()
    return [int(n) for n in _PIN_NUMBERS.findall(pin)]


def _pins(a: Authority, reader: AuthorityReader, paged: Paged) -> list[CiteWarning]:
    """Pin cites before the first page (of the citation they hang on, or of the case base's), or
    implausibly far after it. Pins of one authority wrong the same way are reported together."""
    base_first = {}
    if a.case_id and reader.ix and a.case_id in reader.ix.base.cases:
        for cite in reader.ix.base.cases[a.case_id].citations:
            parts = split_citation(cite)
            if parts:
                base_first[(parts[0], parts[1])] = parts[2]
    out = []
    groups: dict[tuple[str, int, int | None], list[tuple[Occurrence, int]]] = {}
    for o in a.occurrences:
        if not o.pin or o.kind == "nickname":
            continue
        pins = _pin_numbers(o.pin)
        if not pins:
            continue
        if o.kind in ("majority", "same_case"):
            out += _majority_pins(a, o, pins, reader, paged)
            continue
        if o.first_page is None:
            continue
        base = base_first.get((o.volume or "", o.reporter or ""))
        low, high = min(pins), max(pins)
        if low < o.first_page:
            groups.setdefault(("cited", o.first_page, base), []).append((o, low))
        elif base is not None and low < base:
            groups.setdefault(("base", base, base), []).append((o, low))
        elif high > o.first_page + MAX_OPINION_PAGES:
            groups.setdefault(("far", o.first_page, base), []).append((o, high))
    for (why, first, base), hits in groups.items():
        labels = ", ".join(f"{_pin_label(o)}{_at(o.page)}" for o, _ in hits)
        pages = ", ".join(str(p) for p in dict.fromkeys(p for _, p in hits))
        one = len(hits) == 1
        if why == "cited":
            note = ""
            if base is not None and base != first:
                low = min(p for _, p in hits)
                note = f"; the case base gives the first page as {base}" + (
                    ", so the first page cited is the likelier error" if base <= low else ""
                )
            msg = (
                f"{labels} {'points' if one else 'point'} to page {pages}, before the first page {first} "
                f"of {_label(a)} as cited{note}"
            )
            kind = "pin_before_first_page"
        elif why == "base":
            msg = (
                f"{labels} {'points' if one else 'point'} to page {pages}, before the first page {first} "
                f"of {_label(a)} in the case base"
            )
            kind = "pin_before_first_page"
        else:
            msg = (
                f"{labels} {'points' if one else 'point'} to page {pages}, more than {MAX_OPINION_PAGES} pages "
                f"after the first page {first} of {_label(a)}"
            )
            kind = "pin_out_of_range"
        out.append(CiteWarning(kind, msg, [o.offset for o, _ in hits], [o.page for o, _ in hits], a.key))
    return out


def _pin_label(o: Occurrence) -> str:
    return f"Id. at {o.pin}" if o.kind == "id" else repr(o.text)


def _majority_pins(
    a: Authority, o: Occurrence, pins: list[int], reader: AuthorityReader, paged: Paged
) -> list[CiteWarning]:
    first = o.first_page  # the opinion's first page, if the case is known
    start = paged.first_page  # where this text begins
    low = first if first is not None else (max(1, start - MAX_OPINION_PAGES) if start is not None else None)
    if low is None:
        return []
    if o.kind == "majority" and start is not None and start > low:
        high = start  # a separate opinion begins where the majority ends
    elif first is not None or start is None:
        high = low + MAX_OPINION_PAGES
    else:  # "post, at 215": later in an opinion whose first page is not known
        high = (paged.last_page or start) + MAX_OPINION_PAGES
    bad = [p for p in pins if not (low <= p <= high)]
    if not bad:
        return []
    cite = reader.opinion.citation if reader.opinion else None
    vol_rep = " ".join(cite.split()[:-1]) if cite else ""
    span = f"{vol_rep} {low}-{high}".strip() if o.kind == "majority" else f"{low}-{high}"
    what = "the majority opinion" if o.kind == "majority" else "the opinion"
    return [
        CiteWarning(
            "pin_out_of_range",
            f"{o.text!r}{_at(o.page)}: page {', '.join(map(str, bad))} is outside {what} ({span}); "
            "probably a slip-opinion page, not a reporter page",
            [o.offset],
            [o.page],
            a.key,
        )
    ]


def _short_before_full(a: Authority) -> list[CiteWarning]:
    if a.self_opinion:
        return []
    fulls = [o.clean_start for o in a.occurrences if o.kind == "full"]
    first_full = min(fulls) if fulls else None
    for o in a.occurrences:
        if o.kind in ("short", "supra") and (first_full is None or o.clean_start < first_full):
            why = "is never cited in full" if first_full is None else "is not cited in full before it"
            found = " (found through the case base)" if a.case_id and first_full is None else ""
            return [
                CiteWarning(
                    "short_before_full",
                    f"{o.text!r}{_at(o.page)} is a short form, but {_label(a)} {why}{found}",
                    [o.offset],
                    [o.page],
                    a.key,
                )
            ]
    return []


def _ids(reader: AuthorityReader) -> list[CiteWarning]:
    out = []
    for a in reader.auths.values():
        for o in a.occurrences:
            keys = reader.id_candidates.get(id(o))
            if o.kind == "id" and keys:
                names = [_label(reader.auths[k]) if k in reader.auths else k for k in keys]
                out.append(
                    CiteWarning(
                        "id_ambiguous",
                        f"{o.text!r}{_at(o.page)} follows a citation sentence naming "
                        f"{len(keys)} authorities ({'; '.join(names)}); read as {_label(a)}, the last",
                        [o.offset],
                        [o.page],
                        a.key,
                    )
                )
    return out


def _nicknames(reader: AuthorityReader, paged: Paged) -> list[CiteWarning]:
    out = []
    warned: set[str] = set()
    for use in reader.nick_uses:
        a = reader.auths.get(use.key or "")
        name = _label(a) if a else "?"
        if use.defined_at is not None and use.at < use.defined_at and use.nickname not in warned:
            warned.add(use.nickname)
            out.append(
                CiteWarning(
                    "nickname_before_definition",
                    f"{use.nickname!r}{_at(paged.page_at(use.at))} is used before the text defines it "
                    f"(at page {paged.page_at(use.defined_at)}) as {name}",
                    [paged.to_original(use.at), paged.to_original(use.defined_at)],
                    [paged.page_at(use.at), paged.page_at(use.defined_at)],
                    use.key,
                )
            )
        elif use.defined_at is None and use.from_base and use.nickname not in warned:
            warned.add(use.nickname)
            out.append(
                CiteWarning(
                    "nickname_undefined",
                    f"{use.nickname!r}{_at(paged.page_at(use.at))} is never defined in the text; "
                    f"read as {name} from the case base",
                    [paged.to_original(use.at)],
                    [paged.page_at(use.at)],
                    use.key,
                )
            )
    return out


def _unresolved(reader: AuthorityReader) -> list[CiteWarning]:
    out = []
    for o in reader.unresolved:
        if o.kind == "id":
            msg = f"{o.text!r}{_at(o.page)} has no citation before it to refer to"
            kind = "id_unresolved"
        else:
            msg = f"{o.text!r}{_at(o.page)} matches no full citation before it, nor anything in the case base"
            kind = f"{o.kind}_unresolved"
        out.append(CiteWarning(kind, msg, [o.offset], [o.page], None))
    return out
