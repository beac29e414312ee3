"""Reading forms: bounded fields, uploads, fact files (YAML text or an upload), dates, exclusions."""

from __future__ import annotations

import datetime as dt

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from stare.caselaw import MAX_FACT_FILE_BYTES, DataError, load_yaml_text
from stare.web.security import MAX_BODY_BYTES, MAX_EXCLUDE


async def read_form(request: Request):
    """The form, with parts up to the upload limit (the body as a whole is bounded by the guard)."""
    try:
        return await request.form(max_files=4, max_fields=400, max_part_size=MAX_BODY_BYTES)
    except Exception as e:  # noqa: BLE001 - a malformed form is the client's error, said plainly
        raise HTTPException(400, f"The form could not be read: {str(e)[:200]}") from None


def field(form, name: str, limit: int, label: str | None = None) -> str:
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return ""
    if len(value) > limit:
        raise HTTPException(
            413 if limit >= MAX_FACT_FILE_BYTES else 422,
            f"The field '{label or name}' has {len(value):,} characters; at most {limit:,} are allowed.",
        )
    return value


async def upload(form, name: str, limit: int) -> tuple[bytes, str] | None:
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    raw = await value.read(limit + 1)
    if len(raw) > limit:
        raise HTTPException(413, f"The file {value.filename[:100]!r} is over {limit / 1024 / 1024:.1f} MB, the limit.")
    return raw, value.filename[:200]


async def fact_file(form) -> tuple[str, str, str | None]:
    """A fact file from a form, uploaded or pasted: its text, where it came from, and a problem if the
    upload is not UTF-8 text."""
    uploaded = await upload(form, "factfile", MAX_FACT_FILE_BYTES)
    text = field(form, "yaml", MAX_FACT_FILE_BYTES, "fact file")
    if not uploaded:
        return text, "the fact file", None
    raw, name = uploaded
    if b"\x00" in raw[:8192]:
        return "", name, f"{name}: this is a binary file, not a fact file (YAML)"
    try:
        return raw.decode("utf-8-sig"), name, None
    except UnicodeDecodeError:
        return "", name, f"{name}: not UTF-8 text"


def as_of(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, f"Law as of: {text[:20]!r} is not a real date; write it as YYYY-MM-DD.") from None


def exclude(text: str) -> list[str]:
    items = [line.strip() for line in (text or "").replace(";", "\n").splitlines() if line.strip()]
    if len(items) > MAX_EXCLUDE:
        raise HTTPException(422, f"At most {MAX_EXCLUDE} citations may be excluded.")
    return items


def facts_from_text(text: str, where: str) -> object:
    """YAML text read strictly (``stare.strict_yaml``): a key twice, an alias or a tag is a 422, not a guess."""
    if len(text.encode("utf-8")) > MAX_FACT_FILE_BYTES:
        raise HTTPException(413, f"{where} is over {MAX_FACT_FILE_BYTES:,} bytes, the limit for a fact file.")
    try:
        return load_yaml_text(text, where)
    except DataError as e:
        raise HTTPException(422, e.problems) from None
