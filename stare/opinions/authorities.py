"""From eyecite's citations to a table of authorities.

eyecite finds the citations (``get_citations``) and resolves short forms and supra to their full
citation (``resolve_citations``, whose default resolvers are kept and only given fallbacks). What it
leaves to its user, this module adds:

* parallel citations ("533 U.S. 194, 121 S.Ct. 2151, 150 L.Ed.2d 272") are one authority, and a
  parallel printed after a short form ("533 U.S. at 201, 121 S.Ct. 2151") is part of that short form,
  not a new full citation;
* court and year are read from the parenthetical even when compact ("(9th Cir.1989)"), the court
  through eyecite's courts-db lookup;
* a citation printed without its page ("543 U.S. ___") is kept, and its name cleaned of it;
* nicknames defined in a parenthetical ('("Grubbs I")'), or known to the case base, are followed
  through the text; "Maj. Op. at 1145" is attached to the opinion the text belongs to;
* Id. is resolved over every kind of citation (eyecite's Id. resolution knows neither nicknames nor
  "Maj. Op."), skipping citations inside explanatory parentheticals, and flagged when the preceding
  citation sentence names more than one authority;
* each authority is linked to the case base (exact citation, or same name and volume with a
  different first page, which the cite-checker then reports).
"""

from __future__ import annotations

import bisect
import inspect
import re
from dataclasses import dataclass, field

from eyecite import resolve_citations
from eyecite.helpers import get_court_by_paren, get_year
from eyecite.models import (
    FullCaseCitation,
    FullJournalCitation,
    FullLawCitation,
    IdCitation,
    ReferenceCitation,
    ShortCaseCitation,
    SupraCitation,
    UnknownCitation,
)

from stare.model.case import Case
from stare.opinions.extract import Found
from stare.opinions.linking import (
    MAX_OPINION_PAGES,
    BaseIndex,
    mentions,
    names_match,
    reporter_key,
    split_citation,
)
from stare.opinions.model import Authority, Occurrence, Printed, Statute
from stare.opinions.text import Paged

_RESOLVERS = inspect.signature(resolve_citations).parameters
_eyecite_short = _RESOLVERS["resolve_shortcase_citation"].default
_eyecite_supra = _RESOLVERS["resolve_supra_citation"].default
_eyecite_reference = _RESOLVERS["resolve_reference_citation"].default

# --- patterns (all applied to short, bounded windows of text) ------------------------------------------

