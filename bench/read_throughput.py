"""Throughput of `stare read` against plain eyecite, and the scaling of --jobs.

    .venv/bin/python bench/read_throughput.py [--opinions 24] [--rounds 3] [--no-jobs]

1. The same texts are read, in the same run and interleaved round by round, by
   * plain eyecite: ``get_citations`` + ``resolve_citations`` on each whole text, and
   * stare's reader: ``read_opinion`` (star pages, eyecite, parallels, nicknames, Id., cite-check,
     case-base links);
   the best round of each is compared as a ratio of throughputs (target: stare >= 0.8 x eyecite).
2. The corpus command (``run_corpus``) reads the same texts written to a folder with --jobs 1 and
   --jobs 2 (process start-up included), and the speed-up is printed.

Texts: the seed opinion (if ../shared/seeds is there) and perturbed copies of it (paragraphs shuffled,
volumes and pages shifted, star pages renumbered), plus synthetic opinions assembled from citation
patterns and the case base's own citations. No network.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SEED = REPO.parent / "shared" / "seeds" / "000_d4f0317d1809baa8.txt"

PROSE = (
    "the court held that officers who affirmatively placed the plaintiff in danger may be liable under the "
    "due process clause when they act with deliberate indifference to a known or obvious danger and the "
    "harm was foreseeable we have never recognized such a claim where the state merely failed to act"
)
WORDS = PROSE.split(" ")


def perturb(text: str, rng: random.Random) -> str:
    """The seed with its paragraphs shuffled, citations' volumes and pages shifted, star pages renumbered."""
    paras = text.split("\n\n")
    head, body = paras[:3], paras[3:]
    rng.shuffle(body)
    text = "\n\n".join(head + body)
    dv, dp = rng.randint(-5, 5), rng.randint(-3, 3)

    def shift(m: re.Match) -> str:
        return f"{max(1, int(m.group(1)) + dv)} {m.group(2)} {max(1, int(m.group(3)) + dp)}"

    text = re.sub(r"\b(\d{2,3}) (F\.[23]d|U\.S\.) (\d{2,4})\b", shift, text)
    pages = iter(range(2000 + rng.randint(0, 500), 10_000))
    return re.sub(r"\*1\d{3}", lambda m: f"*{next(pages)}", text)


def synthetic(rng: random.Random, cites: list[tuple[str, str]], size: int = 40_000) -> str:
    """An opinion-like text: prose with full citations (some parallel, some with nicknames), short
    forms, Id., supra, "Maj. Op." references, statutes and star pages."""
    out = ["Roe v. City of Springfield", "", "SMITH, Circuit Judge, dissenting:", ""]
    page = rng.randint(100, 900)
    cited: list[tuple[str, str, str]] = []
    n = 0
    while sum(len(x) for x in out) < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
        r = rng.random()
        if r < 0.25 or not cited:
            name, cite = rng.choice(cites)
            vol, rep, first = cite.split(" ", 1)[0], cite.split(" ")[1:-1], cite.split(" ")[-1]
            pin = int(first) + rng.randint(1, 9) if first.isdigit() else 5
            court = rng.choice(["9th Cir.", "2d Cir.", "D.C.Cir.", "10th Cir."])
            year = rng.randint(1985, 2020)
            nick = f' ("{name.split(" v. ")[0]} I")' if rng.random() < 0.1 else ""
            sentence += f" See {name}, {cite}, {pin} ({court}{year}){nick}."
            cited.append((name, vol + " " + " ".join(rep), str(pin)))
        elif r < 0.5:
            name, vr, pin = rng.choice(cited)
            sentence += f" {name.split(' v. ')[0]}, {vr} at {pin}."
        elif r < 0.65:
            sentence += f" Id. at {rng.randint(1, 900)}."
        elif r < 0.7:
            sentence += f" {rng.choice(cited)[0].split(' v. ')[0]}, supra, at {rng.randint(1, 900)}."
        elif r < 0.75:
            sentence += f" Maj. Op. at {page - rng.randint(1, 10)}."
        elif r < 0.8:
            sentence += f" See 42 U.S.C. § {rng.choice([1983, 1985, 1988])}."
        if rng.random() < 0.08:
            page += 1
            sentence = f"*{page}" + sentence
        out.append(sentence + (" " if rng.random() < 0.8 else "\n\n"))
        n += 1
    return "".join(out)


