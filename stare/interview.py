"""The guided interview: which questions, in what order, which to skip, and the fact file they make.

One module for both front-ends: the terminal (``stare interview``) and the browser (``stare serve``).
Everything here is pure: the questions come from the factor vocabulary (``caselaw/factors.yaml``), the
examples from the case base, the skip rules are data (``SKIP_RULES``) plus one rule derived from the
doctrine (a theory routed by ``applies_when``, such as custody, makes the other theory's questions
moot). Answers are a small record (``Answers``) that turns into a fact-pattern dict, a YAML fact file,
and back. The terminal loop (``run_terminal``) takes its input and output as functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stare.caselaw import dump_yaml
from stare.model.casebase import CaseBase
from stare.model.doctrine import Doctrine
from stare.model.vocabulary import DEFENDANT_KINDS, POSTURES

MAX_NAME = 300
MAX_FACTS = 50_000
MAX_NOTE = 1_000

Reply = Literal["yes", "no", "unsure", "na"]
REPLIES: tuple[str, ...] = ("yes", "no", "unsure", "na")

#: The order in which the factor questions are asked: the routing question (custody) first, then the
#: official's conduct, the victim, what the official knew, the time to think, and the chain to the harm.
#: A condition always comes before the questions it can skip. Factors added to the vocabulary later and
#: not listed here are asked after these, in file order; ids listed here but unknown are ignored.
FACTOR_ORDER: tuple[str, ...] = (
    "IN_CUSTODY",
    "AFFIRMATIVE_ACT",
    "MERE_INACTION",
    "PLACED_IN_DANGEROUS_SETTING",
    "REMOVED_PROTECTION",
    "DISCLOSED_TO_AGGRESSOR",
    "ENCOURAGED_AGGRESSOR",
    "ENABLED_AGGRESSOR_ACCESS",
    "FALSE_ASSURANCE",
    "RELIANCE_ON_ASSURANCE",
    "SPECIFIC_VICTIM",
    "PUBLIC_AT_LARGE",
    "VICTIM_VULNERABLE",
    "KNOWN_VIOLENT_THIRD_PARTY",
    "ACTOR_WARNED",
    "RISK_NOT_APPARENT",
    "HARM_EXCEEDED_KNOWN_PROPENSITY",
    "TIME_TO_DELIBERATE",
    "EMERGENCY_SPLIT_SECOND",
    "ACTOR_TRIED_TO_HELP",
    "HARM_SOON_AFTER",
    "HARM_REMOTE",
    "DANGER_PREEXISTING",
    "PLAINTIFF_KNEW_RISK",
    "INEVITABLE_EXPOSURE",
    "HARM_UNFORESEEABLE",
)

POSTURE_LABELS = {
    "motion_to_dismiss": "Motion to dismiss (the complaint's allegations are taken as true)",
    "summary_judgment": "Summary judgment (the record is read in the plaintiff's favor)",
    "trial": "Trial (the facts as found at trial)",
    "post_trial": "After trial (post-trial motion or appeal from a judgment)",
}
DEFENDANT_LABELS = {
    "individual": "Individual officials",
    "municipality": "A city, county or other local government only",
    "both": "Both individual officials and a local government",
}
HOW_FACTS_ARE_TAKEN = {
    "motion_to_dismiss": "Answer from the complaint: what it alleges counts as true at this stage.",
    "summary_judgment": "Answer from the record, reading disputed facts in the plaintiff's favor.",
    "trial": "Answer from the facts as the jury or judge found them.",
    "post_trial": "Answer from the facts as the jury or judge found them.",
}
CIRCUIT_LABELS = {
    "ca1": "First Circuit",
    "ca2": "Second Circuit",
    "ca3": "Third Circuit",
    "ca4": "Fourth Circuit",
    "ca5": "Fifth Circuit",
    "ca6": "Sixth Circuit",
    "ca7": "Seventh Circuit",
    "ca8": "Eighth Circuit",
    "ca9": "Ninth Circuit",
    "ca10": "Tenth Circuit",
    "ca11": "Eleventh Circuit",
    "cadc": "D.C. Circuit",
}
DETAIL_KEYS = (
    "court",
    "incident_date",
    "posture",
    "defendant_kind",
    "immunity_raised",
    "policy_or_custom",
    "name",
    "plaintiff",
    "defendants",
    "facts",
)


UNANSWERED = "# Not yet answered:"


class AnswerError(ValueError):
    """An answer that cannot be taken; the message says what is allowed."""


# --- answers --------------------------------------------------------------------------------------


class Answers(BaseModel):
    """What the user has answered so far. Every field is optional until the end of the interview."""

    model_config = ConfigDict(extra="forbid")

    court: str | None = Field(default=None, max_length=40)
    incident_date: str | None = Field(default=None, max_length=10)
    posture: str | None = Field(default=None, max_length=40)
    defendant_kind: str | None = Field(default=None, max_length=40)
    immunity_raised: bool | None = None
    policy_or_custom: str | None = Field(default=None, max_length=5_000)
    name: str | None = Field(default=None, max_length=MAX_NAME)
    plaintiff: str | None = Field(default=None, max_length=200)
    defendants: str | None = Field(default=None, max_length=300)
    facts: str | None = Field(default=None, max_length=MAX_FACTS)
    replies: dict[str, Reply] = Field(default={}, max_length=200)
    notes: dict[str, str] = Field(default={}, max_length=200)
    #: disputed facts from a loaded file: not asked here, carried through unchanged
    disputed: list[dict] = Field(default=[], max_length=20)

    def reply(self, factor_id: str) -> str | None:
        return self.replies.get(factor_id)

    def is_yes(self, factor_id: str) -> bool:
        return self.replies.get(factor_id) == "yes"

    def value(self, key: str) -> object:
        """The answer to one question, by its key (a detail field or a factor id)."""
        if key in DETAIL_KEYS:
            return getattr(self, key)
        return self.replies.get(key)


# --- skip rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkipRule:
    """Skip ``question`` when ``when(answers)`` holds; ``reason`` says why, in plain words."""

    question: str
    reason: str
    unless_yes: tuple[str, ...] = ()  # skip unless at least one of these factors was answered yes
    if_yes: tuple[str, ...] = ()  # skip if any of these factors was answered yes
    if_detail: tuple[str, str] | None = None  # skip if this detail field has this value

    def applies(self, answers: Answers) -> bool:
        if self.unless_yes and not any(answers.is_yes(f) for f in self.unless_yes):
            return True
        if self.if_yes and any(answers.is_yes(f) for f in self.if_yes):
            return True
        return bool(self.if_detail and getattr(answers, self.if_detail[0]) == self.if_detail[1])

    @property
    def depends_on(self) -> tuple[str, ...]:
        return self.unless_yes + self.if_yes + ((self.if_detail[0],) if self.if_detail else ())


#: Skip rules as data. Each was checked against the case base: no decision in it shows the skipped
#: factor without the condition (reliance needs an assurance; inevitable exposure needs a disclosure or
#: an access given), or with the excluding factor (a remote harm and a harm soon after, a risk to the public
#: at large and a specific victim never occur together). An emergency and time to deliberate can (a riot plan
#: made between nights: Johnson v. City of Seattle), so neither skips the other.
SKIP_RULES: tuple[SkipRule, ...] = (
    SkipRule(
        "immunity_raised",
        "a local government has no qualified immunity",
        if_detail=("defendant_kind", "municipality"),
    ),
    SkipRule(
        "policy_or_custom",
        "no local government is sued, so no policy or custom is needed",
        if_detail=("defendant_kind", "individual"),
    ),
    SkipRule(
        "RELIANCE_ON_ASSURANCE",
        "no official promised protection, so there was nothing to rely on",
        unless_yes=("FALSE_ASSURANCE",),
    ),
    SkipRule(
        "INEVITABLE_EXPOSURE",
        "no official disclosed anything to the attacker or gave him access, so nothing would have come anyway",
        unless_yes=("DISCLOSED_TO_AGGRESSOR", "ENABLED_AGGRESSOR_ACCESS"),
    ),
    SkipRule("HARM_REMOTE", "the harm came within hours or days, so it was not remote", if_yes=("HARM_SOON_AFTER",)),
    SkipRule(
        "PUBLIC_AT_LARGE", "the danger was aimed at the plaintiff, not the public at large", if_yes=("SPECIFIC_VICTIM",)
    ),
)


def routed_skip_rules(doctrine: Doctrine) -> tuple[SkipRule, ...]:
    """Rules derived from the doctrine: when a factor routes the case to an exception (``applies_when``,
    e.g. custody to the custody exception), the questions that bear only on elements that exception does
    not use (those of the other theory) are skipped. The reason is said in the doctrine's own words."""
    out: list[SkipRule] = []
    for rule in doctrine.rules.values():
        if not rule.applies_when or not rule.elements:
            continue
        used = set(rule.elements)
        routed = " or ".join(doctrine.factors[x].phrase for x in rule.applies_when if x in doctrine.factors)
        for f in doctrine.factors.values():
            if f.id in rule.applies_when or set(f.elements) & used:
                continue
            names = [f"“{doctrine.elements[e].name}”" for e in f.elements if e in doctrine.elements]
            on = f"the element{'s' if len(names) > 1 else ''} {_and(names)}" if names else "elements"
            out.append(
                SkipRule(
                    f.id,
                    f"{routed + ', so ' if routed else ''}the {_lower_first(rule.name)} applies; this question "
                    f"bears only on {on}, which it does not use",
                    if_yes=tuple(rule.applies_when),
                )
            )
    return tuple(out)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- questions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    case_id: str
    name: str
    citation: str
    year: int
    court_label: str
    note: str | None

    @property
    def line(self) -> str:
        cite = f"{self.name}, {self.citation} ({self.court_label + ' ' if self.court_label else ''}{self.year})"
        return f"{cite}: {self.note}" if self.note else cite


