"""Reading a corpus: a folder of opinions, in parallel processes or on a Dask cluster.

Each opinion becomes one JSON line (the ``Reading`` JSON plus ``file`` and ``ok``; a file that cannot
be read becomes ``{"file", "ok": false, "error"}`` and the run goes on). The citations of all
opinions are merged into a graph (which opinion cites which case) written beside the output as
``<output>.graph.json``.

Local parallelism uses a process pool, forked (or started through a fork server that has already
imported eyecite, when the process runs threads), so each worker starts warm. ``--scheduler ADDRESS``
sends the same per-file task to a Dask cluster; its workers must see the files at the same paths (a
shared file system) and have stare installed.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from stare.model.casebase import CaseBase
from stare.opinions.text import InputError

OPINION_SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml", ".xml", ".pdf", ""}
DEFAULT_GRAPH = Path("stare-read.graph.json")
CONNECT_TIMEOUT = "20s"  # to reach a Dask scheduler


# --- what to read ------------------------------------------------------------------------------------


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The opinion files among ``paths`` (folders are walked, hidden files and files that are not text
    or HTML are left out), and a note for each path left out."""
    files: list[Path] = []
    notes: list[str] = []
    for p in paths:
        if p.is_dir():
            skipped = 0
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts) or not f.is_file():
                    continue
                if f.suffix.lower() in OPINION_SUFFIXES:
                    files.append(f)
                else:
                    skipped += 1
            if skipped:
                notes.append(f"{p}: left out {skipped} file(s) that are not .txt or .html")
        else:
            files.append(p)  # named explicitly: read it, or say why not
    return files, notes


# --- one file ----------------------------------------------------------------------------------------


def read_path(path: str, base: CaseBase | None) -> dict[str, Any]:
    """Read one file into its JSON record. Never raises: a bad file is a record with an error."""
    from stare.opinions import read_file

    t0 = time.perf_counter()
    try:
        reading = read_file(Path(path), base)
    except InputError as e:
        return {"file": path, "ok": False, "error": str(e)}
    except MemoryError:
        return {"file": path, "ok": False, "error": "out of memory reading this file"}
    except Exception as e:  # a bug must not end a corpus run; it is reported with the file
        return {"file": path, "ok": False, "error": f"internal error: {type(e).__name__}: {e}"}
    record = {"file": path, "ok": True, **reading.to_dict()}
    record["seconds"] = round(time.perf_counter() - t0, 4)
    return record


_WORKER_BASE: CaseBase | None = None


def _init_worker(base: CaseBase | None) -> None:
    global _WORKER_BASE
    _WORKER_BASE = base


def _read_in_worker(path: str) -> dict[str, Any]:
    return read_path(path, _WORKER_BASE)


# --- many files --------------------------------------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process runs no other thread (workers then start at once, the case base and a
    warm eyecite inherited); otherwise a fork server that has imported eyecite, since forking a
    process with threads can deadlock. (With the fork server, as with spawn, a script that starts a
    corpus run needs the ``if __name__ == "__main__":`` idiom.)"""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["stare.opinions", "stare.opinions.corpus"])
    return ctx


def read_local(paths: list[str], base: CaseBase | None, jobs: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, record) for each path, as they finish. With ``jobs`` > 1 the worker processes are
    started, and every file submitted, before this returns: call it before starting any thread
    (such as a progress bar's)."""
    if jobs <= 1 or len(paths) <= 1:
        return ((i, read_path(p, base)) for i, p in enumerate(paths))
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(paths)), mp_context=_context(), initializer=_init_worker, initargs=(base,)
    )
    futures = {pool.submit(_read_in_worker, p): i for i, p in enumerate(paths)}
    return _finished(pool, futures, paths)


