"""The whole analysis of one fact pattern: a pure function from (case base, facts, date) to an Analysis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from stare.model.analysis import Analysis, Authority, ElementFinding, PrecedentRef, Prediction
from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.doctrine import CircuitTest, CircuitTestVersion, DecisiveFacts, Rule
from stare.model.facts import FactPattern, read_fact_pattern
from stare.reasoning.arguments import arguments
from stare.reasoning.clearly_established import METHOD_AUTHORITIES, clearly_established
from stare.reasoning.constraint import constraint
from stare.reasoning.elements import decide_element
from stare.reasoning.index import index_of
from stare.reasoning.knowledge import circuit_of, excluded_family, known_on

THEORY_DOCTRINES = {
    "state_created_danger": {"state_created_danger", "deshaney_baseline"},
    "special_relationship": {"special_relationship", "deshaney_baseline"},
}
PEARSON = dt.date(2009, 1, 21)
#: how likely the right was clearly established, by what the binding precedents show (clearly_established)
CE_PROBABILITY = {"a_fortiori": 0.9, "close": 0.75, "consensus": 0.65, "none": 0.2}


def _source_text(base: CaseBase, sources) -> list[str]:
    out = []
    for s in sources:
        if s.case in base.cases:
            c = base.cases[s.case]
            out.append(f"{c.display_name}, {s.pinpoint or c.citation + ' (pinpoint not verified)'}")
    return out


def _rule_sources_known(base: CaseBase, rule: Rule | DecisiveFacts) -> bool:
    """A rule is known from the date its first source is in the base as of the analysis."""
    return any(s.case in base.cases for s in rule.sources)


def consensus_rule(base: CaseBase, test: CircuitTest | None, theory: str) -> tuple[int | None, str | None, list[str]]:
    """How many other circuits make a consensus that clearly establishes the right here, the rule in words,
    and the authorities it rests on. No threshold where a consensus cannot count: before the rule's source
    is known, in a circuit that declined to adopt the state-created-danger claim, or in one whose known
    precedent lets only controlling authority establish the law."""
    rule = base.doctrine.rules.get("qi.persuasive_consensus")
    if rule is None or rule.threshold is None or not _rule_sources_known(base, rule):
        return None, None, []
    cited = [s.case for s in rule.sources if s.case in base.cases]
    text = f"{rule.statement} ({'; '.join(_source_text(base, rule.sources))})"
    if theory == "state_created_danger" and test is not None and not test.recognized:
        return None, text + " The circuit has declined to adopt the claim, so no consensus elsewhere counts.", cited
    only = test.controlling_authority_only if test is not None else None
    if only is not None and only.case in base.cases:
        where = _source_text(base, [only])[0]
        return None, text + f" The circuit counts only controlling authority ({where}).", cited + [only.case]
    return rule.threshold, text, cited


def choose_theory(base: CaseBase, facts: FactPattern) -> str:
    for rule in base.doctrine.rules.values():
        if rule.applies_when and set(rule.applies_when) & set(facts.factors):
            return rule.id.split(".")[-1]
    return "state_created_danger"


def circuit_versions(base: CaseBase, circuit: str | None) -> list[CircuitTestVersion]:
    """The circuit's statements of the test that are known: their source decisions are in the base."""
    test = base.doctrine.circuits.get(circuit or "")
    if not test:
        return []
    known = [v for v in test.versions if v.source.case in base.cases]
    return sorted(known, key=lambda v: base.cases[v.source.case].decided)