_PIN = r"\*?\d{1,5}(?:\s?[-–—]\s?\d{1,5})?(?:\s?(?:&|and)?\s?nn?\.\s?\d{1,4}(?:\s?[-–—]\s?\d{1,4})?)?"
_PINS = rf"(?:at\s)?{_PIN}(?:\s?,\s?{_PIN}){{0,6}}"
PARALLEL_GAP = re.compile(rf"\s{{0,3}},\s{{0,3}}(?:{_PINS}\s?,\s{{0,3}})?")
AFTER_CITE = re.compile(rf"(?:\s?,\s?(?P<pin>{_PINS}))?\s{{0,3}}\((?P<paren>[^()]{{0,120}})\)")
PIN_AFTER = re.compile(rf"\s?,\s?(?P<pin>{_PINS})(?=\s{{0,3}}[.;,)]|\s*$)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
DATE_PAREN = re.compile(
    rf"(?P<court>[^()]*?)\s?(?:{_MONTH}\s?(?:\d{{1,2}},?)?\s?)?(?P<year>1[6-9]\d\d|20\d\d)(?:\s?[-–/]\s?\d{{2,4}})?\s*",
    re.IGNORECASE,
)
BLANK = re.compile(r"(\d{1,4})\s?([A-Z][A-Za-z0-9.' ]{0,20}?)\s?(?:[-_—–]\s?){1,10}(?:,\s?(?:[-_—–]\s?){1,10})?,?\s*$")
_LEAD = re.compile(
    r"^(?:[\s,;:.(\[•■’'\"“”-]+"
    r"|(?:see also|see|but see|but cf|cf|accord|compare|with|e\.g|citing|quoting|and|also)\b\.?,?\s*)+",
    re.IGNORECASE,
)
NICK = re.compile(
    r"\s*(?P<h>hereinafter,?\s*)?(?P<q>[“\"‘'`]+)?\s*(?P<nick>[A-Z][A-Za-z0-9.'’&\- ]{0,48}?)\s*[”\"’'`]*\s*"
)
MAJORITY = re.compile(
    r"\b(?P<label>maj(?:ority)?\.?\s?op(?:inion)?\.?|majority\s+opinion|dissenting\s+op(?:inion)?\.?|"
    r"concurring\s+op(?:inion)?\.?|conc\.\s?op\.|dissent|concurrence|(?:ante|post),)"
    r",?\s{1,3}at\s{1,3}(?P<pins>\d{1,5}(?:\s?[-–—]\s?\d{1,5})?(?:\s?(?:,|and|&)\s?\d{1,5}(?:\s?[-–—]\s?\d{1,5})?){0,8})",
    re.IGNORECASE,
)
EXTRA_ID = re.compile(
    r"(?<![\w.])Id(?:\.(?=[A-Z(])|,(?=\s{1,3}at\s{1,3}\d))(?:,?\s{1,3}at\s{1,3}(?P<pin>\d{1,5}(?:\s?[-–—]\s?\d{1,5})?))?"
)
SHORT_PIN = re.compile(rf"\s?(?P<pin>{_PIN}(?:\s?,\s?{_PIN}){{0,4}})")
SHORT_NAME = re.compile(r"(?:^|(?<=[\s(;]))(?P<name>(?:[A-Z][\w.'’\-]*\s?){1,4}),\s{1,3}$")
SECTION = re.compile(r"§§?\s?[\w.\-–]{1,20}(?:\([\w]{1,6}\)){0,6}")
GLUE = re.compile(
    r"(?:[\s,;\"“”'’]|and\b|or\b|&|see also\b|see\b|but see\b|but cf\.?|cf\.?"
    r"|accord\b|compare\b|with\b|e\.g\.,?|also\b)*",
    re.IGNORECASE,
)
_BALANCED = re.compile(r"\([^()]*\)")
_WS = re.compile(r"\s+")
_FIRST_NUM = re.compile(r"\d{1,5}")

ANTECEDENT_KINDS = {"full", "short", "supra", "reference", "id", "majority", "same_case"}


def first_pin(pin: str | None) -> int | None:
    if not pin:
        return None
    m = _FIRST_NUM.search(pin)
    return int(m.group()) if m else None


def _page(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


@dataclass
class Unit:
    """One full citation as printed: case name, parallel reporters, pin cite, parenthetical."""

    cites: list[Found]
    name: str | None = None
    start: int = 0
    end: int = 0
    pin: str | None = None
    court: str | None = None
    court_text: str | None = None
    year: int | None = None
    blank: str | None = None
    nickname: str | None = None
    nickname_at: int | None = None
    parens_end: int = 0
    key: str | None = None


@dataclass
class Attached:
    """A short form or Id. with the parallel full-looking citations printed right after it."""

    found: Found
    absorbed: list[Found] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.absorbed[-1].end if self.absorbed else self.found.end


@dataclass
class NickUse:
    nickname: str
    at: int  # clean offset
    key: str | None
    defined_at: int | None
    from_base: bool


class AuthorityReader:
    """Reads one (clean, paginated) text's citations into authorities. ``run()`` does it all."""

    def __init__(self, paged: Paged, found: list[Found], ix: BaseIndex | None, title: str | None = None):
        self.paged = paged
        self.text = paged.text
        self.found = sorted(found, key=lambda f: (f.start, f.end))
        self.ix = ix
        self.title = title
        self.auths: dict[str, Authority] = {}
        self.by_cite: dict[str, str] = {}  # "879 f2d 583" -> authority key
        self.by_case: dict[str, str] = {}  # case id -> authority key
        self.key_of: dict[int, str] = {}  # id(eyecite full citation) -> authority key
        self.units: list[Unit] = []
        self.attached: list[Attached] = []
        self.statutes: dict[str, Statute] = {}
        self.other: dict[str, Statute] = {}
        self.unresolved: list[Occurrence] = []
        self.id_candidates: dict[int, list[str]] = {}  # id(occurrence) -> candidate authority keys
        self.nick_defs: dict[str, tuple[str, int]] = {}  # nickname -> (authority key, definition offset)
        self.nick_uses: list[NickUse] = []
        self.opinion: Case | None = None
        self.self_key: str | None = None

    # --- the steps -----------------------------------------------------------------------------------

    def run(self) -> AuthorityReader:
        self.opinion = self.ix.identify(self.title, self.paged.first_page) if self.ix else None
        self._group()
        for u in self.units:
            self._finish_unit(u)
        for u in self.units:
            self._assign(u)
        self._resolve()
        self._non_cases()
        self._majority()
        self._nicknames()
        self._ids()
        for a in self.auths.values():
            a.occurrences.sort(key=lambda o: o.clean_start)
            if a.court is None:
                a.court = a.case_court
            if a.year is None:
                a.year = a.case_year
        return self

    # 1. parallel citations into units; parallels after short forms and Id. into those
    def _group(self) -> None:
        prev_unit: Unit | None = None
        prev_att: Attached | None = None
        prev_end = -1
        prev_reporters: set[str] = set()
        for f in self.found:
            c = f.cite
            if isinstance(c, FullCaseCitation):
                rep = reporter_key(c.corrected_reporter())
                gap = self.text[prev_end : f.start] if 0 <= prev_end <= f.start else None
                parallel = (
                    gap is not None
                    and len(gap) <= 60
                    and rep not in prev_reporters
                    and PARALLEL_GAP.fullmatch(gap) is not None
                )
                if parallel and prev_unit is not None:
                    prev_unit.cites.append(f)
                elif parallel and prev_att is not None:
                    prev_att.absorbed.append(f)
                else:
                    prev_unit, prev_att = Unit([f]), None
                    self.units.append(prev_unit)
                    prev_reporters = set()
                prev_reporters.add(rep)
                prev_end = f.end
            elif isinstance(c, ShortCaseCitation | IdCitation):
                prev_att, prev_unit = Attached(f), None
                self.attached.append(prev_att)
                prev_reporters = {reporter_key(c.corrected_reporter())} if isinstance(c, ShortCaseCitation) else set()
                prev_end = f.end
            elif isinstance(c, SupraCitation | ReferenceCitation):
                self.attached.append(Attached(f))
                prev_unit = prev_att = None
                prev_end = -1
            else:
                prev_unit = prev_att = None
                prev_end = -1

    # 2. name, blank citation, pin, court and year, nickname
    def _finish_unit(self, u: Unit) -> None:
        text = self.text
        first, last = u.cites[0], u.cites[-1]
        meta = first.cite.metadata
        u.pin = getattr(meta, "pin_cite", None)
        u.start = first.start
        fs = first.full_start
        if fs < first.start and first.start - fs <= 400:
            raw, u.start = text[fs : first.start], fs
        else:
            raw = " v. ".join(x for x in (meta.plaintiff, meta.defendant) if x)
        if raw:
            m = BLANK.search(raw)
            if m:
                u.blank = _WS.sub(" ", m.group(0).strip(" ,"))
                raw = raw[: m.start()]
            name = _WS.sub(" ", _LEAD.sub("", raw)).strip(" ,;:")
            u.name = name[:200] or None
        # pin, court and year after the last parallel
        end = last.end
        window = text[end : end + 400]
        m = AFTER_CITE.match(window)
        if m:
            d = DATE_PAREN.fullmatch(m.group("paren"))
            if d:
                if m.group("pin") and not u.pin:
                    u.pin = m.group("pin")
                u.year = get_year(d.group("year"))
                court_text = d.group("court").strip(" ,")
                u.court_text = court_text or None
                if court_text:
                    u.court = _court(court_text)
                end += m.end()
        if not u.year:
            p = PIN_AFTER.match(window)
            if p:
                end = last.end + p.end()
                u.pin = u.pin or p.group("pin")
        if u.court is None:
            courts = {getattr(f.cite.metadata, "court", None) for f in u.cites} - {None}
            if len(courts) == 1 and not u.court_text:
                u.court = courts.pop()
        u.end = end
        u.parens_end = end
        # trailing parentheticals: a nickname ("Grubbs I"), or an explanation
        pos = end
        for _ in range(4):
            k = pos
            while k < len(text) and k - pos < 3 and text[k] in " \t\n":
                k += 1
            if k >= len(text) or text[k] != "(":
                break
            close = _matching_paren(text, k, limit=1500)
            if close < 0:
                break
            content = text[k + 1 : close]
            nick = _nickname(content, u.name)
            if nick and not u.nickname:
                u.nickname, u.nickname_at = nick, k
            pos = close + 1
            u.parens_end = pos

    # 3. each unit to an authority
    def _assign(self, u: Unit) -> None:
        keys = []
        for f in u.cites:
            c = f.cite
            keys.append(
                (c.groups.get("volume") or "", reporter_key(c.corrected_reporter()), _page(c.groups.get("page")))
            )
        cite_keys = [f"{v} {r} {p}" for v, r, p in keys if p is not None]
        key = next((self.by_cite[k] for k in cite_keys if k in self.by_cite), None)
        case: Case | None = None
        if key is None and self.ix:
            for v, r, p in keys:
                case = self.ix.cite(v, r, p)
                if case:
                    break
            if case is None:
                for v, r, p in keys:
                    near = self.ix.near(v, r, p, u.name)
                    if near:
                        case = near[0]
                        break
        if key is None and case is not None:
            key = self.by_case.get(case.id)
        if key is None and case is None and u.name:
            # same name and volume as an authority already cited: the same case, another first page
            vols = {f"{v} {r}" for v, r, _ in keys}
            for a in self.auths.values():
                if names_match(u.name, a.name_as_cited) and any(
                    f"{v} {r}" in vols for p in a.printed for v, r, _ in p.keys
                ):
                    key = a.key
                    break
        if key is None:
            key = case.id if case else (cite_keys[0] if cite_keys else f"unit-{len(self.auths) + 1}")
            while key in self.auths:
                key += "+"
            self.auths[key] = self._new_authority(key, case, u.name)
        auth = self.auths[key]
        if auth.name_as_cited is None and u.name:
            auth.name_as_cited = u.name
            auth.name = auth.name or u.name
        if auth.court is None:
            auth.court = u.court
        if auth.year is None:
            auth.year = u.year
        u.key = key
        for k in cite_keys:
            self.by_cite.setdefault(k, key)
        for f in u.cites:
            self.key_of[id(f.cite)] = key
        if u.nickname:
            if u.nickname not in auth.nicknames:
                auth.nicknames.append(u.nickname)
            self.nick_defs.setdefault(u.nickname, (key, u.nickname_at or u.start))
        auth.printed.append(
            Printed(
                citations=[self.text[f.start : f.end] for f in u.cites],
                normalized=[f.cite.corrected_citation() for f in u.cites],
                keys=keys,
                offset=u.cites[0].start,
                name=u.name,
                court=u.court,
                court_text=u.court_text,
                year=u.year,
                blank=u.blank,
                years_of_reporters=[_edition_years(f) for f in u.cites],
            )
        )
        first = u.cites[0]
        occ = self._occurrence("full", u.start, first.start, u.end, u.pin, key)
        v, r, p = keys[0]
        occ.volume, occ.reporter, occ.first_page = v, r, p
        occ.reporter_label = first.cite.groups.get("reporter")
        auth.occurrences.append(occ)

    def _new_authority(self, key: str, case: Case | None, name: str | None) -> Authority:
        a = Authority(key=key, name=case.name if case else name, name_as_cited=name)
        if case:
            a.case_id, a.case_citation, a.case_court, a.case_year = case.id, case.citation, case.court, case.year
            for n in case.nicknames:
                if n not in a.nicknames:
                    a.nicknames.append(n)
            self.by_case[case.id] = key
            if self.ix:
                for cite in case.citations:
                    parts = split_citation(cite)
                    if parts:
                        self.by_cite.setdefault(f"{parts[0]} {parts[1]} {parts[2]}", key)
        return a

    def _authority_for_case(self, case: Case) -> str:
        key = self.by_case.get(case.id)
        if key is None:
            key = case.id
            self.auths[key] = self._new_authority(key, case, None)
        return key

    # 4. short forms, supra and references: eyecite's resolvers, with fallbacks
    def _resolve(self) -> None:
        cites = [f.cite for u in self.units for f in u.cites]
        cites += [a.found.cite for a in self.attached if not isinstance(a.found.cite, IdCitation)]
        pos = {id(f.cite): f.start for f in self.found}
        cites.sort(key=lambda c: pos[id(c)])

        def full(c):
            return self.key_of[id(c)]

        def short(c, resolved):
            return _eyecite_short(c, resolved) or self._short_fallback(c)

        def supra(c, resolved):
            return _eyecite_supra(c, resolved) or self._name_fallback(c.metadata.antecedent_guess)

        def reference(c, resolved):
            return _eyecite_reference(c, resolved)

        resolutions = resolve_citations(
            cites,
            resolve_full_citation=full,
            resolve_shortcase_citation=short,
            resolve_supra_citation=supra,
            resolve_reference_citation=reference,
            resolve_id_citation=lambda *_: None,
        )
        resolved: dict[int, str] = {}
        for key, members in resolutions.items():
            for c in members:
                resolved[id(c)] = key
        seen_refs: set[tuple[int, int]] = set()
        for att in self.attached:
            f, c = att.found, att.found.cite
            if isinstance(c, IdCitation):
                continue
            if isinstance(c, ReferenceCitation):
                if (f.start, f.end) in seen_refs:
                    continue
                seen_refs.add((f.start, f.end))
            kind = (
                "short"
                if isinstance(c, ShortCaseCitation)
                else "supra"
                if isinstance(c, SupraCitation)
                else "reference"
            )
            key = resolved.get(id(c))
            guess = getattr(c.metadata, "antecedent_guess", None)
            pin = getattr(c.metadata, "pin_cite", None)
            end = att.end
            if kind == "short" and not att.absorbed and self.text[f.start : f.end].rstrip().endswith(" at"):
                # eyecite gives up on "at 1061 & n. 4" and "at 573 n. 8": take the pin cite here
                m = SHORT_PIN.match(self.text, f.end, min(len(self.text), f.end + 40))
                if m:
                    pin, end = m.group("pin"), m.end()
            start = self._antecedent_start(f) if kind == "short" else min(f.start, f.full_start)
            occ = self._occurrence(kind, start, f.start, end, pin, key)
            if kind == "short":
                occ.volume = c.groups.get("volume")
                occ.reporter = reporter_key(c.corrected_reporter())
                occ.reporter_label = c.groups.get("reporter")
            if guess and guess.strip() in self.nick_defs:
                occ.nickname = guess.strip()
            if key is None:
                self.unresolved.append(occ)
                continue
            auth = self.auths[key]
            if occ.reporter:
                occ.first_page = self._first_page(auth, occ.volume, occ.reporter, f.start)
            auth.occurrences.append(occ)

    def _antecedent_start(self, f: Found) -> int:
        """Where a short form's case name begins ("Wood, 879 F.2d at 590"): eyecite's guess when it
        is just a name and a comma, else the name right before the citation, else the citation."""
        fs = f.full_start
        if fs < f.start:
            between = self.text[fs : f.start]
            if len(between) <= 60 and between.rstrip().endswith(",") and not any(ch.isdigit() for ch in between):
                return fs
        m = SHORT_NAME.search(self.text, max(0, f.start - 60), f.start)
        return m.start("name") if m else f.start

    def _short_fallback(self, c: ShortCaseCitation) -> str | None:
        guess = (c.metadata.antecedent_guess or "").strip()
        if guess in self.nick_defs:
            return self.nick_defs[guess][0]
        vol, rep = c.groups.get("volume") or "", reporter_key(c.corrected_reporter())
        pin = first_pin(c.metadata.pin_cite) or _page(c.groups.get("page"))
        if pin is not None:
            # two cases cited from one volume, no name: the one whose pages can hold the pin
            near = {
                a.key: page
                for a in self.auths.values()
                for p in a.printed
                for v, r, page in p.keys
                if v == vol and r == rep and page is not None and page <= pin <= page + MAX_OPINION_PAGES
            }
            if len(near) > 1:
                best = max(near.values())
                near = {k: page for k, page in near.items() if page == best}
            if len(near) == 1:
                return next(iter(near))
        if not self.ix:
            return None
        hits = self.ix.containing(vol, rep, pin)
        if guess:
            hits = [h for h in hits if mentions(guess, h[1].name, h[1].short_names)] or hits
        if len({h[1].id for h in hits}) != 1:
            return None
        return self._authority_for_case(hits[0][1])

    def _name_fallback(self, guess: str | None) -> str | None:
        if not guess:
            return None
        hits = [a.key for a in self.auths.values() if mentions(guess, a.name_as_cited or a.name, a.nicknames)]
        return hits[0] if len(hits) == 1 else None

    def _first_page(self, auth: Authority, vol: str | None, rep: str | None, before: int) -> int | None:
        """The first page a pin cite into (vol, rep) is measured from: the latest full citation of
        that volume before it, else any, else the case base's."""
        best = None
        for p in auth.printed:
            for v, r, page in p.keys:
                if v == vol and r == rep and page is not None and (best is None or p.offset <= before):
                    best = page
        if best is None and auth.case_citation and self.ix:
            case = self.ix.base.cases.get(auth.case_id or "")
            for cite in case.citations if case else []:
                parts = split_citation(cite)
                if parts and parts[0] == vol and parts[1] == rep:
                    best = parts[2]
        return best

    # 5. statutes, bare sections, journals
    def _non_cases(self) -> None:
        for f in self.found:
            c = f.cite
            if isinstance(c, FullLawCitation):
                key, kind = c.corrected_citation(), "statute"
                bucket = self.statutes
            elif isinstance(c, FullJournalCitation):
                key, kind = c.corrected_citation(), "journal"
                bucket = self.other
            elif isinstance(c, UnknownCitation):
                m = SECTION.match(self.text, f.start, min(len(self.text), f.start + 60))
                if not m:
                    continue
                key, kind = _WS.sub(" ", m.group().rstrip(".,;:")), "section"
                bucket = self.statutes
            else:
                continue
            st = bucket.setdefault(key, Statute(citation=key, kind=kind))
            end = f.end if kind != "section" else f.start + len(key)
            occ = self._occurrence("full", f.start, f.start, end, getattr(c.metadata, "pin_cite", None), None)
            occ.target = f"statute:{key}" if kind != "section" else None
            st.occurrences.append(occ)

    # 6. "Maj. Op. at 1145": the opinion the text belongs to
    def _majority(self) -> None:
        for m in MAJORITY.finditer(self.text):
            label = m.group("label").lower()
            kind = "majority" if label.startswith("maj") else "same_case"
            key = self._self_key()
            occ = self._occurrence(kind, m.start(), m.start(), m.end(), m.group("pins"), key)
            if self.opinion:
                parts = split_citation(self.opinion.citation)
                if parts:
                    occ.volume, occ.reporter, occ.first_page = parts[0], parts[1], parts[2]
            self.auths[key].occurrences.append(occ)

    def _self_key(self) -> str:
        if self.self_key:
            return self.self_key
        if self.opinion:
            key = self._authority_for_case(self.opinion)
        else:
            key = "this-opinion"
            self.auths[key] = Authority(key=key, name=self.title or "(this opinion)", name_as_cited=self.title)
        self.auths[key].self_opinion = True
        self.self_key = key
        return key

    # 7. nicknames in running text
    def _nicknames(self) -> None:
        names: dict[str, tuple[str | None, int | None, Case | None]] = {}
        for nick, (key, at) in self.nick_defs.items():
            names[nick] = (key, at, None)
        if self.ix:
            for nick, case in self.ix.by_nickname.items():
                if nick not in names and nick in self.text:
                    names[nick] = (self.by_case.get(case.id), None, case)
        if not names:
            return
        pattern = re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w])"
        )
        spans = sorted(
            (o.clean_start, o.clean_end, o) for a in self.auths.values() for o in a.occurrences if o.kind != "nickname"
        )
        starts = [s[0] for s in spans]
        skip = [(u.end, u.parens_end) for u in self.units if u.nickname]
        for m in pattern.finditer(self.text):
            nick, at = m.group(), m.start()
            key, defined_at, case = names[nick]
            if any(a <= at < b for a, b in skip):
                continue
            i = bisect.bisect_right(starts, at) - 1
            inside = spans[i][2] if i >= 0 and spans[i][0] <= at < spans[i][1] else None
            if key is None and case is not None:
                key = self._authority_for_case(case)
                names[nick] = (key, None, case)
            self.nick_uses.append(NickUse(nick, at, key, defined_at, case is not None))
            if inside is not None:
                if inside.target == key:
                    inside.nickname = inside.nickname or nick
                continue
            if key is None:
                continue
            occ = self._occurrence("nickname", at, at, m.end(), None, key)
            occ.nickname = nick
            self.auths[key].occurrences.append(occ)
            if nick not in self.auths[key].nicknames:
                self.auths[key].nicknames.append(nick)

    # 8. Id.
    def _ids(self) -> None:
        events: list[Occurrence] = [o for a in self.auths.values() for o in a.occurrences if o.kind in ANTECEDENT_KINDS]
        events += [o for s in self.statutes.values() for o in s.occurrences if o.target]
        events += self.unresolved
        ids: list[tuple[int, int, str | None, Attached | None]] = []
        for att in self.attached:
            if isinstance(att.found.cite, IdCitation):
                ids.append((att.found.start, att.end, att.found.cite.metadata.pin_cite, att))
        for m in EXTRA_ID.finditer(self.text):
            ids.append((m.start(), m.end(), m.group("pin"), None))
        ids.sort(key=lambda x: x[0])
        seen_at: set[int] = set()
        merged: list[tuple[int, int, Occurrence | None, tuple | None]] = [
            (o.clean_start, 0, o, None) for o in events
        ] + [(i[0], 1, None, i) for i in ids]
        merged.sort(key=lambda x: (x[0], x[1]))
        history: list[Occurrence] = []
        for _, _, occ, idc in merged:
            if occ is not None:
                occ.nested = bool(history) and _opens_paren(self.text, history[-1].clean_end, occ.clean_start)
                history.append(occ)
                continue
            start, end, pin, _att = idc
            if start in seen_at:
                continue
            seen_at.add(start)
            occ = self._occurrence("id", start, start, end, pin, None)
            occ.nested = bool(history) and _opens_paren(self.text, history[-1].clean_end, start)
            i = self._antecedent(history, start)
            if i is None:
                self.unresolved.append(occ)
                history.append(occ)
                continue
            ante = history[i]
            clause = self._clause(history, i)
            keys = list(dict.fromkeys(o.target for o in clause if o.target))
            occ.target = ante.target
            occ.volume, occ.reporter, occ.first_page = ante.volume, ante.reporter, ante.first_page
            occ.reporter_label = ante.reporter_label
            if len(keys) > 1:
                occ.ambiguous = True
                self.id_candidates[id(occ)] = keys
            if ante.target is None:
                self.unresolved.append(occ)
            elif ante.target.startswith("statute:"):
                self.statutes[ante.target.removeprefix("statute:")].occurrences.append(occ)
            else:
                self.auths[ante.target].occurrences.append(occ)
            history.append(occ)

    def _antecedent(self, history: list[Occurrence], at: int) -> int | None:
        for i in range(len(history) - 1, max(-1, len(history) - 200), -1):
            o = history[i]
            if o.clean_start < at and not o.nested:
                return i
        return None

    def _clause(self, history: list[Occurrence], i: int) -> list[Occurrence]:
        """The citation sentence that ends with ``history[i]``: citations joined only by signals,
        "and", commas and semicolons (parentheticals between them ignored). Stops at the second
        authority: that is all an Id. needs to know."""
        ante = history[i]
        clause, cur = [ante], ante
        for k in range(i - 1, max(-1, i - 60), -1):
            o = history[k]
            if o.nested:
                continue
            gap = self.text[o.clean_end : cur.clean_start]
            if len(gap) > 1500:
                break
            for _ in range(4):
                gap, n = _BALANCED.subn("", gap)
                if not n:
                    break
            if not GLUE.fullmatch(gap):
                break
            clause.append(o)
            cur = o
            if o.target != ante.target:
                break
        return clause

    # --- shared --------------------------------------------------------------------------------------

    def _occurrence(self, kind: str, start: int, cite_start: int, end: int, pin, key: str | None) -> Occurrence:
        return Occurrence(
            kind=kind,
            text=_WS.sub(" ", self.text[start:end]).strip(),
            offset=self.paged.to_original(start),
            end=self.paged.to_original(end),
            page=self.paged.page_at(cite_start),
            pin=_clean_pin(pin),
            clean_start=start,
            cite_start=cite_start,
            clean_end=end,
            target=key,
        )


