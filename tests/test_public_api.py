"""The public names are an interface: a change to them is deliberate."""

import stare


def test_public_names_are_pinned():
    assert sorted(stare.__all__) == [
        "DataError",
        "UnknownCitation",
        "analyze",
        "known_on",
        "load_case_base",
        "load_fact_pattern",
        "parse_fact_pattern",
        "render_json",
        "render_memo",
        "render_text",
    ]
    for name in stare.__all__:
        assert getattr(stare, name) is not None
