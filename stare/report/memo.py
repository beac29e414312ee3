"""The memo a lawyer could file as a first draft, rendered from a Jinja2 template.

The template (templates/memo.md.j2) lays the memo out; ``MemoWriter`` writes each part's sentences from the
analysis (through ``stare.report.prose``) and cites through one ``Citer``, so that citations take their full
form first and their short form after, in reading order, and the table of authorities lists exactly what was
cited, with where.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from stare.model.analysis import Analysis, Argument
from stare.report.citations import Citer, strip_marks
from stare.report.prose import (
    DEFENDANTS,
    PRONG,
    Prose,
    ce_sentence,
    closeness_parts,
    day,
    element_reason,
    join,
    lower,
    upper,
)


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("stare.report", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    return env


def escape_markdown(text: object) -> str:
    """User text goes into the memo as text, never as markup or HTML."""
    s = str(text)
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|", "#"):
        s = s.replace(ch, "\\" + ch)
    return s


class MemoWriter:
    """The memo's parts, in the order the template asks for them."""

    def __init__(
        self, a: Analysis, prepared: dt.date | None = None, parentheticals: bool = True, markdown: bool = True
    ):
        self.a = a
        self.citer = Citer({x.id: x for x in a.authorities})
        self.p = Prose(a, self.citer, parentheticals, markdown)
        self.prepared = prepared or dt.date.today()
        self.ce = a.clearly_established
        self.pred = a.prediction
        self.qi_at_issue = self.pred.qualified_immunity != "not_at_issue"

    def at(self, section: str) -> str:
        return self.citer.at(section)

    def para(self) -> str:
        return self.citer.paragraph()

    # --- front matter ---------------------------------------------------------------------------

    def re_line(self) -> str:
        f = self.a.facts
        immunity = " and qualified immunity" if self.qi_at_issue else ""
        return f"{escape_markdown(f.name)}: {self.pred.claim}{immunity}, {self.p.stage()} in {self.p.court}"

    def question(self) -> str:
        f, p = self.a.facts, self.p
        who = p.defendants
        whom = p.plaintiff
        where = p.court if self.a.circuit in (None, f.court) else f"{p.court}, under {p.circuit}'s law"
        q = (
            f"Whether, {p.stage()} in {where}, the conduct of {who} violated the Fourteenth Amendment right of "
            f"{whom} to substantive due process under the {lower(self.a.exception.name)} to {self._baseline()}, "
            "a claim brought under 42 U.S.C. § 1983"
        )
        if self.qi_at_issue:
            q += f"; and, if so, whether that right was clearly established on {day(f.incident_date)}, so that qualified immunity does not protect {self._officials()}"
        if f.defendant_kind != "individual":
            q += "; and what the claim against the municipality still requires"
        return q + "."

    def _officials(self) -> str:
        """The individual defendants, as the fact file names them when they are the only defendants."""
        return self.p.defendants if self.a.facts.defendant_kind == "individual" else DEFENDANTS["individual"]

    def _baseline(self) -> str:
        """The rule the exception defeats, as the doctrine's baseline names it in a clause."""
        base = self.a.baseline
        if base is not None and base.clause:
            return base.clause
        return "the rule it is an exception to"

    def brief_answers(self) -> list[str]:
        p, pred = self.p, self.pred
        out = []
        weakest = self._weakest()
        if pred.violation_path == "declined":
            reason = f"{upper(p.circuit)} has declined to adopt the claim."
        elif pred.forced_by:
            reason = (
                f"Binding precedent decides it: this case has every fact that decided {p.c.name(pred.forced_by[0].id)}."
            )
        elif weakest is not None and weakest.finding != "met":
            reason = f"The deciding question is {p.element(weakest.id)}: {weakest.answer}."
        elif weakest is not None:
            reason = f"Each element is satisfied on this record; the closest is {p.element(weakest.id)}."
        else:
            reason = ""
        verdict = "Probably yes" if pred.violation else "Probably not"
        out.append(f"**The violation.** {verdict} ({p.confidence(pred.violation_confidence)}). {reason}")
        if self.qi_at_issue and pred.ce_confidence is not None:
            status = {
                "established": "Probably yes",
                "contested": "Probably not: the question is contested",
                "not_established": "Probably not",
            }[pred.ce_status]
            if pred.clearly_established and pred.ce_status != "established":
                status = "Probably yes"
            elif not pred.clearly_established and pred.ce_status == "established":
                status = "Probably not"
            out.append(
                f"**Clearly established on {day(self.a.facts.incident_date)}.** {status} "
                f"({p.confidence(pred.ce_confidence)}). {ce_sentence(p, self.ce)}"
            )
        for ans in pred.answers:
            # the fact file names all the defendants together; with a municipality among them, the answer on
            # immunity is about the individual officials only
            who = self._officials()
            if ans.defendant == "individual":
                if ans.turns_on == "immunity_not_raised":
                    line = f"Qualified immunity has not been raised; the claim against {who} {'probably survives' if ans.survives else 'probably does not survive'}"
                else:
                    line = (
                        f"{upper(who)} {'probably will not' if ans.survives else 'probably will'} be protected by qualified "
                        f"immunity, so the claim against {'them' if who.startswith('the ') else who} "
                        f"{'probably survives' if ans.survives else 'probably does not survive'}"
                    )
                out.append(f"**The claim against the individual officials.** {line} ({p.confidence(ans.confidence)}).")
            else:
                out.append(
                    f"**The claim against the municipality.** It has no qualified immunity, so it turns on the violation "
                    f"and on whether a policy or custom of the municipality caused it, which stare does not judge; on the "
                    f"violation alone it {'could proceed' if ans.survives else 'fails'} ({p.confidence(ans.confidence)})."
                )
        return out

    def _weakest(self):
        return min(self.a.elements, key=lambda e: e.probability_met) if self.a.elements else None

    # --- facts ---------------------------------------------------------------------------------

    def relevant_facts(self) -> list[str]:
        """The facts that matter, those the answer turns on first, then the plaintiff's, then the defense's."""
        f = self.a.facts
        hinges = [h.factor for h in self.a.hinges if h.present]
        stated = list(dict.fromkeys(f.factors))
        d = {x for e in self.a.elements for x in e.factors_against}
        order = [x for x in hinges if x in stated]
        order += [x for x in stated if x not in order and x not in d]
        order += [x for x in stated if x not in order]
        return [self.p.fact(x) for x in order]

    def presumed(self) -> list[str]:
        return [self.p.fact(x) for x in self.a.presumed]

    def disputed(self) -> list[dict]:
        return [
            {
                "fact": escape_markdown(d.fact),
                "plaintiff": escape_markdown(d.plaintiff.strip()),
                "defendant": escape_markdown(d.defendant.strip()),
                "source": escape_markdown(d.source) if d.source else "",
            }
            for d in self.a.facts.disputed
        ]

    def dispute_turns(self) -> str:
        """What turns on the disputed facts: which account the stage takes, and what the other would change."""
        variant = next((v for v in self.a.variants if v.name == "defendant's account"), None)
        if variant is None:
            return ""
        changed = []
        if variant.violation != self.pred.violation:
            changed.append("the violation")
        if self.qi_at_issue and variant.clearly_established != self.pred.clearly_established:
            changed.append("clearly established law")
        if variant.claim_survives != self.pred.claim_survives:
            changed.append("the outcome")
        stage = self.a.facts.posture
        taken = (
            "On a motion to dismiss the plaintiff's account is taken as true, and this memo analyzes it."
            if stage == "motion_to_dismiss"
            else "At summary judgment the record is read for the plaintiff, so her account governs, and this memo analyzes it."
            if stage == "summary_judgment"
            else "The fact-finder decides between the accounts; this memo analyzes the plaintiff's."
        )
        turns = (
            f"On the defendant's account, {join(changed)} would come out the other way."
            if changed
            else "On the defendant's account the answers would be the same."
        )
        return f"{taken} {turns}"

    # --- discussion ---------------------------------------------------------------------------

    def rule(self) -> str:
        a, c = self.a, self.citer
        base = a.baseline
        out = f"{base.statement} {self._sources(base.sources)}"
        exc = a.exception
        out += f" The exception at issue is the {lower(exc.name)}: {lower(exc.statement)} {self._sources(exc.sources)}"
        for r in a.conscience:
            out += f" {r.statement} {self._sources(r.sources)}"
        return out + c.paragraph()

    def circuit_test(self) -> tuple[str, list[str]]:
        t = self.a.circuit_test
        if t is None:
            return "", []
        head = f"{upper(self.p.circuit)} states the test, as of {day(self.a.as_of)}, in {self.p.source(t.source.case, t.source.pinpoint)}:"
        items = []
        for e in t.elements:
            src = e["sources"][0] if e["sources"] else None
            # an element taken from the statement the heading cites, with no page of its own, needs no cite
            same = src is not None and src["case"] == t.source.case and not src["pinpoint"]
            cite = f" {_period(self.p.source(src['case'], src['pinpoint']))}" if src and not same else ""
            items.append(f"{e['text'].rstrip('.')}.{cite}")
        self.citer.paragraph()
        return head, items

    def _sources(self, sources) -> str:
        """A citation sentence for a rule: binding authority, then persuasive authority introduced by "see also"
        and labelled; one case's several pages cited together."""
        binding = _grouped([s for s in sources if s.binding])
        persuasive = _grouped([s for s in sources if not s.binding])
        parts = [self.p.source(case, pin) for case, pin in binding]
        if persuasive:
            parts.append(
                "see also " + "; ".join(self.p.source(case, pin) + " (persuasive)" for case, pin in persuasive)
            )
        if not parts:
            return ""
        return _period(upper(_lower_id("; ".join(parts))))

    def stage_question(self) -> str:
        pv = self.a.posture
        q = pv.statement.replace("{element}", "each element")
        return (
            f"{upper(self.p.stage())}, the question for each element is this: {q} {self._sources(pv.sources)}"
            + self.citer.paragraph()
        )

    def element_rule(self, e) -> str:
        out = f"{e.rule.rstrip('.')}. {self._sources(e.rule_sources)}"
        if e.persuasive_sources:
            out += " Other circuits put it the same way. " + self._sources(e.persuasive_sources)
        return out + self.citer.paragraph()

    def element_application(self, e) -> str:
        p = self.p
        parts = []
        if e.factors_for:
            parts.append(f"For the plaintiff: {p.facts(e.factors_for)}.")
        if e.factors_against:
            parts.append(f"For the defense: {p.facts(e.factors_against)}.")
        parts.append(element_reason(p, e))
        return " ".join(parts) + self.citer.paragraph()

    def argument(self, opener: str) -> list[str]:
        """The three plies opened by ``opener`` ("plaintiff" or "defendant"), in sentences."""
        a, p = self.a, self.p
        other = "defendant" if opener == "plaintiff" else "plaintiff"
        first = next((x for x in a.arguments[opener] if x.ply == 1), None)
        second = next((x for x in a.arguments[other] if x.ply == 2), None)
        third = next((x for x in a.arguments[opener] if x.ply == 3), None)
        side = "The plaintiff" if opener == "plaintiff" else "The defense"
        other_side = "The defense" if opener == "plaintiff" else "The plaintiff"
        mine, theirs = ("P", "D") if opener == "plaintiff" else ("D", "P")
        if first is None or first.precedent is None:
            return [f"{side} has no precedent in the case base that it won on facts sharing any of these."]
        ref = first.precedent
        binds = "It binds here." if ref.binding else "It is persuasive authority from another circuit."
        held = "found a violation" if opener == "plaintiff" else "found no violation"
        shared = p.shared(ref, mine) or p.shared(ref, theirs)
        text = f"{side}'s closest precedent is {p.mention(ref)}, which {held}. As there, {shared}. {binds}"
        if first.also:
            text += " See also " + "; ".join(p.precedent(x) for x in first.also) + "."
        out = [text + self.citer.paragraph()]
        if second is not None:
            parts = []
            pieces = [
                f"({p.their_facts(ref, fids)}), which {_goes(fids)} to {p.elements(els)}"
                for els, fids in _by_elements(second.missing).items()
            ]
            if pieces:
                one = len(second.missing) == 1
                parts.append(
                    f"{p.c.name(ref.id)} turned on {'a fact' if one else 'facts'} absent here "
                    + (pieces[0] if len(pieces) == 1 else ", and ".join(pieces))
                )
            for els, fids in _by_elements(second.added).items():
                parts.append(f"here, unlike there, {p.facts(fids)}, which {_goes(fids)} to {p.elements(els)}")
            if parts:
                text = f"{other_side} answers that " + "; and ".join(parts) + "."
            else:
                text = f"{other_side} cannot distinguish {p.c.name(ref.id)} on the recorded facts: this case is a fortiori from it."
            if second.counterexamples:
                text += (
                    " It points instead to "
                    + "; and ".join(
                        f"{p.mention(x)}, which {p.won(x)} where, as here, "
                        f"{p.shared(x, theirs, limit=2) or p.shared(x, mine, limit=2)}"
                        for x in second.counterexamples
                    )
                    + "."
                )
            out.append(text + self.citer.paragraph())
        if third is not None and third.replies:
            stands = [r.factor for r in third.replies if r.kind == "stands" and r.factor]
            # the facts that did not stop one precedent, said once for it, where it first comes up
            said: list[str | tuple] = []
            despite: dict[str, tuple] = {}
            for r in third.replies:
                if r.kind == "despite" and r.precedent is not None and r.factor:
                    if r.precedent.id not in despite:
                        despite[r.precedent.id] = (r.precedent, [])
                        said.append(despite[r.precedent.id])
                    despite[r.precedent.id][1].append(r.factor)
                elif r.kind != "stands" and (x := self._reply(r)):
                    said.append(x)
            replies = [x if isinstance(x, str) else self._despite(*x) for x in said]
            text = f"{side} replies that " + "; ".join(replies) + "." if replies else ""
            if stands:
                one = len(stands) == 1
                text += (
                    f" No precedent {side.lower()} won had {'this fact' if one else 'these facts'} "
                    f"({p.facts(stands)}), so {'that distinction stands' if one else 'those distinctions stand'}."
                )
            if text:
                out.append(text.strip() + self.citer.paragraph())
        return out

    def _despite(self, ref, fids: list[str]) -> str:
        p = self.p
        return (
            f"{'the fact' if len(fids) == 1 else 'the facts'} that {p.facts(fids)} did not stop "
            f"{p.mention(ref)} from coming out the same way"
        )

    def _reply(self, r) -> str:
        p = self.p
        if r.kind == "substitute":
            return (
                f"the lack of that fact ({p.fact(r.factor)}) matters less, because here {p.facts(r.substitutes, limit=2)}, "
                f"which {_goes(r.substitutes)} to the same element"
            )
        if r.kind == "distinguish" and r.precedent is not None:
            bits = []
            if r.missing:
                bits.append(f"it turned on facts absent here ({p.their_facts(r.precedent, r.missing)})")
            if r.added:
                bits.append(f"here {p.facts(r.added, limit=2)}, which it lacked")
            return f"{p.mention(r.precedent)} is different: {join(bits)}"
        if r.precedent is not None:
            return f"{p.mention(r.precedent)} cannot be distinguished on the recorded facts and cuts hard the other way"
        return ""

    # --- qualified immunity ----------------------------------------------------------------------

    def qi_rule(self) -> str:
        ce = self.ce
        out = f"{ce.rule} {self._sources(ce.rule_sources)}"
        if ce.fair_warning:
            out += f" {ce.fair_warning} {self._sources(ce.fair_warning_sources)}"
        return out + self.citer.paragraph()

    def qi_order(self) -> str:
        ce = self.ce
        out = f"{ce.sequence} {self._sources(ce.sequence_sources)}"
        if not self.pred.violation:
            out += (
                " Where, as stare predicts here, the facts do not show a violation, a court need not reach this prong; "
                "it is analyzed because a court may take it first, and because the prediction on the violation may be wrong."
            )
        return out + self.citer.paragraph()

    def notice_lines(self) -> tuple[str, list[str]]:
        return self._notice_list(self.ce.precedents)

    def persuasive_lines(self) -> tuple[str, list[str]]:
        return self._notice_list(self.ce.persuasive[:4])

    def _notice_list(self, items) -> tuple[str, list[str]]:
        """A list of earlier decisions and why each does or does not give notice; where the reason is the
        same for all, it is said once, in the lead-in, instead of on every line."""
        p = self.p
        rows = [(p.precedent(n.precedent), closeness_parts(p, n)) for n in items]
        reasons = {r for _, r in rows}
        if len(rows) > 1 and len(reasons) == 1:
            verdict, why = reasons.pop()
            return f", each {verdict} ({why})", [f"{cite}." for cite, _ in rows]
        return "", [f"{cite}: {verdict}: {why}." for cite, (verdict, why) in rows]

    def qi_conclusion(self) -> str:
        return ce_sentence(self.p, self.ce) + self.citer.paragraph()

    def consensus(self) -> str:
        ce = self.ce
        if not ce.consensus_sources:
            return ""
        cites = "; ".join(self.p.source(s.case, s.pinpoint) for s in ce.consensus_sources)
        why = {
            "not_recognized": f"it cannot count here, because {self.p.circuit} had not itself recognized the claim before the incident",
            "declined": f"it cannot count here, because {self.p.circuit} has declined to adopt the claim",
            "controlling_only": f"it cannot count here, because {self.p.circuit} counts only controlling authority",
            "before_rule": "",
            None: (
                f"{self.p.number_word(len(ce.consensus_circuits))} other "
                + ("circuit" if len(ce.consensus_circuits) == 1 else "circuits")
                + " had decisions close enough"
                + (f" ({join(self._circuit_names(ce.consensus_circuits))})" if ce.consensus_circuits else "")
                + f", and {self.p.number_word(ce.consensus_threshold or 0)} make a consensus"
                + (
                    ", but binding precedent already answers the question here"
                    if ce.status != "established" and ce.path in ("contested", "controlled")
                    else ""
                )
            ),
        }[ce.consensus_why_not]
        return (
            "A consensus of persuasive authority can clearly establish a right where controlling authority does not. "
            f"{_period(cites)} Here {why}." + self.citer.paragraph()
        )

    def _circuit_names(self, ids):
        from stare.model.courts import court_name

        return [court_name(c).removeprefix("the ") for c in ids]

    # --- conclusion ----------------------------------------------------------------------------

    def conclusion(self) -> str:
        pred, p = self.pred, self.p
        parts = []
        if pred.violation_path == "declined":
            parts.append(f"the claim fails in {p.circuit}, which has not adopted it")
        else:
            parts.append(
                "the facts probably show a violation"
                if pred.violation
                else "the facts probably do not show a violation"
            )
        if self.qi_at_issue:
            parts.append(
                "the right was probably clearly established"
                if pred.clearly_established
                else "the law was contested, so immunity probably applies"
                if pred.ce_status == "contested"
                else "the right was probably not clearly established"
            )
        tail = "; ".join(
            f"against {'the individual officials' if x.defendant == 'individual' else 'the municipality'} the claim "
            f"{'probably survives' if x.survives else 'probably does not'}"
            for x in pred.answers
        )
        return f"In short, {join(parts)}; {tail}." + self.citer.paragraph()

    def next_steps(self) -> list[str]:
        p = self.p
        out = []
        for h in self.a.hinges:
            flips = join(PRONG[x] for x in h.flips)
            plaintiff_side = h.factor in self.p.plaintiff_factors
            if h.present and plaintiff_side:
                out.append(
                    f"Keep the evidence that {p.fact(h.factor)}: without it, {flips} would turn against the plaintiff."
                )
            elif h.present:
                out.append(
                    f"Contest the showing that {p.fact(h.factor)}: without it, {flips} would turn for the plaintiff."
                )
            elif plaintiff_side:
                out.append(
                    f"Find out whether {p.fact(h.factor)}: if that can be shown, {flips} would turn for the plaintiff."
                )
            else:
                out.append(
                    f"Watch for evidence that {p.fact(h.factor)}: if the defense shows it, {flips} would turn against the plaintiff."
                )
        for v in self.a.variants:
            if v.name == "with the unsure facts":
                changed = v.claim_survives != self.pred.claim_survives or v.violation != self.pred.violation
                out.append(
                    f"Develop the facts the client is unsure of ({p.facts(v.added)}): "
                    + (
                        "proved, they would change the answer."
                        if changed
                        else "proved, they would not change the answer."
                    )
                )
        if self.a.facts.defendant_kind != "individual":
            policy = self.a.facts.policy_or_custom
            out.append(
                "Against the municipality, develop the policy or custom that caused the conduct"
                + (f" (the client describes: {escape_markdown(policy)})" if policy else "")
                + "; stare does not judge it."
            )
        return out

    def limits(self) -> list[str]:
        return [
            "stare reasons from the facts as the fact file states them, coded into a fixed vocabulary; a fact it "
            "has no word for does not count, and it cannot weigh credibility.",
            "Its case base is a curated sample of published decisions, each verified against public sources; "
            "decisions outside it are not considered, and every citation should be checked against the reporter "
            "before filing.",
            "Its confidences are its own record on earlier decisions predicted the same way, not a guarantee; "
            "the judgments it cannot make are flagged for counsel under each element.",
        ]


