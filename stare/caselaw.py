"""Reading and writing the case base: YAML files in ``caselaw/`` to model records and back.

This is the only module that touches the data files. It validates every file against the model and
every cross-reference between files, and it can rewrite every file in the one canonical form.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from stare import strict_yaml
from stare.model.case import Case, SecondCoding
from stare.model.casebase import CaseBase
from stare.model.courts import is_court
from stare.model.doctrine import BasisRule, CircuitTest, Doctrine, Element, Factor, PostureRule, Rule, Weighing
from stare.model.errors import DataError, problems_of
from stare.model.facts import FactPattern, read_fact_pattern

#: the bundled case base; STARE_CASELAW points stare at another copy (a fork, a snapshot, a test)
DEFAULT_ROOT = Path(os.environ.get("STARE_CASELAW") or Path(__file__).resolve().parent.parent / "caselaw")
MAX_FACT_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Problem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


#: case files and doctrine files are small; a fact file may carry a long account of the facts
DATA_LIMITS = strict_yaml.Limits(max_bytes=400_000)
FACT_LIMITS = strict_yaml.Limits(max_bytes=MAX_FACT_FILE_BYTES)


def load_yaml_text(text: str, where: str, limits: strict_yaml.Limits = FACT_LIMITS) -> object:
    """YAML from text (an upload, a paste, the interview), read strictly (see ``stare.strict_yaml``)."""
    try:
        return strict_yaml.load(text, where, limits)
    except strict_yaml.YamlError as e:
        raise DataError([str(e)]) from None


def _read_yaml(path: Path, limits: strict_yaml.Limits = DATA_LIMITS) -> object:
    try:
        return strict_yaml.load_bytes(path.read_bytes(), str(path), limits)
    except strict_yaml.YamlError as e:
        raise DataError([str(e)]) from None


def _pydantic_problems(path: str, err: ValidationError) -> list[str]:
    return problems_of(err, path)


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _record(path: Path, root: Path, model, problems: list[str]):
    """One data file read strictly and validated as ``model``; None, with its problems added, if it is not."""
    try:
        return model.model_validate(_read_yaml(path))
    except DataError as e:
        problems.extend(e.problems)
    except ValidationError as e:
        problems.extend(_pydantic_problems(_rel(path, root), e))
    return None


DOCTRINE_KEYS = {"area", "rules", "bases", "postures", "weighing"}


def load_doctrine(root: Path = DEFAULT_ROOT) -> tuple[Doctrine, list[str]]:
    problems: list[str] = []
    factors: dict[str, Factor] = {}
    elements: dict[str, Element] = {}
    rules: dict[str, Rule] = {}
    circuits: dict[str, CircuitTest] = {}
    bases: dict[str, BasisRule] = {}
    postures: dict[str, PostureRule] = {}
    areas: set[str] = set()
    weighing: Weighing | None = None

    def read(path: Path, allowed: set[str]) -> dict | None:
        try:
            data = _read_yaml(path)
        except DataError as e:
            problems.extend(e.problems)
            return None
        if not isinstance(data, dict):
            problems.append(f"{_rel(path, root)}: expected a mapping of {', '.join(sorted(allowed))}")
            return None
        for k in data:
            if k not in allowed:
                problems.append(f"{_rel(path, root)}: unknown key {k!r}; allowed: {', '.join(sorted(allowed))}")
        return data

    def load_list(path: Path, data: dict, key: str, model, into: dict, required: bool = True):
        if key not in data and not required:
            return
        if not isinstance(data.get(key), list):
            problems.append(f"{_rel(path, root)}: expected a list under '{key}'")
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

    if (data := read(root / "factors.yaml", {"factors"})) is not None:
        load_list(root / "factors.yaml", data, "factors", Factor, factors)
    if (data := read(root / "doctrine" / "elements.yaml", {"elements"})) is not None:
        load_list(root / "doctrine" / "elements.yaml", data, "elements", Element, elements)
    for path in sorted((root / "doctrine").glob("*.yaml")):
        if path.name == "elements.yaml" or (data := read(path, DOCTRINE_KEYS)) is None:
            continue
        if isinstance(data.get("area"), str):
            areas.add(data["area"])
        if "weighing" in data:
            try:
                weighing = Weighing.model_validate(data["weighing"])
            except ValidationError as e:
                problems.extend(_pydantic_problems(f"{_rel(path, root)} [weighing]", e))
        load_list(path, data, "rules", Rule, rules, required=False)
        load_list(path, data, "bases", BasisRule, bases, required=False)
        load_list(path, data, "postures", PostureRule, postures, required=False)
    for path in sorted((root / "circuits").glob("*.yaml")):
        if (test := _record(path, root, CircuitTest, problems)) is None:
            continue
        if test.court != path.stem:
            problems.append(f"{_rel(path, root)}: court {test.court} does not match the file name")
        circuits[test.court] = test
    doctrine = Doctrine(
        factors=factors,
        elements=elements,
        rules=rules,
        circuits=circuits,
        bases=bases,
        postures=postures,
        areas=frozenset(areas),
        weighing=weighing,
    )
    if weighing is None:
        problems.append(f"{_rel(root / 'doctrine', root)}: no file gives the engine's `weighing` settings")
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
        if (case := _record(path, root, Case, problems)) is None:
            continue
        if case.id != path.stem:
            problems.append(f"{rel}: id {case.id} does not match the file name")
        cases[case.id] = case
        files[case.id] = rel
    second: dict[str, SecondCoding] = {}
    for path in sorted((root / "second-coding").glob("*.yaml")):
        if (coding := _record(path, root, SecondCoding, problems)) is None:
            continue
        where = _rel(path, root)
        if coding.case != path.stem or coding.case not in cases:
            problems.append(f"{where}: names case '{coding.case}', which is not this file's case in caselaw/cases")
        for fid in coding.factors + coding.unsure:
            if fid not in doctrine.factors:
                problems.append(f"{where}: unknown factor '{fid}'")
        second[coding.case] = coding
    base = CaseBase(doctrine=doctrine, cases=cases, files=files, second_coding=second)
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
        for s in f.presumption:
            need_case(f"caselaw/factors.yaml: factor {f.id} presumption", s.case)
        for g in f.presumed_unless:
            if g not in d.factors:
                out.append(f"caselaw/factors.yaml: factor {f.id} is presumed unless unknown factor '{g}'")
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
        note = el.engine_cannot_judge
        if note is not None:
            for fid in note.when_any:
                if fid not in d.factors:
                    out.append(
                        f"caselaw/doctrine/elements.yaml: element {el.id}'s note for counsel names unknown factor '{fid}'"
                    )
            for c in note.circuits:
                if not is_court(c):
                    out.append(
                        f"caselaw/doctrine/elements.yaml: element {el.id}'s note for counsel names unknown court '{c}'"
                    )
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
    from stare.model.vocabulary import BASES, POSTURES

    for b in d.bases.values():
        for s in b.sources:
            need_case(f"caselaw/doctrine: basis {b.id}", s.case)
    for p in d.postures.values():
        for s in p.sources:
            need_case(f"caselaw/doctrine: posture {p.id}", s.case)
    if d.bases or d.postures:
        for missing in sorted(set(BASES) - set(d.bases)):
            out.append(f"caselaw/doctrine: no `bases` entry says what a finding {missing!r} can force")
        for missing in sorted(set(POSTURES) - set(d.postures)):
            out.append(f"caselaw/doctrine: no `postures` entry gives the question at the {missing!r} stage")
    for role in ("baseline", "specific_context", "sequence", "consensus", "order_optional", "municipal"):
        if len(d.by_role(role)) > 1:
            out.append(f"caselaw/doctrine: more than one rule has role {role!r}")
    if d.rules and not d.role("baseline"):
        out.append("caselaw/doctrine: no rule has role 'baseline'")
    exceptions = d.exceptions()
    if d.rules and sum(r.default for r in exceptions) != 1:
        out.append("caselaw/doctrine: exactly one exception is the `default` a fact pattern takes")
    for r in exceptions:
        if not r.precedents or not r.claim:
            out.append(f"caselaw/doctrine: exception {r.id} names its `claim` and its `precedents`")
    for ct in d.circuits.values():
        where = f"caselaw/circuits/{ct.court}.yaml"
        if ct.theory not in d.rules or d.rules[ct.theory].role != "exception":
            out.append(f"{where}: theory '{ct.theory}' is not an exception rule")
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
        if c.doctrine not in d.case_kinds():
            kinds = ", ".join(sorted(d.case_kinds()))
            out.append(f"{where}: doctrine '{c.doctrine}' is none the doctrine files name ({kinds})")
        if c.notice:
            for cid in c.notice.relied_on + c.notice.rejected:
                need_case(f"{where}: notice", cid)
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
    return parse_fact_pattern(_read_yaml(path, FACT_LIMITS), doctrine, str(path))


def parse_fact_pattern(data: object, doctrine: Doctrine, where: str = "facts") -> FactPattern:
    """Validate a fact pattern against the doctrine's factor vocabulary (``FactPattern`` checks itself)."""
    return read_fact_pattern(data, doctrine.factors, where)


