"""The guided interview: question order, skip rules, answers <-> fact file, the terminal loop and command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from typer.testing import CliRunner

from stare.caselaw import DataError, load_fact_pattern, parse_fact_pattern
from stare.interfaces.cli import app
from stare.interview import (
    MAX_FACTS,
    SKIP_RULES,
    AnswerError,
    Answers,
    Interview,
    check_date,
    parse_state,
    routed_skip_rules,
    run_terminal,
)

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
runner = CliRunner()


@pytest.fixture(scope="module")
def iv(real_base):
    return Interview.of(real_base)


def answered(iv: Interview, **replies) -> Answers:
    a = Answers(court="ca9", incident_date="2010-01-01", posture="summary_judgment", defendant_kind="individual")
    for fid, reply in replies.items():
        a = iv.answer(a, fid, reply)
    return a


# --- order ---------------------------------------------------------------------------------------


def test_court_and_date_come_first_then_one_question_per_factor(iv, real_base):
    keys = [q.key for q in iv.questions()]
    assert keys[:2] == ["court", "incident_date"]
    assert iv.steps()[0].keys == ("court", "incident_date")
    factor_keys = [q.key for q in iv.questions() if q.is_factor]
    assert sorted(factor_keys) == sorted(real_base.doctrine.factors)
    assert len(factor_keys) == len(set(factor_keys))
    assert factor_keys[0] == "IN_CUSTODY"  # the routing question before the ones it makes moot
    for q in iv.questions():
        if q.is_factor:
            assert q.prompt == real_base.doctrine.factors[q.key].question
            assert q.help


def test_a_factor_with_guidance_shows_it_and_what_it_bears_on(real_base):
    """Where the doctrine gives a question guidance (`help:`), the interview shows it with the elements the
    fact bears on; elsewhere it shows the fact's definition."""
    d = real_base.doctrine
    guidance = "Answer yes when the heart of the complaint is a failure to act."
    factors = dict(d.factors)
    factors["MERE_INACTION"] = factors["MERE_INACTION"].model_copy(update={"help": guidance})
    iv = Interview.of_doctrine(d.model_copy(update={"factors": factors}))
    questions = {q.key: q for q in iv.questions()}
    for f in factors.values():
        shown = questions[f.id].help
        assert shown.startswith(f.help or f.fact)
        names = [d.elements[e].name.lower() for e in f.elements]
        assert all(n in shown for n in names)
    assert questions["MERE_INACTION"].help.startswith(guidance)
    assert questions["DANGER_PREEXISTING"].help.startswith(d.factors["DANGER_PREEXISTING"].fact)


def test_every_condition_is_asked_before_the_question_it_skips(iv):
    order = [q.key for q in iv.questions()]
    step_of = {k: i for i, s in enumerate(iv.steps()) for k in s.keys}
    for rule in iv.rules:
        assert rule.question in order, rule
        for dep in rule.depends_on:
            assert order.index(dep) < order.index(rule.question), rule
            assert step_of[dep] < step_of[rule.question], f"{rule.question} shares a page with its condition {dep}"


# --- skip rules -------------------------------------------------------------------------------------


def test_reliance_is_skipped_unless_a_false_assurance(iv):
    assert iv.skip_reason("RELIANCE_ON_ASSURANCE", answered(iv)) is not None
    assert iv.skip_reason("RELIANCE_ON_ASSURANCE", answered(iv, FALSE_ASSURANCE="no")) is not None
    assert iv.skip_reason("RELIANCE_ON_ASSURANCE", answered(iv, FALSE_ASSURANCE="unsure")) is not None
    assert iv.skip_reason("RELIANCE_ON_ASSURANCE", answered(iv, FALSE_ASSURANCE="yes")) is None


