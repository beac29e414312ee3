"""A bounded load test of the analyze API over loopback: requests per second and latency percentiles.

Starts its own server (``stare serve`` on 127.0.0.1 and a free port, in a subprocess), sends POST
/api/analyze from ``--clients`` concurrent clients (threads, one keep-alive httpx connection each) until
``--requests`` have been sent or ``--seconds`` have passed, then stops the server. The fact patterns are
the bundled examples and variations of them (factor subsets drawn with a fixed seed), so that no two
clients repeat one request.
Target on a 2-core machine, client and server sharing it: p95 <= 200 ms at 20 clients, no errors.

    .venv/bin/python bench/web_load.py [--clients 20] [--requests 2000] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import yaml

REPO = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 200.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fact_patterns(n: int, seed: int = 11) -> list[dict]:
    """The examples, then variations: each example with a random subset of its factors."""
    rng = random.Random(seed)
    examples = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["incident_date"] = str(data["incident_date"])
        examples.append(data)
    out = list(examples)
    while len(out) < n:
        base = rng.choice(examples)
        factors = [f for f in base["factors"] if rng.random() < 0.75] or base["factors"][:1]
        notes = {k: v for k, v in (base.get("factor_notes") or {}).items() if k in factors}
        out.append({**base, "factors": factors, "factor_notes": notes})
    return out


def start_server(port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "stare.interfaces.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode} before it was ready")
        try:
            if httpx.get(url + "/api/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server was not ready within {timeout:.0f} s")


def run_load(url: str, clients: int, total: int, seconds: float, bodies: list[dict]) -> dict:
    """``clients`` threads, each with its own keep-alive connection (httpx.Client), share a bounded
    counter of requests. (httpx's AsyncClient was tried first: on two cores its own connection pool was
    the bottleneck, adding ~150 ms at p95 even to GET /api/health, so it measured the client.)"""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    sent = 0
    stop_at = time.monotonic() + seconds

    def next_index() -> int | None:
        nonlocal sent
        with lock:
            if sent >= total or time.monotonic() >= stop_at:
                return None
            sent += 1
            return sent - 1

    def worker(k: int) -> None:
        with httpx.Client(base_url=url, timeout=10.0) as client:
            client.post("/api/analyze", json={"facts": bodies[k % len(bodies)]})  # connect and warm up
            while (i := next_index()) is not None:
                body = {"facts": bodies[(i * 7 + k) % len(bodies)]}
                t0 = time.perf_counter()
                try:
                    r = client.post("/api/analyze", json=body)
                    if r.status_code != 200 or "prediction" not in r.json():
                        errors.append(f"HTTP {r.status_code}: {r.text[:120]}")
                except httpx.HTTPError as e:
                    errors.append(f"{type(e).__name__}: {e}")
                latencies.append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t_start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t_start
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": latencies[-1] if latencies else float("nan"),
        "mean": statistics.fmean(latencies) if latencies else float("nan"),
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server(port)
    try:
        wait_ready(url, proc)
        stats = run_load(url, args.clients, args.requests, args.seconds, fact_patterns(200))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    ok = stats["p95"] <= TARGET_P95_MS and not stats["errors"]
    print(f"POST /api/analyze, {args.clients} concurrent clients (threads), loopback, server in a subprocess")
    print(f"  requests   {stats['requests']:>8} in {stats['seconds']:.1f} s")
    print(f"  throughput {stats['rps']:>8.1f} requests/s")
    print(
        f"  latency    p50 {stats['p50']:.1f} ms   p95 {stats['p95']:.1f} ms   p99 {stats['p99']:.1f} ms   "
        f"max {stats['max']:.1f} ms"
    )
    print(f"  errors     {len(stats['errors']):>8}" + (f"   first: {stats['errors'][0]}" if stats["errors"] else ""))
    print(f"  target     p95 <= {TARGET_P95_MS:.0f} ms, no errors: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