def _grouped(sources) -> list[tuple[str, str | None]]:
    """One citation per case: several pinpoints of one case become one ("at 851-53, 854")."""
    out: list[tuple[str, list[str]]] = []
    for s in sources:
        if out and out[-1][0] == s.case:
            if s.pinpoint:
                out[-1][1].append(s.pinpoint)
        else:
            out.append((s.case, [s.pinpoint] if s.pinpoint else []))
    merged = []
    for case, pins in out:
        if len(pins) > 1:
            heads = {p.split(" at ")[0] for p in pins if " at " in p}
            if len(heads) == 1 and all(" at " in p for p in pins):
                head = heads.pop()
                pages = sorted(dict.fromkeys(p.split(" at ", 1)[1] for p in pins), key=_first_page)
                pins = [f"{head} at " + ", ".join(pages)]
        merged.append((case, pins[0] if pins else None))
    return merged


def _period(citation: str) -> str:
    """A citation sentence ends with a period, once ("*Id.*", not "*Id.*.")."""
    return citation if citation.endswith((".", ".*")) else citation + "."


def _first_page(pages: str) -> int:
    """The page a pinpoint starts on ("851-53" -> 851), so that several pinpoints print in page order."""
    m = re.match(r"\d+", pages.strip())
    return int(m.group()) if m else 0


