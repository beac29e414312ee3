"""The analysis in sentences, for the memo, the terminal report and the web page.

Everything a reader sees goes through here: factors become the client's words (or the vocabulary's plain
phrase), elements their names, courts their names, precedents what happened in them and what they held.
No identifier of any kind reaches a sentence. Citations come from a ``Citer`` so that they take the
Bluebook's full and short forms in reading order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from stare.model.analysis import Analysis, ClearlyEstablished, Confidence, ElementFinding, NoticePrecedent, PrecedentRef
from stare.model.courts import court_name
from stare.report.citations import Citer

POSTURE_PHRASE = {
    "motion_to_dismiss": "on a motion to dismiss",
    "summary_judgment": "at summary judgment",
    "trial": "at trial",
    "post_trial": "after trial",
}
DEFENDANTS = {
    "individual": "the individual officials",
    "municipality": "the municipality",
    "both": "the individual officials and the municipality",
}
BASIS_PHRASE = {
    "held_on_facts": "held on the facts as a matter of law",
    "held_pleaded": "held on the pleadings",
    "jury_finding": "rested on a jury's finding",
    "deferential_review": "upheld a finding on deferential review",
    "not_reached": "did not reach it",
}
PRONG = {
    "violation": "the violation",
    "clearly_established": "clearly established law",
    "claim_survives": "the outcome",
}


def join(items: Iterable[str], word: str = "and") -> str:
    """A list in a sentence; items that hold commas themselves are set off by semicolons."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    sep = "; " if any("," in i or ";" in i for i in items) else ", "
    if len(items) == 2:
        return f"{items[0]}{';' if sep == '; ' else ''} {word} {items[1]}"
    return sep.join(items[:-1]) + f"{sep}{word} {items[-1]}"


NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def day(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def pct(c: Confidence) -> str:
    return f"{c.probability:.0%}"


def record(c: Confidence) -> str:
    """A confidence in words: the probability and the record it is."""
    if c.of == 0:
        return "no earlier prediction to measure it by"
    broader = ", its record on every prediction of this question, since too few were made this way" if c.broader else ""
    return f"{pct(c)}; stare was right in {c.right} of {c.of} earlier {c.kind}{broader}"


class Prose:
    """Sentences about one analysis. ``cite`` is the memo's Citer (or a plain one for other outputs)."""

    def __init__(self, a: Analysis, citer: Citer, parentheticals: bool = True, markdown: bool = True):
        self.a = a
        self.c = citer
        self.parentheticals = parentheticals
        self.markdown = markdown  # the client's words are escaped for markdown, so they stay text
        self.described: set[str] = set()  # precedents whose parenthetical a reader has already seen

    # --- words for the facts ---------------------------------------------------------------------

    def words(self, text: str) -> str:
        """The client's own words, made safe for the output."""
        if not self.markdown:
            return text
        from stare.report.memo import escape_markdown

        return escape_markdown(text)

    def fact(self, fid: str) -> str:
        return self.words(self.a.phrases.get(fid) or fid.replace("_", " ").lower())

    def facts(self, fids: Iterable[str], limit: int | None = None) -> str:
        """The facts in words; with ``limit``, the first few and how many more (an argument names the
        facts that carry it, not every one)."""
        fids = list(fids)
        if limit is not None and len(fids) == limit + 1:
            limit += 1  # "and one more" would take as long as saying it
        words = [self.fact(f) for f in fids[:limit]]
        more = len(fids) - len(words)
        return join(words + ([f"{number(more)} more"] if more > 0 else []))

    def element(self, eid: str) -> str:
        name = self.a.element_names.get(eid, eid.replace("_", " "))
        return name[0].lower() + name[1:]

    def elements(self, eids: Iterable[str]) -> str:
        return join([self.element(e) for e in eids])

    def their_facts(self, ref: PrecedentRef, fids: Iterable[str]) -> str:
        return join([ref.their_facts.get(f) or self.fact(f) for f in fids])

    # --- names --------------------------------------------------------------------------------

    @property
    def court(self) -> str:
        return self.a.court_name

    @property
    def circuit(self) -> str:
        return self.a.circuit_name or "the Supreme Court"

    @property
    def plaintiff(self) -> str:
        return self.words(self.a.facts.plaintiff) if self.a.facts.plaintiff else "the plaintiff"

    @property
    def defendants(self) -> str:
        return (
            self.words(self.a.facts.defendants) if self.a.facts.defendants else DEFENDANTS[self.a.facts.defendant_kind]
        )

    def number_word(self, n: int) -> str:
        return number(n)

    def stage(self) -> str:
        return POSTURE_PHRASE[self.a.facts.posture]

    # --- precedents -----------------------------------------------------------------------------

    def precedent(
        self, ref: PrecedentRef, pinpoint: str | None = None, held: bool = True, allow_id: bool = True
    ) -> str:
        """A precedent cited, the first time with its parenthetical (what happened and what the court held),
        and labelled persuasive where it does not bind here."""
        paren = None
        if held and self.parentheticals and ref.parenthetical and ref.id not in self.described:
            paren = ref.parenthetical
            self.described.add(ref.id)
        text = self.c.cite(ref.id, pinpoint or ref.pinpoint, paren, allow_id=allow_id)
        if not ref.binding and ref.court != "scotus":
            text += " (persuasive)"
        return text

    def source(self, case: str, pinpoint: str | None = None) -> str:
        """An authority cited for a rule. A decision's first citation carries its parenthetical, as a
        precedent's does, so that every decision the reader meets is described once."""
        a = self.c.authorities[case]
        paren = None
        if self.parentheticals and a.parenthetical and case not in self.described:
            paren = a.parenthetical
            self.described.add(case)
        return self.c.cite(case, pinpoint, paren)

    def mention(self, ref: PrecedentRef) -> str:
        """A precedent named in a sentence (never Id.): its full citation and parenthetical the first time."""
        if ref.id not in self.described and ref.parenthetical and self.parentheticals:
            return self.precedent(ref, allow_id=False)
        return self.c.name(ref.id)

    def shared(self, ref: PrecedentRef, side: str, limit: int = 3) -> str:
        """The facts a precedent shares with this case that favor ``side`` ("P" or "D"), a few of them, in
        this case's words."""
        return self.facts([f for f in ref.shared if f in self.sides.get(side, set())], limit=limit)

    @property
    def plaintiff_factors(self) -> set[str]:
        return {f for f in self.a.phrases if self.side_of(f) == "P"}

    def side_of(self, fid: str) -> str:
        for e in self.a.elements:
            if fid in e.factors_for:
                return "P"
            if fid in e.factors_against:
                return "D"
        return self.a.factor_sides.get(fid, "P")

    @property
    def sides(self) -> dict[str, set[str]]:
        p = set()
        d = set()
        for e in self.a.elements:
            p |= set(e.factors_for)
            d |= set(e.factors_against)
        return {"P": p, "D": d}

    def won(self, ref: PrecedentRef) -> str:
        return "found a violation" if ref.won == "plaintiff" else "found none"

    # --- the confidence -------------------------------------------------------------------------

    def confidence(self, c: Confidence) -> str:
        out = record(c)
        if c.reversed:
            out += "; on such predictions stare's rules were more often wrong than right, so this is the other answer"
        return out


def ce_sentence(p: Prose, ce: ClearlyEstablished) -> str:
    """Why the right was, or was not, clearly established: the deciding reason in one or two sentences."""
    when = day(ce.as_of)
    n = ce.best_notice
    if ce.path == "declined":
        return f"{upper(p.circuit)} has declined to adopt the claim, so no right under it was clearly established there on {when}."
    if ce.path == "controlled":
        ref = ce.controlled_by
        return (
            f"Binding precedent holds that materially similar conduct was not clearly established: {p.mention(ref)}. "
            f"That holding controls conduct up to its own date, and {when} falls within it."
        )
    if ce.path == "not_recognized":
        return f"{upper(p.circuit)} had not recognized the claim before {when}, so its own law cannot have clearly established it then."
    if ce.path == "stated_duty":
        return (
            "The Supreme Court had itself stated the duty at stake, and each of its elements is met here by a fact the "
            "plaintiff shows; a statement of that kind gives fair warning of conduct that plainly breaches it."
        )
    if ce.path == "consensus":
        return (
            f"No binding decision covered this conduct on {when}, but published decisions of "
            f"{len(ce.consensus_circuits)} other circuits ({join(court_name(c).removeprefix('the ') for c in ce.consensus_circuits)}) "
            "found violations on materially similar facts: a consensus of persuasive authority."
        )
    if ce.path in ("binding_a_fortiori", "binding_close") and n is not None:
        how = (
            "every fact it relied on is present here"
            if ce.path == "binding_a_fortiori"
            else "this case shares a fact that decided each element there, and the defense has no precedent-backed answer"
        )
        return f"Before {when}, {p.mention(n.precedent)} gave notice: {how}."
    if ce.path == "contested" and n is not None:
        out = f"The closest notice is {p.mention(n.precedent)}, which found a violation on materially similar facts."
        answer = []
        if ce.best_answer is not None:
            answer.append(
                f"the defense can answer with {p.mention(ce.best_answer)}, which found none on facts at least as close to these"
            )
        if ce.answer_factors:
            by = f", as {join(p.mention(h) for h in ce.answer_holdings)} held" if ce.answer_holdings else ""
            answer.append(
                f"binding precedent has held that facts present here and absent there ({p.facts(ce.answer_factors)}) "
                f"defeat an element{by}"
            )
        out += " But " + join(answer) + "."
        if ce.beyond_debate is not None:
            out += (
                " A right is clearly established only when existing precedent puts the question beyond debate, and a "
                f"contested question is not. {p.source(ce.beyond_debate.case, ce.beyond_debate.pinpoint)}."
            )
        return out
    return f"No binding decision before {when} found a violation on facts close enough to these to give notice."


def closeness(p: Prose, n: NoticePrecedent) -> str:
    """Why one earlier decision does or does not give notice."""
    verdict, why = closeness_parts(p, n)
    return f"{verdict}: {why}"


def closeness_parts(p: Prose, n: NoticePrecedent) -> tuple[str, str]:
    """Whether one earlier decision gives notice ("gives notice", "close", "distant", "does not give
    notice") and why."""
    if n.superseded_by is not None:
        return (
            "does not give notice",
            "binding precedent later held similar conduct not clearly established as of a "
            f"date after it ({p.c.name(n.superseded_by.id)})",
        )
    if n.closeness == "a_fortiori":
        return "gives notice", "every fact it relied on is present here, and nothing here cuts more for the defense"
    if n.closeness == "close":
        return "close", "every element it found met is met here by a fact that met it there"
    parts = []
    for g in n.gaps:
        if g.kind == "no_shared_fact":
            parts.append(
                f"on {p.element(g.element)}, it rested on facts absent here ({p.their_facts(n.precedent, g.their_facts)})"
            )
        else:
            parts.append(f"the law defeats {p.element(g.element)} here")
    return "distant", "; ".join(parts) or "its facts differ in kind"


def element_reason(p: Prose, e: ElementFinding) -> str:
    """How the element was decided, with the precedents that decided it or were weighed."""
    if e.how == "forced" and e.forced_by:
        ref = e.forced_by[0]
        side = "satisfied" if e.finding == "met" else "not satisfied"
        stage = {
            "held_on_facts": "as a matter of law on the facts before it",
            "held_pleaded": "on the pleadings",
        }.get(ref.basis or "", "")
        shared = [f for f in ref.shared if f in (e.factors_for + e.factors_against)] or ref.shared
        whose = "the Supreme Court's" if ref.court == "scotus" else f"{p.circuit}'s own"
        return (
            f"Binding precedent decides it. In {p.mention(ref)}, the court held this element {side} {stage}, where "
            f"{p.their_facts(ref, shared)}; here too, {p.facts(shared)}. Nothing here adds to the other side on this "
            f"element, and as {whose} holding it controls."
        )
    if e.how == "decisive" and e.decisive is not None:
        cites = "; ".join(p.source(s.case, s.pinpoint) for s in e.decisive.sources)
        return f"The facts decide it by the element's own definition. {e.decisive.statement} {cites}."
    out = ""
    if e.how == "conflict":
        out = "Binding precedents point both ways on it, so they are weighed with the rest. "
    else:
        out = "No binding decision settles it. "
    if e.votes:
        out += f"Of the {number(e.votes)} decisions on it most like this case, {number(e.votes_met)} found it satisfied"
        met = [r for r in e.precedents if r.won == "plaintiff"][:2]
        notmet = [r for r in e.precedents if r.won == "defendant"][:2]
        if met:
            out += f" ({'; '.join(p.precedent(r) for r in met)})"
        if notmet:
            out += f", and others did not ({'; '.join(p.precedent(r) for r in notmet)})"
        out += "."
    lean = {
        "P": " Only the plaintiff's facts bear on it here.",
        "D": " Only facts favoring the defense bear on it here.",
        "both": " Facts on both sides bear on it here.",
        "none": " No fact in the file bears on it, and the plaintiff bears the burden.",
    }[e.lean]
    return out + lean
