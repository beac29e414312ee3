"""The second prong of qualified immunity: was the right clearly established on the incident date?

The rules, each a rule of caselaw/doctrine/qualified_immunity.yaml with its sources:

- Notice comes from a decision that found a violation, before the incident and good law then, on a basis
  that can give notice (a holding on the facts or on the pleadings, not a jury's finding). A holding of a
  violation gives notice even where the officer there was immune (``violation_establishes``).
- Closeness is judged element by element, by the facts that decided each element there: the precedent is
  a fortiori when every plaintiff-side fact it had is here and no defendant-side fact here was absent
  there; close when, on every element it found met, this case shares at least one of the facts that met
  it there, and the law does not defeat the element here (a decisive-facts rule, or binding precedent
  forcing it not met); distant otherwise. A defense fact matters only where the law makes it defeat the
  element; otherwise it is an argument, weighed below.
- Only controlling authority (the Supreme Court, the circuit's own published decisions) gives notice of
  itself. A consensus of other circuits can, where the circuit has itself recognized the claim before the
  incident and does not count only controlling authority (``consensus``).
- A binding decision that held materially similar conduct not clearly established on a date controls: for
  conduct up to that date the right was not clearly established, and decisions before that date give no
  notice of it (``not_established_controls``).
- Where the only notice is a close (not a fortiori) binding decision and the defense has a
  precedent-backed answer (a binding decision for the defense at least as similar, or a defense fact here
  that binding precedent has held defeats an element, in a case that had every fact here bearing for the
  plaintiff on that element), the question is contested; a contested question is not beyond debate, so not
  clearly established (``beyond_debate``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from stare.model.analysis import ClearlyEstablished, Gap, NoticePrecedent
from stare.model.case import Case
from stare.model.vocabulary import BASES
from stare.reasoning.index import FULL, MET, popcount
from stare.reasoning.setting import Setting

PATHS = (
    "binding_a_fortiori",
    "binding_close",
    "stated_duty",
    "consensus",
    "contested",
    "controlled",
    "no_binding_case",
    "not_recognized",
    "declined",
)
SHOWN_BINDING, SHOWN_PERSUASIVE = 8, 5


def clearly_established(
    s: Setting,
    factors: frozenset[str],
    incident: dt.date,
    defeated: dict[str, str],
    detail: bool = True,
) -> ClearlyEstablished:
    """``defeated``: the elements the law defeats here (by a decisive-facts rule or binding precedent), each
    with the reason in words. Without ``detail`` only the answer and its path are filled in (for the many
    variations of the facts a hinge search tries)."""
    idx = s.idx
    day = incident.toordinal()
    situation = idx.mask(factors)
    xp, xd = situation & idx.p_all, situation & ~idx.p_all & FULL
    ux_p, ux_d = np.uint64(xp), np.uint64(xd)
    notice_codes = [BASES.index(b) for b in s.notice_bases]
    live = s.pool & (idx.decided < day) & (idx.good_until > day)
    rows = np.nonzero(live & idx.violation & np.isin(idx.basis, notice_codes))[0]
    p, d = idx.p[rows], idx.d[rows]
    a_fortiori = ((p & ~ux_p) == 0) & ((ux_d & ~d) == 0)
    gap_count = np.zeros(len(rows), dtype=np.int32)
    for e in s.elements:
        be = np.uint64(idx.bearing(e))
        cp = p & be
        gap_count += ((cp != 0) & ((cp & ux_p) == 0)).astype(np.int32)
        if e in defeated:
            gap_count += (~a_fortiori).astype(np.int32)
    rank = np.where(a_fortiori, 0, np.where(gap_count == 0, 1, 2))
    bind = s.binding[rows]
    sim2 = 2 * popcount((p | d) & np.uint64(situation)) - popcount((p | d) ^ np.uint64(situation))

    # a binding holding that similar conduct was not clearly established as of its incident date
    controlled_by, superseded = _not_established(s, situation, day)
    valid = np.ones(len(rows), dtype=bool)
    if superseded is not None:
        valid = idx.decided[rows] >= idx.incident[superseded]

    recognized = s.recognized_on is not None and s.recognized_on < incident
    declined = s.test is not None and not s.test.recognized
    near_binding = bind & valid & (rank < 2)
    best = _best(rows, near_binding, rank, sim2, idx.decided)
    answer, answer_factors, answer_holdings = (
        (None, [], []) if best is None else _answer(s, factors, incident, rows[best], sim2[best])
    )

    threshold, why_not = _consensus_rule(s, recognized, incident)
    other = ~bind & idx.own_circuit_eligible[rows] & ~idx.scotus[rows] & (rank < 2)
    circuits = sorted(str(c) for c in np.unique(idx.circuit[rows[other]].astype(str)) if c and c != s.circuit)
    by_consensus = threshold is not None and len(circuits) >= threshold

    if declined:
        status, path = "not_established", "declined"
    elif controlled_by is not None:
        status, path = "not_established", "controlled"
    elif not recognized and not by_consensus:
        status, path = "not_established", "not_recognized"
    elif best is not None and rank[best] == 0:
        status, path = "established", "binding_a_fortiori"
    elif best is not None and answer is None and not answer_factors:
        status, path = "established", "binding_close"
    elif _stated_duty(s, situation, incident, defeated):
        status, path = "established", "stated_duty"
    elif best is not None:
        status, path = "contested", "contested"
    elif by_consensus:
        status, path = "established", "consensus"
    else:
        status, path = "not_established", "no_binding_case"
    established = status == "established"
    by = (
        "binding"
        if path.startswith("binding") or path == "stated_duty"
        else "consensus"
        if path == "consensus"
        else "none"
    )

    def notice(j: int, binding: bool) -> NoticePrecedent:
        case = idx.cases[rows[j]]
        gaps = []
        for e in s.elements:
            be = idx.bearing(e)
            cp = int(p[j]) & be
            if cp and not (cp & xp):
                gaps.append(Gap(element=e, kind="no_shared_fact", their_facts=idx.names(cp)))
            elif e in defeated and rank[j] != 0:
                gaps.append(Gap(element=e, kind="defeated", reason=defeated[e]))
        sup = None
        if binding and not valid[j] and superseded is not None:
            sup = s.ref(idx.cases[superseded], won="defendant", situation=factors)
        return NoticePrecedent(
            precedent=s.ref(case, won="plaintiff", relation="notice", situation=factors),
            circuit=str(idx.circuit[rows[j]]),
            closeness=("a_fortiori", "close", "distant")[int(rank[j])],
            on_notice=bool(binding and valid[j] and rank[j] < 2 and recognized),
            gaps=gaps,
            superseded_by=sup,
        )

    if detail:
        shown_b = _shown(np.nonzero(bind)[0], rank, sim2, idx.decided[rows], SHOWN_BINDING)
        shown_p = _shown(np.nonzero(~bind)[0], rank, sim2, idx.decided[rows], SHOWN_PERSUASIVE)
    else:
        shown_b = shown_p = []
    d = s.doctrine
    spec = s.rule("specific_context")
    fair = s.rule("fair_warning")
    seq = s.rule("order_optional") if s.rule("order_optional") and _since(s.rule("order_optional"), s.day) else None
    seq = seq or s.rule("sequence")
    debate = s.rule("beyond_debate")
    consensus = d.role("consensus")
    return ClearlyEstablished(
        as_of=incident,
        status=status,
        established=established,
        path=path,
        recognized_in_circuit=recognized,
        recognized_on=s.recognized_on,
        rule=spec.statement if spec else "",
        rule_sources=s.sources(spec.sources) if spec else [],
        fair_warning=fair.statement if fair else None,
        fair_warning_sources=s.sources(fair.sources) if fair else [],
        sequence=seq.statement if seq else "",
        sequence_sources=s.sources(seq.sources) if seq else [],
        precedents=[notice(int(j), True) for j in shown_b],
        persuasive=[notice(int(j), False) for j in shown_p],
        best_notice=notice(int(best), True) if best is not None and detail else None,
        best_answer=s.ref(answer, situation=factors) if answer is not None and detail else None,
        answer_factors=answer_factors,
        answer_holdings=[s.ref(c, won="defendant", situation=factors) for c in answer_holdings] if detail else [],
        beyond_debate=(s.sources(debate.sources) or [None])[0] if debate and path == "contested" else None,
        controlled_by=s.ref(controlled_by, won="defendant", situation=factors)
        if controlled_by is not None and detail
        else None,
        established_by=by,
        consensus_circuits=circuits if threshold is not None else [],
        consensus_threshold=threshold,
        consensus_counts=threshold is not None,
        consensus_why_not=why_not,
        consensus_sources=s.sources(consensus.sources) if consensus and s.known_rule(consensus) else [],
    )


def _stated_duty(s: Setting, situation: int, incident: dt.date, defeated: dict[str, str]) -> bool:
    """The Supreme Court stated the theory's duty before the incident, and every element of it is met here by
    a plaintiff-side fact with none defeated by law."""
    rule = s.rule("stated_duty")
    by = s.theory.recognized_by
    if rule is None or by is None or not s.knows(by.case) or s.base.cases[by.case].decided >= incident:
        return False
    if defeated:
        return False
    xp = situation & s.idx.p_all
    return all(xp & s.idx.bearing(e) for e in s.elements)


def _since(rule, day: dt.date) -> bool:
    return rule.since is None or rule.since <= day


def _best(rows, eligible, rank, sim2, decided) -> int | None:
    """The best notice precedent: a fortiori before close, then the most similar, then the latest."""
    cand = np.nonzero(eligible)[0]
    if not len(cand):
        return None
    key = (
        (2 - rank[cand]).astype(np.int64) * 10**12
        + (sim2[cand].astype(np.int64) + 100) * 10**7
        + decided[rows[cand]] % 10**7
    )
    return int(cand[np.argmax(key)])


def _not_established(s: Setting, situation: int, day: int):
    """The binding holding that materially similar conduct was not clearly established whose date is
    latest: it controls conduct up to that date (``controlled_by``) or, for later conduct, supersedes every
    notice decision before that date (``superseded``, a row)."""
    rule = s.rule("not_established_controls")
    if rule is None:
        return None, None
    idx = s.idx
    rows = np.nonzero(s.ce_pool & s.binding & idx.not_established & (idx.incident > 0))[0]
    if not len(rows):
        return None, None
    # materially similar: the holding forces this case a fortiori (no plaintiff-side fact here that was not
    # there, every defense-side fact there is here) and shares at least one fact with it
    xp = np.uint64(situation & idx.p_all)
    xd = np.uint64(situation & ~idx.p_all & FULL)
    p, d = idx.p[rows], idx.d[rows]
    similar = ((xp & ~p) == 0) & ((d & ~xd) == 0) & (((p & xp) | (d & xd)) != 0)
    rows = rows[similar]
    if not len(rows):
        return None, None
    latest = rows[np.argmax(idx.incident[rows])]
    if day <= idx.incident[latest]:
        return idx.cases[latest], None
    return None, int(latest)


def _answer(s: Setting, factors: frozenset[str], incident: dt.date, notice_row: int, notice_sim2: int):
    """The defense's best answer to a close notice precedent, if precedent backs one: a binding holding for
    the defense before the incident (on a basis that could give notice, so not a jury's finding) at least as
    similar to this case; or defense facts here, absent from the notice case, that a binding decision before
    the incident held defeat an element. Returns that decision, those facts, and the holding behind each."""
    idx = s.idx
    day = incident.toordinal()
    situation = idx.mask(factors)
    live = s.pool & s.binding & (idx.decided < day) & (idx.good_until > day)
    # the answer must be a holding, as notice must: a jury's finding or a deferential review holds nothing
    # on what facts satisfy an element, so it answers no notice case (the bases' ``gives_notice``)
    holding = np.isin(idx.basis, [BASES.index(b) for b in s.notice_bases])
    rows = np.nonzero(live & ~idx.violation & holding)[0]
    answer = None
    sit = np.uint64(situation)
    if len(rows):
        cs = idx.p[rows] | idx.d[rows]
        sim2 = 2 * popcount(cs & sit) - popcount(cs ^ sit)
        ok = sim2 >= notice_sim2
        if ok.any():
            j = np.nonzero(ok)[0]
            answer = idx.cases[rows[j[np.argmax(sim2[j] * 10**7 + idx.decided[rows[j]] % 10**7)]]]
    notice_case = idx.cases[notice_row]
    added = [f for f in factors if s.doctrine.factors[f].side == "D" and f not in notice_case.factors]
    backed: list[str] = []
    holdings: list[Case] = []  # the binding holding behind each backed fact, the one closest to this case
    for f in sorted(added):
        for e in s.doctrine.factors[f].elements:
            if e not in s.elements:
                continue
            res = idx.element_result(e)
            held = idx.element_held(e)
            has = (idx.d & np.uint64(idx.bits[f])) != 0
            # the holding reaches this case only if it had every fact here that bears for the plaintiff on
            # the element: a holding that inaction was not an affirmative act says nothing of a case that
            # also has an act it lacked (as a precedent forces an element only a fortiori)
            xp = np.uint64(situation & idx.p_all & idx.bearing(e))
            reaches = (xp & ~idx.p) == 0
            found = np.nonzero(live & held & (res != MET) & has & reaches)[0]
            if len(found):
                backed.append(f)
                cs = idx.p[found] | idx.d[found]
                closest = idx.cases[found[np.argmax(2 * popcount(cs & sit) - popcount(cs ^ sit))]]
                if all(h.id != closest.id for h in holdings):
                    holdings.append(closest)
                break
    return answer, backed, holdings


def _consensus_rule(s: Setting, recognized: bool, incident: dt.date):
    """How many other circuits make a consensus here, or why none can count."""
    rule = s.doctrine.role("consensus")
    if rule is None or rule.threshold is None or not s.known_rule(rule):
        return None, "before_rule"
    if s.test is not None and not s.test.recognized:
        return None, "declined"
    only = s.test.controlling_authority_only if s.test is not None else None
    if only is not None and s.knows(only.case):
        return None, "controlling_only"
    if not recognized:
        return None, "not_recognized"
    return rule.threshold, None


def _shown(local: np.ndarray, rank: np.ndarray, sim2: np.ndarray, decided: np.ndarray, limit: int) -> list[int]:
    """Every a fortiori and close precedent (up to ``limit``, or 20 if there are more), then the three most
    similar distant ones, so a reader sees which precedents do not give notice and why."""
    if not len(local):
        return []
    key = (
        (2 - rank[local]).astype(np.int64) * 10**12
        + (sim2[local].astype(np.int64) + 100) * 10**7
        + decided[local] % 10**7
    )
    order = local[np.argsort(-key, kind="stable")]
    ranks = rank[order]
    near = order[ranks < 2][: max(limit, 20)]
    far = order[ranks == 2][:3]
    return [int(j) for j in near] + [int(j) for j in far]
