"""The whole analysis of one fact pattern: a pure function from (case base, facts, date) to an Analysis.

``analyze`` is a short orchestrator of named steps: the setting (the law known on the date, the court, the
theory, the stage), the prongs on the plaintiff's version of the facts (``prediction.reason``), the
confidence each answer's record earns (``record``), the facts that would change an answer (hinges), the
other versions of the facts (the defendant's account, the facts the client is unsure of), the arguments,
and the records a reader or a picture needs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import numpy as np
from pydantic import BaseModel

from stare.model.analysis import (
    Analysis,
    Authority,
    CircuitTestView,
    Confidence,
    DecisiveView,
    DefendantAnswer,
    ElementFinding,
    Hinge,
    PrecedentRef,
    Prediction,
    RuleView,
    SourceRef,
    Variant,
)
from stare.model.casebase import CaseBase
from stare.model.courts import court_and_circuit, court_name
from stare.model.facts import FactPattern, read_fact_pattern
from stare.model.vocabulary import BASES
from stare.reasoning.arguments import arguments
from stare.reasoning.elements import ElementDecision
from stare.reasoning.index import index_of
from stare.reasoning.knowledge import circuit_of, excluded_family
from stare.reasoning.prediction import Core, first_decided, forced_cases, reason, theory_of
from stare.reasoning.record import EMPTY, TrackRecord, track_record
from stare.reasoning.setting import KnownCases, Setting

PATH_WORDS = {
    "declined": "predictions in a circuit that has declined to adopt the claim",
    "forced_violation": "predictions of a violation that binding precedent forced",
    "forced_no_violation": "predictions of no violation that binding precedent forced",
    "element_forced": "predictions of no violation because binding precedent decided an element against the plaintiff",
    "element_decisive": "predictions of no violation because the facts failed an element by its definition",
    "element_lean": "predictions of no violation where an element leaned against the plaintiff on similar cases",
    "element_conflict": "predictions where binding precedents pointed both ways on an element",
    "elements_held_met": "predictions of a violation where precedent or definition decided every element",
    "elements_lean_met": "predictions of a violation where the elements leaned to the plaintiff on similar cases",
    "binding_a_fortiori": "predictions where a binding decision before the incident found a violation on facts "
    "this case is a fortiori from",
    "binding_close": "predictions where a binding decision before the incident found a violation on materially "
    "similar facts, with no precedent-backed answer",
    "consensus": "predictions resting on a consensus of other circuits",
    "stated_duty": "predictions where the Supreme Court had itself stated the duty that the facts plainly breach",
    "contested": "predictions where the closest binding notice was contested",
    "controlled": "predictions where a binding decision had held similar conduct not clearly established",
    "no_binding_case": "predictions where no binding decision before the incident was close",
    "not_recognized": "predictions where the circuit had not recognized the claim before the incident",
}
#: how many decisions a base may hold for stare to compute its record on first use; larger bases (synthetic
#: benchmarks) pass a record, or none
RECORD_LIMIT = 5_000


def setting_for(full: CaseBase, facts: FactPattern, as_of: dt.date | None, exclude: Iterable[str]) -> Setting:
    exclude = list(exclude)
    gone = excluded_family(full, exclude)
    idx = index_of(full)
    known = idx.known(as_of, gone)
    base = dataclasses.replace(
        full, cases=KnownCases(full.cases, idx, known), excluded=tuple(sorted(gone)), as_of=as_of
    )
    d = full.doctrine
    day = as_of or dt.date.today()
    circuit = circuit_of(facts.court)
    theory = theory_of(d, facts.plaintiff_version())
    test = d.circuits.get(circuit or "")
    if test is not None and test.theory != theory.id:
        test = None
    versions = sorted(
        (v for v in (test.versions if test else []) if v.source.case in base.cases),
        key=lambda v: base.cases[v.source.case].decided,
    )
    version = versions[-1] if versions else None
    pool = known & idx.theory(theory.precedents)
    if theory.recognized_by is not None:
        recognized_on = (
            base.cases[theory.recognized_by.case].decided if theory.recognized_by.case in base.cases else None
        )
    elif test is not None:
        recognized_on = base.cases[versions[0].source.case].decided if versions and test.recognized else None
    else:
        recognized_on = first_decided(idx, pool & idx.violation & (idx.circuit == circuit))
    if version is not None:
        mapped = {m for ce in version.elements for m in ce.maps_to}
        elements = [e for e in theory.elements if e in mapped]
    else:
        elements = list(theory.elements)
    conscience = []
    for extra in d.by_role("conscience"):
        if extra.adds_to == theory.id and any(s.case in base.cases for s in extra.sources):
            elements += [e for e in extra.elements if e not in elements]
            conscience.append(extra)
    order = {e: i for i, e in enumerate(theory.elements)}
    elements.sort(key=lambda e: order.get(e, len(order)))
    return Setting(
        full=full,
        base=base,
        idx=idx,
        known=known,
        day=day,
        circuit=circuit,
        posture=facts.posture,
        theory=theory,
        test=test,
        version=version,
        recognized_on=recognized_on,
        elements=tuple(elements),
        conscience=tuple(conscience),
        pool=pool,
        ce_pool=known & idx.theory(theory.precedents, violation_decided=False),
        binding=idx.binding(circuit),
        forcing_bases=tuple(b for b in BASES if b in d.bases and facts.posture in d.bases[b].forces_at),
        notice_bases=tuple(b for b in BASES if b in d.bases and d.bases[b].gives_notice),
    )


def core_of(
    full: CaseBase, facts: FactPattern, as_of: dt.date | None = None, exclude: Iterable[str] = (), detail: bool = True
):
    """The setting and the prongs alone, on the plaintiff's version: what the back-test needs."""
    s = setting_for(full, facts, as_of, exclude)
    return s, reason(s, full.doctrine.effective(facts.plaintiff_version()), facts, detail)