def analyze(
    full: CaseBase,
    facts: FactPattern,
    as_of: dt.date | None = None,
    exclude: Iterable[str] = (),
) -> Analysis:
    facts = read_fact_pattern(facts, full.doctrine.factors)  # the public API checks what it is given, too
    exclude = list(exclude)
    gone = excluded_family(full, exclude)
    idx = index_of(full)
    known = idx.known(as_of, gone)
    base = known_on(full, as_of, exclude)
    d = base.doctrine
    day = as_of or dt.date.today()
    circuit = circuit_of(facts.court)
    theory = choose_theory(base, facts)
    rule = d.rules[f"deshaney.{theory}"]
    binding = idx.binding(circuit)
    notes: list[str] = []
    applied_rules = []

    test = d.circuits.get(circuit or "")
    versions = circuit_versions(base, circuit)
    version = versions[-1] if versions else None
    recognized_on = base.cases[versions[0].source.case].decided if versions and test and test.recognized else None
    if theory == "state_created_danger":
        if version:
            mapped = {m for ce in version.elements for m in ce.maps_to}
            element_ids = [e for e in rule.elements if e in mapped]
        else:
            element_ids = list(rule.elements)
            if not test:
                notes.append(
                    f"stare has no statement of the {circuit or facts.court} test; the shared elements are used, "
                    "and the claim is taken as recognized from the circuit's first decision finding a violation."
                )
                recognized_on = _first_decided(
                    idx, known & idx.theory([theory]) & idx.violation & (idx.circuit == circuit)
                )
        # rules binding every circuit (Lewis's conscience-shocking standard) add their elements from their date
        for extra in d.rules.values():
            if extra.adds_to == rule.id and _rule_sources_known(base, extra):
                element_ids += [e for e in extra.elements if e not in element_ids]
                applied_rules.append(extra)
                notes.append(f"{extra.name}: {_source_text(base, extra.sources)[0]}.")
        element_ids.sort(key=rule.elements.index)
    else:
        element_ids = list(rule.elements)
        # the custody duty is the Supreme Court's own (DeShaney, Youngberg): recognized once any such
        # decision is known
        recognized_on = _first_decided(
            idx, known & np.isin(idx.doctrine_of, ["special_relationship", "deshaney_baseline"])
        )

    pool = known & idx.theory(THEORY_DOCTRINES[theory])
    fset = frozenset(facts.factors)
    situation = idx.mask(fset)

    # --- elements --------------------------------------------------------------------------------
    findings: list[ElementFinding] = []
    for eid in element_ids:
        el = d.elements[eid]
        decisive = [(r, "; ".join(_source_text(base, r.sources))) for r in el.decisive if _rule_sources_known(base, r)]
        dec = decide_element(eid, idx, situation, pool, binding, decisive)
        refs = [
            _ref(base, r.case, r.binding, "forces" if r.forcing else "bears on", fset, r.result) for r in dec.precedents
        ]
        findings.append(
            ElementFinding(
                id=eid,
                name=el.name,
                rule=el.statement,
                sources=_source_text(base, el.sources),
                finding=dec.finding,
                probability_met=dec.probability_met,
                factors_for=list(dec.factors_for),
                factors_against=list(dec.factors_against),
                precedents=refs,
                reasoning=dec.reasoning,
                engine_cannot_judge=el.engine_cannot_judge,
            )
        )

    # --- violation: the conjunctive test, then the binding constraint ----------------------------
    p = min((f.probability_met for f in findings), default=0.0)
    weakest = min(findings, key=lambda f: f.probability_met).name if findings else None
    bound = constraint(idx, situation, pool & binding)
    if bound.forced == "P":
        p = max(p, 0.85)
        constraint_text = "Binding precedent forces a violation a fortiori: " + ", ".join(
            c.display_name for c in bound.forcing_plaintiff
        )
    elif bound.forced == "D":
        p = min(p, 0.15)
        constraint_text = "Binding precedent forces no violation a fortiori: " + ", ".join(
            c.display_name for c in bound.forcing_defendant
        )
    elif bound.inconsistent:
        constraint_text = (
            "Binding precedents force both ways ("
            + ", ".join(c.display_name for c in bound.forcing_plaintiff)
            + " against "
            + ", ".join(c.display_name for c in bound.forcing_defendant)
            + "); the elements decide."
        )
    else:
        constraint_text = "No binding precedent forces either outcome a fortiori; the elements decide."
    if theory == "state_created_danger" and test and not test.recognized:
        p = min(p, 0.1)
        refusal = "; ".join(_source_text(base, test.refusal)) or "its own precedent"
        constraint_text = f"The {circuit} has not recognized a state-created-danger claim ({refusal})."
        recognized_on = None
    violation = p > 0.5  # the plaintiff bears the burden: an even balance is not a violation
    violation_conf = p if violation else 1 - p

    # --- clearly established ---------------------------------------------------------------------
    qi_rule = d.rules.get("qi.specific_context")
    seq = (
        "Since Pearson v. Callahan courts may take the prongs in either order."
        if day >= PEARSON and "pearson-v-callahan-2009" in base.cases
        else "Under Saucier v. Katz a court first decides whether the facts show a violation, then whether "
        "the right was clearly established."
        if "saucier-v-katz-2001" in base.cases
        else "The prongs are a violation and a clearly established right."
    )
    threshold, consensus_text, consensus_cited = consensus_rule(base, test, theory)
    ce = clearly_established(
        idx,
        fset,
        facts.incident_date,
        pool,
        binding,
        recognized_on,
        qi_rule.statement if qi_rule else "",
        seq,
        element_ids,
        base.cases,
        threshold,
        consensus_text,
    )
    if facts.defendant_kind == "municipality":
        qi = "not_at_issue"
        survives = violation
        notes.append(
            "A municipality has no qualified immunity, but answers only for its own policy or custom; "
            "stare does not judge whether a policy caused the act."
        )
    elif not facts.immunity_raised:
        qi = "not_at_issue"
        survives = violation
        notes.append("The individual defendants have not asserted qualified immunity at this stage.")
    else:
        qi = "denied" if violation and ce.established else "granted"
        survives = violation and (ce.established or facts.defendant_kind == "both")
        if facts.defendant_kind == "both":
            notes.append(
                "Against the municipality the claim turns on the violation and on a policy or custom, which "
                "stare does not judge; against the individual on both prongs of qualified immunity."
            )
    # the probability that the claim survives: the violation's, times (where immunity is at issue) the
    # probability that the right was clearly established, which is firmer a fortiori than when only close
    p_violation = p
    if qi in ("granted", "denied"):
        if ce.established_by == "binding":
            p_ce = max(CE_PROBABILITY[n.closeness] for n in ce.precedents if n.on_notice)
        else:
            p_ce = CE_PROBABILITY[ce.established_by]  # "consensus" or "none"
        p_survive = p_violation * p_ce
    else:
        p_survive = p_violation
    confidence = p_survive if survives else 1 - p_survive
    explanation = _explain(violation, violation_conf, weakest, findings, ce, qi, survives)

    args = arguments(idx, fset, facts.factor_notes, pool, binding)

    # --- authorities: every case named anywhere in the output --------------------------------------
    named: list[str] = []
    for f in findings:
        named += [s.case for s in d.elements[f.id].sources if s.case in base.cases]
        named += [r.id for r in f.precedents]
    named += [s.case for s in rule.sources if s.case in base.cases]
    named += [s.case for r in applied_rules for s in r.sources if s.case in base.cases]
    named += [s.case for s in d.rules["deshaney.no_duty_to_protect"].sources if s.case in base.cases]
    if qi_rule:
        named += [s.case for s in qi_rule.sources if s.case in base.cases]
    if version:
        named.append(version.source.case)
        named += [ce_.source.case for ce_ in version.elements]
    named += [cid for cid in METHOD_AUTHORITIES if cid in base.cases]
    if test and not test.recognized:
        named += [s.case for s in test.refusal if s.case in base.cases]
    named += [n.id for n in ce.precedents + ce.persuasive]
    named += consensus_cited
    for side in args.values():
        for a in side:
            named += a.cites
    for cid in ("saucier-v-katz-2001", "pearson-v-callahan-2009"):
        if cid in base.cases and cid.split("-")[0].capitalize() in seq:
            named.append(cid)
    authorities = _authorities(base, named)

    if facts.posture == "motion_to_dismiss":
        notes.append("On a motion to dismiss the facts are the complaint's allegations, taken as true.")
    elif facts.posture == "summary_judgment":
        notes.append("On summary judgment the record is read in the light most favorable to the plaintiff.")

    baseline = d.rules["deshaney.no_duty_to_protect"]
    return Analysis(
        facts=facts.model_dump(mode="json"),
        as_of=day,
        excluded=list(base.excluded),
        circuit_test={
            "court": circuit or facts.court,
            "name": test.name if test else None,
            "recognized": bool(test.recognized) if test else None,
            "recognized_on": recognized_on,
            "version": version.name if version else None,
            "source": (
                f"{base.cases[version.source.case].display_name}, {version.source.pinpoint}" if version else None
            ),
            "elements": [
                {"id": ce_.id, "text": ce_.text, "maps_to": ce_.maps_to, "source": _source_text(base, [ce_.source])}
                for ce_ in (version.elements if version else [])
            ],
        },
        baseline={
            "rule": baseline.statement,
            "sources": _source_text(base, baseline.sources),
            "exception": rule.name,
            "exception_sources": _source_text(base, rule.sources),
            "theory": theory,
        },
        prediction=Prediction(
            theory=theory,
            violation=violation,
            violation_confidence=round(violation_conf, 3),
            clearly_established=ce.established,
            qualified_immunity=qi,
            claim_survives=survives,
            confidence=round(confidence, 3),
            constraint=constraint_text,
            explanation=explanation,
        ),
        elements=findings,
        arguments=args,
        clearly_established=ce,
        authorities=authorities,
        notes=notes,
    )