def _lower_id(text: str) -> str:
    """*Id.* inside a citation string (after a semicolon or a signal) is written *id.*."""
    return text.replace("; *Id.*", "; *id.*").replace("see also *Id.*", "see also *id.*")


#: the other authorities a memo may name, with the words that mark a mention in its text
PROVISIONS = (
    ("Constitutional provisions", "U.S. Const. amend. XIV, § 1", ("Fourteenth Amendment", "Due Process Clause")),
)
STATUTES = (("Statutes", "42 U.S.C. § 1983", ("§ 1983",)),)


def render_marked(analysis: Analysis, prepared: dt.date | None = None) -> tuple[str, MemoWriter]:
    """The memo as markdown with its citation markers (for the exports to anchor), and its writer."""
    w = MemoWriter(analysis, prepared)
    text = _env().get_template("memo.md.j2").render(a=analysis, w=w, day=day, prepared=w.prepared)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.replace("{{TOA}}", toa_markdown(w, text)), w


def render_memo(analysis: Analysis, prepared: dt.date | None = None) -> str:
    """The memo as markdown."""
    return strip_marks(render_marked(analysis, prepared)[0])


def _sections(text: str) -> list[tuple[str, str]]:
    """The memo's text by section label (I, II, IV.B.3, ...), as the template heads them."""
    import re

    out, label = [], ""
    for line in text.splitlines():
        m = (
            re.match(r"^## ([IVX]+)\. ", line)
            or re.match(r"^### ([A-D])\. ", line)
            or re.match(r"^#### (\d+)\. ", line)
        )
        if m:
            g = m.group(1)
            if line.startswith("## "):
                label = g
            elif line.startswith("### "):
                label = f"IV.{g}"
            else:
                label = f"IV.B.{g}"
        if line.startswith("## Table of authorities"):
            break
        out.append((label, line))
    return out


