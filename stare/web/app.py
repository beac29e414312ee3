"""The web app: server-rendered pages (Jinja2, autoescaped, no JavaScript) and a JSON API (FastAPI).

Pages: the guided interview (``stare.interview``, the same logic as ``stare interview``), the analysis
with its pictures and memo downloads, a page per precedent, and reading an opinion. The API mirrors the
CLI: analyze, memo, cases list/show, read; FastAPI publishes it at /openapi.json.

The server keeps no state between requests: the interview's answers travel in a hidden form field and
are validated again on every step, and an analysis is recomputed from its facts when a memo is asked
for. Nothing a request names is opened as a file: precedents are looked up by id in the case base.
Bodies over ``MAX_BODY_BYTES`` are refused with 413 before they reach a handler; fields are bounded
(facts 50,000 characters, a fact file 1 MB, an opinion 5 MB) with a readable 413/422 page, never a
traceback. Every response carries a strict Content-Security-Policy (no scripts at all).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections import OrderedDict, defaultdict
from functools import cache
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from stare.caselaw import MAX_FACT_FILE_BYTES, DataError, load_yaml_text, parse_fact_pattern
from stare.interview import MAX_FACTS, AnswerError, Answers, Interview, parse_state
from stare.model.analysis import Analysis
from stare.model.casebase import CaseBase
from stare.reasoning import UnknownCitation

log = logging.getLogger("stare.web")

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # an opinion, uploaded or pasted
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024  # the upload plus the form's other fields
MAX_STATE_CHARS = 2 * MAX_FACTS + 100_000  # the interview's answers carried between pages
MAX_EXCLUDE = 50
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
MEMO_FORMATS = ("markdown", "html", "pdf", "docx")
COMPUTE_THREADS = 2
PICTURE_NAMES = ("timeline", "precedent-map")


# --- request and response models of the API ---------------------------------------------------------


class AnalyzeRequest(BaseModel):
    facts: dict[str, Any] = Field(
        description="A fact pattern, the fields of a fact file: name, court, incident_date, posture, "
        "defendant_kind, facts, factors, factor_notes, immunity_raised (see GET /api/factors for the ids).",
        examples=[
            {
                "name": "Doe v. Trooper Roe",
                "court": "ca9",
                "incident_date": "2008-01-12",
                "posture": "summary_judgment",
                "defendant_kind": "individual",
                "facts": "A trooper left an intoxicated passenger on a rural highway at 1 a.m.",
                "factors": ["AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING", "VICTIM_VULNERABLE"],
                "factor_notes": {"PLACED_IN_DANGEROUS_SETTING": "left her on the highway shoulder"},
            }
        ],
    )
    as_of: dt.date | None = Field(default=None, description="use only decisions before this date (CLI --as-of)")
    exclude_citation: list[Annotated[str, Field(max_length=200)]] = Field(
        default=[],
        max_length=MAX_EXCLUDE,
        description="leave these cases and their other versions out (CLI --exclude-citation)",
    )


class MemoRequest(AnalyzeRequest):
    format: Literal["markdown", "html", "pdf", "docx"] = "markdown"
    pictures: bool = Field(default=True, description="include the timeline and the precedent map")


class ReadRequest(BaseModel):
    text: str = Field(max_length=MAX_UPLOAD_BYTES, description="the opinion, plain text or HTML")
    title: str | None = Field(default=None, max_length=300, description="the opinion's caption, if not its first line")
    html: bool | None = Field(default=None, description="true for HTML; by default it is sniffed")


class CaseSummary(BaseModel):
    id: str
    name: str
    citation: str
    citations: list[str]
    court: str
    decided: dt.date
    kind: str
    doctrine: str
    violation: bool | None
    claim_survives: bool | None


class Problems(BaseModel):
    detail: list[str]


class Health(BaseModel):
    status: str
    authorities: int
    decisions: int
    reader: bool


# --- the app's state ----------------------------------------------------------------------------------


class _LRU:
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
    """For each case id, what the doctrine files cite it for (a rule, an element, a circuit's test)."""
    d = base.doctrine
    out: dict[str, list[str]] = defaultdict(list)
    for r in d.rules.values():
        for s in r.sources:
            out[s.case].append(f"the rule '{r.name}'" + (f" ({s.pinpoint})" if s.pinpoint else ""))
    for e in d.elements.values():
        for s in e.sources:
            out[s.case].append(f"the element '{e.name}'" + (f" ({s.pinpoint})" if s.pinpoint else ""))
    for ct in d.circuits.values():
        for v in ct.versions:
            out[v.source.case].append(f"the {ct.court} statement of the test ({v.name})")
        for s in ct.refusal:
            out[s.case].append(f"the {ct.court} refusal to recognize the claim")
    for f in d.factors.values():
        for cid in f.examples:
            out[cid].append(f"an example of the factor {f.id}")
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


@cache
def _opinion_reader():
    """The opinion reader's text-in API (``stare.opinions.read_opinion``), or None if it is not there."""
    try:
        from stare.opinions import InputError, read_opinion
        from stare.opinions.text import decode
    except Exception:  # noqa: BLE001 - the reader is optional; the page says it is unavailable
        return None
    return read_opinion, InputError, decode


class Web:
    """What every request needs: the case base, the interview over it, look-ups, templates, caches."""

    def __init__(self, base: CaseBase):
        self.base = base
        self.interview = Interview.of(base)
        self.cited_by = cited_by(base)
        self.doctrine_uses = doctrine_uses(base)
        self.reader = _opinion_reader()
        self.env = _env()
        self.pictures_cache = _LRU(32)
        self._limiter = None  # made on first use, inside the server's event loop

    # --- reasoning -------------------------------------------------------------------------------

    async def compute(self, fn, *args):
        """Run CPU-bound reasoning in a worker thread, at most ``COMPUTE_THREADS`` at a time: the rest
        wait their turn in order, instead of twenty threads slicing the GIL between them (which makes
        every request slow rather than most fast)."""
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
            json.dumps([analysis.facts, str(analysis.as_of), analysis.excluded], sort_keys=True, default=str).encode()
        ).hexdigest()
        hit = self.pictures_cache.get(key)
        if hit is None:
            hit = pictures(self.base, analysis)
            self.pictures_cache.put(key, hit)
        return hit

    def warm(self) -> None:
        """Build the precedent index and the element tables once, before requests arrive in threads."""
        from stare.model.facts import FactPattern

        factors = list(self.base.doctrine.factors)
        for custody in (False, True):
            fp = FactPattern(
                name="warm-up",
                court="ca9",
                incident_date=dt.date(2000, 1, 1),
                posture="summary_judgment",
                defendant_kind="individual",
                factors=[f for f in factors if custody or f != "IN_CUSTODY"],
            )
            try:
                from stare.reasoning import analyze

                analyze(self.base, fp)
            except Exception:  # noqa: BLE001 - a warm-up only; a real request reports any problem
                log.debug("warm-up analysis failed", exc_info=True)

    # --- pages -----------------------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **ctx) -> HTMLResponse:
        body = self.env.get_template(template).render(reader=self.reader is not None, **ctx)
        return HTMLResponse(body, status_code=status)

    def error_page(self, status: int, title: str, problems: list[str]) -> HTMLResponse:
        return self.page("error.html", status=status, title=title, status_code=status, problems=problems)


