"""A Reading as text (rich, for the terminal), Markdown, or JSON."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stare.model.courts import court_label
from stare.opinions.model import Authority, Reading, Statute

KIND_LABELS = {
    "full": "full",
    "short": "short",
    "id": "Id.",
    "supra": "supra",
    "reference": "name",
    "nickname": "nickname",
    "majority": "Maj. Op.",
    "same_case": "this case",
}


def to_json(reading: Reading, indent: int | None = 2) -> str:
    return json.dumps(reading.to_dict(), indent=indent, ensure_ascii=False)


def court_text(court: str | None) -> str:
    if not court:
        return ""
    return "U.S. Supreme Court" if court == "scotus" else court_label(court)


def page_ranges(pages: list[int | None]) -> str:
    nums = sorted({p for p in pages if p is not None})
    if not nums:
        return ""
    out, start, prev = [], nums[0], nums[0]
    for n in nums[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def forms(a: Authority | Statute) -> str:
    counts: dict[str, int] = {}
    for o in a.occurrences:
        counts[o.kind] = counts.get(o.kind, 0) + 1
    return ", ".join(f"{n} {KIND_LABELS.get(k, k)}" for k, n in counts.items())


def _ordered(reading: Reading) -> list[Authority]:
    """Cited cases alphabetically (as a table of authorities is), the opinion itself last."""
    return sorted(reading.authorities, key=lambda a: (a.self_opinion, (a.name or a.key).lower()))


def _header(reading: Reading) -> list[str]:
    bits = []
    if reading.source:
        bits.append(reading.source)
    if reading.first_page is not None:
        bits.append(f"pages {reading.first_page}-{reading.last_page} (star pagination)")
    if reading.opinion_case_id:
        bits.append(f"the opinion of {reading.opinion_citation} ({reading.opinion_case_id})")
    return bits


def print_text(console: Console, reading: Reading) -> None:
    title = reading.title or reading.source or "opinion"
    console.print(f"[bold]Table of authorities: {escape(title)}[/bold]")
    if _header(reading):
        console.print("[dim]" + escape(" · ".join(_header(reading))) + "[/dim]")
    t = Table(show_lines=False, expand=False)
    for col in ("authority", "citations", "court, year", "case base", "cited", "pages"):
        t.add_column(col, overflow="fold")
    for a in _ordered(reading):
        name = a.name or a.key
        if a.nicknames:
            name += f" ({', '.join(a.nicknames)})"
        if a.self_opinion:
            name += " [this opinion]"
        link = "verified" if a.case_id else "[red]not verified[/red]"
        t.add_row(
            escape(name),
            escape("; ".join(", ".join(g) for g in a.parallel) or (a.case_citation or "")),
            escape(" ".join(x for x in (court_text(a.court), str(a.year or "")) if x)),
            link if not a.case_id else escape(link),
            escape(forms(a)),
            escape(page_ranges([o.page for o in a.occurrences])),
        )
    console.print(t)
    if reading.statutes or reading.other:
        console.print("[bold]Statutes and other authorities[/bold]")
        for s in reading.statutes + reading.other:
            pages = page_ranges([o.page for o in s.occurrences])
            console.print(
                f"  {escape(s.citation)}  [dim]{s.kind}; {escape(forms(s))}{'; pages ' + pages if pages else ''}[/dim]"
            )
    if reading.unresolved:
        console.print(f"[bold]Not traced ({len(reading.unresolved)})[/bold]")
        for o in reading.unresolved:
            console.print(f"  {escape(o.text)}  [dim]offset {o.offset}{_page(o.page)}[/dim]")
    if reading.warnings:
        console.print(f"[bold]Cite-check: {len(reading.warnings)} warning(s)[/bold]")
        for i, w in enumerate(reading.warnings, 1):
            console.print(
                f"  {i}. [yellow]{_kind(w.kind)}[/yellow] {escape(w.message)} [dim](offset {w.offsets[0]})[/dim]"
            )
    else:
        console.print("[green]Cite-check: no warnings[/green]")
    for note in reading.notes:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    console.print(escape(summary_line(reading)))


def _page(p: int | None) -> str:
    return f", page {p}" if p is not None else ""


def summary_line(reading: Reading) -> str:
    s = reading.summary
    line = (
        f"{s['authorities']} cited case(s); {s['known']} in the case base"
        f"{', ' + str(len(s['missing'])) + ' missing' if s['missing'] else ''}; "
        f"{s['occurrences']} citation(s) traced, {s['unresolved']} not traced; {s['warnings']} warning(s)"
    )
    if s["missing"]:
        line += ". Missing: " + "; ".join(f"{m['name']}, {m['citation']}" for m in s["missing"])
    return line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(reading: Reading) -> str:
    title = reading.title or reading.source or "opinion"
    lines = [f"# Table of authorities: {title}", ""]
    if _header(reading):
        lines += ["_" + " · ".join(_header(reading)) + "_", ""]
    lines += [
        "## Cases",
        "",
        "| Authority | Citations | Court | Year | Case base | Cited | Pages |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in _ordered(reading):
        name = a.name or a.key
        if a.nicknames:
            name += f" (“{'”, “'.join(a.nicknames)}”)"
        if a.self_opinion:
            name += " — this opinion"
        cites = "; ".join(", ".join(g) for g in a.parallel) or (a.case_citation or "")
        row = [
            f"*{_cell(name)}*",
            _cell(cites),
            _cell(court_text(a.court)),
            str(a.year or ""),
            "verified" if a.case_id else "**not verified**",
            _cell(forms(a)),
            page_ranges([o.page for o in a.occurrences]),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    if reading.statutes or reading.other:
        lines += ["## Statutes and other authorities", ""]
        for s in reading.statutes + reading.other:
            pages = page_ranges([o.page for o in s.occurrences])
            lines.append(f"- {s.citation} ({s.kind}; {forms(s)}{'; pages ' + pages if pages else ''})")
        lines.append("")
    if reading.unresolved:
        lines += ["## Not traced", ""]
        lines += [f"- “{o.text}” (offset {o.offset}{_page(o.page)})" for o in reading.unresolved]
        lines.append("")
    lines += [f"## Cite-check ({len(reading.warnings)})", ""]
    if not reading.warnings:
        lines.append("No warnings.")
    for i, w in enumerate(reading.warnings, 1):
        where = ", ".join(f"page {p}" for p in dict.fromkeys(w.pages) if p is not None) or f"offset {w.offsets[0]}"
        lines.append(f"{i}. **{_kind(w.kind)}** ({where}): {w.message}")
    lines.append("")
    s = reading.summary
    lines += ["## Case base", "", f"{s['known']} of {s['authorities']} cited case(s) are in the case base."]
    if s["missing"]:
        lines += ["", "To add:", ""] + [f"- [ ] {m['name']}, {m['citation']}" for m in s["missing"]]
    for note in reading.notes:
        lines += ["", f"> note: {note}"]
    return "\n".join(lines) + "\n"


def _kind(kind: str) -> str:
    """A warning's kind in words ("not verified", "impossible page"); the JSON keeps the identifier."""
    return kind.replace("_", " ")
