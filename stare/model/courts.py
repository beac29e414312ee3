"""Courts, from courts-db: ids, names as lawyers write them, labels, and the circuit whose law binds each.

stare keeps no court list of its own. A court given as a person writes it ("Ninth Circuit", "9th Cir.",
"E.D. Wash.", "Eastern District of Washington", "D.D.C.", "ca9") is resolved through courts-db's ids,
citation strings, names and its own name patterns (``find_court``). Only federal courts are resolved:
the doctrine stare reasons about is federal law applied by federal courts.
"""

from __future__ import annotations

import re
from functools import cache

#: The regional circuits, in order.
CIRCUITS = ("ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc")

#: The circuit each state's and territory's federal district courts sit in (28 U.S.C. § 41, with 48 U.S.C.
#: § 1821 for the Northern Mariana Islands), keyed by courts-db's ``location``.
LOCATION_CIRCUIT = {
    **dict.fromkeys(["Maine", "Massachusetts", "New Hampshire", "Rhode Island", "Puerto Rico"], "ca1"),
    **dict.fromkeys(["Connecticut", "New York", "Vermont"], "ca2"),
    **dict.fromkeys(["Delaware", "New Jersey", "Pennsylvania", "Virgin Islands"], "ca3"),
    **dict.fromkeys(["Maryland", "North Carolina", "South Carolina", "Virginia", "West Virginia"], "ca4"),
    **dict.fromkeys(["Louisiana", "Mississippi", "Texas"], "ca5"),
    **dict.fromkeys(["Kentucky", "Michigan", "Ohio", "Tennessee"], "ca6"),
    **dict.fromkeys(["Illinois", "Indiana", "Wisconsin"], "ca7"),
    **dict.fromkeys(["Arkansas", "Iowa", "Minnesota", "Missouri", "Nebraska", "North Dakota", "South Dakota"], "ca8"),
    **dict.fromkeys(
        [
            "Alaska",
            "Arizona",
            "California",
            "Hawaii",
            "Idaho",
            "Montana",
            "Nevada",
            "Oregon",
            "Washington",
            "Guam",
            "Northern Mariana Islands",
        ],
        "ca9",
    ),
    **dict.fromkeys(["Colorado", "Kansas", "New Mexico", "Oklahoma", "Utah", "Wyoming"], "ca10"),
    **dict.fromkeys(["Alabama", "Florida", "Georgia"], "ca11"),
    **dict.fromkeys(["District of Columbia", "Washington D.C.", "D.C.", "DC"], "cadc"),
}

#: District courts courts-db lists that no regional circuit now reviews, with the reason stare gives.
NOT_ROUTED = {
    "canalzoned": "the District Court for the Canal Zone no longer exists; stare has no circuit to route it to",
    "usdistct": "give the district, e.g. 'E.D. Wash.' or 'Eastern District of Washington'",
}

_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
    "eleventh": "11",
}
_DIRECTIONS = {"E.D.": "Eastern District of", "W.D.": "Western District of", "N.D.": "Northern District of"}
_DIRECTIONS |= {"S.D.": "Southern District of", "M.D.": "Middle District of", "C.D.": "Central District of"}


class UnknownCourt(ValueError):
    """A court stare cannot resolve to one federal court; the message says what it tried and suggests."""


@cache
def _courts() -> dict[str, dict]:
    from courts_db import courts

    return {c["id"]: c for c in courts}


def _key(text: str) -> str:
    return re.sub(r"[\s.,'’]+", "", text).lower()


def is_district_court(court: dict) -> bool:
    """A federal district or territorial court (courts-db files some as 'appellate'; the name tells)."""
    name = court.get("name") or ""
    return (
        court.get("system") == "federal"
        and court.get("type") != "bankruptcy"
        and "District Court" in name
        and "Bankruptcy" not in name
        and not court["id"].startswith("circt")
    )


def is_federal(court_id: str) -> bool:
    c = _courts().get(court_id)
    return bool(c) and (court_id == "scotus" or court_id in CIRCUITS or is_district_court(c))


@cache
def _lookup() -> dict[str, str]:
    """Every id, citation string and name of a federal court stare resolves, normalized, to its id."""
    table: dict[str, str] = {}
    for cid, c in _courts().items():
        if not is_federal(cid):
            continue
        for form in (cid, c.get("citation_string"), c.get("name"), c.get("name_abbreviation")):
            if form:
                table.setdefault(_key(form), cid)
    table[_key("Supreme Court")] = "scotus"
    table[_key("U.S. Supreme Court")] = "scotus"
    table[_key("United States Supreme Court")] = "scotus"
    table[_key("D.C. Circuit")] = "cadc"
    table[_key("District of Columbia Circuit")] = "cadc"
    return table


def _circuit_words(text: str) -> str | None:
    """'Ninth Circuit', '9th Cir', 'the 9th circuit court of appeals', 'CA9' -> 'ca9'."""
    t = text.strip().lower().removeprefix("the ").strip()
    m = re.fullmatch(r"ca\s*(\d{1,2})", t)
    if m:
        return f"ca{m.group(1)}" if f"ca{m.group(1)}" in CIRCUITS else None
    m = re.fullmatch(r"(?:u\.?s\.? )?(?:court of appeals for the )?(\w+)\s+cir(?:cuit|\.)?(?: court of appeals)?", t)
    if not m:
        return None
    word = m.group(1)
    num = _ORDINALS.get(word) or re.sub(r"(st|nd|rd|th|d)$", "", word)
    return f"ca{num}" if f"ca{num}" in CIRCUITS else None