def test_custody_skips_the_danger_creation_only_questions(iv, real_base):
    custody = answered(iv, IN_CUSTODY="yes")
    asked = set(iv.active_keys(custody))
    rule = real_base.doctrine.rules["deshaney.special_relationship"]
    for f in real_base.doctrine.factors.values():
        bears = bool(set(f.elements) & set(rule.elements)) or f.id == "IN_CUSTODY"
        assert (f.id in asked) == bears, f.id
    assert "AFFIRMATIVE_ACT" not in asked and "KNOWN_VIOLENT_THIRD_PARTY" in asked
    assert "AFFIRMATIVE_ACT" in iv.active_keys(answered(iv, IN_CUSTODY="no"))


def test_routed_rules_come_from_the_doctrine(real_base):
    rules = routed_skip_rules(real_base.doctrine)
    assert rules and all(r.if_yes == ("IN_CUSTODY",) for r in rules)


def test_a_municipality_is_not_asked_about_qualified_immunity(iv):
    a = answered(iv)
    assert "immunity_raised" in iv.active_keys(a)
    a = iv.answer(a, "defendant_kind", "municipality")
    assert "immunity_raised" not in iv.active_keys(a)
    assert [s.id for s in iv.active_steps(a)][:3] == ["court", "posture", "policy"]
    assert "policy_or_custom" in iv.active_keys(a)  # asked only when a municipality is sued
    assert "policy_or_custom" not in iv.active_keys(answered(iv))


def test_mutually_exclusive_questions(iv):
    a = answered(iv, TIME_TO_DELIBERATE="yes", HARM_SOON_AFTER="yes", SPECIFIC_VICTIM="yes")
    skipped = {k for k in ("EMERGENCY_SPLIT_SECOND", "HARM_REMOTE", "PUBLIC_AT_LARGE") if iv.skip_reason(k, a)}
    assert skipped == {"HARM_REMOTE", "PUBLIC_AT_LARGE"}


def test_skip_rules_hide_no_factor_a_precedent_shows(real_base):
    """The data behind each rule: no decision shows the skipped factor without its condition, or with
    the factor that excludes it. A new case that does would make the rule lose information."""
    decisions = [c for c in real_base.cases.values() if c.factors]
    for rule in SKIP_RULES:
        if rule.question not in real_base.doctrine.factors:
            continue
        for c in decisions:
            if rule.question not in c.factors:
                continue
            if rule.unless_yes:
                assert set(rule.unless_yes) & set(c.factors), f"{c.id} has {rule.question} without {rule.unless_yes}"
            if rule.if_yes:
                assert not set(rule.if_yes) & set(c.factors), f"{c.id} has {rule.question} with {rule.if_yes}"


def test_the_custody_skips_do_not_change_predictions_on_custody_precedents(real_base):
    from stare import analyze
    from stare.model.facts import FactPattern

    iv = Interview.of(real_base)
    cases = [c for c in real_base.cases.values() if "IN_CUSTODY" in c.factors]
    assert cases
    same = 0
    for c in cases:
        a = Answers(replies={f: "yes" for f in c.factors})
        kept = [f for f in c.factors if f in iv.active_keys(a)]
        kw = dict(
            name=c.name,
            court=c.court if c.court != "scotus" else "ca7",
            incident_date=c.incident_date or c.decided - dt.timedelta(days=700),
            posture=c.posture or "summary_judgment",
            defendant_kind=c.defendant_kind or "individual",
        )
        full = analyze(real_base, FactPattern(factors=c.factors, **kw), as_of=c.decided, exclude=[c.id]).prediction
        cut = analyze(real_base, FactPattern(factors=kept, **kw), as_of=c.decided, exclude=[c.id]).prediction
        same += (full.violation, full.claim_survives) == (cut.violation, cut.claim_survives)
    assert same >= 0.9 * len(cases)


# --- answers -------------------------------------------------------------------------------------