def _env() -> Environment:
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


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _attachment(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


# --- the guard: body size and security headers, as pure ASGI middleware ------------------------------


class Guard:
    """Refuses a body over ``limit`` bytes with 413 (by its Content-Length, or by counting as it streams),
    and adds security headers to every response."""

    def __init__(self, app, web: Web, limit: int = MAX_BODY_BYTES):
        self.app, self.web, self.limit = app, web, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        strict = not path.startswith(("/docs", "/redoc"))

        async def send_secure(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if strict:
                    headers.setdefault("Content-Security-Policy", CSP)
            await send(message)

        declared = None
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    await self._refuse(scope, receive, send_secure, 400, "The Content-Length header is not a number.")
                    return
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send_secure, 413, self._too_large(declared))
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            chunks, total, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                total += len(body)
                if total > self.limit:
                    await self._refuse(scope, receive, send_secure, 413, self._too_large(total))
                    return
                chunks.append(body)
                more = message.get("more_body", False)
            whole = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": whole, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_secure)
            return
        await self.app(scope, receive, send_secure)

    def _too_large(self, n: int) -> str:
        return (
            f"The request is {n / 1024 / 1024:.1f} MB or more; the limit is {self.limit / 1024 / 1024:.1f} MB "
            f"(an opinion or fact file of at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB)."
        )

    async def _refuse(self, scope, receive, send, status: int, message: str) -> None:
        if scope.get("path", "").startswith("/api"):
            response: Response = JSONResponse({"detail": [message]}, status_code=status)
        else:
            title = "Too large" if status == 413 else "Bad request"
            response = self.web.error_page(status, title, [message])
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


# --- the app ------------------------------------------------------------------------------------------


def create_app(base: CaseBase | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over ``base`` (the bundled case base by default). ``allowed_hosts`` limits the Host
    header (``stare serve`` passes the loopback names when it binds to loopback, against DNS rebinding)."""
    if base is None:
        from stare.caselaw import load_case_base

        base = load_case_base()
    web = Web(base)
    web.warm()
    app = FastAPI(
        title="stare",
        summary="Reasoning from precedent on the DeShaney rule, its exceptions and qualified immunity.",
        description="The JSON API mirrors the command line: `analyze`, `cases list|show`, `read`. Every "
        "authority it returns is an entry of the verified case base. The HTML pages (the interview, the "
        "analysis, the precedents) are not part of the API.",
        version=_version(),
    )
    app.state.web = web
    app.add_middleware(Guard, web=web)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    # --- errors: readable pages for people, JSON for the API, never a traceback -----------------

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        problems = exc.detail if isinstance(exc.detail, list) else [str(exc.detail)]
        if _is_api(request):
            return JSONResponse({"detail": problems}, status_code=exc.status_code, headers=exc.headers)
        titles = {404: "Not found", 405: "Method not allowed", 413: "Too large", 422: "Cannot use this input"}
        return web.error_page(exc.status_code, titles.get(exc.status_code, "Error"), problems)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if _is_api(request):
            errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
            return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
        problems = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return web.error_page(422, "Cannot use this input", problems)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        message = "stare hit an unexpected error; the details are in the server's log."
        if _is_api(request):
            return JSONResponse({"detail": [message]}, status_code=500)
        return web.error_page(500, "Unexpected error", [message])

    _pages(app, web)
    _interview_pages(app, web)
    _api(app, web)
    return app


def _version() -> str:
    from stare import __version__

    return __version__


async def _form(request: Request):
    """The form, with parts up to the upload limit (the body as a whole is bounded by the guard)."""
    try:
        return await request.form(max_files=4, max_fields=400, max_part_size=MAX_BODY_BYTES)
    except Exception as e:  # noqa: BLE001 - a malformed form is the client's error, said plainly
        raise HTTPException(400, f"The form could not be read: {e}") from None


def _field(form, name: str, limit: int, label: str | None = None) -> str:
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return ""
    if len(value) > limit:
        raise HTTPException(
            413 if limit >= MAX_FACT_FILE_BYTES else 422,
            f"The field '{label or name}' has {len(value):,} characters; at most {limit:,} are allowed.",
        )
    return value


async def _upload(form, name: str, limit: int) -> tuple[bytes, str] | None:
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    raw = await value.read(limit + 1)
    if len(raw) > limit:
        raise HTTPException(413, f"The file {value.filename[:100]!r} is over {limit / 1024 / 1024:.1f} MB; the limit.")
    return raw, value.filename[:200]


async def _fact_file(form) -> tuple[str, str, str | None]:
    """A fact file from a form, uploaded or pasted: its text, where it came from, and a problem if the
    upload is not UTF-8 text."""
    uploaded = await _upload(form, "factfile", MAX_FACT_FILE_BYTES)
    text = _field(form, "yaml", MAX_FACT_FILE_BYTES, "fact file")
    if not uploaded:
        return text, "the fact file", None
    raw, name = uploaded
    try:
        return raw.decode("utf-8-sig"), name, None
    except UnicodeDecodeError:
        return "", name, f"{name}: not UTF-8 text"


def _as_of(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, f"Law as of: {text[:20]!r} is not a real date; write it as YYYY-MM-DD.") from None


def _exclude(text: str) -> list[str]:
    items = [line.strip() for line in (text or "").replace(";", "\n").splitlines() if line.strip()]
    if len(items) > MAX_EXCLUDE:
        raise HTTPException(422, f"At most {MAX_EXCLUDE} citations may be excluded.")
    return items


def _facts_from_text(text: str, where: str) -> object:
    if len(text.encode("utf-8")) > MAX_FACT_FILE_BYTES:
        raise HTTPException(413, f"{where} is over {MAX_FACT_FILE_BYTES:,} bytes, the limit for a fact file.")
    try:
        return load_yaml_text(text, where)
    except DataError as e:
        raise HTTPException(422, e.problems) from None


# --- pages ---------------------------------------------------------------------------------------------


def _pages(app: FastAPI, web: Web) -> None:
    base = web.base

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return web.page("index.html", authorities=len(base.cases), decisions=len(base.decisions()))

    @app.get("/static/style.css", include_in_schema=False)
    def style():
        return Response(_static("style.css"), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form():
        return web.page("analyze.html", problems=[], yaml_text="", as_of="", exclude="")

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_post(request: Request):
        form = await _form(request)
        text, where, problem = await _fact_file(form)
        as_of_text = _field(form, "as_of", 20, "law as of")
        exclude_text = _field(form, "exclude", 5000, "exclude")
        if problem:
            return web.page(
                "analyze.html", 422, problems=[problem], yaml_text="", as_of=as_of_text, exclude=exclude_text
            )
        if not text.strip():
            return web.page(
                "analyze.html",
                422,
                problems=["Upload a fact file or paste one."],
                yaml_text="",
                as_of=as_of_text,
                exclude=exclude_text,
            )
        try:
            data = _facts_from_text(text, where)
            analysis = await web.compute(web.analyze, data, _as_of(as_of_text), _exclude(exclude_text), where)
        except HTTPException as e:
            if e.status_code == 413:
                raise
            problems = e.detail if isinstance(e.detail, list) else [str(e.detail)]
            return web.page(
                "analyze.html", 422, problems=problems, yaml_text=text, as_of=as_of_text, exclude=exclude_text
            )
        except (DataError, UnknownCitation) as e:
            problems = e.problems if isinstance(e, DataError) else [str(e)]
            return web.page(
                "analyze.html", 422, problems=problems, yaml_text=text, as_of=as_of_text, exclude=exclude_text
            )
        return await _analysis_page(web, analysis, as_of_text, exclude_text)

    @app.post("/memo", include_in_schema=False)
    async def memo_post(request: Request):
        form = await _form(request)
        fmt = _field(form, "format", 20) or "markdown"
        if fmt not in MEMO_FORMATS:
            raise HTTPException(422, f"Unknown memo format {fmt[:20]!r}; allowed: {', '.join(MEMO_FORMATS)}.")
        text = _field(form, "facts", MAX_FACT_FILE_BYTES, "facts")
        as_of_text = _field(form, "as_of", 20, "law as of")
        exclude_text = _field(form, "exclude", 5000, "exclude")
        data = _facts_from_text(text, "the facts")
        try:
            analysis = await web.compute(web.analyze, data, _as_of(as_of_text), _exclude(exclude_text))
        except DataError as e:
            raise HTTPException(422, e.problems) from None
        except UnknownCitation as e:
            raise HTTPException(422, str(e)) from None
        return await run_in_threadpool(_memo_response, web, analysis, fmt, True)

    @app.get("/cases", response_class=HTMLResponse, include_in_schema=False)
    def cases_page(
        court: Annotated[str | None, Query(max_length=20)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ):
        if q:
            hit = base.cases.get(q.strip()) or base.by_citation(q)
            if hit is not None:
                return RedirectResponse(f"/cases/{hit.id}", status_code=303)
        rows = sorted(base.cases.values(), key=lambda c: (c.decided, c.id))
        if court:
            rows = [c for c in rows if court in (c.court, c.circuit)]
        if q:
            low = q.lower().strip()
            rows = [c for c in rows if low in c.name.lower() or any(low in x.lower() for x in c.citations)]
        courts = sorted({c.court for c in base.cases.values()})
        return web.page("cases.html", rows=rows, courts=courts, court=court or "", q=q or "")

    @app.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    def case_page(case_id: Annotated[str, Path(max_length=200)]):
        case = base.cases.get(case_id)
        if case is None:
            raise HTTPException(404, f"There is no case {case_id[:100]!r} in the case base.")
        factors = [(f, base.doctrine.factors.get(f), case.factor_notes.get(f)) for f in case.factors]
        history = [(h, base.cases.get(h.case) if h.case else None) for h in case.history]
        return web.page(
            "case.html",
            case=case,
            factors=factors,
            history=history,
            source_file=base.source_file(case.id),
            cited_by=web.cited_by.get(case.id, []),
            uses=web.doctrine_uses.get(case.id, []),
            elements={e: base.doctrine.elements[e].name for e in case.elements if e in base.doctrine.elements},
        )

    @app.get("/read", response_class=HTMLResponse, include_in_schema=False)
    def read_form():
        if web.reader is None:
            raise HTTPException(404, "Reading opinions is not available in this installation.")
        return web.page("read.html", problems=[], result=None, text="", title="")

    @app.post("/read", response_class=HTMLResponse, include_in_schema=False)
    async def read_post(request: Request):
        if web.reader is None:
            raise HTTPException(404, "Reading opinions is not available in this installation.")
        read_opinion, input_error, decode = web.reader
        form = await _form(request)
        uploaded = await _upload(form, "opinion", MAX_UPLOAD_BYTES)
        text = _field(form, "text", MAX_UPLOAD_BYTES, "opinion text")
        title = _field(form, "title", 300, "title").strip()
        name, is_html = "the pasted text", None
        if uploaded:
            raw, name = uploaded
            try:
                text, _notes = decode(raw, name)
            except input_error as e:
                return web.page("read.html", 422, problems=[str(e)], result=None, text="", title=title)
            if name.lower().endswith((".html", ".htm", ".xhtml")):
                is_html = True
        if not text.strip():
            return web.page(
                "read.html", 422, problems=["Upload an opinion or paste its text."], result=None, text="", title=title
            )
        try:
            reading = await run_in_threadpool(
                lambda: read_opinion(text, base, title=title or None, html=is_html, name=name)
            )
        except input_error as e:
            return web.page("read.html", 422, problems=[str(e)], result=None, text="", title=title)
        result = reading.to_dict()
        return web.page("read.html", problems=[], result=result, text="", title=title, name=name, known=set(base.cases))


async def _analysis_page(web: Web, analysis: Analysis, as_of_text: str, exclude_text: str) -> HTMLResponse:
    import base64

    pictures = await run_in_threadpool(web.pictures, analysis)
    d = web.base.doctrine
    facts_yaml = json.dumps(jsonable_encoder(analysis.facts), ensure_ascii=False)
    figures = [(p, "data:image/png;base64," + base64.b64encode(p.png).decode("ascii")) for p in pictures]
    return web.page(
        "analysis.html",
        a=analysis,
        p=analysis.prediction,
        factors=d.factors,
        notes=analysis.facts.get("factor_notes") or {},
        known=set(web.base.cases),
        figures=figures,
        facts_yaml=facts_yaml,
        as_of=as_of_text,
        exclude=exclude_text,
        formats=MEMO_FORMATS,
    )


def _memo_response(web: Web, analysis: Analysis, fmt: str, with_pictures: bool) -> Response:
    from stare.report.export import FORMATS, export_memo, filename_for

    pictures = web.pictures(analysis) if with_pictures else []
    data = export_memo(analysis, fmt, pictures)
    return _attachment(data, filename_for(analysis, fmt), FORMATS[fmt][1])


@cache
def _static(name: str) -> bytes:
    from importlib.resources import files

    return (files("stare.web") / "static" / name).read_bytes()


# --- the interview pages ------------------------------------------------------------------------------


def _interview_pages(app: FastAPI, web: Web) -> None:
    iv = web.interview

    def step_page(
        answers: Answers,
        step_id: str,
        status: int = 200,
        errors: dict | None = None,
        editing: bool = False,
        raw: dict | None = None,
    ) -> HTMLResponse:
        active = iv.active_steps(answers)
        ids = [s.id for s in active]
        step = next((s for s in active if s.id == step_id), None) or iv.next_step(answers, None)
        questions = []
        for key in step.keys:
            q = iv.question(key)
            example = iv.example(key, answers.court) if q.is_factor else None
            value = (raw or {}).get(key, answers.value(key))
            if value is None:
                value = q.default
            questions.append(
                {
                    "q": q,
                    "value": value,
                    "note": (raw or {}).get(f"note_{key}", answers.notes.get(key, "")),
                    "example": example,
                    "error": (errors or {}).get(key),
                }
            )
        return web.page(
            "interview_step.html",
            status=status,
            step=step,
            questions=questions,
            number=ids.index(step.id) + 1 if step.id in ids else 1,
            total=len(ids),
            state=answers.model_dump_json(),
            editing=editing,
            how=iv.how_taken(answers),
            errors=errors or {},
            first=step.id == ids[0],
        )

    def review_page(
        answers: Answers, status: int = 200, problems: list[str] | None = None, notice: list[str] | None = None
    ) -> HTMLResponse:
        missing = iv.missing(answers)
        first = iv.first_unanswered(answers)
        return web.page(
            "interview_review.html",
            status=status,
            rows=iv.summary(answers),
            missing=missing,
            first_missing=first.id if first else None,
            state=answers.model_dump_json(),
            problems=problems or [],
            notice=notice or [],
        )

    def apply_step(answers: Answers, step_id: str, form, skip_empty: bool) -> tuple[Answers, dict[str, str], dict]:
        errors: dict[str, str] = {}
        raw: dict[str, str] = {}
        try:
            step = iv.step(step_id)
        except KeyError:
            raise HTTPException(422, f"Unknown interview step {step_id[:60]!r}.") from None
        for key in step.keys:
            if iv.skip_reason(key, answers) is not None:
                continue
            q = iv.question(key)
            limit = 2 * (q.max_length or 1000) + 100  # beyond this, refuse; below it, answer() explains
            value = _field(form, key, limit, q.prompt) if key in form else None
            note = _field(form, f"note_{key}", 2000, f"the note on {key}") if q.is_factor else None
            raw[key] = value
            if q.is_factor:
                raw[f"note_{key}"] = note
            if skip_empty and not (value or "").strip():
                continue  # leaving a page without answering: nothing to record, nothing wrong
            try:
                answers = iv.answer(answers, key, value, note)
            except AnswerError as e:
                errors[key] = str(e)
        return answers, errors, raw

    @app.get("/interview", response_class=HTMLResponse, include_in_schema=False)
    def interview_start():
        return web.page("interview_start.html", first=iv.steps()[0].id, state=Answers().model_dump_json())

    @app.post("/interview", response_class=HTMLResponse, include_in_schema=False)
    async def interview_post(request: Request):
        form = await _form(request)
        state = _field(form, "state", MAX_STATE_CHARS, "interview state")
        answers = parse_state(state)
        action = _field(form, "action", 100) or "next"
        step_id = _field(form, "step", 100)
        editing = _field(form, "editing", 5) == "1"
        if action == "restart":
            return step_page(Answers(), iv.steps()[0].id)
        if action.startswith("goto:"):
            target = action[5:]
            if target not in [s.id for s in iv.steps()]:
                raise HTTPException(422, f"Unknown interview step {target[:60]!r}.")
            return step_page(answers, target, editing=True)
        if step_id == "review" or not step_id:
            if action == "download":
                return _attachment(iv.to_yaml(answers).encode("utf-8"), _yaml_name(answers), "application/x-yaml")
            if action == "analyze":
                try:
                    fp = iv.fact_pattern(answers)
                    analysis = await web.compute(web.analyze, fp.model_dump(mode="json"), None, [])
                except DataError as e:
                    return review_page(answers, 422, problems=e.problems)
                return await _analysis_page(web, analysis, "", "")
            if action == "start":
                return step_page(answers, iv.steps()[0].id)
            if action == "continue":
                first = iv.first_unanswered(answers)
                return step_page(answers, first.id) if first else review_page(answers)
            return review_page(answers)
        answers, errors, raw = apply_step(answers, step_id, form, skip_empty=action != "next")
        if action == "back":  # going back keeps what is valid and says nothing of the rest
            prev = iv.previous_step(answers, step_id)
            return step_page(answers, prev.id if prev else step_id)
        if errors:  # a wrong answer is never dropped silently: the page comes back with the message
            return step_page(answers, step_id, 422, errors=errors, editing=editing, raw=raw)
        if action == "download":
            return _attachment(iv.to_yaml(answers).encode("utf-8"), _yaml_name(answers), "application/x-yaml")
        if action == "review" or editing:
            return review_page(answers)
        nxt = iv.next_step(answers, step_id)
        return step_page(answers, nxt.id) if nxt else review_page(answers)

    @app.post("/interview/load", response_class=HTMLResponse, include_in_schema=False)
    async def interview_load(request: Request):
        form = await _form(request)
        text, where, problem = await _fact_file(form)
        if problem:
            return web.page(
                "interview_start.html",
                422,
                first=iv.steps()[0].id,
                state=Answers().model_dump_json(),
                problems=[problem],
            )
        if not text.strip():
            return web.page(
                "interview_start.html",
                422,
                first=iv.steps()[0].id,
                state=Answers().model_dump_json(),
                problems=["Choose a fact file to continue from."],
            )
        answers, problems = iv.from_yaml(text, where)
        return review_page(answers, problems=problems, notice=[f"Loaded {where}."])


def _yaml_name(answers: Answers) -> str:
    from stare.report.export import slug

    return f"stare-facts-{slug(answers.name or '', 'interview')}.yaml"


# --- the JSON API ---------------------------------------------------------------------------------------


def _api(app: FastAPI, web: Web) -> None:
    base = web.base
    problems = {422: {"model": Problems, "description": "the input is wrong; each problem names the field"}}

    def run(req: AnalyzeRequest) -> Analysis:
        try:
            return web.analyze(req.facts, req.as_of, req.exclude_citation)
        except DataError as e:
            raise HTTPException(422, e.problems) from None
        except UnknownCitation as e:
            raise HTTPException(422, [str(e)]) from None

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health():
        return Health(
            status="ok", authorities=len(base.cases), decisions=len(base.decisions()), reader=web.reader is not None
        )

    @app.post("/api/analyze", response_model=Analysis, responses=problems, tags=["analyze"])
    async def api_analyze(req: AnalyzeRequest):
        """Analyze a fact pattern (``stare analyze FILE --format json``): elements, arguments, clearly
        established, prediction."""

        def work() -> bytes:
            # the Analysis is already validated: serialize it once, as the CLI does, not again via FastAPI
            return run(req).model_dump_json().encode()

        return Response(await web.compute(work), media_type="application/json")

    @app.post(
        "/api/memo",
        response_class=Response,
        responses={
            **problems,
            200: {
                "description": "the memo as a file",
                "content": {
                    "text/markdown": {},
                    "text/html": {},
                    "application/pdf": {},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                },
            },
        },
        tags=["analyze"],
    )
    def api_memo(req: MemoRequest):
        """The memo (``stare analyze --format markdown``) as markdown, HTML, PDF or Word, with the pictures."""
        return _memo_response(web, run(req), req.format, req.pictures)

    @app.post(
        "/api/pictures/{name}",
        response_class=Response,
        responses={**problems, 200: {"content": {"image/png": {}}, "description": "a PNG"}},
        tags=["analyze"],
    )
    def api_picture(name: Literal["timeline", "precedent-map"], req: AnalyzeRequest):
        """A picture of the analysis: the binding precedents' timeline with the incident date, or the
        precedent map (classical MDS of Jaccard distances between factor sets)."""
        pictures = web.pictures(run(req))
        png = pictures[PICTURE_NAMES.index(name)].png
        return Response(png, media_type="image/png")

    @app.get("/api/cases", response_model=list[CaseSummary], tags=["cases"])
    def api_cases(court: Annotated[str | None, Query(max_length=20, description="only this court")] = None):
        """The authorities in the case base (``stare cases list --format json``)."""
        rows = sorted(base.cases.values(), key=lambda c: (c.court, c.decided))
        if court:
            rows = [c for c in rows if court in (c.court, c.circuit)]
        return [CaseSummary(**c.summary()) for c in rows]

    @app.get("/api/cases/{ref}", tags=["cases"], responses={404: {"model": Problems}})
    def api_case(ref: Annotated[str, Path(max_length=200, description="a case id or a citation")]) -> dict[str, Any]:
        """One authority (``stare cases show ID --format json``), with its data file and the cases whose
        history names it."""
        case = base.cases.get(ref) or base.by_citation(ref)
        if case is None:
            import difflib

            near = difflib.get_close_matches(ref, list(base.cases), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise HTTPException(404, [f"no case {ref[:100]!r} in the case base{hint}"])
        data = case.model_dump(mode="json")
        data["source_file"] = base.source_file(case.id)
        data["cited_by"] = web.cited_by.get(case.id, [])
        return data

    @app.get("/api/factors", tags=["cases"])
    def api_factors() -> list[dict[str, Any]]:
        """The factor vocabulary: id, side, fact, question, elements."""
        return [f.model_dump(mode="json") for f in base.doctrine.factors.values()]

    @app.get("/api/interview", tags=["interview"])
    def api_interview(court: Annotated[str | None, Query(max_length=20)] = None) -> dict[str, Any]:
        """The guided interview as data: its steps, its questions in order (with help and an example from
        a real precedent), and its skip rules."""
        iv = web.interview
        questions = []
        for q in iv.questions():
            ex = iv.example(q.key, court) if q.is_factor else None
            questions.append(
                {
                    "key": q.key,
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "help": q.help,
                    "choices": [list(c) for c in q.choices],
                    "required": q.required,
                    "side": q.side,
                    "example": None if ex is None else {"case_id": ex.case_id, "line": ex.line},
                }
            )
        return {
            "steps": [{"id": s.id, "title": s.title, "keys": list(s.keys)} for s in iv.steps()],
            "questions": questions,
            "skip_rules": [
                {
                    "question": r.question,
                    "reason": r.reason,
                    "unless_yes": list(r.unless_yes),
                    "if_yes": list(r.if_yes),
                    "if_detail": list(r.if_detail) if r.if_detail else None,
                }
                for r in iv.rules
            ],
        }

    if web.reader is not None:

        @app.post("/api/read", tags=["read"], responses={**problems, 413: {"model": Problems}})
        def api_read(req: ReadRequest) -> dict[str, Any]:
            """Read an opinion (``stare read FILE --format json``): the table of authorities, short forms,
            Id., nicknames, star pages, and the cite-check warnings."""
            read_opinion, input_error, _decode = web.reader
            try:
                return read_opinion(req.text, base, title=req.title, html=req.html, name="text").to_dict()
            except input_error as e:
                raise HTTPException(422, [str(e)]) from None


# --- serving --------------------------------------------------------------------------------------------


def serve(host: str = "127.0.0.1", port: int = 8000, base: CaseBase | None = None) -> None:
    """Run the app with uvicorn. On a loopback host the Host header is limited to loopback names."""
    import uvicorn

    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if host in LOOPBACK else None
    app = create_app(base, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)