def toa_markdown(w: MemoWriter, text: str) -> str:
    """The table of authorities: cases, constitutional provisions and statutes, alphabetically, each with the
    sections where it is cited (the PDF and Word exports give pages)."""
    rows = ["| Case | Cited in |", "|---|---|"]
    for au in w.citer.cited():
        secs = ", ".join(w.citer.sections_of(au.id))
        where = f"{au.court_label} " if au.court_label else ""
        rows.append(f"| *{escape_markdown(au.name)}*, {au.citation} ({where}{au.decided.year}) | {secs} |")
    out = "**Cases**\n\n" + "\n".join(rows)
    lines = _sections(strip_marks(text))
    for group in (PROVISIONS, STATUTES):
        for heading, cite, words in group:
            secs = list(dict.fromkeys(label for label, line in lines if label and any(x in line for x in words)))
            if secs:
                out += f"\n\n**{heading}**\n\n| Authority | Cited in |\n|---|---|\n| {cite} | {', '.join(secs)} |"
    return out


def memo_writer(analysis: Analysis, prepared: dt.date | None = None) -> MemoWriter:
    return MemoWriter(analysis, prepared)


__all__ = ["Argument", "MemoWriter", "escape_markdown", "memo_writer", "render_memo"]


def _by_elements(distinctions) -> dict[tuple, list[str]]:
    """Distinguishing facts grouped by the elements they go to, in the order given."""
    out: dict[tuple, list[str]] = {}
    for d in distinctions:
        out.setdefault(tuple(d.elements), []).append(d.factor)
    return out


def _goes(fids) -> str:
    return "goes" if len(fids) == 1 else "go"
