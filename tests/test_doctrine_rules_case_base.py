"""Doctrine rules on the bundled case base: when a consensus of other circuits can count (Wilson v. Layne;
not before the circuit recognizes the claim, not in the Fifth Circuit, not in the Eleventh after Terrell v.
Smith), Lewis's emergency rule, the stage's question, and the Kennedy acceptance case."""

import dataclasses
import datetime as dt

import pytest

from stare.caselaw import load_case_base, load_fact_pattern
from stare.reasoning import analyze
from stare.reasoning.record import fact_pattern_of

WILSON = dt.date(1999, 5, 24)
TERRELL = dt.date(2012, 1, 30)


@pytest.fixture(scope="module")
def base():
    return load_case_base()


def irish_facts(base, court="ca1"):
    facts = fact_pattern_of(base.cases["irish-v-fowler-2020"], base)
    return facts.model_copy(update={"court": court})


def test_no_consensus_counts_in_a_circuit_that_had_not_recognized_the_claim(base):
    irish = base.cases["irish-v-fowler-2020"]
    a = analyze(base, irish_facts(base), as_of=irish.decided, exclude=[irish.id])
    ce = a.clearly_established
    assert ce.consensus_why_not == "not_recognized" and not ce.established and ce.path == "not_recognized"
    assert "wilson-v-layne-1999" in {x.id for x in a.authorities}


def test_no_consensus_rule_before_wilson_v_layne(base):
    irish = base.cases["irish-v-fowler-2020"]
    facts = irish_facts(base, "ca9").model_copy(update={"incident_date": dt.date(1998, 1, 1)})
    ce = analyze(base, facts, as_of=WILSON - dt.timedelta(days=1), exclude=[irish.id]).clearly_established
    assert ce.consensus_why_not == "before_rule" and ce.established_by != "consensus"


def test_eleventh_circuit_counts_only_controlling_authority_after_terrell(base):
    irish = base.cases["irish-v-fowler-2020"]
    after = analyze(base, irish_facts(base, "ca11"), as_of=irish.decided, exclude=[irish.id]).clearly_established
    assert after.consensus_why_not == "controlling_only" and after.established_by != "consensus"
    before = analyze(
        base, irish_facts(base, "ca11"), as_of=TERRELL - dt.timedelta(days=1), exclude=[irish.id]
    ).clearly_established
    assert before.consensus_counts and before.consensus_threshold == 3


def test_fifth_circuit_danger_creation_is_declined(base):
    irish = base.cases["irish-v-fowler-2020"]
    a = analyze(base, irish_facts(base, "ca5"), as_of=irish.decided, exclude=[irish.id])
    assert a.clearly_established.path == "declined" and not a.clearly_established.established
    assert a.prediction.violation_path == "declined" and not a.prediction.violation
    assert {s.case for s in a.prediction.not_recognized} == {"doe-v-covington-county-school-district-2012"}


def test_an_emergency_without_time_to_deliberate_fails_culpability_under_lewis(base):
    from stare.model.facts import FactPattern

    facts = FactPattern(
        name="Emergency v. Officer",
        court="Ninth Circuit",
        incident_date=dt.date(2010, 1, 1),
        posture="summary_judgment",
        defendant_kind="individual",
        factors=["AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING", "SPECIFIC_VICTIM", "EMERGENCY_SPLIT_SECOND"],
    )
    a = analyze(base, facts, as_of=dt.date(2011, 1, 1))
    culpability = next(f for f in a.elements if f.id == "culpability")
    assert culpability.finding == "not_met" and culpability.how == "decisive"
    assert "purpose to cause harm" in culpability.decisive.statement
    assert [s.pinpoint for s in culpability.decisive.sources] == ["523 U.S. at 854"]
    # before Lewis the rule is not known, and the element is weighed as before
    early = analyze(base, facts.model_copy(update={"incident_date": dt.date(1996, 1, 1)}), as_of=dt.date(1997, 1, 1))
    assert all(f.how != "decisive" for f in early.elements)


def test_time_to_deliberate_is_presumed_where_nothing_suggests_an_emergency(base):
    from stare.model.facts import FactPattern

    facts = FactPattern(
        name="Quiet v. Officer",
        court="ca9",
        incident_date=dt.date(2010, 1, 1),
        posture="summary_judgment",
        defendant_kind="individual",
        factors=["AFFIRMATIVE_ACT", "KNOWN_VIOLENT_THIRD_PARTY"],
    )
    assert analyze(base, facts).presumed == ["TIME_TO_DELIBERATE"]
    hasty = facts.model_copy(update={"factors": ["AFFIRMATIVE_ACT", "EMERGENCY_SPLIT_SECOND"]})
    assert analyze(base, hasty).presumed == []