def _finished(pool: ProcessPoolExecutor, futures, paths: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    with pool:
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                yield i, fut.result()
            except Exception as e:  # a worker that died (killed, out of memory)
                yield i, {"file": paths[i], "ok": False, "error": f"worker failed: {type(e).__name__}: {e}"}


class SchedulerError(Exception):
    pass


def read_dask(paths: list[str], base: CaseBase | None, address: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, record) for each path, read on the Dask cluster at ``address``."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as e:  # pragma: no cover - distributed is a dependency
        raise SchedulerError(f"dask.distributed is not installed ({e})") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except Exception as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {type(e).__name__}: {e}") from None
    try:
        base_future = client.scatter(base, broadcast=True) if base is not None else None
        futures = client.map(read_path, paths, base=base_future, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures):
            i = index[fut.key]
            try:
                yield i, fut.result()
            except Exception as e:
                yield i, {"file": paths[i], "ok": False, "error": f"Dask task failed: {type(e).__name__}: {e}"}
            fut.release()
    finally:
        client.close()


# --- the citation graph ------------------------------------------------------------------------------


class Graph:
    """Which opinion cites which case, merged over a corpus."""

    def __init__(self) -> None:
        self.opinions: dict[str, dict[str, Any]] = {}
        self.cases: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []

    @staticmethod
    def node_id(a: dict[str, Any]) -> str:
        if a.get("case_id"):
            return a["case_id"]
        cites = a.get("normalized_citations") or a.get("citations") or []
        return "cite:" + (cites[0] if cites else a.get("key", "?"))

    def add(self, record: dict[str, Any]) -> None:
        if not record.get("ok"):
            return
        op = record["file"]
        opinion_case = (record.get("summary") or {}).get("opinion", {}).get("case_id")
        self.opinions[op] = {"title": record.get("title"), "case_id": opinion_case}
        for a in record.get("authorities", []):
            nid = self.node_id(a)
            node = self.cases.setdefault(
                nid,
                {
                    "name": a.get("name"),
                    "citations": list(a.get("citations") or []),
                    "case_id": a.get("case_id"),
                    "cited_by": 0,
                },
            )
            for c in a.get("citations") or []:
                if c not in node["citations"]:
                    node["citations"].append(c)
            node["cited_by"] += 1
            kinds: dict[str, int] = {}
            for o in a.get("occurrences", []):
                kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
            self.edges.append(
                {
                    "from": op,
                    "to": nid,
                    "occurrences": sum(kinds.values()),
                    "kinds": kinds,
                    "self": bool(a.get("self")),
                }
            )

    def to_dict(self) -> dict[str, Any]:
        missing = sorted(
            ({"id": k, **v} for k, v in self.cases.items() if not v["case_id"]),
            key=lambda d: (-d["cited_by"], d["name"] or ""),
        )
        return {
            "opinions": self.opinions,
            "cases": self.cases,
            "edges": self.edges,
            "missing": missing,
        }


# --- the command -------------------------------------------------------------------------------------


def graph_path(output: Path | None) -> Path:
    return output.with_name(output.name + ".graph.json") if output else DEFAULT_GRAPH


def run_corpus(
    base: CaseBase | None,
    paths: list[Path],
    jobs: int,
    scheduler: str | None,
    output: Path | None,
    out: Console,
    err: Console,
) -> int:
    files, notes = collect(paths)
    for n in notes:
        err.print(f"[dim]{escape(n)}[/dim]")
    if not files:
        err.print("[red]error:[/red] no opinion files (.txt or .html) to read")
        return 2
    names = [str(f) for f in files]
    sink: TextIO
    try:
        sink = output.open("w", encoding="utf-8") if output else None  # type: ignore[assignment]
    except OSError as e:
        err.print(f"[red]error:[/red] cannot write {escape(str(output))}: {escape(e.strerror or str(e))}")
        return 2

    def write(line: str) -> None:
        if sink is not None:
            sink.write(line + "\n")
        else:
            out.file.write(line + "\n")
            out.file.flush()

    graph = Graph()
    ok = failed = 0
    t0 = time.perf_counter()
    try:
        source = read_dask(names, base, scheduler) if scheduler else read_local(names, base, jobs)
        ok, failed = _drain(source, len(names), write, graph, err)
    except SchedulerError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        return 2
    finally:
        if sink is not None:
            sink.close()
    seconds = time.perf_counter() - t0
    gpath = graph_path(output)
    try:
        gpath.write_text(json.dumps(graph.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
        graph_note = f"citation graph: {gpath}"
    except OSError as e:
        graph_note = f"could not write the citation graph to {gpath}: {e.strerror or e}"
    g = graph.to_dict()
    known = sum(1 for c in g["cases"].values() if c["case_id"])
    err.print(
        escape(
            f"read {ok} of {len(names)} opinion(s) in {seconds:.1f} s"
            + (f"; {failed} could not be read" if failed else "")
            + f"; {len(g['cases'])} case(s) cited, {known} in the case base, {len(g['missing'])} missing; "
            + graph_note
        )
    )
    if ok == 0:
        return 2
    return 1 if failed else 0


def _drain(
    source: Iterator[tuple[int, dict[str, Any]]],
    total: int,
    write: Callable[[str], None],
    graph: Graph,
    err: Console,
) -> tuple[int, int]:
    """Write records in input order as they complete, with a progress bar; count ok and failed."""
    ok = failed = 0
    pending: dict[int, dict[str, Any]] = {}
    next_i = 0
    progress = Progress(
        TextColumn("[bold]reading[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )
    with progress:
        task = progress.add_task("read", total=total, failed=0)
        for i, record in source:
            if record.get("ok"):
                ok += 1
                graph.add(record)
            else:
                failed += 1
                progress.console.print(
                    f"[yellow]skipped[/yellow] {escape(record['file'])}: {escape(record.get('error', '?'))}"
                )
            pending[i] = record
            while next_i in pending:
                write(json.dumps(pending.pop(next_i), ensure_ascii=False))
                next_i += 1
            progress.update(task, advance=1, failed=failed)
    for i in sorted(pending):
        write(json.dumps(pending[i], ensure_ascii=False))
    return ok, failed