def analyze(
    full: CaseBase,
    facts: FactPattern,
    as_of: dt.date | None = None,
    exclude: Iterable[str] = (),
    record: TrackRecord | None = None,
) -> Analysis:
    facts = read_fact_pattern(facts, full.doctrine.factors)  # the public API checks what it is given, too
    s = setting_for(full, facts, as_of, exclude)
    present = full.doctrine.effective(facts.plaintiff_version())
    core = reason(s, present, facts)
    if record is None:
        record = track_record(full) if int(s.idx.decision.sum()) <= RECORD_LIMIT else EMPTY
    excluded = sorted(excluded_family(full, exclude))
    prediction = predict(s, core, facts, record, excluded)
    findings = [finding_view(s, dec, present) for dec in core.decisions]
    analysis = Analysis(
        facts=facts,
        as_of=s.day,
        excluded=excluded,
        court_name=court_and_circuit(facts.court),
        circuit=s.circuit,
        circuit_name=court_name(s.circuit) if s.circuit else None,
        posture=posture_view(s),
        circuit_test=circuit_test_view(s),
        recognized=s.recognized_on is not None and s.recognized_on < facts.incident_date,
        baseline=rule_view(s, s.doctrine.role("baseline")),
        exception=rule_view(s, s.theory),
        conscience=[rule_view(s, r) for r in s.conscience],
        prediction=prediction,
        elements=findings,
        arguments=arguments(s, present),
        clearly_established=core.ce,
        hinges=hinge_facts(s, facts, present, core),
        variants=variants_of(s, facts, present, core),
        presumed=sorted(present - facts.plaintiff_version()),
        phrases={},
        element_names={e: s.doctrine.elements[e].name for e in s.doctrine.elements},
        timeline=timeline(s, present),
        neighbors=neighbors(s, present),
        authorities=[],
        municipal=rule_view(s, s.rule("municipal")) if facts.defendant_kind != "individual" else None,
        notes=notes(s, facts),
    )
    named = _named(analysis)
    phrases = {f: phrase(s, f, facts) for f in sorted(_factors_named(analysis) | set(facts.unsure))}
    sides = {f: s.doctrine.factors[f].side for f in phrases}
    return analysis.model_copy(update={"authorities": authorities(s, named), "phrases": phrases, "factor_sides": sides})


