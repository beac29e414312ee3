"""The terminal report: a readable summary with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from stare.model.analysis import Analysis

FINDING_STYLE = {"met": "green", "not_met": "red", "contested": "yellow"}


def render_text(analysis: Analysis, width: int = 110) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
    print_report(console, analysis)
    return console.export_text()


def print_report(console: Console, a: Analysis) -> None:
    p = a.prediction
    f = a.facts
    head = (
        f"[bold]{escape(f['name'])}[/bold]  ·  {a.circuit_test['court']}  ·  incident {f['incident_date']}  ·  "
        f"{f['posture'].replace('_', ' ')}  ·  law as of {a.as_of}"
    )
    if a.excluded:
        head += f"\nexcluded: {', '.join(a.excluded)}"
    verdict = Table.grid(padding=(0, 2))
    verdict.add_row("Theory", p.theory.replace("_", " "))
    verdict.add_row("Violation", f"{'yes' if p.violation else 'no'}  ({p.violation_confidence:.0%})")
    verdict.add_row("Clearly established", "yes" if p.clearly_established else "no")
    verdict.add_row("Qualified immunity", p.qualified_immunity.replace("_", " "))
    verdict.add_row("Claim survives", f"{'yes' if p.claim_survives else 'no'}  ({p.confidence:.0%})")
    console.print(Panel(Group(head, "", verdict, "", escape(p.constraint), escape(p.explanation)), title="stare"))

    t = Table(title="Elements", show_lines=True, expand=True)
    for col in ("Element", "Finding", "For", "Against", "Precedents"):
        t.add_column(col)
    for e in a.elements:
        style = FINDING_STYLE[e.finding]
        t.add_row(
            escape(e.name),
            f"[{style}]{e.finding.replace('_', ' ')}[/{style}] {e.probability_met:.0%}",
            "\n".join(e.factors_for) or "-",
            "\n".join(e.factors_against) or "-",
            "\n".join(
                f"{escape(r.name)} ({r.decided.year}) {r.outcome[0].upper()}{' *' if r.binding else ''}"
                for r in e.precedents[:4]
            )
            or "-",
        )
    console.print(t)
    console.print("[dim]P/D: decided for plaintiff/defendant on that element; * binding[/dim]")

    for opener, other in (("plaintiff", "defendant"), ("defendant", "plaintiff")):
        rows = [x for x in a.arguments[opener] if x.ply == 1]
        rows += [x for x in a.arguments[other] if x.ply == 2][:1]
        rows += [x for x in a.arguments[opener] if x.ply == 3]
        body = "\n\n".join(f"[bold]{x.ply}. {x.side}[/bold] ({x.move}): {escape(x.text)}" for x in rows)
        console.print(Panel(body, title=f"Argument opened by the {opener}"))

    ce = a.clearly_established
    lines = [escape(ce.sequence_note)]
    if not ce.recognized_in_circuit:
        lines.append("The circuit had not recognized the claim itself before the incident.")
    for n in ce.precedents:
        mark = "on notice" if n.on_notice else n.closeness.replace("_", " ")
        lines.append(f"- {escape(n.name)}, {n.citation} ({n.decided.year}): {mark}; {escape(n.why)}")
    for n in ce.persuasive:
        lines.append(f"- (persuasive) {escape(n.name)}, {n.citation} ({n.decided.year}): {escape(n.why)}")
    if not ce.precedents:
        lines.append("No binding decision before the incident found a violation on close facts.")
    if ce.consensus_rule:
        lines.append(escape(ce.consensus_sentence()))
    console.print(
        Panel("\n".join(lines), title=f"Clearly established on {ce.as_of}?  {'yes' if ce.established else 'no'}")
    )
    for n in a.notes:
        console.print(f"[dim]Note: {escape(n)}[/dim]")
    console.print(f"[dim]{len(a.authorities)} authorities, all from the verified case base.[/dim]")