def resolve_court(text: str) -> str:
    """The courts-db id of the federal court ``text`` names; ``UnknownCourt`` with suggestions otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise UnknownCourt("name the court, e.g. 'Ninth Circuit', 'E.D. Wash.' or a courts-db id such as 'ca9'")
    if len(text) > 200:
        raise UnknownCourt("a court name is at most 200 characters")
    key = _key(text)
    found = _lookup().get(key) or _circuit_words(text)
    if not found:
        found = _by_pattern(text)
    if not found:
        near = suggest(text)
        maybe = f"Did you mean {', or '.join(court_name(c) for c in near)}? " if near else ""
        raise UnknownCourt(
            f"no federal court is named {text.strip()[:60]!r}. {maybe}Write a circuit ('Ninth Circuit', "
            "'9th Cir.'), a district ('E.D. Wash.', 'Eastern District of Washington') or a courts-db id ('ca9', 'waed')"
        )
    if found in NOT_ROUTED:
        raise UnknownCourt(f"{court_name(found)}: {NOT_ROUTED[found]}")
    return found


def _by_pattern(text: str) -> str | None:
    """courts-db's own name patterns, with the formal prefixes its patterns expect."""
    from courts_db import find_court

    t = text.strip().removeprefix("the ").removeprefix("The ")
    for candidate in (t, f"United States District Court for the {t}", f"United States Court of Appeals for the {t}"):
        try:
            ids = [i for i in find_court(candidate) if is_federal(i)]
        except Exception:  # noqa: BLE001 - courts-db's patterns are its own; a failure there is "no match"
            ids = []
        if len(set(ids)) == 1:
            return ids[0]
    return None


@cache
def _suggestion_pool() -> dict[str, str]:
    """Every way of writing a court that a near miss is compared with: the ids, abbreviations and names the
    resolver reads, and each court's name as stare prints it ("ninthcircuit", "easterndistrictofwashington")."""
    pool = {k: v for k, v in _lookup().items() if v not in NOT_ROUTED}
    for v in set(pool.values()):
        pool.setdefault(_key(court_name(v).removeprefix("the ")), v)
    return pool


def suggest(text: str, limit: int = 3) -> list[str]:
    """The ids of the courts whose names are closest to ``text``; none when nothing is close."""
    import difflib

    pool = _suggestion_pool()
    near = difflib.get_close_matches(_key(text), list(pool), n=limit * 3, cutoff=0.75)
    out: list[str] = []
    for k in near:
        if pool[k] not in out:
            out.append(pool[k])
    return out[:limit]


def is_court(court_id: str) -> bool:
    return court_id in _courts()


def circuit_of(court_id: str) -> str | None:
    """The regional circuit whose law binds a court; None for the Supreme Court or a court not routed."""
    if court_id in CIRCUITS:
        return court_id
    c = _courts().get(court_id)
    if not c or not is_district_court(c) or court_id in NOT_ROUTED:
        return None
    return LOCATION_CIRCUIT.get(c.get("location") or "")


@cache
def court_label(court_id: str) -> str:
    """The label a citation's parenthetical uses, in Bluebook form ("2d Cir.", "3d Cir.", "9th Cir.", "D.C.
    Cir.", "E.D. Wash."); empty for the Supreme Court. courts-db writes "3rd Cir."; the Bluebook, "3d"."""
    if court_id == "scotus":
        return ""
    c = _courts().get(court_id)
    label = (c or {}).get("citation_string") or court_id
    return re.sub(r"\b(\d*[23])(nd|rd)\b", r"\1d", label)


def court_name(court_id: str) -> str:
    """The court as a sentence names it: 'the Ninth Circuit', 'the Eastern District of Washington',
    'the Supreme Court'."""
    if court_id == "scotus":
        return "the Supreme Court"
    if court_id == "cadc":
        return "the D.C. Circuit"
    if court_id in CIRCUITS:
        n = court_id[2:]
        word = next(w for w, d in _ORDINALS.items() if d == n)
        return f"the {word.capitalize()} Circuit"
    c = _courts().get(court_id)
    if not c:
        return "an unknown court"
    name = c.get("name") or court_id
    place = re.sub(r"^(United States )?District Court(, | for the | of the )", "", name)
    for abbr, words in _DIRECTIONS.items():
        if place.startswith(abbr + " "):
            return f"the {words} {place[len(abbr) + 1 :]}"
    if place.startswith("D. "):
        return f"the District of {place[3:]}"
    if place.startswith("District of"):
        return f"the {place}"
    return f"the District of the {place}" if place.endswith("Islands") else f"the District of {place}"


def court_and_circuit(court_id: str) -> str:
    """A district court with the circuit whose law binds it: 'the Eastern District of Washington (Ninth
    Circuit)'; a circuit or the Supreme Court by its name alone."""
    circuit = circuit_of(court_id)
    if circuit and circuit != court_id:
        return f"{court_name(court_id)} ({court_name(circuit).removeprefix('the ')})"
    return court_name(court_id)


def close_court_ids(court_id: str, limit: int = 5) -> list[str]:
    """Suggestions for an unknown court (kept for callers that want ids only)."""
    return suggest(court_id, limit)
