"""The guided interview in the browser: the same questions, skip rules and navigation as the terminal's
(``stare.interview``); the answers travel in a hidden field and are validated again on every step."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from stare.caselaw import DataError
from stare.interview import MAX_FACTS, AnswerError, Answers, parse_state
from stare.web import forms
from stare.web.routes.pages import analysis_page, attachment
from stare.web.state import Web

MAX_STATE_CHARS = 2 * MAX_FACTS + 100_000  # the interview's answers carried between pages


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    iv = web.interview

    def step_page(
        answers: Answers,
        step_id: str,
        status: int = 200,
        errors: dict | None = None,
        editing: bool = False,
        raw: dict | None = None,
    ) -> HTMLResponse:
        active = iv.active_steps(answers)
        ids = [s.id for s in active]
        step = next((s for s in active if s.id == step_id), None) or iv.next_step(answers, None)
        questions = []
        for key in step.keys:
            q = iv.question(key)
            example = iv.example(key, answers.court) if q.is_factor else None
            value = (raw or {}).get(key, answers.value(key))
            if value is None:
                value = q.default
            questions.append(
                {
                    "q": q,
                    "value": value,
                    "note": (raw or {}).get(f"note_{key}", answers.notes.get(key, "")),
                    "example": example,
                    "error": (errors or {}).get(key),
                }
            )
        return web.page(
            "interview_step.html",
            status=status,
            step=step,
            questions=questions,
            number=ids.index(step.id) + 1 if step.id in ids else 1,
            total=len(ids),
            state=answers.model_dump_json(),
            editing=editing,
            how=iv.how_taken(answers),
            errors=errors or {},
            first=step.id == ids[0],
        )

    def review_page(
        answers: Answers, status: int = 200, problems: list[str] | None = None, notice: list[str] | None = None
    ) -> HTMLResponse:
        missing = iv.missing(answers)
        first = iv.first_unanswered(answers)
        return web.page(
            "interview_review.html",
            status=status,
            rows=iv.summary(answers),
            missing=missing,
            first_missing=first.id if first else None,
            state=answers.model_dump_json(),
            problems=problems or [],
            notice=notice or [],
        )

    def apply_step(answers: Answers, step_id: str, form, skip_empty: bool) -> tuple[Answers, dict[str, str], dict]:
        errors: dict[str, str] = {}
        raw: dict[str, str] = {}
        try:
            step = iv.step(step_id)
        except KeyError:
            raise HTTPException(422, f"Unknown interview step {step_id[:60]!r}.") from None
        for key in step.keys:
            if iv.skip_reason(key, answers) is not None:
                continue
            q = iv.question(key)
            limit = 2 * (q.max_length or 1000) + 100  # beyond this, refuse; below it, answer() explains
            value = forms.field(form, key, limit, q.prompt) if key in form else None
            note = forms.field(form, f"note_{key}", 2000, f"the note on {key}") if q.is_factor else None
            raw[key] = value
            if q.is_factor:
                raw[f"note_{key}"] = note
            if skip_empty and not (value or "").strip():
                continue  # leaving a page without answering: nothing to record, nothing wrong
            try:
                answers = iv.answer(answers, key, value, note)
            except AnswerError as e:
                errors[key] = str(e)
        return answers, errors, raw

    @r.get("/interview", response_class=HTMLResponse)
    def interview_start():
        return web.page("interview_start.html", first=iv.steps()[0].id, state=Answers().model_dump_json())

    @r.post("/interview", response_class=HTMLResponse)
    async def interview_post(request: Request):
        form = await forms.read_form(request)
        state = forms.field(form, "state", MAX_STATE_CHARS, "interview state")
        answers = parse_state(state)
        action = forms.field(form, "action", 100) or "next"
        step_id = forms.field(form, "step", 100)
        editing = forms.field(form, "editing", 5) == "1"
        if action == "restart":
            return step_page(Answers(), iv.steps()[0].id)
        if action.startswith("goto:"):
            target = action[5:]
            if target not in [s.id for s in iv.steps()]:
                raise HTTPException(422, f"Unknown interview step {target[:60]!r}.")
            return step_page(answers, target, editing=True)
        if step_id == "review" or not step_id:
            if action == "download":
                return attachment(iv.to_yaml(answers).encode("utf-8"), _yaml_name(answers), "application/x-yaml")
            if action == "analyze":
                try:
                    fp = iv.fact_pattern(answers)
                    analysis = await web.compute(web.analyze, fp.model_dump(mode="json"), None, [])
                except DataError as e:
                    return review_page(answers, 422, problems=e.problems)
                return await analysis_page(web, analysis, "", "")
            if action == "start":
                return step_page(answers, iv.steps()[0].id)
            if action == "continue":
                first = iv.first_unanswered(answers)
                return step_page(answers, first.id) if first else review_page(answers)
            return review_page(answers)
        answers, errors, raw = apply_step(answers, step_id, form, skip_empty=action != "next")
        if action == "back":  # going back keeps what is valid and says nothing of the rest
            prev = iv.previous_step(answers, step_id)
            return step_page(answers, prev.id if prev else step_id)
        if errors:  # a wrong answer is never dropped silently: the page comes back with the message
            return step_page(answers, step_id, 422, errors=errors, editing=editing, raw=raw)
        if action == "download":
            return attachment(iv.to_yaml(answers).encode("utf-8"), _yaml_name(answers), "application/x-yaml")
        if action == "review" or editing:
            return review_page(answers)
        nxt = iv.next_step(answers, step_id)
        return step_page(answers, nxt.id) if nxt else review_page(answers)

    @r.post("/interview/load", response_class=HTMLResponse)
    async def interview_load(request: Request):
        form = await forms.read_form(request)
        text, where, problem = await forms.fact_file(form)
        if problem:
            return web.page(
                "interview_start.html",
                422,
                first=iv.steps()[0].id,
                state=Answers().model_dump_json(),
                problems=[problem],
            )
        if not text.strip():
            return web.page(
                "interview_start.html",
                422,
                first=iv.steps()[0].id,
                state=Answers().model_dump_json(),
                problems=["Choose a fact file to continue from."],
            )
        answers, problems = iv.from_yaml(text, where)
        return review_page(answers, problems=problems, notice=[f"Loaded {where}."])

    return r


def _yaml_name(answers: Answers) -> str:
    from stare.report.export import slug

    return f"stare-facts-{slug(answers.name or '', 'interview')}.yaml"
