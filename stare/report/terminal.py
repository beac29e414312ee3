"""The terminal report: the analysis in short sentences, with rich. Every sentence comes from
``stare.report.prose``, so no identifier reaches the reader."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from stare.model.analysis import Analysis
from stare.report.citations import Citer, strip_marks
from stare.report.prose import Prose, ce_sentence, closeness, day, element_reason, pct, record

FINDING_STYLE = {"met": "green", "not_met": "red", "contested": "yellow"}


def _plain(text: str) -> str:
    """Markdown italics and citation markers out, for the terminal."""
    return escape(strip_marks(text).replace("*", ""))


def render_text(analysis: Analysis, width: int = 110) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=False)
    print_report(console, analysis)
    return console.export_text()


def print_report(console: Console, a: Analysis) -> None:
    p = Prose(a, Citer({x.id: x for x in a.authorities}), parentheticals=False, markdown=False)
    pred = a.prediction
    f = a.facts
    head = (
        f"[bold]{escape(f.name)}[/bold]\n{escape(a.court_name[:1].upper() + a.court_name[1:])} · incident "
        f"{day(f.incident_date)} · {a.posture.name} · law as of {day(a.as_of)}"
    )
    verdict = Table.grid(padding=(0, 2))
    verdict.add_row("Claim", escape(pred.claim))
    verdict.add_row("Violation", f"{'yes' if pred.violation else 'no'}  ({_plain(record(pred.violation_confidence))})")
    if pred.ce_confidence is not None:
        status = {"established": "yes", "contested": "contested, so no", "not_established": "no"}[pred.ce_status]
        if pred.clearly_established and pred.ce_status != "established":
            status = "yes"
        verdict.add_row("Clearly established", f"{status}  ({_plain(record(pred.ce_confidence))})")
    verdict.add_row("Qualified immunity", pred.qualified_immunity.replace("_", " "))
    for ans in pred.answers:
        who = "individual officials" if ans.defendant == "individual" else "municipality"
        verdict.add_row(
            f"Claim against the {who}",
            f"{'survives' if ans.survives else 'does not survive'}  ({pct(ans.confidence)})",
        )
    console.print(Panel(Group(head, "", verdict), title="stare"))

    t = Table(title=f"The elements ({a.posture.name})", show_lines=True, expand=True)
    for col in ("Element", "Answer", "Why"):
        t.add_column(col)
    for e in a.elements:
        style = FINDING_STYLE[e.finding]
        t.add_row(escape(e.name), f"[{style}]{escape(e.answer)}[/{style}]", _plain(element_reason(p, e)))
    console.print(t)

    for opener in ("plaintiff", "defendant"):
        from stare.report.memo import MemoWriter

        w = MemoWriter(a, parentheticals=False, markdown=False)
        lines = w.argument(opener)
        body = "\n\n".join(f"{i}. {_plain(x)}" for i, x in enumerate(lines, 1))
        title = "The plaintiff's case" if opener == "plaintiff" else "The defense's case"
        console.print(Panel(body, title=title))

    ce = a.clearly_established
    lines = [_plain(ce_sentence(p, ce))]
    for n in ce.precedents:
        lines.append(f"- {escape(n.precedent.cite)}: {_plain(closeness(p, n))}")
    for n in ce.persuasive[:4]:
        lines.append(f"- (persuasive) {escape(n.precedent.cite)}: {_plain(closeness(p, n))}")
    console.print(Panel("\n".join(lines), title=f"Clearly established on {day(ce.as_of)}?"))
    from stare.report.memo import MemoWriter

    steps = MemoWriter(a, parentheticals=False, markdown=False).next_steps()
    if steps:
        console.print(Panel("\n".join(f"- {_plain(s)}" for s in steps), title="What counsel should do next"))
    for n in a.notes:
        console.print(f"[dim]Note: {escape(n)}[/dim]")
    console.print(f"[dim]{len(a.authorities)} authorities, all from the verified case base.[/dim]")
