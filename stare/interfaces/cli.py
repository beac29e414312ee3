"""The command line: ``stare analyze | cases | validate | evaluate | read``. It only translates."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stare.caselaw import DEFAULT_ROOT, DataError, fix_case_files, load_case_base, load_fact_pattern

app = typer.Typer(
    help="stare: reasoning from precedent on state-created danger and qualified immunity.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cases_app = typer.Typer(help="The case base: list, show, stats.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")

out = Console()
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


CaselawOption = Annotated[Path, typer.Option("--caselaw", help="the case base folder", show_default=False)]


def fail(problems: list[str] | str, code: int = 2) -> None:
    for p in [problems] if isinstance(problems, str) else problems:
        err.print(f"[red]error:[/red] {escape(p)}")
    raise typer.Exit(code)


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a real date; write it as YYYY-MM-DD")


def _base(root: Path):
    try:
        return load_case_base(root)
    except DataError as e:
        fail(["the case base does not validate (run 'stare validate'):", *e.problems[:20]])


@app.command()
def analyze(
    facts: Annotated[Path, typer.Argument(help="the fact file (YAML)")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    as_of: Annotated[str | None, typer.Option("--as-of", help="use only decisions before this date")] = None,
    exclude_citation: Annotated[
        list[str] | None, typer.Option("--exclude-citation", help="leave this case (and its other versions) out")
    ] = None,
    memo_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="write the memo, with its pictures, to this file (.md, .html, .pdf or .docx)"),
    ] = None,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Analyze a fact pattern: elements, arguments, clearly established, prediction, memo."""
    from stare.reasoning import UnknownCitation
    from stare.reasoning import analyze as run
    from stare.report import render_json, render_memo
    from stare.report.terminal import print_report

    day = parse_day(as_of, "--as-of")
    memo_format = _memo_format(memo_file) if memo_file else None
    base = _base(caselaw)
    try:
        fp = load_fact_pattern(facts, base.doctrine)
        result = run(base, fp, as_of=day, exclude=exclude_citation or [])
    except DataError as e:
        fail(e.problems)
    except UnknownCitation as e:
        fail(str(e))
    if memo_file and memo_format:
        _write_memo(result, memo_format, memo_file)
        return
    if format is Format.json:
        sys.stdout.write(render_json(result) + "\n")
    elif format is Format.markdown:
        sys.stdout.write(render_memo(result))
    else:
        print_report(out, result)


MEMO_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def _memo_format(path: Path) -> str:
    fmt = MEMO_SUFFIXES.get(path.suffix.lower())
    if path.is_dir():
        fail(f"--out: {str(path)[:200]} is a folder; give a file name")
    if fmt is None:
        fail(f"--out: name the memo file with one of {', '.join(sorted(MEMO_SUFFIXES))} (got {path.name[:80]!r})")
    return fmt


def _write_memo(result, fmt: str, path: Path) -> None:
    from stare.report.export import TypesetterMissing, export_memo
    from stare.report.pictures import pictures

    try:
        with err.status("writing the memo"):
            data = export_memo(result, fmt, pictures(result))
    except TypesetterMissing as e:
        fail(str(e))
    try:
        path.write_bytes(data)
    except OSError as e:
        fail(f"--out: cannot write {str(path)[:200]}: {e.strerror}")
    out.print(f"wrote the memo to {escape(str(path))} ({len(data) // 1024 or 1} KB)")