def corpus(n: int, seed_rng: int = 7) -> list[str]:
    rng = random.Random(seed_rng)
    cites = [("Wood v. Ostrander", "879 F.2d 583"), ("Munger v. City of Glasgow", "227 F.3d 1082")]
    try:
        from stare.caselaw import load_case_base

        base = load_case_base(strict=False)
        cites = [(c.name, c.citation) for c in base.cases.values() if re.match(r"^\d+ \S+ \d+$", c.citation)] or cites
    except Exception:
        pass
    texts = []
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else None
    for i in range(n):
        if seed and i % 2 == 0:
            texts.append(seed if i == 0 else perturb(seed, rng))
        else:
            texts.append(synthetic(rng, cites))
    return texts


def bench_reader(texts: list[str], rounds: int) -> None:
    from eyecite import get_citations, resolve_citations

    from stare.caselaw import load_case_base
    from stare.opinions import read_opinion

    base = load_case_base(strict=False)
    chars = sum(len(t) for t in texts)

    def eyecite_pass() -> int:
        n = 0
        for t in texts:
            cites = get_citations(t)
            resolve_citations(cites)
            n += len(cites)
        return n

    def stare_pass() -> int:
        n = 0
        for t in texts:
            r = read_opinion(t, base)
            n += sum(len(a.occurrences) for a in r.authorities)
        return n

    # warm up both (regex compilation, courts-db, the case-base index)
    read_opinion(texts[0], base)
    resolve_citations(get_citations(texts[0]))
    e_times, s_times = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        n_e = eyecite_pass()
        e_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_s = stare_pass()
        s_times.append(time.perf_counter() - t0)
    e, s = min(e_times), min(s_times)
    print(f"texts: {len(texts)} opinions, {chars / 1e6:.2f} M characters; {rounds} interleaved rounds, best of each")
    print(f"  eyecite get_citations+resolve_citations: {e:6.2f} s  {chars / e / 1e3:8.1f} k chars/s  ({n_e} citations)")
    print(
        f"  stare read_opinion:                     {s:6.2f} s  {chars / s / 1e3:8.1f} k chars/s  ({n_s} occurrences)"
    )
    print(
        f"  ratio (stare throughput / eyecite): {e / s:.2f}  (target >= 0.80)   median-based: "
        f"{statistics.median(e_times) / statistics.median(s_times):.2f}"
    )


def bench_jobs(texts: list[str]) -> None:
    from rich.console import Console

    from stare.caselaw import load_case_base
    from stare.opinions.corpus import run_corpus

    base = load_case_base(strict=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "opinions"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"{i:03d}.txt").write_text(t, encoding="utf-8")
        quiet = Console(file=io.StringIO(), width=100)
        times = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}.jsonl"
            t0 = time.perf_counter()
            code = run_corpus(base, [folder], jobs, None, out, quiet, quiet)
            times[jobs] = time.perf_counter() - t0
            lines = out.read_text(encoding="utf-8").count("\n")
            print(f"  --jobs {jobs}: {times[jobs]:6.2f} s  ({lines} JSON lines, exit {code})")
        print(f"  speed-up of --jobs 2 over --jobs 1: {times[1] / times[2]:.2f}x (2 cores; pool start-up included)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--opinions", type=int, default=24)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-jobs", action="store_true", help="skip the --jobs scaling")
    args = ap.parse_args()
    texts = corpus(args.opinions)
    print("== reader throughput ==")
    bench_reader(texts, args.rounds)
    if not args.no_jobs:
        print("== --jobs scaling (run_corpus on a folder) ==")
        bench_jobs(texts)


if __name__ == "__main__":
    main()