# --- the steps -------------------------------------------------------------------------------------


def predict(s: Setting, core: Core, facts: FactPattern, record: TrackRecord, excluded: list[str]) -> Prediction:
    def conf(target: str, path: str) -> Confidence:
        words = PATH_WORDS.get(path) or PATH_WORDS.get(path.split("|")[-1], "")
        if target == "claim_survives":
            words = "predictions of whether the claim survives made the same way"
        return record.confidence(target, path, s.day, excluded, words)

    v_conf = conf("violation", core.violation_path)
    qi_at_issue = core.qualified_immunity != "not_at_issue"
    ce_conf = conf("clearly_established", core.ce.path) if qi_at_issue else None
    answers = []
    for o in core.outcomes:
        c = conf("claim_survives", o.path)
        answers.append(
            DefendantAnswer(
                defendant=o.defendant,
                survives=o.survives != c.reversed,
                confidence=c,
                turns_on=o.turns_on,
            )
        )
    main = answers[0]
    forced = forced_cases(core.bound)
    conflict = core.bound.forcing_plaintiff + core.bound.forcing_defendant if core.bound.inconsistent else ()
    declined = core.violation_path == "declined"
    return Prediction(
        theory=s.theory.id,
        claim=s.theory.claim or s.theory.name,
        violation=core.violation != v_conf.reversed,
        violation_path=core.violation_path,
        violation_confidence=v_conf,
        clearly_established=core.ce.established != (ce_conf.reversed if ce_conf else False),
        ce_status=core.ce.status,
        ce_path=core.ce.path,
        ce_confidence=ce_conf,
        qualified_immunity=core.qualified_immunity,
        answers=answers,
        claim_survives=any(a.survives for a in answers),
        confidence=main.confidence,
        forced=core.bound.forced,
        forced_by=[s.ref(c, situation=facts.plaintiff_version(), relation="forces") for c in _first(forced, s)],
        forced_conflict=[s.ref(c, situation=facts.plaintiff_version()) for c in _first(conflict, s)],
        not_recognized=s.sources(s.test.refusal) if declined and s.test else [],
    )


def finding_view(s: Setting, dec: ElementDecision, present: frozenset[str]) -> ElementFinding:
    d = s.doctrine
    el = d.elements[dec.element]
    posture = d.postures.get(s.posture)
    texts, sources = [], []
    for ce in s.version.elements if s.version else []:
        if dec.element in ce.maps_to:
            texts.append(ce.text)
            sources += s.sources([ce.source])
    shared = s.sources(el.sources)
    rule_sources = _unique(sources + [x for x in shared if x.binding])
    persuasive = [x for x in shared if not x.binding and x.case not in {r.case for r in rule_sources}]
    answer = getattr(posture, dec.finding) if posture else dec.finding.replace("_", " ")
    question = posture.question.format(element=el.name[0].lower() + el.name[1:]) if posture else el.name
    dv = None
    if dec.decisive is not None:
        dv = DecisiveView(
            statement=dec.decisive.statement, sources=s.sources(dec.decisive.sources), finding=dec.decisive.finding
        )
    return ElementFinding(
        id=dec.element,
        name=el.name,
        question=question,
        answer=answer,
        finding=dec.finding,
        rule=" ".join(texts) if texts else el.statement,
        rule_sources=rule_sources,
        persuasive_sources=persuasive,
        how=dec.how,
        lean=dec.lean,
        forced_by=[
            s.ref(c, won=_won(c, dec.element, d), relation="forces", basis=_basis(c, dec.element), situation=present)
            for c in _first(dec.forcing, s)
        ],
        decisive=dv,
        decisive_blocked_by=[s.ref(c, situation=present) for c in dec.decisive_blocked_by],
        votes_met=dec.votes_met,
        votes=dec.votes,
        probability_met=dec.probability_met,
        factors_for=list(dec.factors_for),
        factors_against=list(dec.factors_against),
        precedents=[
            s.ref(
                p.case,
                won="plaintiff" if p.result == "met" else "defendant",
                relation="forces" if p.forcing else "weighed",
                basis=p.basis,
                situation=present,
            )
            for p in dec.precedents
        ],
        engine_cannot_judge=(
            el.engine_cannot_judge.text
            if el.engine_cannot_judge and el.engine_cannot_judge.applies(present, s.circuit)
            else None
        ),
    )