@dataclass(frozen=True)
class Question:
    key: str  # a detail field ("court", ...) or a factor id
    kind: Literal["court", "date", "choice", "yesno", "text", "longtext", "factor"]
    prompt: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    max_length: int = 0
    side: str | None = None  # for a factor: "P" or "D"
    elements: tuple[str, ...] = ()
    default: str | None = None  # offered when there is no answer yet (Enter takes it)

    @property
    def is_factor(self) -> bool:
        return self.kind == "factor"


@dataclass(frozen=True)
class Step:
    """Questions shown together on one browser page; the terminal asks them one by one."""

    id: str
    title: str
    keys: tuple[str, ...]


DETAIL_QUESTIONS: tuple[Question, ...] = (
    Question(
        "court",
        "court",
        "Which court is the case in?",
        "Name it as you would in a brief: 'Ninth Circuit', '9th Cir.', 'E.D. Wash.', 'Eastern District of "
        "Washington'. The circuit decides which precedents bind.",
        choices=tuple(CIRCUIT_LABELS.items()),
        max_length=200,
    ),
    Question(
        "incident_date",
        "date",
        "On what date did the incident happen?",
        "YYYY-MM-DD. Qualified immunity asks what the law clearly established on this date.",
        max_length=10,
    ),
    Question(
        "posture",
        "choice",
        "At what stage is the case?",
        "The stage decides how the facts are taken: as alleged, as the record shows them read for the "
        "plaintiff, or as found.",
        choices=tuple((p, POSTURE_LABELS.get(p, p)) for p in POSTURES),
    ),
    Question(
        "defendant_kind",
        "choice",
        "Whom does the plaintiff sue?",
        "Individual officials may claim qualified immunity; a local government may not, but answers only for "
        "its own policy or custom.",
        choices=tuple((k, DEFENDANT_LABELS.get(k, k)) for k in DEFENDANT_KINDS),
    ),
    Question(
        "immunity_raised",
        "yesno",
        "Do the individual officials assert qualified immunity at this stage?",
        "Usually yes. Answer no only if they have not raised it, or have waived it.",
        default="yes",
    ),
    Question(
        "policy_or_custom",
        "longtext",
        "What policy or custom of the local government caused what the officials did?",
        "A local government answers only for its own policy or custom (Monell). stare does not judge this; "
        "what you write here goes into the memo for counsel.",
        required=False,
        max_length=5_000,
    ),
    Question(
        "name",
        "text",
        "What is the case called?",
        "A caption for the memo, e.g. 'Doe v. Officer Roe'.",
        max_length=MAX_NAME,
    ),
    Question(
        "plaintiff",
        "text",
        "Who is the plaintiff, as the memo should name her?",
        "e.g. 'Jane Doe'. Leave blank for 'the plaintiff'.",
        required=False,
        max_length=200,
    ),
    Question(
        "defendants",
        "text",
        "Who are the defendants, as the memo should name them?",
        "e.g. 'Officer Roe' or 'the City of Ridgefield and Officer Roe'. Leave blank for a general description.",
        required=False,
        max_length=300,
    ),
    Question(
        "facts",
        "longtext",
        "What happened, in plain words?",
        "A few sentences: who did what, when, and what harm followed. This goes into the memo as written; "
        "the analysis itself rests on the answers to the questions that follow.",
        required=False,
        max_length=MAX_FACTS,
    ),
)