@app.command()
def validate(
    fix: Annotated[bool, typer.Option("--fix", help="rewrite valid case files in canonical form")] = False,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Check every data file against the schema and every cross-reference."""
    if fix:
        changed, refused = fix_case_files(caselaw)
        out.print(f"rewrote {len(changed)} file(s) in canonical form")
        for p in refused:
            err.print(f"[yellow]{escape(p)}[/yellow]")
    try:
        base = load_case_base(caselaw, deep=True)
    except DataError as e:
        for p in e.problems:
            err.print(f"[red]invalid:[/red] {escape(p)}")
        err.print(f"[red]{len(e.problems)} problem(s)[/red]")
        raise typer.Exit(1) from None
    n_dec = len(base.decisions())
    out.print(
        f"[green]ok[/green]: {len(base.cases)} authorities ({n_dec} decisions on the facts), "
        f"{len(base.doctrine.factors)} factors, {len(base.doctrine.elements)} elements, "
        f"{len(base.doctrine.circuits)} circuit tests"
    )


@cases_app.command("list")
def cases_list(
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    court: Annotated[str | None, typer.Option(help="only this court")] = None,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """List the authorities in the case base."""
    base = _base(caselaw)
    rows = sorted(base.cases.values(), key=lambda c: (c.court, c.decided))
    if court:
        rows = [c for c in rows if c.court == court or c.circuit == court]
    if format is Format.json:
        data = [c.summary() for c in rows]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    t = Table(title=f"{len(rows)} authorities")
    for col in ("id", "case", "citation", "court", "decided", "kind", "violation"):
        t.add_column(col)
    for c in rows:
        v = "-" if c.outcome.violation is None else ("yes" if c.outcome.violation else "no")
        t.add_row(c.id, escape(c.name), c.citation, c.court, c.decided.isoformat(), c.kind, v)
    out.print(t)


@cases_app.command("show")
def cases_show(
    case_id: Annotated[str, typer.Argument(help="a case id or a citation")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Show one authority: facts, factors, outcome, holdings, how it was verified."""
    base = _base(caselaw)
    case = base.cases.get(case_id) or base.by_citation(case_id)
    if case is None:
        import difflib

        near = difflib.get_close_matches(case_id, list(base.cases), n=3)
        fail(f"no case {case_id!r} in the case base" + (f"; did you mean {', '.join(near)}?" if near else ""))
    if format is Format.json:
        data = case.model_dump(mode="json")
        data["source_file"] = base.source_file(case.id)
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    from stare.caselaw import canonical_yaml

    out.print(f"[bold]{escape(case.short_cite())}[/bold]   [dim]{base.source_file(case.id)}[/dim]")
    out.print(escape(canonical_yaml(case)), highlight=False)


@cases_app.command("stats")
def cases_stats(
    picture: Annotated[Path, typer.Option("--picture", help="where to write the timeline image")] = Path(
        "stare-timeline.png"
    ),
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Counts by circuit, decade and outcome, and a timeline picture of decisions per circuit."""
    from stare.stats import case_stats, draw_timeline

    base = _base(caselaw)
    stats = case_stats(base)
    draw_timeline(base, picture)
    if format is Format.json:
        sys.stdout.write(json.dumps({**stats, "picture": str(picture)}, indent=2) + "\n")
        return
    t = Table(title=f"{stats['decisions']} decisions, {stats['authorities']} authorities")
    t.add_column("court")
    for dec in stats["decades"]:
        t.add_column(dec, justify="right")
    t.add_column("plaintiff", justify="right")
    t.add_column("defendant", justify="right")
    for court, row in stats["by_court"].items():
        t.add_row(court, *[str(row["decades"].get(d, "")) for d in stats["decades"]], str(row["P"]), str(row["D"]))
    out.print(t)
    out.print(f"timeline written to {picture}")


class Coding(StrEnum):
    first = "first"
    second = "second"
    both = "both"


@app.command()
def evaluate(
    report: Annotated[Path, typer.Option("--report", help="where to write the back-test report")] = Path(
        "stare-evaluation.md"
    ),
    coding: Annotated[
        Coding, typer.Option("--coding", help="the base's own coding of the facts, the blind second coding, or both")
    ] = Coding.both,
    picture: Annotated[
        Path | None, typer.Option("--picture", help="where to draw the reliability picture (PNG)")
    ] = None,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Back-test: predict every decision as of its date with itself excluded, against what courts did, with
    two baselines, Brier scores, a reliability table and the paths the rules took."""
    from rich.progress import Progress

    from stare.evaluation import evaluate as run
    from stare.evaluation import render_report

    base = _base(caselaw)
    codings = ["first", "second"] if coding is Coding.both else [coding.value]
    if "second" in codings and not base.second_coding:
        fail("this case base has no second coding (caselaw/second-coding)")
    results = []
    with Progress(console=err, transient=True) as bar:
        for c in codings:
            task = bar.add_task(f"back-testing ({c} coding)", total=len(base.cases))
            results.append(run(base, c, progress=lambda t=task: bar.advance(t)))
    text = "\n".join(render_report(r) for r in results)
    report.write_text(text, encoding="utf-8")
    out.print(text, markup=False, highlight=False)
    out.print(f"report written to {report}")
    if picture is not None:
        from stare.report.pictures import draw_reliability

        picture.write_bytes(draw_reliability(results))
        out.print(f"reliability picture written to {picture}")


@app.command()
def read(
    files: Annotated[list[Path], typer.Argument(help="opinion or brief files (text, HTML or PDF) or a folder")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="worker processes for a folder")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="a Dask scheduler address")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="for a folder: where to write JSON lines")
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="check a brief or an AI draft: flag every citation the verified base does not hold, and every "
            "one whose name, court or year disagrees with it (exit 1 if any)",
        ),
    ] = False,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Read opinions (text, HTML or PDF): table of authorities, short forms, Id., nicknames, star pages,
    cite-check; with --draft, check a brief's citations against the verified base."""
    from stare.opinions.command import run_read

    base = _base(caselaw)
    code = run_read(base, files, format.value, jobs, scheduler, output, out, err, draft)
    raise typer.Exit(code)


