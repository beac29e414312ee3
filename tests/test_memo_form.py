"""The memo's form, on every example and on three fact patterns written from real decisions outside them.

For each memo: no identifier of any kind (factor, element, rule, court or case-file ids, snake_case),
no "None", Bluebook circuit labels ("3d Cir.", never "3rd Cir."), a question presented that names the
court and the stage, a parenthetical for every decision cited, a full citation before any short one,
*Id.* only right after a citation of one authority in the same paragraph, and italics on case names only.

The fact files in tests/fixtures/facts/ were each written from one decision in the case base (their first
comment names it), coded blind from its facts text; each is analyzed as of that decision's date with the
decision excluded, so that the memo reasons as a lawyer could have before it, and never cites it.

The checks are plain functions returning the problems they find, so the unit tests at the end can show
that each one catches a deliberately broken memo.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

from stare import analyze, load_fact_pattern, render_memo
from stare.model.courts import court_name
from stare.report.citations import short_name

PREPARED = dt.date(2026, 1, 2)
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
FIXTURES = REPO / "tests" / "fixtures" / "facts"

#: how an example is analyzed, where not as of today on the whole base (Kennedy is the acceptance case: the
#: day before its first opinion, with that opinion and its later version excluded)
EXAMPLE_RUNS = {"kennedy": (dt.date(2005, 6, 23), ["411 F.3d 1134"])}

#: each fact file written from a real decision, and that decision's case file
FROM_DECISIONS = {
    "christiansen-standoff": "christiansen-v-city-of-tulsa-2003",
    "bright-probation": "bright-v-westmoreland-county-2006",
    "hart-personnel-files": "hart-v-city-of-little-rock-2005",
}

#: the stage as the question presented must put it, by posture
STAGE_WORDS = {
    "motion_to_dismiss": "motion to dismiss",
    "summary_judgment": "summary judgment",
    "trial": "at trial",
    "post_trial": "after trial",
}

#: the template's run-in headings, the only italics besides case names, Id. and the user's disputed facts
LABELS = {
    "The question.",
    "The rule.",
    "Application.",
    "For counsel.",
    "The order of the prongs.",
    "The incident date.",
    "Conclusion on the second prong.",
}
DISCLAIMER = "A first draft prepared by stare"

#: identifiers by their shape: snake_case and UPPER_SNAKE words, an underscore the markdown escaping kept
#: inside a word, dotted rule ids, kebab-case case-file ids, courts-db circuit ids, Python's None
IDENTIFIER_SHAPES = {
    "snake_case": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "UPPER_SNAKE": re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),
    "escaped underscore in a word": re.compile(r"\w\\_\w"),
    "dotted rule id": re.compile(r"\b[a-z]+\.[a-z]+_[a-z_]+\b"),
    "case-file id": re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)*-v-[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}\b"),
    "circuit id": re.compile(r"\b(?:ca\d{1,2}|cadc|scotus)\b"),
    "None": re.compile(r"\bNone\b"),
    "3rd Cir.": re.compile(r"\b3rd Cir\."),
    "2nd Cir.": re.compile(r"\b2nd Cir\."),
}


# --- the memos --------------------------------------------------------------------------------------


def _runs() -> list[tuple[str, Path, dt.date | None, list[str], str | None]]:
    out = []
    for path in EXAMPLES:
        as_of, exclude = EXAMPLE_RUNS.get(path.stem, (None, []))
        out.append((f"example:{path.stem}", path, as_of, exclude, None))
    for stem, cid in FROM_DECISIONS.items():
        out.append((f"decision:{stem}", FIXTURES / f"{stem}.yaml", None, [], cid))
    return out


RUNS = _runs()


@dataclass
class Au:
    """A cited authority as the checks need it."""

    id: str
    name: str
    short: str
    citations: list[str]
    label: str
    year: int
    kind: str
    parenthetical: str | None


@dataclass
class Memo:
    name: str
    text: str
    body: str
    toa: str
    analysis: object
    authorities: dict[str, Au]  # every authority the analysis may name, by id
    source: str | None  # the decision the fact file was written from


def _authorities(analysis, base) -> dict[str, Au]:
    out = {}
    for a in analysis.authorities:
        c = base.cases[a.id]
        out[a.id] = Au(
            id=a.id,
            name=a.name,
            short=short_name(a),
            citations=list(a.citations),
            label=a.court_label,
            year=a.decided.year,
            kind=c.kind,
            parenthetical=c.parenthetical.text if c.parenthetical else None,
        )
    return out


def split_memo(text: str) -> tuple[str, str]:
    body, sep, toa = text.partition("## Table of authorities")
    assert sep, "the memo has no table of authorities"
    return body, toa


@pytest.fixture(scope="module")
def memos(real_base) -> dict[str, Memo]:
    out = {}
    for name, path, as_of, exclude, source in RUNS:
        fp = load_fact_pattern(path, real_base.doctrine)
        if source is not None:
            decided = real_base.cases[source]
            as_of, exclude = decided.decided, [decided.citation]
        analysis = analyze(real_base, fp, as_of=as_of, exclude=exclude)
        text = render_memo(analysis, prepared=PREPARED)
        body, toa = split_memo(text)
        out[name] = Memo(name, text, body, toa, analysis, _authorities(analysis, real_base), source)
    return out


NAMES = [r[0] for r in RUNS]


# --- the checks -------------------------------------------------------------------------------------


def identifier_problems(text: str, ids: Iterable[str]) -> list[str]:
    """Identifiers in the text: the given ids as whole words, and anything shaped like an identifier."""
    found = []
    for i in sorted(set(ids)):
        if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text):
            found.append(f"identifier {i!r}")
    for what, pattern in IDENTIFIER_SHAPES.items():
        for m in pattern.finditer(text):
            found.append(f"{what}: {m.group(0)!r} in {text[max(0, m.start() - 40) : m.end() + 40]!r}")
    return found


def section(text: str, heading: str) -> str:
    """The text under a '## ' heading, up to the next one."""
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section {heading!r}"
    return m.group(1)


def question_problems(text: str, court: str, posture: str) -> list[str]:
    q = " ".join(section(text, "I. Question presented").split())
    out = []
    if court not in q:
        out.append(f"the question presented does not name the court ({court})")
    if STAGE_WORDS[posture] not in q:
        out.append(f"the question presented does not name the stage ({STAGE_WORDS[posture]})")
    if not q.startswith("Whether") or not q.endswith("."):
        out.append("the question presented is not a 'Whether ...' sentence")
    return out


def heading_problems(text: str, qi_at_issue: bool) -> list[str]:
    """The Re line names qualified immunity only where it is at issue; numbers agree with their nouns."""
    out = []
    re_line = re.search(r"^\| \*\*Re\*\* \| (.*) \|$", text, re.M)
    if not re_line:
        return ["the memo has no Re line"]
    if ("qualified immunity" in re_line.group(1)) != qi_at_issue:
        out.append(
            f"the Re line and the analysis disagree on whether qualified immunity is at issue: {re_line.group(1)!r}"
        )
    for m in re.finditer(r"\b[Oo]ne (?:other )?(?:circuits|decisions|courts|cases)\b", text):
        out.append(f"a singular number with a plural noun: {m.group(0)!r}")
    return out


ITALIC = re.compile(r"(?<![*\\])\*(?![*\s])((?:\\.|[^*\\\n])+?)(?<![\s\\])\*(?!\*)")
NICKNAME = re.compile(r"\(“\*[^*\n]+\*”\)")
REPORTER_CITE = re.compile(r"\b\d{1,4} [A-Z][A-Za-z.'’ ]{0,20}?\d?[a-z]{0,2}\.?'?x? (?:at )?\d{1,5}\b")


@dataclass
class Cite:
    start: int
    end: int  # end of the italic span
    case: str | None  # the authority it refers to (Id.: its antecedent)
    form: str  # "full", "short", "mention", "id", "nickname"


def _full_re(a: Au) -> re.Pattern:
    cits = "|".join(re.escape(c) for c in a.citations)
    label = rf"(?:{re.escape(a.label)} )?" if a.label else ""
    return re.compile(rf"\*{re.escape(a.name)}\*, (?:(?:{cits}), )?(?:{cits})(?:, [\d\-–,& n.]+?)? \({label}{a.year}\)")


def _short_re(a: Au) -> re.Pattern:
    """A short citation: the short name, then the reporter at a page, or the citation alone."""
    vol_reps = "|".join(re.escape(c.rsplit(" ", 1)[0]) for c in a.citations)
    cits = "|".join(re.escape(c) for c in a.citations)
    return re.compile(rf"\*{re.escape(a.short)}\*, (?:(?:{vol_reps}) at \d|(?:{cits})\b)")


def _units(body: str) -> list[tuple[int, int]]:
    """The memo's paragraphs as (start, end) offsets: each line, except that a list introduced by a line
    ending in a colon belongs to the paragraph of its introduction. A heading ends a paragraph."""
    units: list[list[int]] = []
    pos = 0
    in_list_of_colon = False
    for line in body.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            in_list_of_colon = False
            units.append([start, end])
            continue
        is_item = bool(re.match(r"^(?:\d+\.|-) ", s))
        if is_item and in_list_of_colon and units:
            units[-1][1] = end
            continue
        units.append([start, end])
        in_list_of_colon = s.endswith(":") or (is_item and in_list_of_colon)
    return [(a, b) for a, b in units]


def citation_problems(body: str, auths: dict[str, Au], disputed: Iterable[str] = ()) -> tuple[list[str], list[Cite]]:
    """Italics on case names only; a full citation before any short form; Id. only after a citation of one
    authority in the same paragraph. Returns the problems and the citations found, in reading order."""
    problems: list[str] = []
    by_name: dict[str, list[Au]] = {}
    by_short: dict[str, list[Au]] = {}
    for a in auths.values():
        by_name.setdefault(a.name, []).append(a)
        if a.short != a.name:
            by_short.setdefault(a.short, []).append(a)
    labels = LABELS | {f"{d[:1].upper()}{d[1:]}." for d in disputed}
    first_full: dict[str, int] = {}
    cites: list[Cite] = []
    units = _units(body)

    def unit_of(pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in units if a <= pos < b), (pos, pos))

    def where(pos: int) -> str:
        return repr(body[max(0, pos - 60) : pos + 80])

    for m in ITALIC.finditer(body):
        inner, start = m.group(1), m.start()
        if REPORTER_CITE.search(inner) or re.search(r"\(\D*\d{4}\)", inner):
            problems.append(f"italics wrap a citation, not only a case name: {where(start)}")
        if inner in ("Id.", "id."):
            lo, _ = unit_of(start)
            before = [c for c in cites if c.form != "nickname" and lo <= c.start < start]
            if not before:
                problems.append(f"Id. is the first citation of its paragraph: {where(start)}")
                cites.append(Cite(start, m.end(), None, "id"))
                continue
            prev = before[-1]
            if prev.form == "mention":
                problems.append(f"Id. follows a case named in a sentence, not a citation: {where(start)}")
            # the antecedent must be a citation of one authority, not the last of a string of them
            antecedent = next(c for c in reversed(before) if c.form != "id")
            earlier = [c for c in before if c.start < antecedent.start and c.form != "nickname"]
            if earlier:
                between = NICKNAME.sub("", body[earlier[-1].end : antecedent.start])
                between = re.sub(r"\([^()]*\)", "", between)
                if re.search(r";\s*(?:see also |see |cf\. |compare )?$", between, re.I):
                    problems.append(f"Id. follows a string citation of several authorities: {where(start)}")
            cites.append(Cite(start, m.end(), prev.case, "id"))
            continue
        if start >= 2 and body[start - 2 : start] == "(“" and body[m.end() : m.end() + 2] == "”)":
            if inner not in by_short:
                problems.append(f"a nickname that is no cited case's short form: {where(start)}")
            cites.append(Cite(start, m.end(), None, "nickname"))
            continue
        if inner in by_name:
            hit = next((a for a in by_name[inner] if _full_re(a).match(body, start)), None)
            if hit is None:
                problems.append(f"a case's full name without its full citation: {where(start)}")
                continue
            first_full.setdefault(hit.id, start)
            cites.append(Cite(start, m.end(), hit.id, "full"))
            continue
        if inner in by_short:
            options = by_short[inner]
            cited = [a for a in options if _short_re(a).match(body, start)]
            if len(options) > 1 and len(cited) != 1:
                problems.append(f"a short form that could be any of {[a.name for a in options]}: {where(start)}")
                continue
            a = (cited or options)[0]
            if a.id not in first_full:
                problems.append(f"{a.short} in short form before its full citation: {where(start)}")
            cites.append(Cite(start, m.end(), a.id, "short" if cited else "mention"))
            continue
        if inner in labels or inner.startswith(DISCLAIMER):
            continue
        problems.append(f"italics on something that is not a case name: {inner!r} in {where(start)}")
    return problems, cites


def parenthetical_problems(body: str, auths: dict[str, Au], cites: list[Cite]) -> list[str]:
    """Every decision cited carries its parenthetical, right after one of its citations (the rule
    authorities, cited for the rule the sentence states, have none)."""
    problems = []
    cited = {c.case for c in cites if c.case}
    for cid in sorted(cited):
        a = auths[cid]
        if a.kind != "decision":
            continue
        if not a.parenthetical:
            problems.append(f"{a.name} is a decision without a parenthetical in its case file")
            continue
        found = False
        for m in re.finditer(re.escape(f" ({a.parenthetical})"), body):
            before = [c for c in cites if c.end <= m.start() and c.form != "nickname"]
            if not before or before[-1].case != cid or "\n" in body[before[-1].end : m.start()]:
                continue
            gap = NICKNAME.sub("", body[before[-1].end : m.start()])
            gap = re.sub(r"\([^()]*\)", "", gap)
            if ";" in gap or "*" in gap or re.findall(r"\b(?!at\b)[a-z]{2,}", gap):
                continue
            found = True
            break
        if not found:
            problems.append(f"{a.name}, {a.citations[0]} is cited without its parenthetical")
    return problems


def toa_problems(toa: str, auths: dict[str, Au], cites: list[Cite]) -> list[str]:
    """The table lists exactly the cases the body cites, each by its full name (alone in italics) and citation."""
    listed = set()
    problems = []
    names = {a.name for a in auths.values()}
    for m in ITALIC.finditer(toa):
        if m.group(1).replace("\\", "") not in names:
            problems.append(f"italics in the table on something not a case name: {m.group(1)!r}")
    for row in re.findall(r"^\| \*(.+?)\*, (.+?) \(.*?\d{4}\) \|", toa, re.M):
        name, cit = row
        hit = [a for a in auths.values() if a.name.replace("\\", "") == name.replace("\\", "") and cit in a.citations]
        if not hit:
            problems.append(f"the table lists {name}, {cit}, no authority the analysis names")
        listed |= {a.id for a in hit}
    cited = {c.case for c in cites if c.case}
    for cid in sorted(cited - listed):
        problems.append(f"{auths[cid].name} is cited but not in the table of authorities")
    for cid in sorted(listed - cited):
        problems.append(f"{auths[cid].name} is in the table of authorities but not cited")
    return problems


def repetition_problems(body: str) -> list[str]:
    """Filler an editor strikes: "and one more" (as long as naming the fact), a reply that says of the
    same precedent, twice in one paragraph, that a fact "did not stop" it, and a list whose every line
    ends with the same reason."""
    found = []
    for block in re.split(r"\n\s*\n", body):
        items = [ln for ln in block.split("\n") if ln.startswith("- ")]
        tails = {ln.rsplit(": ", 1)[-1] for ln in items if ": " in ln}
        if len(items) > 1 and len(tails) == 1 and len(next(iter(tails))) > 20 and all(": " in ln for ln in items):
            found.append(f"every line of a list ends with the same reason: {next(iter(tails))[:60]}")
    for para in body.split("\n"):
        if re.search(r"\band one more\b", para):
            found.append(f"'and one more' in: {para[:80]}")
        stopped = re.findall(r"did not stop \*([^*]+)\*", para)
        for name in sorted({n for n in stopped if stopped.count(n) > 1}):
            found.append(f"'did not stop {name}' twice in one paragraph")
    return found


def memo_ids(base, analysis) -> set[str]:
    """Every identifier the memo must not show; a one-word id ("trial", "causation") is an ordinary word, and
    the court ids that are words are left to the shapes ("scotus", "cadc")."""
    d = base.doctrine
    ids = set(d.factors) | set(base.cases) | set(d.rules) | set(d.bases) | set(d.postures) | set(d.elements)
    ids |= {c.court for c in base.cases.values()} | {analysis.facts.court}
    return {i for i in ids if not re.fullmatch(r"[a-z]+", i)}


# --- the memos: one test per check, on every memo ------------------------------------------------------


def test_every_example_and_every_fact_file_is_covered():
    assert len(EXAMPLES) >= 4
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == set(FROM_DECISIONS)


def test_the_fact_files_come_from_decisions_outside_the_examples(real_base):
    examples = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    courts = set()
    for stem, cid in FROM_DECISIONS.items():
        c = real_base.cases[cid]
        head = (FIXTURES / f"{stem}.yaml").read_text(encoding="utf-8").split("\nname:")[0]
        assert c.name in head and c.citation in head and "blind" in head, stem
        assert c.citation not in examples and c.name.split(" v. ")[0] not in examples, stem
        fp = load_fact_pattern(FIXTURES / f"{stem}.yaml", real_base.doctrine)
        assert (fp.court, fp.posture) == (c.court, c.posture), stem
        assert fp.incident_date < c.decided, stem
        courts.add(c.court)
    assert len(courts) == len(FROM_DECISIONS)  # different circuits


@pytest.mark.parametrize("name", NAMES)
def test_no_identifiers_none_or_wrong_circuit_labels(memos, real_base, name):
    m = memos[name]
    assert identifier_problems(m.text, memo_ids(real_base, m.analysis)) == []


@pytest.mark.parametrize("name", NAMES)
def test_element_headings_use_the_element_names(memos, name):
    m = memos[name]
    heads = re.findall(r"^#### \d+\. (.+?): ", m.body, re.M)
    assert heads and set(heads) <= set(m.analysis.element_names.values())


@pytest.mark.parametrize("name", NAMES)
def test_the_question_presented_names_the_court_and_the_stage(memos, name):
    m = memos[name]
    court = court_name(m.analysis.facts.court).removeprefix("the ")
    assert question_problems(m.text, court, m.analysis.facts.posture) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_re_line_and_the_numbers(memos, name):
    m = memos[name]
    assert heading_problems(m.text, m.analysis.prediction.qualified_immunity != "not_at_issue") == []


@pytest.mark.parametrize("name", NAMES)
def test_citations_italics_and_id(memos, name):
    m = memos[name]
    problems, cites = citation_problems(m.body, m.authorities, [d.fact for d in m.analysis.facts.disputed])
    assert problems == []
    assert any(c.form == "full" for c in cites) and any(c.form in ("short", "id") for c in cites)


@pytest.mark.parametrize("name", NAMES)
def test_every_decision_cited_has_its_parenthetical(memos, name):
    m = memos[name]
    _, cites = citation_problems(m.body, m.authorities, [d.fact for d in m.analysis.facts.disputed])
    assert parenthetical_problems(m.body, m.authorities, cites) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_table_of_authorities_lists_what_is_cited(memos, name):
    m = memos[name]
    _, cites = citation_problems(m.body, m.authorities, [d.fact for d in m.analysis.facts.disputed])
    assert toa_problems(m.toa, m.authorities, cites) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_arguments_do_not_repeat_themselves(memos, name):
    assert repetition_problems(memos[name].body) == []


@pytest.mark.parametrize("name", NAMES)
def test_notes_for_counsel_appear_only_where_they_bear(memos, real_base, name):
    """A note for counsel limited to some circuits, or to some facts, appears in a memo only there."""
    m = memos[name]
    present = set(m.analysis.facts.factors)
    circuit = m.analysis.circuit
    notes = [el.engine_cannot_judge for el in real_base.doctrine.elements.values() if el.engine_cannot_judge]
    assert any(n.circuits for n in notes) and any(n.when_any for n in notes)
    for note in notes:
        bears = (not note.circuits or circuit in note.circuits) and (
            not note.when_any or bool(present & set(note.when_any))
        )
        shown = " ".join(note.text.split()) in " ".join(m.body.split())
        if not bears:
            assert not shown, note.text


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("decision:")])
def test_a_decision_is_not_its_own_precedent(memos, real_base, name):
    m = memos[name]
    source = real_base.cases[m.source]
    family = real_base.version_family(source.id)
    assert family <= set(m.analysis.excluded)
    assert m.analysis.as_of == source.decided
    assert not any(c in m.text for f in family for c in real_base.cases[f].citations)


# --- the checks catch what they look for ------------------------------------------------------------

MUNGER = Au(
    "munger-v-glasgow-2000",
    "Munger v. City of Glasgow Police Dep't",
    "Munger",
    ["227 F.3d 1082"],
    "9th Cir.",
    2000,
    "decision",
    "reversing qualified immunity for officers who ejected a drunk man",
)
DESHANEY = Au(
    "deshaney-v-winnebago-1989",
    "DeShaney v. Winnebago County Department of Social Services",
    "DeShaney",
    ["489 U.S. 189"],
    "",
    1989,
    "decision",
    "holding that a county's failure to remove a boy did not violate due process",
)
LEWIS = Au(
    "county-of-sacramento-v-lewis-1998",
    "County of Sacramento v. Lewis",
    "Lewis",
    ["523 U.S. 833"],
    "",
    1998,
    "rule",
    None,
)
GRUBBS = Au("lw-v-grubbs-1992", "L.W. v. Grubbs", "Grubbs I", ["974 F.2d 119"], "9th Cir.", 1992, "decision", "x")
AUTHS = {a.id: a for a in (MUNGER, DESHANEY, LEWIS, GRUBBS)}
FULL_M = "*Munger v. City of Glasgow Police Dep't*, 227 F.3d 1082, 1086 (9th Cir. 2000)"
FULL_D = "*DeShaney v. Winnebago County Department of Social Services*, 489 U.S. 189, 195 (1989)"
FULL_L = "*County of Sacramento v. Lewis*, 523 U.S. 833, 846 (1998)"


def test_identifier_check_catches_each_kind():
    ids = {"AFFIRMATIVE_ACT", "affirmative_conduct", "munger-v-glasgow-2000", "ca9"}
    clean = f"The officers acted. {FULL_M} (reversing). Under 42 U.S.C. § 1983, on May 3, 2012, in the 3d Cir."
    assert identifier_problems(clean, ids) == []
    for bad in (
        "because AFFIRMATIVE_ACT",
        "goes to affirmative_conduct here",
        "see munger-v-glasgow-2000",
        "in ca9 law",
        "the scotus held",
        "a cadc case",
        "the answer is None.",
        "(3rd Cir. 2004)",
        "(2nd Cir. 1993)",
        "the held_on_facts basis",
        "an EMERGENCY_SPLIT_SECOND fact",
        "rule deshaney.no_duty_to_protect",
        "a fact\\_id escaped",
        "as in doe-v-braddy-2012",
    ):
        assert identifier_problems(clean + " " + bad, ids), bad


def test_question_check_catches_a_missing_court_or_stage():
    text = (
        "## I. Question presented\n\nWhether, at summary judgment in the Ninth Circuit, x violated y.\n\n## II. Brief\n"
    )
    assert question_problems(text, "Ninth Circuit", "summary_judgment") == []
    assert question_problems(text, "Tenth Circuit", "summary_judgment")
    assert question_problems(text, "Ninth Circuit", "motion_to_dismiss")
    assert question_problems(text.replace("at summary judgment in the Ninth Circuit, ", ""), "Ninth Circuit", "trial")


def test_heading_check_catches_immunity_where_not_at_issue_and_a_bad_number():
    text = "| **Re** | Doe v. Roe: substantive due process (state-created danger) and qualified immunity, at trial |\n"
    assert heading_problems(text, True) == []
    assert heading_problems(text, False)
    assert heading_problems(text.replace(" and qualified immunity", ""), True)
    assert heading_problems(text + "Here one other circuits had decisions close enough.\n", True)
    assert heading_problems(text + "Here one other circuit had decisions close enough.\n", True) == []


def test_citation_check_accepts_a_well_formed_passage():
    body = (
        f"The rule. {FULL_D}. Then this. *Id.* at 201.\n\n"
        f"As in {FULL_M} ({MUNGER.parenthetical}) (persuasive), so here; *Munger*, 227 F.3d at 1087.\n\n"
        f"*The rule.* A rule. {FULL_L}; *Munger*, 227 F.3d at 1086.\n"
    )
    problems, cites = citation_problems(body, AUTHS)
    assert problems == []
    assert [c.form for c in cites] == ["full", "id", "full", "short", "full", "short"]
    assert parenthetical_problems(body, AUTHS, cites) == [
        f"{DESHANEY.name}, 489 U.S. 189 is cited without its parenthetical"
    ]


def test_citation_check_catches_a_short_form_before_the_full_one():
    body = f"First *Munger*, 227 F.3d at 1087. Then {FULL_M}.\n"
    problems, _ = citation_problems(body, AUTHS)
    assert any("short form before its full citation" in p for p in problems)
    # a bare mention by the short name counts too
    problems, _ = citation_problems(f"As *Munger* held. {FULL_M}.\n", AUTHS)
    assert any("short form before its full citation" in p for p in problems)


def test_citation_check_catches_a_full_name_without_its_citation():
    problems, _ = citation_problems("As *Munger v. City of Glasgow Police Dep't* held.\n", AUTHS)
    assert any("without its full citation" in p for p in problems)


def test_citation_check_catches_misplaced_id():
    # first citation of a paragraph
    problems, _ = citation_problems(f"{FULL_M}.\n\nA new paragraph. *Id.* at 1087.\n", AUTHS)
    assert any("first citation of its paragraph" in p for p in problems)
    # after a case named in a sentence
    problems, _ = citation_problems(f"{FULL_M}. As *Munger* held, x. *Id.* at 1087.\n", AUTHS)
    assert any("named in a sentence" in p for p in problems)
    # after a string citation of several authorities
    problems, _ = citation_problems(f"{FULL_L}; {FULL_M}. Also x. *Id.* at 1087.\n", AUTHS)
    assert any("string citation" in p for p in problems)
    problems, _ = citation_problems(f"{FULL_L}; see also {FULL_M}. Also x. *Id.* at 1087.\n", AUTHS)
    assert any("string citation" in p for p in problems)
    # but a list introduced by a colon continues its paragraph
    problems, _ = citation_problems(f"The test, in {FULL_M}:\n\n1. An element. *Id.* at 1086.\n", AUTHS)
    assert problems == []


def test_citation_check_catches_italics_beyond_case_names():
    problems, _ = citation_problems("*Munger v. City of Glasgow Police Dep't, 227 F.3d 1082 (9th Cir. 2000)*.\n", AUTHS)
    assert any("italics wrap a citation" in p for p in problems)
    problems, _ = citation_problems("It is *very* important.\n", AUTHS)
    assert any("not a case name" in p for p in problems)
    problems, _ = citation_problems("*Munger*, *227 F.3d at 1087*.\n", AUTHS)
    assert any("italics wrap a citation" in p for p in problems)
    # the run-in labels, a disputed fact's label and the nickname in a full citation are not case names
    ok = (
        "*The rule.* x. *Whether he promised.* y.\n"
        "*L.W. v. Grubbs*, 974 F.2d 119, 121 (9th Cir. 1992) (“*Grubbs I*”) (x); *Grubbs I*, 974 F.2d at 122.\n"
    )
    problems, _ = citation_problems(ok, AUTHS, ["whether he promised"])
    assert problems == []


def test_citation_check_catches_an_ambiguous_short_form():
    other = Au("munger-2", "Munger v. Town", "Munger", ["1 F.4th 1"], "9th Cir.", 2021, "decision", "y")
    auths = {**AUTHS, other.id: other}
    body = f"{FULL_M}. *Munger v. Town*, 1 F.4th 1 (9th Cir. 2021). As *Munger* held.\n"
    problems, _ = citation_problems(body, auths)
    assert any("could be any of" in p for p in problems)
    problems, _ = citation_problems(body.replace("As *Munger* held.", "*Munger*, 1 F.4th at 2."), auths)
    assert problems == []


def test_parenthetical_check_catches_a_decision_cited_without_one():
    body = f"{FULL_M}. *Munger*, 227 F.3d at 1087 ({MUNGER.parenthetical}).\n"
    problems, cites = citation_problems(body, AUTHS)
    assert problems == [] and parenthetical_problems(body, AUTHS, cites) == []
    bare = f"{FULL_M}. *Munger*, 227 F.3d at 1087.\n"
    _, cites = citation_problems(bare, AUTHS)
    assert parenthetical_problems(bare, AUTHS, cites)
    # a parenthetical after another case's citation does not count
    wrong = f"{FULL_M}; {FULL_L} ({MUNGER.parenthetical}).\n"
    _, cites = citation_problems(wrong, AUTHS)
    assert parenthetical_problems(wrong, AUTHS, cites)
    # nor does the text merely appearing later in the sentence
    far = f"{FULL_M}, which found that it was ({MUNGER.parenthetical}).\n"
    _, cites = citation_problems(far, AUTHS)
    assert parenthetical_problems(far, AUTHS, cites)
    # a rule authority needs none
    rule = f"{FULL_L}.\n"
    _, cites = citation_problems(rule, AUTHS)
    assert parenthetical_problems(rule, AUTHS, cites) == []


def test_table_check_catches_a_missing_or_extra_row():
    body = f"{FULL_M}. {FULL_L}.\n"
    _, cites = citation_problems(body, AUTHS)
    toa = (
        "| Case | Cited in |\n|---|---|\n"
        "| *County of Sacramento v. Lewis*, 523 U.S. 833 (1998) | IV.A |\n"
        "| *Munger v. City of Glasgow Police Dep't*, 227 F.3d 1082 (9th Cir. 2000) | IV.A |\n"
    )
    assert toa_problems(toa, AUTHS, cites) == []
    assert toa_problems(
        toa.replace("| *County of Sacramento v. Lewis*, 523 U.S. 833 (1998) | IV.A |\n", ""), AUTHS, cites
    )
    extra = toa + "| *L.W. v. Grubbs*, 974 F.2d 119 (9th Cir. 1992) | IV.A |\n"
    assert toa_problems(extra, AUTHS, cites)
    whole = toa.replace(
        "*County of Sacramento v. Lewis*, 523 U.S. 833 (1998)", "*County of Sacramento v. Lewis, 523 U.S. 833 (1998)*"
    )
    assert toa_problems(whole, AUTHS, cites)


def test_repetition_check_catches_a_repeated_reply_and_a_lone_more():
    broken = (
        "3. The defense replies that the fact that A did not stop *Rivera* from coming out the same way; "
        "the fact that B did not stop *Rivera* from coming out the same way.\n"
        "4. As there, A, B, and one more."
    )
    assert len(repetition_problems(broken)) == 2
    same_reason = "- *Wood*: close: every element it found met is met here.\n- *Penilla*: close: every element it found met is met here."
    assert len(repetition_problems(same_reason)) == 1
    fine = "3. The defense replies that the facts that A and B did not stop *Rivera* from coming out the same way."
    assert repetition_problems(fine) == []