def hinge_facts(s: Setting, facts: FactPattern, present: frozenset[str], core: Core) -> list[Hinge]:
    """The facts whose presence or absence would change a prong's answer, each tried alone."""
    d = s.doctrine
    routing = {f for r in d.exceptions() for f in r.applies_when}
    bearing = {f for f in d.factors if set(d.factors[f].elements) & set(s.elements)} - routing
    base_prongs = _prongs(core)
    out = []
    stated = facts.plaintiff_version()
    for f in sorted(bearing):
        other = reason(s, d.effective(stated ^ {f}), facts, detail=False)
        # a fact counts as a hinge only where it moves an answer its own way: adding a plaintiff-side fact (or
        # taking away a defense-side one) toward the plaintiff, and the reverse. A move the other way is the
        # similarity vote reshuffling its neighbours, not a reason a lawyer could give, so it is not reported.
        toward_plaintiff = (d.factors[f].side == "P") != (f in stated)
        flips = [k for k, v in _prongs(other).items() if v != base_prongs[k] and v == toward_plaintiff]
        if flips:
            out.append(Hinge(factor=f, present=f in stated, flips=flips))
    return out


def variants_of(s: Setting, facts: FactPattern, present: frozenset[str], core: Core) -> list[Variant]:
    out = []
    d = s.doctrine
    if facts.disputed:
        other = d.effective(facts.defendant_version())
        out.append(_variant(s, facts, "defendant's account", present, other))
    if facts.unsure:
        out.append(_variant(s, facts, "with the unsure facts", present, d.effective(present | set(facts.unsure))))
    return out


def _variant(s: Setting, facts: FactPattern, name: str, present: frozenset[str], other: frozenset[str]) -> Variant:
    c = reason(s, frozenset(other), facts, detail=False)
    return Variant(
        name=name,
        added=sorted(other - present),
        removed=sorted(present - other),
        violation=c.violation,
        clearly_established=c.ce.established,
        claim_survives=c.survives,
    )


def _prongs(core: Core) -> dict[str, bool]:
    out = core.prongs()
    if core.qualified_immunity == "not_at_issue":
        out.pop("clearly_established")
    return out


def timeline(s: Setting, present: frozenset[str], limit: int = 40) -> list[PrecedentRef]:
    rows = np.nonzero(s.pool & s.binding)[0]
    rows = rows[np.argsort(s.idx.decided[rows], kind="stable")][-limit:]
    return [s.ref(s.idx.cases[r], situation=present) for r in rows]


def neighbors(s: Setting, present: frozenset[str], k: int = 12) -> list[tuple[PrecedentRef, float]]:
    idx = s.idx
    rows = np.nonzero(s.pool)[0]
    if not len(rows):
        return []
    mine = np.uint64(idx.mask(present))
    theirs = idx.p[rows] | idx.d[rows]
    inter = np.bitwise_count(theirs & mine).astype(float)
    union = np.bitwise_count(theirs | mine).astype(float)
    dist = np.where(union > 0, 1 - inter / np.maximum(union, 1), 0.0)
    order = np.lexsort((-idx.decided[rows], ~s.binding[rows], dist))[:k]
    return [(s.ref(idx.cases[rows[j]], situation=present), round(float(dist[j]), 3)) for j in order]


def phrase(s: Setting, fid: str, facts: FactPattern) -> str:
    """A factor in words: the client's own note of the fact where there is one, else the vocabulary's (for a
    presumed fact, the words of its presumption)."""
    f = s.doctrine.factors[fid]
    note = facts.factor_notes.get(fid)
    if not note and fid in s.doctrine.presumed(facts.plaintiff_version()):
        note = f.presumed_phrase
    return (note or f.phrase).strip().rstrip(".")


