"""Small hand-made case bases whose right answers are known by construction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stare.model.case import Case
from stare.model.casebase import CaseBase
from stare.model.doctrine import CircuitTest, Doctrine, Element, Factor, Rule
from stare.model.facts import FactPattern

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_d4f0317d1809baa8.txt"

VERIFIED = {"verified_on": "2026-11-28", "sources": [{"url": "test://hand-made", "what": "constructed for a test"}]}


def factor(fid: str, side: str, elements: list[str]) -> Factor:
    return Factor(id=fid, side=side, fact=f"the fact {fid}", question=f"{fid}?", elements=elements)


def src(case: str) -> dict:
    return {"case": case, "pinpoint": "1 X at 1"}


def make_doctrine(circuits: dict[str, CircuitTest] | None = None) -> Doctrine:
    """Two elements: 'act' (P: ACT, MOVED; D: OMIT) and 'mind' (P: KNEW, WARNED; D: RUSH, HELP)."""
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
        Element(id="act", name="Act", statement="an affirmative act", sources=[src("base-1990")]),
        Element(id="mind", name="Mind", statement="deliberate indifference", sources=[src("base-1990")]),
        Element(id="custody", name="Custody", statement="custody", sources=[src("base-1990")]),
    ]
    rules = [
        Rule(id="deshaney.no_duty_to_protect", name="baseline", statement="no duty", sources=[src("base-1990")]),
        Rule(
            id="deshaney.state_created_danger",
            name="danger creation",
            statement="danger creation",
            defeats="deshaney.no_duty_to_protect",
            elements=["act", "mind"],
            sources=[src("base-1990")],
        ),
        Rule(
            id="deshaney.special_relationship",
            name="custody",
            statement="custody",
            defeats="deshaney.no_duty_to_protect",
            elements=["custody", "mind"],
            applies_when=["CUSTODY"],
            sources=[src("base-1990")],
        ),
    ]
    return Doctrine(
        factors={f.id: f for f in factors},
        elements={e.id: e for e in elements},
        rules={r.id: r for r in rules},
        circuits=circuits or {},
    )


def case(
    cid: str,
    decided: str,
    factors: list[str],
    violation: bool,
    court: str = "ca9",
    cite: str | None = None,
    history: list[dict] | None = None,
    **kw,
) -> Case:
    data = {
        "id": cid,
        "name": cid.replace("-", " ").title(),
        "citations": [cite or f"{abs(hash(cid)) % 900 + 1} F.3d {abs(hash(cid[::-1])) % 900 + 1}"],
        "court": court,
        "decided": decided,
        "kind": "decision",
        "doctrine": kw.pop("doctrine", "state_created_danger"),
        "posture": "summary_judgment",
        "defendant_kind": "individual",
        "factors": factors,
        "outcome": {
            "violation": violation,
            "claim_survives": kw.pop("claim_survives", violation),
            "clearly_established": kw.pop("clearly_established", None),
            "qualified_immunity": kw.pop("qualified_immunity", "not_reached"),
        },
        "history": history or [],
        "verification": VERIFIED,
        **kw,
    }
    return Case.model_validate(data)


def make_base(cases: list[Case], circuits: dict[str, CircuitTest] | None = None) -> CaseBase:
    rule_case = Case.model_validate(
        {
            "id": "base-1990",
            "name": "Base v. Rule",
            "citations": ["1 X 1"],
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
    factors: list[str], court: str = "ca9", incident: str = "2010-01-01", kind: str = "individual"
) -> FactPattern:
    return FactPattern(
        name="Test v. Case",
        court=court,
        incident_date=dt.date.fromisoformat(incident),
        posture="summary_judgment",
        defendant_kind=kind,
        factors=factors,
    )


@pytest.fixture(scope="session")
def real_base():
    from stare.caselaw import load_case_base

    return load_case_base()


def indexed(base: CaseBase, circuit: str = "ca9", theory=("state_created_danger", "deshaney_baseline")):
    """The index of a hand-made base, the pool of usable precedents, and which of them bind."""
    from stare.reasoning.index import index_of

    idx = index_of(base)
    return idx, idx.known(None) & idx.theory(theory), idx.binding(circuit)
