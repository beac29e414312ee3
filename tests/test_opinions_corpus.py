"""`stare read DIR`: JSON lines, the citation graph, bad files, --jobs, and a Dask cluster."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.doctrine import Doctrine
from stare.opinions import corpus
from stare.opinions.command import run_read

VERIFIED = {"verified_on": "2026-11-28", "sources": [{"url": "test://hand-made", "what": "constructed for a test"}]}

WOOD = Case.model_validate(
    {
        "id": "wood-1989",
        "name": "Wood v. Ostrander",
        "citations": ["879 F.2d 583"],
        "court": "ca9",
        "decided": "1989-06-27",
        "kind": "rule",
        "doctrine": "deshaney_baseline",
        "verification": VERIFIED,
    }
)
BASE = CaseBase(doctrine=Doctrine(factors={}, elements={}, rules={}, circuits={}), cases={WOOD.id: WOOD})

OPINIONS = {
    "a.txt": "Roe v. Alpha\n\nSee Wood v. Ostrander, 879 F.2d 583, 586 (9th Cir.1989). Id. at 590. "
    "*12 Foo v. Bar, 12 F.3d 34, 36 (2d Cir.1994). Foo, 12 F.3d at 37.",
    "b.html": "<html><body><p>Wood v. Ostrander, 879 F.2d 588 (9th Cir.1989); Baz v. Qux, 5 F.4th 6 "
    "(1st Cir. 2021).</p></body></html>",
    "sub/c.txt": "Doe v. Gamma\n\nFoo v. Bar, 12 F.3d 34 (2d Cir.1994). Maj. Op. at 3.",
}


def make_corpus(root: Path, bad: bool = True) -> Path:
    folder = root / "opinions"
    for name, text in OPINIONS.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    if bad:
        (folder / "empty.txt").write_text("", encoding="utf-8")
        (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text" * 50)
        (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an opinion: left out
        (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    return folder


def run(paths, tmp_path, jobs=1, scheduler=None, output="out.jsonl", base=BASE):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / output if output else None
    code = run_read(base, paths, "json", jobs, scheduler, target, Console(file=out), Console(file=err, width=200))
    return code, target, out.getvalue(), err.getvalue()


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def essence(recs: list[dict]) -> list[tuple]:
    """What must not depend on how the corpus was read."""
    return [
        (
            Path(r["file"]).name,
            r["ok"],
            sorted((tuple(a["citations"]), a["case_id"], len(a["occurrences"])) for a in r.get("authorities", [])),
            sorted(w["kind"] for w in r.get("warnings", [])),
        )
        for r in recs
    ]


def test_corpus_writes_json_lines_a_graph_and_goes_past_bad_files(tmp_path):
    folder = make_corpus(tmp_path)
    code, target, stdout, err = run([folder], tmp_path)
    assert code == 1  # some files could not be read
    recs = records(target)
    names = [Path(r["file"]).name for r in recs]
    assert names == ["a.txt", "b.html", "binary.txt", "empty.txt", "c.txt"]  # sorted walk, hidden/json left out
    bad = {Path(r["file"]).name: r["error"] for r in recs if not r["ok"]}
    assert "binary" in bad["binary.txt"] and "empty" in bad["empty.txt"]
    assert "skipped" in err and "binary.txt" in err and "left out 1 file" in err
    a = next(r for r in recs if r["file"].endswith("a.txt"))
    assert a["summary"]["known"] == 1 and [m["citation"] for m in a["summary"]["missing"]] == ["12 F.3d 34"]
    b = next(r for r in recs if r["file"].endswith("b.html"))
    assert "first_page_vs_base" in {w["kind"] for w in b["warnings"]}
    graph = json.loads((tmp_path / "out.jsonl.graph.json").read_text(encoding="utf-8"))
    assert graph["cases"]["wood-1989"]["cited_by"] == 2
    foo = graph["cases"]["cite:12 F.3d 34"]
    assert foo["cited_by"] == 2 and foo["case_id"] is None
    assert graph["missing"][0]["id"] == "cite:12 F.3d 34"  # the most cited missing case first
    edges = {(Path(e["from"]).name, e["to"]) for e in graph["edges"]}
    assert ("a.txt", "wood-1989") in edges and ("c.txt", "cite:12 F.3d 34") in edges
    assert stdout == ""  # the lines went to --output


def test_jobs_2_gives_the_same_records(tmp_path):
    folder = make_corpus(tmp_path)
    code1, t1, _, _ = run([folder], tmp_path, jobs=1, output="one.jsonl")
    code2, t2, _, err = run([folder], tmp_path, jobs=2, output="two.jsonl")
    assert code1 == code2 == 1, err
    assert essence(records(t1)) == essence(records(t2))


def test_jobs_2_through_the_fork_server_gives_the_same_records(tmp_path, monkeypatch):
    """With other threads running, workers are not forked from this process but from a fork server."""
    folder = make_corpus(tmp_path)
    _, t1, _, _ = run([folder], tmp_path, jobs=1, output="one.jsonl")
    monkeypatch.setattr(corpus.threading, "active_count", lambda: 3)
    assert corpus._context().get_start_method() == "forkserver"
    code, t2, _, err = run([folder], tmp_path, jobs=2, output="two.jsonl")
    assert code == 1, err
    assert essence(records(t1)) == essence(records(t2))


def test_dask_cluster_gives_the_same_records(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = make_corpus(tmp_path)
    code1, t1, _, _ = run([folder], tmp_path, output="local.jsonl")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        code2, t2, _, err = run([folder], tmp_path, scheduler=cluster.scheduler_address, output="dask.jsonl")
    assert code2 == code1 == 1, err
    assert essence(records(t1)) == essence(records(t2))
    assert (tmp_path / "dask.jsonl.graph.json").exists()


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CONNECT_TIMEOUT", "1s")
    folder = make_corpus(tmp_path, bad=False)
    code, _, _, err = run([folder], tmp_path, scheduler="tcp://127.0.0.1:1")
    assert code == 2 and "cannot reach the Dask scheduler" in err


def test_nothing_readable_exits_2(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    code, target, _, err = run([folder], tmp_path)
    assert code == 2 and records(target)[0]["ok"] is False
    empty = tmp_path / "none"
    empty.mkdir()
    code, _, _, err = run([empty], tmp_path)
    assert code == 2 and "no opinion files" in err


def test_stdout_output_and_default_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = make_corpus(tmp_path, bad=False)
    code, _, stdout, err = run([folder], tmp_path, output=None)
    assert code == 0, err
    lines = stdout.splitlines()
    assert len(lines) == 3 and all(json.loads(x)["ok"] for x in lines)
    assert (tmp_path / "stare-read.graph.json").exists() and "stare-read.graph.json" in err


def test_read_path_never_raises(tmp_path):
    rec = corpus.read_path(str(tmp_path / "missing.txt"), None)
    assert rec["ok"] is False and "no such file" in rec["error"]
    rec = corpus.read_path(str(tmp_path), None)
    assert rec["ok"] is False and "folder" in rec["error"]
