"""``stare read``: what the command line calls. Returns an exit code; never lets a traceback out.

* ``stare read FILE...`` prints each opinion's table of authorities, traced citations and cite-check
  (``--format text|markdown|json``; JSON is one object for one file, one line per file for several).
* ``stare read DIR`` (or ``--jobs N``, ``--scheduler ADDRESS``, ``--output FILE``) reads a corpus:
  one JSON line per opinion to ``--output`` (default stdout), a progress bar on stderr, and the
  merged citation graph in ``<output>.graph.json``.

Exit codes: 0 all read; 1 some files could not be read; 2 none could.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from stare.model.casebase import CaseBase
from stare.opinions import InputError, read_file
from stare.opinions.corpus import run_corpus
from stare.opinions.render import print_text, to_json, to_markdown


def _emit(console: Console, text: str) -> None:
    console.file.write(text)
    console.file.flush()


def run_read(
    base: CaseBase | None,
    files: list[Path],
    format: str,
    jobs: int,
    scheduler: str | None,
    output: Path | None,
    out: Console,
    err: Console,
    draft: bool = False,
) -> int:
    """Read opinions (or, with ``draft``, check a brief or draft). The exit code is 0, 1 if some file could
    not be read or (with ``draft``) some citation could not be verified, 2 if nothing could be read."""
    try:
        return _run(base, [Path(f) for f in files], format, jobs, scheduler, output, out, err, draft)
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]")
        return 2
    except Exception as e:  # the last line of defence: a message, not a traceback
        err.print(f"[red]error:[/red] stare read failed: {escape(type(e).__name__)}: {escape(str(e))}")
        return 2


DRAFT_KINDS = ("not_verified", "name_vs_base", "year_vs_base", "court_vs_base", "first_page_vs_base", "impossible_page")


def _run(base, files, format, jobs, scheduler, output, out, err, draft=False) -> int:
    if not files:
        err.print("[red]error:[/red] give at least one opinion file or folder")
        return 2
    if format not in ("text", "markdown", "json"):
        err.print(f"[red]error:[/red] unknown format {escape(format)!r}; use text, markdown or json")
        return 2
    corpus = any(f.is_dir() for f in files) or output is not None or scheduler is not None or jobs > 1
    if corpus:
        return run_corpus(base, files, jobs, scheduler, output, out, err)
    failed = 0
    flagged = 0
    for i, path in enumerate(files):
        try:
            reading = read_file(path, base, draft=draft)
        except InputError as e:
            err.print(f"[red]error:[/red] {escape(str(e))}")
            failed += 1
            continue
        except Exception as e:
            err.print(
                f"[red]error:[/red] could not read {escape(str(path))}: {escape(type(e).__name__)}: {escape(str(e))}"
            )
            failed += 1
            continue
        if format == "json":
            if len(files) == 1:
                _emit(out, to_json(reading) + "\n")
            else:
                _emit(out, json.dumps({"file": str(path), **reading.to_dict()}, ensure_ascii=False) + "\n")
        elif format == "markdown":
            _emit(out, ("\n" if i else "") + to_markdown(reading))
        else:
            if i:
                out.print()
            print_text(out, reading)
        if draft:
            bad = [w for w in reading.warnings if w.kind in DRAFT_KINDS]
            flagged += len(bad)
            if format == "text":
                out.print(
                    f"[bold]{len(bad)} citation problem(s) to fix before filing[/bold]"
                    if bad
                    else "[green]every case citation is in the verified base and agrees with it[/green]"
                )
    if failed == len(files):
        return 2
    return 1 if failed or flagged else 0
