"""Counts and the timeline picture."""

import json

from typer.testing import CliRunner

from stare.interfaces.cli import app


def test_stats_counts_every_circuit_and_draws_a_png(tmp_path, real_base):
    pic = tmp_path / "timeline.png"
    r = CliRunner().invoke(app, ["cases", "stats", "--picture", str(pic), "--format", "json"])
    assert r.exit_code == 0, r.output
    stats = json.loads(r.stdout)
    courts = set(stats["by_court"])
    assert {"scotus", "ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc"} <= courts
    assert stats["decisions"] == len(real_base.decisions())
    assert sum(row["total"] for row in stats["by_court"].values()) == stats["decisions"]
    data = pic.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