def _first_decided(idx, mask) -> dt.date | None:
    rows = np.nonzero(mask)[0]
    return dt.date.fromordinal(int(idx.decided[rows].min())) if len(rows) else None


def _ref(base: CaseBase, c: Case, binding: bool, relation: str, fset: frozenset[str], result: str | None = None):
    won = (
        ("plaintiff" if result == "met" else "defendant")
        if result
        else ("plaintiff" if c.outcome.violation else "defendant")
    )
    return PrecedentRef(
        id=c.id,
        name=c.display_name,
        citation=c.citation,
        cite=c.short_cite(),
        court=c.court,
        decided=c.decided,
        outcome=won,
        binding=binding,
        relation=relation,
        shared=sorted(fset & set(c.factors)),
        differences=sorted(set(c.factors) ^ fset),
        source_file=base.source_file(c.id),
    )


def _authorities(base: CaseBase, ids: list[str]) -> list[Authority]:
    seen, out = set(), []
    for cid in ids:
        if cid in seen or cid not in base.cases:
            continue
        seen.add(cid)
        c = base.cases[cid]
        out.append(
            Authority(
                id=c.id,
                name=c.name,
                citation=c.citation,
                citations=c.citations,
                court=c.court,
                decided=c.decided,
                source_file=base.source_file(c.id),
            )
        )
    out.sort(key=lambda a: (a.name.lower(), a.decided))
    return out