# --- small functions -----------------------------------------------------------------------------------


def _clean_pin(pin: str | None) -> str | None:
    if not pin:
        return None
    pin = _WS.sub(" ", pin).strip(" ,")
    return pin.removeprefix("at ").strip() or None


_court_cache: dict[str, str | None] = {}


def _court(text: str) -> str | None:
    """A court id from a parenthetical's court string ("9th Cir.", "D.C.Cir."), via eyecite/courts-db."""
    key = text.strip()
    if key not in _court_cache:
        if len(_court_cache) > 4096:
            _court_cache.clear()
        clean = re.sub(r"\ben banc\b", "", key, flags=re.IGNORECASE).strip(" ,")
        _court_cache[key] = get_court_by_paren(clean) if clean and len(clean) <= 40 else None
    return _court_cache[key]


def _edition_years(f: Found) -> tuple[str, int | None, int | None]:
    c = f.cite
    eds = getattr(c, "all_editions", None) or []
    if len(eds) != 1:
        return (c.corrected_reporter(), None, None)
    e = eds[0]
    return (c.corrected_reporter(), e.start.year if e.start else None, e.end.year if e.end else None)


def _matching_paren(text: str, at: int, limit: int) -> int:
    depth = 0
    for k in range(at, min(len(text), at + limit)):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _nickname(content: str, name: str | None) -> str | None:
    if len(content) > 60:
        return None
    m = NICK.fullmatch(content)
    if not m or not (m.group("h") or m.group("q")):
        return None
    nick = m.group("nick").strip(" .,")
    if not nick or len(nick.split()) > 6:
        return None
    if m.group("h"):
        return nick
    if name and any(w.lower() in name.lower() for w in re.findall(r"[A-Za-z]{3,}", nick)):
        return nick
    return None


def _opens_paren(text: str, a: int, b: int) -> bool:
    """Does the text between two citations open a parenthetical it does not close ("(citing ...")?"""
    if b <= a or b - a > 1500:
        return False
    gap = text[a:b]
    return gap.count("(") > gap.count(")")