def test_grubbs_i_a_pleading_holding_forces_only_on_a_motion_to_dismiss(base):
    grubbs = base.cases["lw-v-grubbs-1992"]
    assert grubbs.outcome.basis == "held_pleaded"
    fp = fact_pattern_of(grubbs, base).model_copy(update={"incident_date": dt.date(1995, 1, 1)})
    day = dt.date(1995, 6, 1)
    mtd = analyze(base, fp.model_copy(update={"posture": "motion_to_dismiss"}), as_of=day)
    sj = analyze(base, fp.model_copy(update={"posture": "summary_judgment"}), as_of=day)
    forced_mtd = {r.id for e in mtd.elements for r in e.forced_by} | {r.id for r in mtd.prediction.forced_by}
    forced_sj = {r.id for e in sj.elements for r in e.forced_by} | {r.id for r in sj.prediction.forced_by}
    assert "lw-v-grubbs-1992" in forced_mtd and "lw-v-grubbs-1992" not in forced_sj


def test_grubbs_ii_a_jury_finding_never_forces(base):
    assert base.cases["lw-v-grubbs-1996"].elements["culpability"].basis == "jury_finding"
    kennedy = load_fact_pattern("examples/kennedy.yaml", base.doctrine)
    a = analyze(base, kennedy, as_of=dt.date(2005, 6, 23), exclude=["411 F.3d 1134"])
    assert all(r.id != "lw-v-grubbs-1996" for e in a.elements for r in e.forced_by)


def test_kennedy_makes_the_majoritys_case_and_the_dissents(base):
    kennedy = load_fact_pattern("examples/kennedy.yaml", base.doctrine)
    a = analyze(base, kennedy, as_of=dt.date(2005, 6, 23), exclude=["411 F.3d 1134"])
    assert {"kennedy-v-ridgefield-2005", "kennedy-v-ridgefield-2006"} <= set(a.excluded)
    plaintiff_cites = {c for arg in a.arguments["plaintiff"] for c in arg.cites}
    defense_cites = {c for arg in a.arguments["defendant"] for c in arg.cites}
    assert "lw-v-grubbs-1992" in plaintiff_cites  # Grubbs I: the majority's notice case
    assert "lw-v-grubbs-1996" in defense_cites  # Grubbs II: the dissent's
    assert "FALSE_ASSURANCE" in kennedy.plaintiff_version()  # the majority's promise to warn, disputed
    ce = a.clearly_established
    assert ce.best_notice is not None and ce.best_notice.precedent.id == "lw-v-grubbs-1992"
    # Grubbs II reversed on a jury's finding of gross negligence: a finding holds nothing on what facts satisfy
    # an element, so it is no precedent-backed answer to Grubbs I (qi.beyond_debate with the bases)
    assert ce.status == "established" and ce.path == "binding_close" and ce.best_answer is None
    # the predictions come from the rules: a violation a jury could find; notice given, so no immunity
    assert a.prediction.violation and a.prediction.qualified_immunity == "denied"


def test_a_holding_for_the_defense_would_make_kennedys_notice_contested(base):
    """The same base with Grubbs II's finding recorded as a holding on the facts: now it answers Grubbs I (or,
    as binding precedent on the culpability element, takes away Grubbs I's closeness)."""
    grubbs2 = base.cases["lw-v-grubbs-1996"]
    held = grubbs2.model_copy(
        update={
            "outcome": grubbs2.outcome.model_copy(update={"basis": "held_on_facts"}),
            "elements": {k: v.model_copy(update={"basis": "held_on_facts"}) for k, v in grubbs2.elements.items()},
        }
    )
    other = dataclasses.replace(base, cases={**base.cases, held.id: held})
    kennedy = load_fact_pattern("examples/kennedy.yaml", other.doctrine)
    a = analyze(other, kennedy, as_of=dt.date(2005, 6, 23), exclude=["411 F.3d 1134"])
    ce = a.clearly_established
    culpability = next(e for e in a.elements if e.id == "culpability")
    assert held.id in {r.id for r in culpability.forced_by}  # a holding now forces, where a finding did not
    assert ce.status != "established" and a.prediction.qualified_immunity == "granted"
