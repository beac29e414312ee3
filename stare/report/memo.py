"""The memo a lawyer could file as a first draft, rendered from a Jinja2 template."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from stare.model.analysis import Analysis


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("stare.report", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.filters["yesno"] = lambda b: "yes" if b else "no"
    env.filters["md"] = escape_markdown
    return env


def escape_markdown(text: object) -> str:
    """User text goes into the memo as text, never as markup or HTML."""
    s = str(text)
    for ch in ("\\", "`", "*", "[", "]", "<", ">", "|"):
        s = s.replace(ch, "\\" + ch)
    return s


def render_memo(analysis: Analysis) -> str:
    by_id = {a.id: a for a in analysis.authorities}
    return _env().get_template("memo.md.j2").render(a=analysis, by_id=by_id)