@app.command()
def interview(
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="where to write the fact file (default: the --load file)")
    ] = None,
    load: Annotated[Path | None, typer.Option("--load", help="a fact file to edit or continue")] = None,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """The guided interview: plain questions, one per factor, that write a fact file for 'stare analyze'."""
    from stare.caselaw import MAX_FACT_FILE_BYTES
    from stare.interview import Answers, Interview, run_terminal

    base = _base(caselaw)
    iv = Interview.of(base)
    answers = Answers()
    if load is not None:
        if not load.is_file():
            fail(f"{load}: no such file")
        if load.stat().st_size > MAX_FACT_FILE_BYTES:
            fail(f"{load}: {load.stat().st_size:,} bytes; a fact file is at most {MAX_FACT_FILE_BYTES:,}")
        try:
            text = load.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            fail(f"{load}: not UTF-8 text")
        answers, problems = iv.from_yaml(text, str(load))
        for p in problems:
            err.print(f"[yellow]warning:[/yellow] {escape(p)}")
    target = out_file or load or Path("facts.yaml")
    if target.exists() and target != load and not typer.confirm(f"{target} exists; overwrite it?", default=False):
        raise typer.Exit(1)

    def ask(prompt: str) -> str:
        return typer.prompt(prompt, default="", show_default=False)

    def say(text: str) -> None:
        out.print(escape(text), highlight=False)

    def edit(text: str) -> str | None:
        return typer.edit(text, extension=".txt")

    latest = [answers]
    try:
        answers = run_terminal(iv, answers, ask, say, progress=lambda a: latest.__setitem__(0, a), edit=edit)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        target.write_text(iv.to_yaml(latest[0]), encoding="utf-8")
        err.print(f"\ninterrupted: the answers so far are in {target}; continue with --load {target}")
        raise typer.Exit(130) from None
    target.write_text(iv.to_yaml(answers), encoding="utf-8")
    missing = iv.missing(answers)
    if missing:
        out.print(f"fact file written to {target}; still to answer: {', '.join(missing)}")
    else:
        out.print(f"fact file written to {target}; analyze it with: stare analyze {target}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="the address to listen on; 127.0.0.1 keeps it on this machine")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="the port")] = 8000,
    caselaw: CaselawOption = DEFAULT_ROOT,
) -> None:
    """Serve the web app: the interview, analyses with memo downloads, precedents, opinions, a JSON API."""
    try:
        from stare.web.app import serve as run
    except ImportError as e:
        fail(f"the web app needs the web extra (pip install -e '.[web]'): {e}")
    base = _base(caselaw)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: other machines can reach this server")
    run(host=host, port=port, base=base)


@app.command()
def mcp(caselaw: CaselawOption = DEFAULT_ROOT) -> None:
    """Serve analyze, cite-check and case lookup as tools over the Model Context Protocol (stdio), for AI
    assistants that draft with a lawyer."""
    from stare.interfaces.mcp import serve_stdio

    serve_stdio(_base(caselaw))


def main() -> None:  # pragma: no cover - the console script
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
