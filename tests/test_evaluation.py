"""The back-test: each decision predicted as of its own date, without itself or anything later."""

from conftest import REPO, case, make_base

from stare.evaluation import evaluate, render_report


def base():
    return make_base(
        [
            case("p-2000", "2000-01-01", ["ACT", "KNEW"], True, incident_date="1999-01-01"),
            # forced for the plaintiff by p-2000, and so predicted right
            case("p-2001", "2001-01-01", ["ACT", "KNEW", "WARNED"], True, incident_date="2000-06-01"),
            # the same facts as p-2000 but decided the other way: the engine must miss it, because it may
            # not see itself, and p-2000 forces the opposite
            case("d-2002", "2002-01-01", ["ACT", "KNEW"], False, incident_date="2001-06-01"),
            # a later decision must not be visible to an earlier prediction
            case("d-2003", "2003-01-01", ["ACT", "WARNED", "RUSH", "HELP"], False, incident_date="2002-06-01"),
        ]
    )


def test_each_case_is_predicted_without_itself_and_without_later_cases():
    result = evaluate(base())
    by_id = {r.case.id: r for r in result.rows}
    assert by_id["p-2001"].engine["violation"] is True
    assert by_id["d-2002"].engine["violation"] is True  # a miss, as constructed
    hit, n = result.accuracy("engine", "violation")
    assert n == 4 and hit <= 3


def test_baselines_use_only_earlier_cases():
    result = evaluate(base())
    first = next(r for r in result.rows if r.case.id == "p-2000")
    assert first.majority["violation"] is None and first.neighbor["violation"] is None
    later = next(r for r in result.rows if r.case.id == "d-2002")
    # the nearest earlier neighbor of d-2002 is p-2000 (identical factors): it predicts a violation
    assert later.neighbor["violation"] is True


def test_report_lists_the_figures_and_every_miss():
    result = evaluate(base())
    text = render_report(result)
    assert "| violation |" in text and "majority of earlier" in text
    assert "D 2002" in text or "d-2002" in text.lower().replace(" ", "-")


def test_evaluate_command_on_the_bundled_base(tmp_path):
    from typer.testing import CliRunner

    from stare.interfaces.cli import app

    out = tmp_path / "eval.md"
    r = CliRunner().invoke(app, ["evaluate", "--report", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "| claim_survives |" in text and "Confusion matrix" in text
    assert (REPO / "caselaw").exists()
