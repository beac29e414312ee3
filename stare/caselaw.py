"""Reading and writing the case base: YAML files in ``caselaw/`` to model records and back.

This is the only module that touches the data files. It validates every file against the model and
every cross-reference between files, and it can rewrite every file in the one canonical form.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.courts import is_court
from stare.model.doctrine import CircuitTest, Doctrine, Element, Factor, Rule
from stare.model.facts import FactPattern
from stare.model.vocabulary import DEFENDANT_KINDS, POSTURES

#: the bundled case base; STARE_CASELAW points stare at another copy (a fork, a snapshot, a test)
DEFAULT_ROOT = Path(os.environ.get("STARE_CASELAW") or Path(__file__).resolve().parent.parent / "caselaw")
MAX_FACT_FILE_BYTES = 1_000_000


class DataError(Exception):
    """A data or input file is wrong. The message names the file, the field and what is allowed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Problem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml's parser where installed) that leaves dates as text, so pydantic names the
    field of an impossible date."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_text(text: str, where: str) -> object:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise DataError([f"{where}: malformed YAML{at}: {getattr(e, 'problem', e)}"]) from None


def _read_yaml(path: Path) -> object:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise DataError([f"{path}: this is a binary file, not YAML"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError([f"{path}: not UTF-8 text ({e.reason} at byte {e.start})"]) from None
    return load_yaml_text(text, str(path))


def _pydantic_problems(path: str, err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"]) or "(top level)"
        msg = e["msg"]
        if e["type"] == "literal_error":
            msg = f"{msg}; got {e.get('input')!r}"
        out.append(f"{path}: field '{loc}': {msg}")
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_doctrine(root: Path = DEFAULT_ROOT) -> tuple[Doctrine, list[str]]:
    problems: list[str] = []
    factors: dict[str, Factor] = {}
    elements: dict[str, Element] = {}
    rules: dict[str, Rule] = {}
    circuits: dict[str, CircuitTest] = {}

    def load_list(path: Path, key: str, model, into: dict):
        try:
            data = _read_yaml(path)
        except DataError as e:
            problems.extend(e.problems)
            return
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            problems.append(f"{_rel(path, root)}: expected a mapping with a list under '{key}'")
            return
        for i, item in enumerate(data[key]):
            try:
                rec = model.model_validate(item)
            except ValidationError as e:
                problems.extend(_pydantic_problems(f"{_rel(path, root)} [{key} {i}]", e))
                continue
            if rec.id in into:
                problems.append(f"{_rel(path, root)}: duplicate id {rec.id}")
            into[rec.id] = rec

    load_list(root / "factors.yaml", "factors", Factor, factors)
    load_list(root / "doctrine" / "elements.yaml", "elements", Element, elements)
    for path in sorted((root / "doctrine").glob("*.yaml")):
        if path.name != "elements.yaml":
            load_list(path, "rules", Rule, rules)
    for path in sorted((root / "circuits").glob("*.yaml")):
        try:
            data = _read_yaml(path)
            test = CircuitTest.model_validate(data)
        except DataError as e:
            problems.extend(e.problems)
            continue
        except ValidationError as e:
            problems.extend(_pydantic_problems(_rel(path, root), e))
            continue
        if test.court != path.stem:
            problems.append(f"{_rel(path, root)}: court {test.court} does not match the file name")
        circuits[test.court] = test
    doctrine = Doctrine(factors=factors, elements=elements, rules=rules, circuits=circuits)
    return doctrine, problems


def load_case_base(root: Path | str = DEFAULT_ROOT, strict: bool = True, deep: bool = False) -> CaseBase:
    """Load and validate the whole case base. With ``strict``, any problem raises ``DataError``; ``deep``
    adds the checks that need eyecite and reporters-db (``stare validate`` runs them)."""
    root = Path(root)
    doctrine, problems = load_doctrine(root)
    cases: dict[str, Case] = {}
    files: dict[str, str] = {}
    for path in sorted((root / "cases").glob("*.yaml")):
        rel = _rel(path, root)
        try:
            case = Case.model_validate(_read_yaml(path))
        except DataError as e:
            problems.extend(e.problems)
            continue
        except ValidationError as e:
            problems.extend(_pydantic_problems(rel, e))
            continue
        if case.id != path.stem:
            problems.append(f"{rel}: id {case.id} does not match the file name")
        cases[case.id] = case
        files[case.id] = rel
    base = CaseBase(doctrine=doctrine, cases=cases, files=files)
    problems.extend(cross_reference_problems(base))
    if deep:
        problems.extend(citation_problems(base))
    if strict and problems:
        raise DataError(problems)
    return base


def cross_reference_problems(base: CaseBase) -> list[str]:
    """Every id one file names must exist in another: factors, elements, cases, courts."""
    d = base.doctrine
    out: list[str] = []

    def need_case(where: str, cid: str | None):
        if cid is not None and cid not in base.cases:
            out.append(f"{where}: names case '{cid}', which is not in caselaw/cases")

    for f in d.factors.values():
        for e in f.elements:
            if e not in d.elements:
                out.append(f"caselaw/factors.yaml: factor {f.id} names unknown element '{e}'")
        for cid in f.examples:
            need_case(f"caselaw/factors.yaml: factor {f.id} example", cid)
            if cid in base.cases and f.id not in base.cases[cid].factors:
                out.append(f"caselaw/factors.yaml: factor {f.id} gives {cid} as an example, but that case lacks it")
    for el in d.elements.values():
        for s in el.sources:
            need_case(f"caselaw/doctrine/elements.yaml: element {el.id}", s.case)
        for rule in el.decisive:
            for s in rule.sources:
                need_case(f"caselaw/doctrine/elements.yaml: element {el.id} decisive facts", s.case)
            for fid in rule.when + rule.unless:
                if fid not in d.factors:
                    out.append(f"caselaw/doctrine/elements.yaml: element {el.id} names unknown factor '{fid}'")
                elif el.id not in d.factors[fid].elements:
                    out.append(
                        f"caselaw/doctrine/elements.yaml: element {el.id} decides on {fid}, which does not bear on it"
                    )
    for r in d.rules.values():
        for s in r.sources:
            need_case(f"caselaw/doctrine: rule {r.id}", s.case)
        for e in r.elements:
            if e not in d.elements:
                out.append(f"caselaw/doctrine: rule {r.id} names unknown element '{e}'")
        for fid in r.applies_when:
            if fid not in d.factors:
                out.append(f"caselaw/doctrine: rule {r.id} names unknown factor '{fid}'")
        if r.defeats and r.defeats not in d.rules:
            out.append(f"caselaw/doctrine: rule {r.id} defeats unknown rule '{r.defeats}'")
        if r.adds_to and r.adds_to not in d.rules:
            out.append(f"caselaw/doctrine: rule {r.id} adds to unknown rule '{r.adds_to}'")
    for ct in d.circuits.values():
        where = f"caselaw/circuits/{ct.court}.yaml"
        if not is_court(ct.court):
            out.append(f"{where}: '{ct.court}' is not a courts-db court id")
        for s in ct.refusal:
            need_case(where, s.case)
        if ct.controlling_authority_only:
            need_case(where, ct.controlling_authority_only.case)
        for v in ct.versions:
            need_case(where, v.source.case)
            for ce in v.elements:
                need_case(where, ce.source.case)
                for m in ce.maps_to:
                    if m not in d.elements:
                        out.append(f"{where}: element {ce.id} maps to unknown element '{m}'")
    seen_cites: dict[str, str] = {}
    from stare.model.casebase import normalize_citation

    for c in base.cases.values():
        where = base.files.get(c.id, c.id)
        if not is_court(c.court):
            out.append(f"{where}: court '{c.court}' is not a courts-db court id")
        if c.circuit and not is_court(c.circuit):
            out.append(f"{where}: circuit '{c.circuit}' is not a courts-db court id")
        for fid in c.factors:
            if fid not in d.factors:
                out.append(f"{where}: unknown factor '{fid}'")
        for eid in c.elements:
            if eid not in d.elements:
                out.append(f"{where}: unknown element '{eid}'")
        for h in c.history:
            need_case(where, h.case)
        for cite in c.citations:
            key = normalize_citation(cite)
            if key in seen_cites and seen_cites[key] != c.id:
                out.append(f"{where}: citation {cite} is also claimed by {seen_cites[key]}")
            seen_cites[key] = c.id
        if c.kind == "decision" and c.outcome.violation is not None and not c.factors:
            out.append(f"{where}: a decision on the facts records its factors")
    # version links go both ways
    from stare.model.vocabulary import VERSION_RELATIONS

    inverse = {
        "amends": "amended_by",
        "amended_by": "amends",
        "rehearing_en_banc_of": "reheard_en_banc_as",
        "reheard_en_banc_as": "rehearing_en_banc_of",
        "supersedes": "superseded_by",
        "superseded_by": "supersedes",
    }
    for c in base.cases.values():
        for h in c.history:
            if h.relation in VERSION_RELATIONS and h.case in base.cases:
                other = base.cases[h.case]
                if not any(x.relation == inverse[h.relation] and x.case == c.id for x in other.history):
                    out.append(
                        f"{base.files.get(c.id, c.id)}: {h.relation} {h.case}, but {h.case} does not record "
                        f"{inverse[h.relation]} {c.id}"
                    )
    return out


def citation_problems(base: CaseBase) -> list[str]:
    """Every citation is one eyecite reads as a case citation, in a reporter reporters-db knows, and the
    decision date falls within that reporter's years (a wrong series, "F.2d" for "F.3d", shows here)."""
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation

    out = []
    for c in base.cases.values():
        where = base.files.get(c.id, c.id)
        for cite in c.citations:
            found = [x for x in get_citations(cite) if isinstance(x, FullCaseCitation)]
            if not found:
                out.append(f"{where}: citation '{cite}' is not a reporter citation eyecite can read")
                continue
            editions = found[0].all_editions or ([found[0].edition_guess] if found[0].edition_guess else [])
            spans = [(e.start and e.start.date(), e.end and e.end.date()) for e in editions]
            if spans and not any((s is None or s <= c.decided) and (e is None or c.decided <= e) for s, e in spans):
                years = ", ".join(f"{s.year if s else '?'}-{e.year if e else 'today'}" for s, e in spans)
                out.append(f"{where}: {cite} is dated {c.decided}, outside its reporter's years ({years})")
    return out


# --- fact files ----------------------------------------------------------------------------------


def load_fact_pattern(path: Path | str, doctrine: Doctrine) -> FactPattern:
    path = Path(path)
    if not path.exists():
        raise DataError([f"{path}: no such file"])
    if path.is_dir():
        raise DataError([f"{path}: is a folder; give a fact file (YAML)"])
    if path.stat().st_size > MAX_FACT_FILE_BYTES:
        raise DataError([f"{path}: {path.stat().st_size:,} bytes; a fact file is at most {MAX_FACT_FILE_BYTES:,}"])
    return parse_fact_pattern(_read_yaml(path), doctrine, str(path))


def parse_fact_pattern(data: object, doctrine: Doctrine, where: str = "facts") -> FactPattern:
    """Validate a fact pattern, naming each wrong field and the values it allows."""
    if not isinstance(data, dict):
        raise DataError([f"{where}: expected a mapping of fields (name, court, incident_date, ...)"])
    problems: list[str] = []
    allowed = set(FactPattern.model_fields)
    for k in data:
        if k not in allowed:
            problems.append(f"{where}: unknown field '{k}'; allowed fields: {', '.join(sorted(allowed))}")
    court = data.get("court")
    if isinstance(court, str) and not is_court(court):
        from stare.model.courts import close_court_ids

        problems.append(
            f"{where}: field 'court': '{court}' is not a courts-db court id; did you mean one of "
            f"{', '.join(close_court_ids(court))}? (circuits: ca1 .. ca11, cadc; scotus)"
        )
    factors = data.get("factors") or []
    if not isinstance(factors, list):
        problems.append(f"{where}: field 'factors': expected a list of factor ids")
        factors = []
    for f in factors:
        if f not in doctrine.factors:
            import difflib

            near = difflib.get_close_matches(str(f), list(doctrine.factors), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            problems.append(
                f"{where}: field 'factors': unknown factor id '{f}'{hint} Allowed: {', '.join(doctrine.factors)}"
            )
    notes = data.get("factor_notes") or {}
    if isinstance(notes, dict):
        for f in notes:
            if f not in factors:
                problems.append(f"{where}: field 'factor_notes': '{f}' is not among the listed factors")
    if len(set(map(str, factors))) != len(factors):
        problems.append(f"{where}: field 'factors': a factor is listed twice")
    try:
        fp = FactPattern.model_validate({k: v for k, v in data.items() if k in allowed})
    except ValidationError as e:
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            msg = err["msg"]
            if loc == "posture":
                msg = f"got {err.get('input')!r}; allowed: {', '.join(POSTURES)}"
            elif loc == "defendant_kind":
                msg = f"got {err.get('input')!r}; allowed: {', '.join(DEFENDANT_KINDS)}"
            elif loc == "incident_date":
                msg = f"got {err.get('input')!r}: {msg} (write a real date as YYYY-MM-DD)"
            problems.append(f"{where}: field '{loc}': {msg}")
        raise DataError(problems) from None
    if fp.incident_date > dt.date.today():
        problems.append(f"{where}: field 'incident_date': {fp.incident_date} is in the future")
    if problems:
        raise DataError(problems)
    return fp


# --- canonical form ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes dates as bare dates and long text as folded blocks."""


_Dumper.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _str_rep(dumper, s: str):
    if "\n" in s or len(s) > 70:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s.strip() + "\n" if "\n" in s else s, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", s)


_Dumper.add_representer(str, _str_rep)


def dump_yaml(data: object) -> str:
    """YAML as stare writes it everywhere (case files, fact files): bare dates, folded long text."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def canonical_yaml(case: Case) -> str:
    """One case in the one canonical form: schema order, defaults left out, folded long text."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("kind", case.kind)
    data.setdefault("doctrine", case.doctrine)
    if case.kind == "decision":
        data["outcome"] = case.outcome.model_dump(mode="json")  # every prong, even when not reached
    ordered = {k: data[k] for k in Case.model_fields if k in data}
    return dump_yaml(ordered)


def fix_case_files(root: Path | str = DEFAULT_ROOT) -> list[str]:
    """Rewrite every valid case file in canonical form; returns the files that changed."""
    root = Path(root)
    changed = []
    for path in sorted((root / "cases").glob("*.yaml")):
        try:
            case = Case.model_validate(_read_yaml(path))
        except (DataError, ValidationError):
            continue  # never rewrite a file we could not read: no lost data
        text = canonical_yaml(case)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(_rel(path, root))
    return changed
