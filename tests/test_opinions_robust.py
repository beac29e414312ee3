"""Bad input for `stare read`: empty, binary, huge and adversarial texts finish in bounded time with a
clear message, and no text at all crashes the reader (hypothesis)."""

from __future__ import annotations

import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from stare.opinions import MAX_BYTES, InputError, read_file, read_opinion
from stare.opinions.command import run_read
from stare.opinions.render import print_text, to_json, to_markdown
from stare.opinions.text import paginate


def run_one(path) -> tuple[int, str]:
    err = io.StringIO()
    code = run_read(None, [path], "text", 1, None, None, Console(file=io.StringIO()), Console(file=err, width=300))
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x00\x01\x02\x03binary" * 100, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 stream", "PDF"),
        (b"\x1f\x8b\x08\x00\x00\x00", "compressed"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(tmp_path, content, message):
    p = tmp_path / "opinion.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_file(p)
    code, err = run_one(p)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: no 100 MB written
    t0 = time.perf_counter()
    code, err = run_one(p)
    assert time.perf_counter() - t0 < 2
    assert code == 2 and "100.0 MB" in err and "refuses files over 20.0 MB" in err
    with pytest.raises(InputError, match="characters"):
        read_opinion("x" * (MAX_BYTES + 1))


def test_text_that_is_not_utf8_is_read_with_a_note(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Wood v. Ostrander, 879 F.2d 583 (9th Cir.1989) \u2014 caf\u00e9.".encode("cp1252"))
    r = read_file(p)
    assert [a.citations for a in r.authorities] == [["879 F.2d 583"]]
    assert r.notes and "not UTF-8" in r.notes[0]


def test_a_folder_or_missing_file_given_as_a_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)


ADVERSARIAL = {
    "digits": "1" * 1_000_000,
    "periods": "." * 1_000_000,
    "v.": "v. " * 200_000,
    "names": "Smith v. Jones v. " * 30_000,
    "dashes": "-" * 500_000,  # eyecite alone is quadratic on these
    "underscores": "_" * 200_000 + " U.S. " + "_" * 200_000,
    "ids": "Id. at 5. " * 30_000,
    "stars": "*1 *2 *3 *4 *99999 " * 30_000,
    "parens": "(" * 200_000 + "Wood v. Ostrander, 879 F.2d 583" + ")" * 200_000,
    "nicknames": "(“Grubbs I ”) Grubbs I " * 20_000,
    "majority": "Maj. Op. at 1, 2, 3, 4, " * 20_000,
    "citations": "Smith v. Jones, 1 U.S. 1, 2 (1990); " * 2_000,
    "no-newline-pins": "Wood, 879 F.2d at 5-6, 7 & n. 8, " * 10_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_text_finishes_in_bounded_time(name):
    text = ADVERSARIAL[name]
    t0 = time.perf_counter()
    r = read_opinion(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < 12, f"{name}: {elapsed:.1f} s"
    assert len(r.warnings) <= 20 * 501  # warnings are capped per kind
    json.dumps(r.to_dict())


def test_pathological_html_is_read(tmp_path):
    p = tmp_path / "x.html"
    p.write_text("<p>" + "<" * 200_000 + "<b>Wood v. Ostrander, 879 F.2d 583</b>" + "</p>" * 50_000, encoding="utf-8")
    t0 = time.perf_counter()
    read_file(p)
    assert time.perf_counter() - t0 < 10


def test_the_time_budget_stops_a_read_with_a_note(monkeypatch):
    from stare.opinions import extract

    monkeypatch.setattr(extract, "BUDGET_SECONDS", 0.0)
    r = read_opinion("Wood v. Ostrander, 879 F.2d 583 (9th Cir.1989).\n" * 2000)
    assert r.notes and "time budget" in r.notes[0]


# --- property tests ------------------------------------------------------------------------------------

FRAGMENTS = [
    "Wood v. Ostrander", "Saucier v. Katz", ", ", ". ", "; ", " ", "\n", "\n\n", "879 F.2d 583", "F.2d",
    "533 U.S. 194", "121 S.Ct. 2151", "150 L.Ed.2d 272", " at ", "589-90", "& n. 4", "(9th Cir.1989)",
    "(D.C.Cir.1991)", "(2001)", "(", ")", "Id.", "Id. at 590", "Id,", "supra", "Wood, supra, at 5",
    "*1147", "*1148", "**2151", "*", "(“Grubbs I ”)", "Grubbs I", "Grubbs II", "Maj. Op. at 1145",
    "ante, at 3", "543 U.S.-, -", "___", "—", "§ 1983", "42 U.S.C. § 1983", "v.", "1", "99999",
    "12 Harv. L. Rev. 33", "(citing ", "<p>", "</p>", "&amp;", "“", "”", "’", "\x0c", "é",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=60).map("".join)


def check_reading(text: str) -> None:
    try:
        r = read_opinion(text)
    except InputError as e:
        assert "empty" in str(e)
        assert not text.strip() or text.lstrip().startswith("<")
        return
    n = r.length
    for a in r.authorities:
        for o in a.occurrences:
            assert 0 <= o.offset <= o.end <= n
            assert o.page is None or isinstance(o.page, int)
            assert o.kind in ("full", "short", "id", "supra", "reference", "nickname", "majority", "same_case")
    for w in r.warnings:
        assert w.message and all(0 <= off <= n for off in w.offsets)
    json.loads(to_json(r))
    to_markdown(r)
    print_text(Console(file=io.StringIO(), width=120), r)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_no_text_crashes_the_reader(text):
    check_reading(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_no_unicode_crashes_the_reader(text):
    check_reading(text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["*1147", "*1148", "*12", "**2151", "x", " ", "*", "1"]), max_size=40).map("".join))
def test_star_pages_map_back_to_the_original(text):
    p = paginate(text)
    assert len(p.text) <= len(text)
    for k in range(len(p.text) + 1):
        o = p.to_original(k)
        assert 0 <= o <= len(text)
        if k < len(p.text):
            assert text[o] == p.text[k]
    assert p.page_numbers == sorted(p.page_numbers)