DETAIL_STEPS: tuple[Step, ...] = (
    Step("court", "The court and the date", ("court", "incident_date")),
    Step("posture", "The stage and the defendants", ("posture", "defendant_kind")),
    Step("immunity", "Qualified immunity", ("immunity_raised",)),
    Step("policy", "The local government's policy or custom", ("policy_or_custom",)),
    Step("story", "The story", ("name", "plaintiff", "defendants", "facts")),
)


@dataclass(frozen=True)
class Interview:
    """The interview over one case base: its questions in order, its steps, its skip rules, its examples."""

    doctrine: Doctrine
    base: CaseBase | None = None
    rules: tuple[SkipRule, ...] = field(default=())

    @classmethod
    def of(cls, base: CaseBase) -> Interview:
        return cls(doctrine=base.doctrine, base=base, rules=SKIP_RULES + routed_skip_rules(base.doctrine))

    @classmethod
    def of_doctrine(cls, doctrine: Doctrine) -> Interview:
        return cls(doctrine=doctrine, base=None, rules=SKIP_RULES + routed_skip_rules(doctrine))

    # --- what is asked, in what order ---------------------------------------------------------

    def factor_order(self) -> list[str]:
        known = self.doctrine.factors
        first = [f for f in FACTOR_ORDER if f in known]
        return first + [f for f in known if f not in first]

    def questions(self) -> list[Question]:
        out = list(DETAIL_QUESTIONS)
        for fid in self.factor_order():
            f = self.doctrine.factors[fid]
            elements = tuple(self.doctrine.elements[e].name if e in self.doctrine.elements else e for e in f.elements)
            help_text = f"{f.help or f.fact} (Bears on: {', '.join(elements).lower()}.)"
            choices = (("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))
            if f.premise:
                choices += (("na", f"Does not apply (not so: {f.premise})"),)
            out.append(
                Question(
                    fid,
                    "factor",
                    f.question,
                    help_text,
                    choices=choices,
                    max_length=MAX_NOTE,
                    side=f.side,
                    elements=tuple(f.elements),
                )
            )
        return out

    def question(self, key: str) -> Question:
        for q in self.questions():
            if q.key == key:
                return q
        raise KeyError(key)

    def steps(self) -> list[Step]:
        out = list(DETAIL_STEPS)
        for fid in self.factor_order():
            out.append(Step(fid, self.doctrine.factors[fid].question, (fid,)))
        return out

    def step(self, step_id: str) -> Step:
        for s in self.steps():
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def step_of(self, key: str) -> Step:
        for s in self.steps():
            if key in s.keys:
                return s
        raise KeyError(key)

    # --- skipping -----------------------------------------------------------------------------

    def skip_reason(self, key: str, answers: Answers) -> str | None:
        """Why the question no longer matters given the answers so far, or None if it is asked."""
        for r in self.rules:
            if r.question == key and r.applies(answers):
                return r.reason
        return None

    def active_keys(self, answers: Answers) -> list[str]:
        return [q.key for q in self.questions() if self.skip_reason(q.key, answers) is None]

    def active_steps(self, answers: Answers) -> list[Step]:
        out = []
        for s in self.steps():
            keys = tuple(k for k in s.keys if self.skip_reason(k, answers) is None)
            if keys:
                out.append(Step(s.id, s.title, keys))
        return out

    def next_step(self, answers: Answers, after: str | None = None) -> Step | None:
        """The first step after ``after`` (or the first of all) that is still asked."""
        ids = [s.id for s in self.steps()]
        start = ids.index(after) + 1 if after in ids else 0
        for s in self.steps()[start:]:
            keys = tuple(k for k in s.keys if self.skip_reason(k, answers) is None)
            if keys:
                return Step(s.id, s.title, keys)
        return None

    def previous_step(self, answers: Answers, before: str) -> Step | None:
        ids = [s.id for s in self.steps()]
        end = ids.index(before) if before in ids else len(ids)
        for s in reversed(self.steps()[:end]):
            keys = tuple(k for k in s.keys if self.skip_reason(k, answers) is None)
            if keys:
                return Step(s.id, s.title, keys)
        return None

    def position(self, answers: Answers, step_id: str) -> tuple[int, int]:
        """Where a step stands among those still asked: (its number, how many there are)."""
        ids = [s.id for s in self.active_steps(answers)]
        return (ids.index(step_id) + 1 if step_id in ids else len(ids)), len(ids)

    def missing(self, answers: Answers) -> list[str]:
        """Questions still asked that must be answered before the fact file is complete."""
        out = []
        for key in self.active_keys(answers):
            q = self.question(key)
            if q.is_factor:
                if answers.reply(key) is None:
                    out.append(key)
            elif q.required and answers.value(key) in (None, ""):
                out.append(key)
        return out

    def first_unanswered(self, answers: Answers) -> Step | None:
        missing = self.missing(answers)
        for s in self.active_steps(answers):
            if any(k in missing for k in s.keys):
                return s
        return None

    # --- help ---------------------------------------------------------------------------------

    def example(self, factor_id: str, court: str | None = None) -> Example | None:
        """A real precedent showing the factor, with its note on the factor: from the user's circuit if
        there is one, else one the vocabulary names as an example (in its order), else the latest."""
        if self.base is None or factor_id not in self.doctrine.factors:
            return None
        from stare.reasoning.knowledge import case_circuit, circuit_of

        named = self.doctrine.factors[factor_id].examples
        having = [c for c in self.base.cases.values() if factor_id in c.factors]
        if not having:
            return None
        circuit = circuit_of(court) if court else None

        def rank(c) -> tuple:
            return (
                factor_id not in c.factor_notes,
                circuit is None or case_circuit(c) != circuit,
                named.index(c.id) if c.id in named else len(named),
                not c.published,
                -c.decided.toordinal(),
                c.id,
            )

        c = min(having, key=rank)
        return Example(c.id, c.name, c.citation, c.year, c.court_label, c.factor_notes.get(factor_id))

    def how_taken(self, answers: Answers) -> str:
        return HOW_FACTS_ARE_TAKEN.get(answers.posture or "", "")

    # --- answering ----------------------------------------------------------------------------

    def answer(self, answers: Answers, key: str, raw: str | None, note: str | None = None) -> Answers:
        """A copy of ``answers`` with this question answered; ``AnswerError`` says what is wrong."""
        q = self.question(key)
        text = (raw or "").strip()
        if q.max_length and len(raw or "") > q.max_length:
            raise AnswerError(f"{_label(q)}: {len(raw or ''):,} characters; at most {q.max_length:,} are allowed")
        if q.is_factor:
            reply = _reply(text)
            premised = any(c == "na" for c, _ in q.choices)
            if reply is None or (reply == "na" and not premised):
                allowed = "yes, no, not sure or does not apply" if premised else "yes, no or not sure"
                raise AnswerError(f"{_label(q)}: answer {allowed}")
            note = (note or "").strip()
            if len(note) > MAX_NOTE:
                raise AnswerError(f"the note on {key}: {len(note):,} characters; at most {MAX_NOTE:,} are allowed")
            notes = dict(answers.notes)
            if note:
                notes[key] = " ".join(note.split())
            else:
                notes.pop(key, None)
            return answers.model_copy(update={"replies": {**answers.replies, key: reply}, "notes": notes})
        if q.kind == "court":
            return answers.model_copy(update={"court": check_court(text)})
        if q.kind == "date":
            return answers.model_copy(update={"incident_date": check_date(text)})
        if q.kind == "choice":
            allowed = [c for c, _ in q.choices]
            value = text.lower().replace(" ", "_")
            if value.isdigit() and 1 <= int(value) <= len(allowed):
                value = allowed[int(value) - 1]
            if value not in allowed:
                raise AnswerError(f"{_label(q)}: got {text!r}; allowed: {', '.join(allowed)}")
            return answers.model_copy(update={key: value})
        if q.kind == "yesno":
            reply = _reply(text)
            if reply not in ("yes", "no"):
                raise AnswerError(f"{_label(q)}: answer yes or no")
            return answers.model_copy(update={key: reply == "yes"})
        if q.required and not text:
            raise AnswerError(f"{_label(q)}: an answer is required")
        if q.kind == "longtext":
            return answers.model_copy(update={key: (raw or "").strip()})
        return answers.model_copy(update={key: " ".join(text.split())})

    # --- answers <-> fact pattern -------------------------------------------------------------

    def to_fact_dict(self, answers: Answers) -> dict:
        """The fact-pattern dict (the fact file's fields, in its order). Skipped questions are left out,
        even if they were answered before a later change made them moot. "Not sure" is kept (``unsure``),
        and so is "does not apply" (``not_applicable``): nothing the user said is lost."""
        active = set(self.active_keys(answers))
        out: dict = {}
        for key in ("name", "plaintiff", "defendants", "court", "incident_date", "posture", "defendant_kind"):
            if answers.value(key) not in (None, ""):
                out[key] = answers.value(key)
        if "immunity_raised" in active and answers.immunity_raised is False:
            out["immunity_raised"] = False
        if "policy_or_custom" in active and answers.policy_or_custom:
            out["policy_or_custom"] = answers.policy_or_custom
        if answers.facts:
            out["facts"] = answers.facts
        order = [f for f in self.factor_order() if f in active]
        factors = [f for f in order if answers.reply(f) == "yes"]
        out["factors"] = factors
        unsure = [f for f in order if answers.reply(f) == "unsure"]
        if unsure:
            out["unsure"] = unsure
        na = [f for f in order if answers.reply(f) == "na"]
        if na:
            out["not_applicable"] = na
        disputed = [
            f for d in answers.disputed for f in list(d.get("factors") or []) + list(d.get("defendant_factors") or [])
        ]
        notes = {f: answers.notes[f] for f in factors + unsure + disputed if answers.notes.get(f)}
        if notes:
            out["factor_notes"] = notes
        if answers.disputed:
            out["disputed"] = answers.disputed
        return out

    def from_fact_dict(self, data: object, where: str = "the fact file") -> tuple[Answers, list[str]]:
        """Answers from a fact file, complete or not, to edit or continue. Listed factors are yes; the
        others are no once the file is complete, else unanswered. Problems are returned, not raised: a
        field that is wrong is left unanswered, and the interview asks it again."""
        if not isinstance(data, dict):
            return Answers(), [f"{where}: expected a mapping of fields (name, court, incident_date, ...)"]
        problems: list[str] = []
        answers = Answers()
        allowed = {*DETAIL_KEYS, "factors", "unsure", "not_applicable", "factor_notes", "disputed"}
        for k in data:
            if k not in allowed:
                problems.append(f"{where}: unknown field {str(k)[:60]!r}, ignored")
        for key in (
            "court",
            "incident_date",
            "posture",
            "defendant_kind",
            "name",
            "plaintiff",
            "defendants",
            "facts",
            "policy_or_custom",
        ):
            if data.get(key) in (None, ""):
                continue
            try:
                answers = self.answer(answers, key, str(data[key]))
            except AnswerError as e:
                problems.append(f"{where}: field '{key}': {e}")
        if "immunity_raised" in data:
            if isinstance(data["immunity_raised"], bool):
                answers = answers.model_copy(update={"immunity_raised": data["immunity_raised"]})
            else:
                problems.append(f"{where}: field 'immunity_raised': expected true or false")
        factors = data.get("factors") or []
        if not isinstance(factors, list):
            problems.append(f"{where}: field 'factors': expected a list of factor ids")
            factors = []
        notes = data.get("factor_notes") or {}
        if not isinstance(notes, dict):
            problems.append(f"{where}: field 'factor_notes': expected a mapping of factor id to a line")
            notes = {}
        replies: dict[str, str] = {}
        kept_notes: dict[str, str] = {}
        lists = {"factors": ("yes", factors), "unsure": ("unsure", data.get("unsure") or [])}
        lists["not_applicable"] = ("na", data.get("not_applicable") or [])
        for field_name, (reply, ids) in lists.items():
            if not isinstance(ids, list):
                problems.append(f"{where}: field '{field_name}': expected a list of factor ids")
                continue
            for f in ids:
                if not isinstance(f, str) or f not in self.doctrine.factors:
                    problems.append(f"{where}: field '{field_name}': unknown factor id {str(f)[:60]!r}, ignored")
                    continue
                replies[f] = reply
                note = notes.get(f)
                if isinstance(note, str) and note.strip():
                    kept_notes[f] = " ".join(note.split())[:MAX_NOTE]
        disputed = data.get("disputed") or []
        if isinstance(disputed, list) and all(isinstance(d, dict) for d in disputed):
            answers = answers.model_copy(update={"disputed": disputed[:20]})
            for d in disputed:
                for f in list(d.get("factors") or []) + list(d.get("defendant_factors") or []):
                    note = notes.get(f)
                    if isinstance(note, str) and note.strip():
                        kept_notes[f] = " ".join(note.split())[:MAX_NOTE]
        elif disputed:
            problems.append(f"{where}: field 'disputed': expected a list of disputed facts")
        for f in notes:
            if f not in replies and f not in kept_notes:
                problems.append(f"{where}: field 'factor_notes': {str(f)[:60]!r} is not among the listed factors")
        if "factors" in data:
            for f in self.doctrine.factors:
                replies.setdefault(f, "no")
        answers = answers.model_copy(update={"replies": replies, "notes": kept_notes})
        if answers.immunity_raised is None and answers.defendant_kind and "factors" in data:
            answers = answers.model_copy(update={"immunity_raised": True})
        return answers, problems

    def to_yaml(self, answers: Answers) -> str:
        data = self.to_fact_dict(answers)
        if "incident_date" in data:
            data["incident_date"] = dt.date.fromisoformat(data["incident_date"])
        head = "# A fact file written by the stare interview. Analyze it with: stare analyze FILE\n"
        if self.missing(answers):
            unanswered = [k for k in self.missing(answers) if k in DETAIL_KEYS]
            unanswered += [f for f in self.factor_order() if answers.reply(f) is None]
            head += f"{UNANSWERED} {', '.join(unanswered)}\n# Load it again to continue.\n"
        return head + dump_yaml(data)

    def from_yaml(self, text: str, where: str = "the fact file") -> tuple[Answers, list[str]]:
        from stare.caselaw import DataError, load_yaml_text

        try:
            data = load_yaml_text(text, where)
        except DataError as e:
            return Answers(), e.problems
        answers, problems = self.from_fact_dict(data, where)
        # a file saved part-way names the questions not yet answered, so that they are asked again
        pending: set[str] = set()
        for line in text.splitlines():
            if line.startswith(UNANSWERED):
                pending |= {k.strip() for k in line[len(UNANSWERED) :].split(",")}
        if pending:
            replies = {f: r for f, r in answers.replies.items() if not (f in pending and r == "no")}
            update: dict = {"replies": replies}
            if "immunity_raised" in pending and not (isinstance(data, dict) and "immunity_raised" in data):
                update["immunity_raised"] = None
            answers = answers.model_copy(update=update)
        return answers, problems

    def fact_pattern(self, answers: Answers):
        """The validated FactPattern; ``DataError`` names what is missing or wrong."""
        from stare.caselaw import DataError, parse_fact_pattern

        missing = [k for k in self.missing(answers) if k in DETAIL_KEYS]
        if missing:
            raise DataError([f"the interview: '{k}' is not answered yet" for k in missing])
        return parse_fact_pattern(self.to_fact_dict(answers), self.doctrine, "the interview")

    def summary(self, answers: Answers) -> list[dict]:
        """One row per question for a review page: the answer shown in words, or why it was skipped."""
        rows = []
        for q in self.questions():
            reason = self.skip_reason(q.key, answers)
            v = answers.value(q.key)
            if q.is_factor:
                shown = {"yes": "Yes", "no": "No", "unsure": "Not sure", "na": "Does not apply"}.get(v or "", "")
            elif q.kind == "yesno":
                shown = "" if v is None else ("Yes" if v else "No")
            elif q.kind == "choice":
                shown = dict(q.choices).get(v or "", v or "")
            elif q.kind == "court":
                from stare.model.courts import court_and_circuit

                shown = court_and_circuit(v) if v else ""
            else:
                shown = v or ""
            rows.append(
                {
                    "key": q.key,
                    "step": self.step_of(q.key).id,
                    "prompt": q.prompt,
                    "answer": shown,
                    "note": answers.notes.get(q.key, "") if q.is_factor else "",
                    "skipped": reason,
                    "factor": q.is_factor,
                    "side": q.side,
                }
            )
        return rows


def _label(q: Question) -> str:
    """A question as an error message names it: its own words, never a field name."""
    return q.prompt.rstrip("?")


def _reply(text: str) -> str | None:
    t = text.strip().lower()
    if t in ("y", "yes", "true"):
        return "yes"
    if t in ("n", "no", "false"):
        return "no"
    if t in ("?", "u", "unsure", "not sure", "not_sure", "dont know", "don't know"):
        return "unsure"
    if t in ("na", "n/a", "does not apply", "not applicable", "-"):
        return "na"
    return None


def check_court(text: str) -> str:
    """A court as a lawyer writes it ("Ninth Circuit", "E.D. Wash.", "ca9"), resolved to its courts-db id."""
    from stare.model.courts import UnknownCourt, resolve_court

    if not text.strip():
        raise AnswerError("court: an answer is required (a circuit such as 'Ninth Circuit', or a district court)")
    try:
        return resolve_court(text)
    except UnknownCourt as e:
        raise AnswerError(f"court: {e}") from None


def check_date(text: str, today: dt.date | None = None) -> str:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AnswerError(f"incident date: {text[:20]!r} is not a real date; write it as YYYY-MM-DD") from None
    if day > (today or dt.date.today()):
        raise AnswerError(f"incident date: {day} is in the future")
    return day.isoformat()


def parse_state(text: str | None) -> Answers:
    """Answers carried between browser pages as JSON; anything malformed starts afresh."""
    if not text:
        return Answers()
    try:
        return Answers.model_validate_json(text)
    except ValidationError:
        return Answers()


# --- the terminal front-end, with its I/O passed in -----------------------------------------------

BACK = {"back", "b", "<"}
EDIT = {"e", "edit"}
OPTIONS = {
    "choice": "a number or the name",
    "yesno": "yes or no",
    "court": "e.g. Ninth Circuit, 9th Cir., E.D. Wash.",
    "date": "YYYY-MM-DD",
}


def run_terminal(
    interview: Interview,
    answers: Answers,
    ask: Callable[[str], str],
    say: Callable[[str], None],
    progress: Callable[[Answers], None] | None = None,
    edit: Callable[[str], str | None] | None = None,
) -> Answers:
    """Ask every question that still matters, a step at a time, in the same order and with the same skips
    and the same 'back' as the browser (``Interview.next_step`` / ``previous_step``). Enter keeps the
    current answer; '?' shows the help again; long answers are read until an empty line, or written in
    ``edit`` (the user's $EDITOR) with 'e'. ``progress`` receives the answers after each change, so that an
    interrupted interview can be saved. Returns the final answers."""
    say("Answer each question. Enter keeps the answer in [brackets]; 'back' goes back; 'help' shows the help again.")
    step = interview.next_step(answers, None)
    while step is not None:
        n, total = interview.position(answers, step.id)
        say("")
        say(f"Step {n} of {total}: {step.title}")
        went_back = False
        i = 0
        keys = list(step.keys)
        while i < len(keys):
            key = keys[i]
            if interview.skip_reason(key, answers) is not None:
                i += 1
                continue
            result = _ask_one(interview, answers, key, ask, say, edit)
            if result == "back":
                went_back = True
                break
            if result is not None:
                answers = result
                if progress is not None:
                    progress(answers)
            i += 1
        if went_back:
            prev = interview.previous_step(answers, step.id)
            if prev is None:
                say("  (this is the first question)")
            step = prev or step
            continue
        step = interview.next_step(answers, step.id)
    return answers


def _ask_one(interview, answers, key, ask, say, edit) -> Answers | str | None:
    """One question, asked until it is answered (or left as it was): the new answers, 'back', or None."""
    q = interview.question(key)
    while True:
        current = _shown(q, answers) or q.default
        say("")
        say(q.prompt)
        say(f"  {q.help}")
        if q.is_factor:
            how = interview.how_taken(answers)
            if how:
                say(f"  {how}")
            ex = interview.example(key, answers.court)
            if ex:
                say(f"  Example: {ex.line}")
            options = "yes / no / ? for not sure" + (
                " / na for does not apply" if any(c == "na" for c, _ in q.choices) else ""
            )
        elif q.choices and q.kind == "choice":
            for i, (_value, label) in enumerate(q.choices, 1):
                say(f"  {i}. {label}")
            options = OPTIONS["choice"]
        elif q.kind == "longtext":
            options = "type or paste it, then an empty line" + ("; or e to write it in your editor" if edit else "")
            options += "" if q.required else "; optional"
        else:
            options = OPTIONS.get(q.kind, "" if q.required else "optional")
        prompt = "Your answer" + (f" ({options})" if options else "") + (f" [{current}]" if current else "")
        raw = ask(prompt).strip()
        if raw.lower() in BACK:
            return "back"
        if raw.lower() == "help" or (raw == "?" and not q.is_factor):
            continue
        if q.kind == "longtext" and raw.lower() in EDIT and edit is not None:
            text = edit(str(answers.value(key) or ""))
            if text is None:
                continue
            raw = text.strip()
        elif q.kind == "longtext" and raw:
            lines = [raw]
            while True:  # pasted text, line by line, until an empty line
                more = ask("")
                if not more.strip():
                    break
                lines.append(more.rstrip())
            raw = "\n".join(lines)
        if raw == "" and current:
            if answers.value(key) is None:  # the default, taken
                return interview.answer(answers, key, current)
            return None
        note = None
        if q.is_factor and _reply(raw) in ("yes", "unsure"):
            kept = answers.notes.get(key, "")
            got = ask("  In one line, the fact behind it (optional)" + (f" [{kept}]" if kept else "")).strip()
            note = got or kept
        try:
            return interview.answer(answers, key, raw, note)
        except AnswerError as e:
            say(f"  ! {e}")


def _shown(q: Question, answers: Answers) -> str | None:
    v = answers.value(q.key)
    if v is None:
        return None
    if isinstance(v, bool):
        return "yes" if v else "no"
    if q.kind == "longtext":
        s = str(v)
        return s if len(s) <= 60 else s[:57] + "..."
    return str(v)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]