def posture_view(s: Setting) -> RuleView:
    p = s.doctrine.postures.get(s.posture)
    if p is None:
        return RuleView(id=s.posture, name=s.posture.replace("_", " "), statement="", sources=[])
    return RuleView(id=p.id, name=p.name, statement=p.question, sources=s.sources(p.sources))


def circuit_test_view(s: Setting) -> CircuitTestView | None:
    if s.test is None or s.version is None:
        return None
    src = s.sources([s.version.source])
    return CircuitTestView(
        court=s.test.court,
        name=s.test.name,
        version=s.version.name,
        source=src[0] if src else SourceRef(case=s.version.source.case, name=s.version.name, cite=""),
        elements=[
            {"text": ce.text, "maps_to": ce.maps_to, "sources": [x.model_dump() for x in s.sources([ce.source])]}
            for ce in s.version.elements
        ],
    )


def rule_view(s: Setting, rule) -> RuleView | None:
    if rule is None:
        return None
    return RuleView(
        id=rule.id, name=rule.name, statement=rule.statement, sources=s.sources(rule.sources), clause=rule.clause
    )


def notes(s: Setting, facts: FactPattern) -> list[str]:
    out = []
    if s.test is None and s.theory.recognized_by is None and s.circuit:
        out.append(
            f"stare holds no statement of {court_name(s.circuit)}'s test; the shared elements are used, and the "
            "claim is taken as recognized there from the circuit's first decision finding a violation."
        )
    return out


def authorities(s: Setting, ids: list[str]) -> list[Authority]:
    seen, out = set(), []
    for cid in ids:
        if cid in seen or cid not in s.full.cases:
            continue
        seen.add(cid)
        c = s.full.cases[cid]
        out.append(
            Authority(
                id=c.id,
                name=c.name,
                short=c.short,
                citation=c.citation,
                citations=c.citations,
                cite=c.short_cite(),
                court=c.court,
                court_label=c.court_label,
                decided=c.decided,
                kind=c.kind,
                parenthetical=c.parenthetical.text if c.parenthetical else None,
                source_file=s.full.source_file(c.id),
            )
        )
    out.sort(key=lambda a: (a.name.lower(), a.decided))
    return out


def _named(obj) -> list[str]:
    """Every case id the analysis names, in order: precedents and the sources of its rules."""
    if isinstance(obj, str | int | float | bool | dt.date) or obj is None:
        return []
    out: list[str] = []
    if isinstance(obj, PrecedentRef):
        out.append(obj.id)
    elif isinstance(obj, SourceRef):
        out.append(obj.case)
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            out += _named(getattr(obj, name))
    elif isinstance(obj, dict):
        for v in obj.values():
            out += _named(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            out += _named(v)
    return out


def _factors_named(a: Analysis) -> set[str]:
    out = set(a.facts.factors) | set(a.facts.plaintiff_version()) | set(a.facts.defendant_version()) | set(a.presumed)
    for e in a.elements:
        out |= set(e.factors_for) | set(e.factors_against)
    for h in a.hinges:
        out.add(h.factor)
    for v in a.variants:
        out |= set(v.added) | set(v.removed)
    for side in a.arguments.values():
        for arg in side:
            out |= {x.factor for x in arg.missing + arg.added}
            for r in arg.replies:
                out |= set(r.substitutes) | set(r.missing) | set(r.added)
                if r.factor:
                    out.add(r.factor)
    out |= set(a.clearly_established.answer_factors)
    return out


SHOWN_FORCING = 6


def _first(cases, s: Setting):
    """The forcing precedents a reader sees: binding ones, the latest first, at most a few."""
    return sorted(cases, key=lambda c: c.decided, reverse=True)[:SHOWN_FORCING]


def _unique(refs: list[SourceRef]) -> list[SourceRef]:
    seen, out = set(), []
    for r in refs:
        key = (r.case, r.pinpoint)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _won(case, element: str, doctrine) -> str:
    from stare.reasoning.elements import element_result

    res = element_result(case, element, doctrine.factors_bearing_on(element), doctrine)
    return "plaintiff" if res == "met" else "defendant"


def _basis(case, element: str) -> str | None:
    held = case.elements.get(element)
    return held.basis if held else case.outcome.basis