def test_answers_become_a_valid_fact_pattern(iv, real_base):
    a = Answers()
    for key, raw in [
        ("court", "CA9"),
        ("incident_date", "2008-01-12"),
        ("posture", "2"),
        ("defendant_kind", "individual"),
        ("immunity_raised", "y"),
        ("name", "  Doe   v. Roe "),
        ("facts", "She was left on a highway."),
    ]:
        a = iv.answer(a, key, raw)
    a = iv.answer(a, "AFFIRMATIVE_ACT", "yes", "ordered her out of the car")
    a = iv.answer(a, "PLACED_IN_DANGEROUS_SETTING", "Y", "left her on the highway at 1 a.m.")
    a = iv.answer(a, "VICTIM_VULNERABLE", "?")
    a = iv.answer(a, "MERE_INACTION", "no", "a note on a no is dropped")
    a = iv.answer(a, "KNOWN_VIOLENT_THIRD_PARTY", "does not apply")
    d = iv.to_fact_dict(a)
    assert d["court"] == "ca9" and d["posture"] == "summary_judgment" and d["name"] == "Doe v. Roe"
    assert d["factors"] == ["AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING"]
    assert d["unsure"] == ["VICTIM_VULNERABLE"] and d["not_applicable"] == ["KNOWN_VIOLENT_THIRD_PARTY"]
    assert set(d["factor_notes"]) == {"AFFIRMATIVE_ACT", "PLACED_IN_DANGEROUS_SETTING"}
    again, problems = iv.from_fact_dict(d)  # "not sure" and "does not apply" come back as they were said
    assert (
        problems == []
        and again.reply("VICTIM_VULNERABLE") == "unsure"
        and again.reply("KNOWN_VIOLENT_THIRD_PARTY") == "na"
    )
    assert "immunity_raised" not in d  # the default is left out
    fp = parse_fact_pattern(d, real_base.doctrine)
    assert fp.incident_date == dt.date(2008, 1, 12)


def test_an_answer_made_moot_later_is_left_out(iv):
    a = answered(iv, FALSE_ASSURANCE="yes", RELIANCE_ON_ASSURANCE="yes")
    assert "RELIANCE_ON_ASSURANCE" in iv.to_fact_dict(a)["factors"]
    a = iv.answer(a, "FALSE_ASSURANCE", "no")
    assert iv.to_fact_dict(a)["factors"] == []
    a = iv.answer(iv.answer(a, "defendant_kind", "individual"), "immunity_raised", "no")
    assert iv.to_fact_dict(a)["immunity_raised"] is False
    a = iv.answer(a, "defendant_kind", "municipality")
    assert "immunity_raised" not in iv.to_fact_dict(a)


@pytest.mark.parametrize(
    ("key", "raw", "says"),
    [
        ("court", "ca99", "Did you mean the Ninth Circuit"),
        ("court", "", "required"),
        ("incident_date", "2008-02-30", "YYYY-MM-DD"),
        ("incident_date", "3000-01-01", "future"),
        ("posture", "appeal", "allowed"),
        ("AFFIRMATIVE_ACT", "maybe", "yes, no or not sure"),
        ("AFFIRMATIVE_ACT", "na", "yes, no or not sure"),  # its premise cannot fail
        ("KNOWN_VIOLENT_THIRD_PARTY", "maybe", "does not apply"),
        ("name", "", "required"),
        ("facts", "x" * (MAX_FACTS + 1), "at most 50,000"),
        ("name", "x" * 301, "at most 300"),
    ],
)
def test_a_wrong_answer_says_what_is_allowed(iv, key, raw, says):
    with pytest.raises(AnswerError, match=says):
        iv.answer(Answers(), key, raw)


