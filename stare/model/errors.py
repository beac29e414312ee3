"""The one error stare raises for wrong input or data: every problem, each naming its place."""

from __future__ import annotations


class DataError(Exception):
    """A data or input file is wrong. The message names the file, the field and what is allowed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def clip(value: object, limit: int = 40) -> str:
    """A value as a message may show it: its repr, cut to ``limit`` characters (never unbounded input)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_of(err, where: str, hints: dict[str, str] | None = None) -> list[str]:
    """A pydantic ValidationError as lines naming the field, with bounded echoes of the input."""
    out = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"]) or "(top level)"
        field = str(e["loc"][0]) if e["loc"] else ""
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "is not a field stare knows" + (f"; {hints['extra']}" if hints and "extra" in hints else "")
        elif e["type"] in ("literal_error", "enum") or (hints and field in hints):
            msg = f"got {clip(e.get('input'))}; " + (hints.get(field) if hints and field in hints else msg)
        elif e["type"].startswith(("date_", "int_", "bool_", "string_", "list_", "dict_", "model_")):
            msg = f"{msg} (got {clip(e.get('input'))})"
        out.append(f"{where}: field '{loc}': {msg}")
    return out
