"""Doctrine rules on the bundled case base: Wilson v. Layne's consensus of persuasive authority (when it can
count, and where it cannot: before Wilson, in the Fifth Circuit, in the Eleventh after Terrell v. Smith),
and the facts that decide the culpability element by its definition (Grubbs II; Lewis)."""

import datetime as dt

import pytest

from stare.caselaw import load_case_base
from stare.evaluation import fact_pattern_of
from stare.reasoning import analyze

WILSON = dt.date(1999, 5, 24)
TERRELL = dt.date(2012, 1, 30)


@pytest.fixture(scope="module")
def base():
    return load_case_base()


def irish_facts(base, court="ca1"):
    facts = fact_pattern_of(base.cases["irish-v-fowler-2020"])
    return facts.model_copy(update={"court": court})


def test_irish_is_clearly_established_by_other_circuits(base):
    irish = base.cases["irish-v-fowler-2020"]
    a = analyze(base, irish_facts(base), as_of=irish.decided, exclude=[irish.id])
    ce = a.clearly_established
    assert ce.established_by == "consensus" and ce.established
    assert len(ce.consensus_circuits) >= ce.consensus_threshold == 3
    assert "ca1" not in ce.consensus_circuits
    # every circuit named has a published decision shown among the persuasive precedents
    shown = {base.cases[n.id].court for n in ce.persuasive if n.closeness != "distant"}
    assert set(ce.consensus_circuits) <= shown
    assert "wilson-v-layne-1999" in {x.id for x in a.authorities}


def test_no_consensus_rule_before_wilson_v_layne(base):
    irish = base.cases["irish-v-fowler-2020"]
    facts = irish_facts(base).model_copy(update={"incident_date": dt.date(1998, 1, 1)})
    ce = analyze(base, facts, as_of=WILSON - dt.timedelta(days=1), exclude=[irish.id]).clearly_established
    assert ce.consensus_rule is None and ce.established_by != "consensus"


def test_eleventh_circuit_counts_only_controlling_authority_after_terrell(base):
    irish = base.cases["irish-v-fowler-2020"]
    after = analyze(base, irish_facts(base, "ca11"), as_of=irish.decided, exclude=[irish.id]).clearly_established
    assert after.consensus_threshold is None and after.established_by != "consensus"
    assert "Terrell" in after.consensus_rule
    before = analyze(
        base, irish_facts(base, "ca11"), as_of=TERRELL - dt.timedelta(days=1), exclude=[irish.id]
    ).clearly_established
    assert before.consensus_threshold == 3


def test_fifth_circuit_danger_creation_takes_no_consensus(base):
    irish = base.cases["irish-v-fowler-2020"]
    ce = analyze(base, irish_facts(base, "ca5"), as_of=irish.decided, exclude=[irish.id]).clearly_established
    assert ce.consensus_threshold is None and not ce.established
    assert "declined" in ce.consensus_rule


def test_memo_and_terminal_report_name_the_consensus(base):
    from stare.report.memo import render_memo
    from stare.report.terminal import render_text

    irish = base.cases["irish-v-fowler-2020"]
    a = analyze(base, irish_facts(base), as_of=irish.decided, exclude=[irish.id])
    circuits = ", ".join(a.clearly_established.consensus_circuits)
    memo = render_memo(a)
    assert "*A consensus of other circuits.*" in memo and circuits in memo
    assert "Wilson v. Layne, 526 U.S. at 617" in memo
    assert "a consensus of persuasive authority, so the right was clearly established" in a.prediction.explanation
    assert circuits in " ".join(render_text(a, width=200).split())


def test_an_emergency_without_time_to_deliberate_fails_culpability_under_lewis(base):
    from stare.model.facts import FactPattern

    facts = FactPattern(
        name="Emergency v. Officer",
        court="ca9",
        incident_date=dt.date(2010, 1, 1),
        posture="summary_judgment",
        defendant_kind="individual",
        factors=["AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING", "SPECIFIC_VICTIM", "EMERGENCY_SPLIT_SECOND"],
    )
    a = analyze(base, facts, as_of=dt.date(2011, 1, 1))
    culpability = next(f for f in a.elements if f.id == "culpability")
    assert culpability.finding == "not_met" and "purpose to cause harm" in culpability.reasoning
    assert "523 U.S. at 854" in culpability.reasoning
    # before Lewis the rule is not known, and the element is weighed as before
    early = analyze(base, facts.model_copy(update={"incident_date": dt.date(1996, 1, 1)}), as_of=dt.date(1997, 1, 1))
    assert all("purpose to cause harm" not in f.reasoning for f in early.elements)
