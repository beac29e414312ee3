"""What every request needs: the case base, the interview over it, look-ups, templates, caches, and the
compute limiter that keeps CPU-bound reasoning to a few threads at a time."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import threading
import zlib
from collections import OrderedDict, defaultdict
from functools import cache

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from stare.caselaw import parse_fact_pattern
from stare.interview import Interview
from stare.model.analysis import Analysis
from stare.model.casebase import CaseBase

log = logging.getLogger("stare.web")
COMPUTE_THREADS = 2
MAX_PERMALINK = 6_000  # characters of the token in an analysis's address; longer facts are not bookmarkable


class LRU:
    def __init__(self, size: int):
        self.size, self.data, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)


def cited_by(base: CaseBase) -> dict[str, list[dict]]:
    """For each case id, the cases in the base whose history names it, with the relation."""
    out: dict[str, list[dict]] = defaultdict(list)
    for c in sorted(base.cases.values(), key=lambda c: c.decided):
        for h in c.history:
            if h.case and h.case != c.id:
                out[h.case].append(
                    {
                        "id": c.id,
                        "name": c.name,
                        "citation": c.citation,
                        "year": c.year,
                        "relation": h.relation.replace("_", " "),
                        "note": h.note,
                    }
                )
    return dict(out)


def doctrine_uses(base: CaseBase) -> dict[str, list[str]]:
    """For each case id, what the doctrine files cite it for (a rule, an element, a circuit's test), in words."""
    from stare.model.courts import court_name

    d = base.doctrine
    out: dict[str, list[str]] = defaultdict(list)
    for r in d.rules.values():
        for s in r.sources:
            out[s.case].append(f"the rule “{r.name}”" + (f" ({s.pinpoint})" if s.pinpoint else ""))
    for e in d.elements.values():
        for s in e.sources:
            out[s.case].append(f"the element “{e.name}”" + (f" ({s.pinpoint})" if s.pinpoint else ""))
    for ct in d.circuits.values():
        for v in ct.versions:
            out[v.source.case].append(f"{court_name(ct.court)}'s statement of the test ({v.name})")
        for s in ct.refusal:
            out[s.case].append(f"{court_name(ct.court)}'s refusal to recognize the claim")
    for f in d.factors.values():
        for cid in f.examples:
            out[cid].append(f"an example of the fact “{f.phrase}”")
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


@cache
def opinion_reader():
    """The opinion reader's text-in API (``stare.opinions.read_opinion``), or None if it is not there."""
    try:
        from stare.opinions import InputError, read_opinion
        from stare.opinions.text import decode
    except Exception:  # noqa: BLE001 - the reader is optional; the page says it is unavailable
        return None
    return read_opinion, InputError, decode


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("stare.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.filters["yesno"] = lambda b: "-" if b is None else ("yes" if b else "no")
    env.filters["words"] = lambda s: str(s).replace("_", " ")
    env.filters["safe_url"] = lambda u: u if str(u).startswith(("https://", "http://")) else None
    return env


def permalink_token(facts: dict, as_of: str, exclude: list[str]) -> str | None:
    """An analysis's address: its facts, date and exclusions, compressed into the URL (the server keeps no
    state). None where the facts are too long to bookmark."""
    raw = json.dumps({"f": facts, "a": as_of, "x": exclude}, separators=(",", ":"), sort_keys=True, default=str)
    token = base64.urlsafe_b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii").rstrip("=")
    return token if len(token) <= MAX_PERMALINK else None


def read_permalink(token: str) -> tuple[dict, str, list[str]]:
    """The facts, date and exclusions of an address; ValueError for anything that is not one."""
    if len(token) > MAX_PERMALINK:
        raise ValueError("this address is longer than any analysis address")
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        d = zlib.decompressobj()
        raw = d.decompress(packed, 2_000_000)
        if d.unconsumed_tail:
            raise ValueError("too large")
        data = json.loads(raw)
    except Exception as e:  # noqa: BLE001 - any corruption is "not an analysis address"
        raise ValueError(f"this is not the address of an analysis ({type(e).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("f"), dict):
        raise ValueError("this is not the address of an analysis")
    exclude = data.get("x") or []
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise ValueError("this is not the address of an analysis")
    return data["f"], str(data.get("a") or ""), exclude


class Web:
    def __init__(self, base: CaseBase):
        self.base = base
        self.interview = Interview.of(base)
        self.cited_by = cited_by(base)
        self.doctrine_uses = doctrine_uses(base)
        self.reader = opinion_reader()
        self.env = environment()
        self.pictures_cache = LRU(32)
        self._limiter = None  # made on first use, inside the server's event loop

    async def compute(self, fn, *args):
        """Run CPU-bound work in a worker thread, at most ``COMPUTE_THREADS`` at a time: the rest wait their
        turn in order, instead of twenty threads slicing the GIL between them."""
        import anyio
        import anyio.to_thread

        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(COMPUTE_THREADS)
        return await anyio.to_thread.run_sync(fn, *args, limiter=self._limiter)

    def analyze(self, facts: object, as_of: dt.date | None, exclude: list[str], where: str = "facts") -> Analysis:
        from stare.reasoning import analyze

        fp = parse_fact_pattern(facts, self.base.doctrine, where)
        return analyze(self.base, fp, as_of=as_of, exclude=exclude)

    def pictures(self, analysis: Analysis):
        from stare.report.pictures import pictures

        key = hashlib.sha256(
            json.dumps(
                [analysis.facts.model_dump(mode="json"), str(analysis.as_of), analysis.excluded],
                sort_keys=True,
                default=str,
            ).encode()
        ).hexdigest()
        hit = self.pictures_cache.get(key)
        if hit is None:
            hit = pictures(analysis)
            self.pictures_cache.put(key, hit)
        return hit

    def warm(self) -> None:
        """Build the precedent index and the back-test record once, before requests arrive in threads."""
        from stare.model.facts import FactPattern
        from stare.reasoning import analyze

        d = self.base.doctrine
        routing = {f for r in d.exceptions() for f in r.applies_when}  # the facts that route to another theory
        for routed in (False, True):
            fp = FactPattern(
                name="warm-up",
                court="ca9",
                incident_date=dt.date(2000, 1, 1),
                posture="summary_judgment",
                defendant_kind="individual",
                factors=[f for f in d.factors if routed or f not in routing],
            )
            try:
                analyze(self.base, fp)
            except Exception:  # noqa: BLE001 - a warm-up only; a real request reports any problem
                log.debug("warm-up analysis failed", exc_info=True)

    def page(self, template: str, status: int = 200, **ctx) -> HTMLResponse:
        body = self.env.get_template(template).render(reader=self.reader is not None, **ctx)
        return HTMLResponse(body, status_code=status)

    def error_page(self, status: int, title: str, problems: list[str]) -> HTMLResponse:
        return self.page("error.html", status=status, title=title, status_code=status, problems=problems)
