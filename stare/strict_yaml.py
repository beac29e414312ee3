"""Reading YAML strictly, and writing it in the one form stare uses everywhere.

Every file stare reads (fact files, case files, doctrine, uploads) goes through ``load``:

- the text is bounded in size before it is parsed;
- anchors, aliases and tags are refused, and nesting depth and the number of nodes are bounded, from the
  parser's event stream, before anything is built (so an alias bomb or a 5,000-deep list costs nothing);
- a mapping with the same key twice is refused, naming the key and both lines;
- dates and times stay text, so that the model names the field of an impossible date.

The results are the same whether PyYAML's C parser (libyaml) is installed or not. Messages name the
place (file, line, column) and never echo more than a few dozen characters of the input.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from stare.model.errors import clip


class YamlError(ValueError):
    """The text is not YAML stare accepts; the message says where and why."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000
    max_depth: int = 24
    max_nodes: int = 200_000


DEFAULT_LIMITS = Limits()


def _no_timestamps(resolvers: dict) -> dict:
    return {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in resolvers.items()}


class _StrictConstruction:
    """Safe YAML that leaves dates as text and refuses a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        seen: dict[object, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise YamlError(f"a mapping key must be plain text (line {key_node.start_mark.line + 1})") from None
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(
                    f"the key {clip(key)} is given twice in one mapping (lines {seen[key]} and {line}); "
                    "keep one, since stare will not guess which you meant"
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _loader(base: type) -> type:
    cls = type(f"Strict{base.__name__}", (_StrictConstruction, base), {})
    cls.yaml_implicit_resolvers = _no_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)
    return cls


#: the parsers stare can read with: libyaml's where installed, and PyYAML's own; results are the same
PARSERS: dict[str, type] = {"python": _loader(yaml.SafeLoader)}
if hasattr(yaml, "CSafeLoader"):
    PARSERS["libyaml"] = _loader(yaml.CSafeLoader)
DEFAULT_PARSER = "libyaml" if "libyaml" in PARSERS else "python"


def _at(event, where: str) -> str:
    mark = getattr(event, "start_mark", None)
    return f"{where} (line {mark.line + 1}, column {mark.column + 1})" if mark else where


def _screen(text: str, where: str, limits: Limits, loader: type) -> None:
    """Walk the parser's events: refuse anchors, aliases and explicit tags; bound depth and node count."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(f"{_at(event, where)}: aliases (*{clip(event.anchor, 20)[1:-1]}) are not allowed")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise YamlError(f"{_at(event, where)}: anchors (&{clip(anchor, 20)[1:-1]}) are not allowed")
            tag = getattr(event, "tag", None)
            if tag is not None:
                tag = tag.replace("tag:yaml.org,2002:", "!!")
                hint = " (write a date plainly, as 2019-01-12)" if "timestamp" in tag else ""
                raise YamlError(f"{_at(event, where)}: tags such as {clip(tag, 40)[1:-1]} are not allowed{hint}")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise YamlError(f"{_at(event, where)}: nested more than {limits.max_depth} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > limits.max_nodes:
                    raise YamlError(f"{where}: more than {limits.max_nodes:,} values; this is not a file stare reads")
    except yaml.YAMLError as e:
        raise YamlError(_describe(e, where)) from None


def _describe(e: yaml.YAMLError, where: str) -> str:
    mark = getattr(e, "problem_mark", None)
    at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    if "maximum nesting depth" in problem:  # libyaml's own bound, met before stare's: say it the same way
        return f"{where}{at}: nested more than {DEFAULT_LIMITS.max_depth} levels deep"
    return f"{where}: malformed YAML{at}: {clip(problem, 120)[1:-1]}"


def load(text: str, where: str, limits: Limits = DEFAULT_LIMITS, parser: str = DEFAULT_PARSER) -> object:
    """Parse one YAML document strictly; raise ``YamlError`` naming the place of the first problem."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise YamlError(f"{where}: larger than {limits.max_bytes:,} bytes; this is not a file stare reads")
    loader = PARSERS[parser]
    _screen(text, where, limits, loader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except YamlError as e:
        raise YamlError(f"{where}: {e}") from None
    except yaml.YAMLError as e:
        raise YamlError(_describe(e, where)) from None


def load_bytes(raw: bytes, where: str, limits: Limits = DEFAULT_LIMITS, parser: str = DEFAULT_PARSER) -> object:
    """Bytes from a file or an upload: refuse binary and non-UTF-8 text before parsing."""
    if len(raw) > limits.max_bytes:
        raise YamlError(f"{where}: {len(raw):,} bytes; stare reads at most {limits.max_bytes:,} here")
    if b"\x00" in raw[:8192]:
        raise YamlError(f"{where}: this is a binary file, not YAML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise YamlError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    return load(text, where, limits, parser)


# --- writing -------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes dates as plain ISO dates (no tags) and long text as folded blocks."""


_Dumper.yaml_implicit_resolvers = _no_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)


def _str_rep(dumper, s: str):
    if "\n" in s or len(s) > 70:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s.strip() + "\n" if "\n" in s else s, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", s)


def _date_rep(dumper, d):
    return dumper.represent_scalar("tag:yaml.org,2002:str", d.isoformat())


_Dumper.add_representer(str, _str_rep)
_Dumper.add_representer(__import__("datetime").date, _date_rep)


def dump(data: object) -> str:
    """YAML as stare writes it everywhere (case files, fact files): plain dates, folded long text."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