# --- canonical form ------------------------------------------------------------------------------


def dump_yaml(data: object) -> str:
    """YAML as stare writes it everywhere (case files, fact files): plain dates, folded long text."""
    return strict_yaml.dump(data)


def canonical_yaml(case: Case) -> str:
    """One case in the one canonical form: schema order, defaults left out, folded long text."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("kind", case.kind)
    data.setdefault("doctrine", case.doctrine)
    if case.kind == "decision":
        data["outcome"] = case.outcome.model_dump(mode="json")  # every prong, even when not reached
    ordered = {k: data[k] for k in Case.model_fields if k in data}
    return dump_yaml(ordered)


def fix_case_files(root: Path | str = DEFAULT_ROOT) -> tuple[list[str], list[str]]:
    """Rewrite every case file that reads strictly and validates in canonical form. Returns the files
    that changed and, for each file left alone, why: a file stare cannot read strictly (a key given twice,
    an alias, a tag) is never rewritten, so nothing in it is lost."""
    root = Path(root)
    changed: list[str] = []
    refused: list[str] = []
    for path in sorted((root / "cases").glob("*.yaml")):
        try:
            case = Case.model_validate(_read_yaml(path))
        except DataError as e:
            refused += [f"not rewritten: {p}" for p in e.problems]
            continue
        except ValidationError as e:
            refused += [f"not rewritten: {p}" for p in _pydantic_problems(_rel(path, root), e)]
            continue
        text = canonical_yaml(case)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(_rel(path, root))
    return changed, refused