def _explain(violation, conf, weakest, findings, ce, qi, survives) -> str:
    verdict = "likely show" if violation else "likely do not show"
    s = f"The facts {verdict} a violation ({conf:.0%})"
    s += f"; the element most in doubt is {weakest}." if weakest else "."
    if ce.established_by == "binding":
        how = "a fortiori" if any(p.on_notice and p.closeness == "a_fortiori" for p in ce.precedents) else "closely"
        s += (
            f" A binding precedent decided before the incident covers this conduct {how}, so the right was"
            " clearly established."
        )
    elif ce.established_by == "consensus":
        s += (
            " No binding precedent covers it, but decisions of other circuits ("
            + ", ".join(ce.consensus_circuits)
            + ") do, a consensus of persuasive authority, so the right was clearly established."
        )
    else:
        nor = ", and no consensus of other circuits covers it" if ce.consensus_threshold is not None else ""
        if not ce.recognized_in_circuit:
            s += (
                f" The circuit had not recognized the claim before the incident{nor}, so the right was not"
                " clearly established."
            )
        else:
            s += (
                f" No binding precedent before the incident is a fortiori or close on these facts{nor}, so the right"
                " was not clearly established in the specific context."
            )
    s += {"granted": " Qualified immunity: granted.", "denied": " Qualified immunity: denied.", "not_at_issue": ""}[qi]
    s += " The claim survives." if survives else " The claim does not survive."
    return s