def test_check_date_uses_the_day_given():
    assert check_date("2020-02-29", today=dt.date(2021, 1, 1)) == "2020-02-29"
    with pytest.raises(AnswerError):
        check_date("2021-01-02", today=dt.date(2021, 1, 1))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_fact_file_round_trips(iv, real_base, path):
    original = load_fact_pattern(path, real_base.doctrine)
    answers, problems = iv.from_yaml(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    assert iv.missing(answers) == []
    again = iv.fact_pattern(answers)
    assert set(again.factors) == set(original.factors)
    assert again.factor_notes == original.factor_notes
    assert again.model_dump(exclude={"factors"}) == original.model_dump(exclude={"factors"})
    text = iv.to_yaml(answers)
    assert parse_fact_pattern(yaml.safe_load(text), real_base.doctrine).factors == again.factors


def test_a_partial_file_continues_where_it_stopped(iv):
    answers, problems = iv.from_yaml("court: ca9\nname: Doe v. Roe\n")
    assert problems == []
    assert answers.court == "ca9" and answers.replies == {}
    assert iv.first_unanswered(answers).id == "court"  # the incident date is still to answer
    missing = iv.missing(answers)
    assert "incident_date" in missing and "AFFIRMATIVE_ACT" in missing and "court" not in missing
    assert "# Not yet answered:" in iv.to_yaml(answers)
    with pytest.raises(DataError, match="incident_date"):
        iv.fact_pattern(answers)


def test_a_file_saved_part_way_keeps_its_unanswered_questions_open(iv):
    a = answered(iv, IN_CUSTODY="no", AFFIRMATIVE_ACT="yes")
    again, problems = iv.from_yaml(iv.to_yaml(a))
    assert problems == []
    assert again.replies == {"IN_CUSTODY": "no", "AFFIRMATIVE_ACT": "yes"}
    assert iv.first_unanswered(again).id == "immunity"
    done = Answers(**{**a.model_dump(), "immunity_raised": True, "name": "X v. Y"})
    for f in iv.factor_order():
        if f not in done.replies:
            done = iv.answer(done, f, "no")
    assert iv.missing(done) == [] and "Not yet answered" not in iv.to_yaml(done)


def test_loading_reports_problems_and_keeps_the_rest(iv):
    text = (
        "court: ca99\nincident_date: 2008-13-01\nposture: summary_judgment\nbogus: 1\n"
        "factors: [AFFIRMATIVE_ACT, NOPE]\n"
    )
    answers, problems = iv.from_yaml(text, "f.yaml")
    joined = "\n".join(problems)
    assert "'court'" in joined and "'incident_date'" in joined and "bogus" in joined and "NOPE" in joined
    assert answers.court is None and answers.posture == "summary_judgment"
    assert answers.reply("AFFIRMATIVE_ACT") == "yes" and answers.reply("MERE_INACTION") == "no"
    bad, problems = iv.from_yaml("court: [unclosed", "g.yaml")
    assert bad == Answers() and "malformed YAML" in problems[0]
    _, problems = iv.from_yaml("- a list", "h.yaml")
    assert "mapping" in problems[0]


def test_examples_come_from_real_precedents(iv, real_base):
    for fid in real_base.doctrine.factors:
        ex = iv.example(fid, "ca9")
        holders = [c for c in real_base.cases.values() if fid in c.factors]
        if not holders:
            assert ex is None
            continue
        case = real_base.cases[ex.case_id]
        assert fid in case.factors
        assert case.citation in ex.line and case.name in ex.line
        if any(fid in c.factor_notes for c in holders):
            assert ex.note == case.factor_notes[fid]
        if any(fid in c.factor_notes and c.court == "ca9" for c in holders):
            assert case.court == "ca9", fid  # the user's own circuit first
        named = [c for c in real_base.doctrine.factors[fid].examples if fid in real_base.cases[c].factor_notes]
        if named:
            assert iv.example(fid).case_id == named[0]  # else the vocabulary's own example


def test_browser_state_is_validated(iv):
    a = answered(iv, AFFIRMATIVE_ACT="yes")
    assert parse_state(a.model_dump_json()) == a
    assert parse_state("not json") == Answers()
    assert parse_state('{"replies": {"AFFIRMATIVE_ACT": "perhaps"}}') == Answers()
    assert parse_state('{"facts": "' + "x" * (MAX_FACTS + 1) + '"}') == Answers()
    assert parse_state('{"evil": 1}') == Answers()


def test_summary_shows_answers_and_skips(iv):
    rows = {r["key"]: r for r in iv.summary(answered(iv, FALSE_ASSURANCE="no", AFFIRMATIVE_ACT="yes"))}
    assert rows["AFFIRMATIVE_ACT"]["answer"] == "Yes"
    assert rows["RELIANCE_ON_ASSURANCE"]["skipped"]
    assert rows["court"]["answer"] == "the Ninth Circuit"


# --- the terminal loop -----------------------------------------------------------------------------


class Script:
    """Answers the terminal interview by the question it last showed (its prompt, in words)."""

    def __init__(self, iv, answers: dict, queue: dict | None = None):
        self.by_prompt = {q.prompt: q.key for q in iv.questions()}
        self.answers, self.queue = answers, {k: list(v) for k, v in (queue or {}).items()}
        self.said: list[str] = []
        self.prompts: list[str] = []
        self.asked: list[str] = []
        self.key: str | None = None
        self.pasting = False

    def say(self, text: str) -> None:
        self.said.append(text)
        if text in self.by_prompt:
            self.key = self.by_prompt[text]
            self.asked.append(self.key)

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if prompt.startswith("  In one line"):
            return "the fact"
        if prompt == "":  # a continuation line of pasted text
            return self.queue.get("_paste", [""]).pop(0) if self.queue.get("_paste") else ""
        if self.queue.get(self.key):
            return self.queue[self.key].pop(0)
        return self.answers.get(self.key, "n")


def test_terminal_loop_asks_skips_goes_back_and_retries(iv):
    replies = {
        "court": "ca9",
        "incident_date": "2008-01-12",
        "posture": "2",
        "defendant_kind": "1",
        "immunity_raised": "y",
        "name": "Doe v. Roe",
        "plaintiff": "Jane Doe",
        "defendants": "Trooper Roe",
        "facts": "Left on a highway.",
        "AFFIRMATIVE_ACT": "y",
        "PLACED_IN_DANGEROUS_SETTING": "y",
        "FALSE_ASSURANCE": "n",
        "SPECIFIC_VICTIM": "y",
        "TIME_TO_DELIBERATE": "y",
        "HARM_SOON_AFTER": "y",
        "VICTIM_VULNERABLE": "?",
        "KNOWN_VIOLENT_THIRD_PARTY": "na",
    }
    # a wrong court first; then, at the stage question, go back to the first step once
    script = Script(iv, replies, {"court": ["ca99", "Ninth Circuit"], "posture": ["back"], "_paste": ["at 1 a.m.", ""]})
    result = run_terminal(iv, Answers(), script.ask, script.say)
    assert any("no federal court is named" in s for s in script.said)  # the wrong court was asked again
    assert script.asked.count("court") >= 2  # and 'back' returned to it
    assert result.court == "ca9" and result.posture == "summary_judgment" and result.defendant_kind == "individual"
    assert result.facts == "Left on a highway.\nat 1 a.m."  # pasted lines kept until the empty line
    assert iv.missing(result) == []
    d = iv.to_fact_dict(result)
    assert set(d["factors"]) == {
        "AFFIRMATIVE_ACT",
        "PLACED_IN_DANGEROUS_SETTING",
        "SPECIFIC_VICTIM",
        "TIME_TO_DELIBERATE",
        "HARM_SOON_AFTER",
    }
    assert d["unsure"] == ["VICTIM_VULNERABLE"] and d["not_applicable"] == ["KNOWN_VIOLENT_THIRD_PARTY"]
    assert d["factor_notes"]["AFFIRMATIVE_ACT"] == "the fact"
    for skipped in (
        "RELIANCE_ON_ASSURANCE",
        "INEVITABLE_EXPOSURE",
        "HARM_REMOTE",
        "PUBLIC_AT_LARGE",
        "policy_or_custom",
    ):
        assert skipped not in script.asked
    assert [k for k in script.asked if k.isupper()][0] == "IN_CUSTODY"
    assert any("Example:" in s for s in script.said)
    assert any(s.startswith("Step 1 of ") for s in script.said)  # a step counter
    import re

    assert not any(re.search(r"\b[A-Z]+_[A-Z_]+\b|\b[a-z]+_[a-z_]+\b", p) for p in script.prompts)  # no field names


def test_terminal_long_answers_can_be_written_in_the_editor(iv):
    script = Script(
        iv,
        {"court": "ca9", "incident_date": "2008-01-12", "posture": "2", "defendant_kind": "both"},
        {"policy_or_custom": ["e"]},
    )
    seen = []

    def edit(text):
        seen.append(text)
        return "The city told officers never to arrest at domestic calls.\nIt was written down."

    result = run_terminal(iv, Answers(), script.ask, script.say, edit=edit)
    assert seen == [""] and result.policy_or_custom.startswith("The city told officers")
    assert iv.to_fact_dict(result)["policy_or_custom"].endswith("It was written down.")


def test_terminal_enter_keeps_every_answer_of_a_loaded_file(iv, real_base):
    path = REPO / "examples" / "kennedy.yaml"
    answers, _ = iv.from_yaml(path.read_text(encoding="utf-8"))
    result = run_terminal(iv, answers, lambda prompt: "", lambda s: None)
    assert iv.fact_pattern(result) == load_fact_pattern(path, real_base.doctrine).model_copy(
        update={"factors": iv.fact_pattern(result).factors}
    )


# --- the command ---------------------------------------------------------------------------------


def test_cli_interview_writes_a_fact_file_that_analyzes(tmp_path: Path, real_base):
    out = tmp_path / "facts.yaml"
    iv = Interview.of(real_base)
    lines = [
        "Ninth Circuit",
        "2008-01-12",
        "summary_judgment",
        "individual",
        "yes",
        "Doe v. Roe",
        "",
        "",
        "Left on a highway.",
        "",
    ]
    for q in iv.questions():
        if q.is_factor and iv.skip_reason(q.key, Answers(replies={"AFFIRMATIVE_ACT": "yes"})) is None:
            lines += ["yes", "ordered her out"] if q.key == "AFFIRMATIVE_ACT" else ["no"]
    r = runner.invoke(app, ["interview", "--out", str(out)], input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    assert "analyze it with" in " ".join(r.output.split())
    fp = load_fact_pattern(out, real_base.doctrine)
    assert fp.factors == ["AFFIRMATIVE_ACT"] and fp.factor_notes == {"AFFIRMATIVE_ACT": "ordered her out"}
    r = runner.invoke(app, ["analyze", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output


def test_cli_interview_edits_a_loaded_file_and_saves_on_interrupt(tmp_path: Path, real_base):
    path = tmp_path / "stranded.yaml"
    path.write_text((REPO / "examples" / "stranded-passenger.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = load_fact_pattern(path, real_base.doctrine)
    # change the court, keep everything else with Enter
    r = runner.invoke(app, ["interview", "--load", str(path)], input="ca10\n" + "\n" * 60)
    assert r.exit_code == 0, r.output
    after = load_fact_pattern(path, real_base.doctrine)
    assert after.court == "ca10" and set(after.factors) == set(before.factors)
    # an interrupted interview keeps what was answered
    partial = tmp_path / "partial.yaml"
    r = runner.invoke(app, ["interview", "--out", str(partial)], input="ca9\n2008-01-12\n")
    assert r.exit_code == 130
    answers, _ = Interview.of(real_base).from_yaml(partial.read_text(encoding="utf-8"))
    assert answers.court == "ca9" and answers.incident_date == "2008-01-12"


def test_cli_interview_refuses_a_missing_file(tmp_path: Path):
    r = runner.invoke(app, ["interview", "--load", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "no such file" in r.output
