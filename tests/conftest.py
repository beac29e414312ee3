"""Small hand-made case bases whose right answers are known by construction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.doctrine import BasisRule, CircuitTest, Doctrine, Element, Factor, PostureRule, Rule, Weighing
from stare.model.facts import FactPattern

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_d4f0317d1809baa8.txt"

VERIFIED = {"verified_on": "2026-11-28", "sources": [{"url": "test://hand-made", "what": "constructed for a test"}]}
POSTURE_BASIS = {
    "motion_to_dismiss": "held_pleaded",
    "summary_judgment": "held_on_facts",
    "trial": "jury_finding",
    "post_trial": "jury_finding",
}


def factor(fid: str, side: str, elements: list[str]) -> Factor:
    return Factor(
        id=fid,
        side=side,
        phrase=f"the fact {fid.lower()}",
        fact=f"the fact {fid}",
        question=f"{fid}?",
        elements=elements,
    )


def src(case: str = "base-1990") -> dict:
    return {"case": case, "pinpoint": "1 X at 1"}


WEIGHING = Weighing(
    prior={"P": 0.8, "D": 0.2, "both": 0.5, "none": 0.35},
    neighbors=7,
    shown=6,
    binding_weight=2.0,
    met_at=0.6,
    not_met_at=0.4,
    least_record=8,
    reasons={"prior": "test"},
)


def rule(rid: str, role: str | None, **kw) -> Rule:
    return Rule(id=rid, name=rid, statement=f"the rule {rid}", sources=[src()], role=role, **kw)


def make_doctrine(circuits: dict[str, CircuitTest] | None = None) -> Doctrine:
    """Two elements: 'act' (P: ACT, MOVED; D: OMIT) and 'mind' (P: KNEW, WARNED; D: RUSH, HELP); custody."""
    factors = [
        factor("ACT", "P", ["act"]),
        factor("MOVED", "P", ["act"]),
        factor("OMIT", "D", ["act"]),
        factor("KNEW", "P", ["mind"]),
        factor("WARNED", "P", ["mind"]),
        factor("RUSH", "D", ["mind"]),
        factor("HELP", "D", ["mind"]),
        factor("CUSTODY", "P", ["custody"]),
    ]
    elements = [
        Element(id="act", name="Act", statement="an affirmative act", sources=[src()]),
        Element(id="mind", name="Mind", statement="deliberate indifference", sources=[src()]),
        Element(id="custody", name="Custody", statement="custody", sources=[src()]),
    ]
    rules = [
        rule("deshaney.no_duty_to_protect", "baseline"),
        rule(
            "deshaney.state_created_danger",
            "exception",
            defeats="deshaney.no_duty_to_protect",
            elements=["act", "mind"],
            claim="danger creation",
            precedents=["state_created_danger", "deshaney_baseline"],
            default=True,
        ),
        rule(
            "deshaney.special_relationship",
            "exception",
            defeats="deshaney.no_duty_to_protect",
            elements=["custody", "mind"],
            applies_when=["CUSTODY"],
            claim="custody",
            precedents=["special_relationship"],
            recognized_by={"case": "base-1990", "pinpoint": "1 X at 1"},
        ),
        rule("qi.specific_context", "specific_context"),
        rule("qi.sequence", "sequence"),
        rule("qi.consensus", "consensus", threshold=2),
        rule("qi.beyond_debate", "beyond_debate"),
        rule("qi.not_established_controls", "not_established_controls"),
        rule("qi.stated_duty", "stated_duty"),
        rule("qi.municipal", "municipal"),
    ]
    bases = [
        BasisRule(
            id="held_on_facts",
            name="held",
            forces_at=["motion_to_dismiss", "summary_judgment", "trial", "post_trial"],
            gives_notice=True,
            statement="x",
            sources=[src()],
        ),
        BasisRule(
            id="held_pleaded",
            name="pleaded",
            forces_at=["motion_to_dismiss"],
            gives_notice=True,
            statement="x",
            sources=[src()],
        ),
        BasisRule(id="jury_finding", name="jury", forces_at=[], gives_notice=False, statement="x", sources=[src()]),
        BasisRule(
            id="deferential_review", name="review", forces_at=[], gives_notice=False, statement="x", sources=[src()]
        ),
        BasisRule(
            id="not_reached", name="not reached", forces_at=[], gives_notice=False, statement="x", sources=[src()]
        ),
    ]
    postures = [
        PostureRule(
            id=p,
            name=p.replace("_", " "),
            question="{element}?",
            met="met",
            not_met="not met",
            contested="close",
            sources=[src()],
        )
        for p in ("motion_to_dismiss", "summary_judgment", "trial", "post_trial")
    ]
    return Doctrine(
        factors={f.id: f for f in factors},
        elements={e.id: e for e in elements},
        rules={r.id: r for r in rules},
        circuits=circuits or {},
        bases={b.id: b for b in bases},
        postures={p.id: p for p in postures},
        areas=frozenset({"deshaney_baseline", "qualified_immunity"}),
        weighing=WEIGHING,
    )


def case(
    cid: str,
    decided: str,
    factors: list[str],
    violation: bool | None,
    court: str = "ca9",
    cite: str | None = None,
    history: list[dict] | None = None,
    **kw,
) -> Case:
    posture = kw.pop("posture", "summary_judgment")
    elements = {
        e: (v if isinstance(v, dict) else {"result": v, "basis": POSTURE_BASIS[posture]})
        for e, v in (kw.pop("elements", None) or {}).items()
    }
    data = {
        "id": cid,
        "name": cid.replace("-", " ").title(),
        "citations": [cite or f"{abs(hash(cid)) % 900 + 1} F.3d {abs(hash(cid[::-1])) % 900 + 1}"],
        "court": court,
        "decided": decided,
        "kind": "decision",
        "doctrine": kw.pop("doctrine", "state_created_danger"),
        "posture": posture,
        "defendant_kind": "individual",
        "factors": factors,
        "outcome": {
            "violation": violation,
            "basis": kw.pop("basis", POSTURE_BASIS[posture] if violation is not None else None),
            "claim_survives": kw.pop("claim_survives", violation),
            "clearly_established": kw.pop("clearly_established", None),
            "qualified_immunity": kw.pop("qualified_immunity", "not_reached"),
        },
        "elements": elements,
        "parenthetical": {"text": f"deciding {cid} on its facts", "seen": "constructed for a test"},
        "history": history or [],
        "verification": VERIFIED,
        **kw,
    }
    if data["outcome"]["clearly_established"] is not None:
        data.setdefault("notice", {"path": "unseen", "seen": "constructed for a test"})
    return Case.model_validate(data)


def make_base(cases: list[Case], circuits: dict[str, CircuitTest] | None = None) -> CaseBase:
    rule_case = Case.model_validate(
        {
            "id": "base-1990",
            "name": "Base v. Rule",
            "citations": ["1 U.S. 1"],
            "court": "scotus",
            "decided": "1950-01-01",
            "kind": "rule",
            "doctrine": "deshaney_baseline",
            "verification": VERIFIED,
        }
    )
    all_cases = {c.id: c for c in [rule_case, *cases]}
    return CaseBase(doctrine=make_doctrine(circuits), cases=all_cases)


def facts(
    factors: list[str],
    court: str = "ca9",
    incident: str = "2010-01-01",
    kind: str = "individual",
    posture: str = "summary_judgment",
    **kw,
) -> FactPattern:
    return FactPattern(
        name="Test v. Case",
        court=court,
        incident_date=dt.date.fromisoformat(incident),
        posture=posture,
        defendant_kind=kind,
        factors=factors,
        **kw,
    )


def core(base: CaseBase, fp: FactPattern, as_of: str | None = None, exclude=()):
    """The prongs alone (elements, constraint, clearly established) on a hand-made base."""
    from stare.reasoning.analysis import core_of

    day = dt.date.fromisoformat(as_of) if as_of else None
    return core_of(base, fp, as_of=day, exclude=exclude)[1]


@pytest.fixture(scope="session")
def real_base():
    from stare.caselaw import load_case_base

    return load_case_base()


def indexed(base: CaseBase, circuit: str = "ca9", theory=("state_created_danger", "deshaney_baseline")):
    """The index of a hand-made base, the pool of usable precedents, and which of them bind."""
    from stare.reasoning.index import index_of

    idx = index_of(base)
    return idx, idx.known(None) & idx.theory(theory), idx.binding(circuit)
