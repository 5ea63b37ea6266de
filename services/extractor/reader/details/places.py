"""Places in a unit: the gazetteer (data/places.csv: nations, regions, counties, countries, states,
provinces) and the council register (orgs.find_places) name the places a reader knows; after a place
cue ("in", "across") a capitalised name that reads as nothing else is a place too."""
from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from services.extractor import orgs
from services.extractor.reader.details.naming import SEP_RX, has_org_word, is_acronym, is_person
from services.extractor.reader.details.spans import Span

# A nation, region, country or state alone in a table cell or in brackets after a name shows that name to be
# a place ("Ellerby (Sweden)"); a one-word county or area of Great Britain or the Channel Islands ("Shropshire",
# "Guernsey") does not, as it as often starts an organisation's name.
_BRITAIN_AND_CHANNEL_ISLANDS = {"England", "Scotland", "Wales", "Channel Islands"}


@dataclass(frozen=True)
class Gazetteer:
    """The places of data/places.csv, in the forms the reader looks them up in."""
    names: frozenset[str]            # every name and alias, as a location is reported
    folded: frozenset[str]
    regions: frozenset[str]          # names that stand for a nation, country, state or region
    abbreviations: dict[str, str]    # "NSW", "MT" -> the place's name
    anywhere: frozenset[str]         # abbreviations read as places anywhere, not only in a cell ("NSW")
    states: tuple[str, ...]          # states and provinces


def _split(field: str) -> list[str]:
    return [x for x in field.split("|") if x]


@cache
def gazetteer() -> Gazetteer:
    """The places of data/places.csv, read once."""
    names: set[str] = set()
    regions: set[str] = set()
    states: list[str] = []
    abbreviations: dict[str, str] = {}
    anywhere: set[str] = set()
    with open(orgs.DATA / "places.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            written = [row["name"], *_split(row["aliases"])]
            names.update(written)
            regions.update(n for n in written if " " in n or row["kind"] in ("nation", "region")
                           or row["part_of"] not in _BRITAIN_AND_CHANNEL_ISLANDS)
            if row["kind"] in ("state", "province"):
                states += written
            for short in _split(row["abbreviations"]):
                abbreviations[short] = row["name"]
                anywhere.add(short)
            for code in _split(row["codes"]):
                abbreviations[code] = row["name"]
    return Gazetteer(frozenset(names), frozenset(orgs.fold(n) for n in names), frozenset(regions), abbreviations,
                     frozenset(anywhere), tuple(states))


DOLLAR_COUNTRIES = {"United States": "USD", "Canada": "CAD", "Australia": "AUD", "New Zealand": "NZD"}


@cache
def _dollar_country_rxs() -> dict[str, re.Pattern[str]]:
    """For each country whose money is a dollar, one pattern over its name and its states', provinces'
    and territories' names (data/places.csv)."""
    names: dict[str, set[str]] = {c: {c} for c in DOLLAR_COUNTRIES}
    with open(orgs.DATA / "places.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["part_of"] in names:
                names[row["part_of"]].update([row["name"], *_split(row["aliases"])])
    return {c: re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(ns, key=len, reverse=True)) + r")\b")
            for c, ns in names.items()}


def dollar_countries(text: str) -> set[str]:
    """The currencies of the dollar countries a text names, by their places ("Ontario", "Queensland")."""
    return {DOLLAR_COUNTRIES[c] for c, rx in _dollar_country_rxs().items() if rx.search(text)}


_FIRST_WORD_RX = re.compile(r"[\w'’.-]+")


@cache
def _gazetteer_by_first_word() -> dict[str, re.Pattern[str]]:
    """For each first word of a gazetteer name, one anchored pattern over the names starting with it,
    longest first (so "North Dakota" wins over "North")."""
    groups: dict[str, list[str]] = {}
    for place in [*gazetteer().names, *gazetteer().anywhere]:
        groups.setdefault(_FIRST_WORD_RX.match(place).group(0), []).append(place)
    return {first: re.compile("(?:" + "|".join(re.escape(p) for p in sorted(ps, key=len, reverse=True)) + ")"
                              + r"(?=['’]s\b|[^\w'’-]|$)") for first, ps in groups.items()}


@dataclass(frozen=True)
class Place:
    """A place named in a unit."""
    start: int
    end: int
    name: str      # as a location is reported: the place as written, without "Council"
    known: bool    # from the register or the gazetteer, not only a capitalised word after a cue


# a capitalised word not inside another (the capital first, then what precedes it: see orgs)
_CAP_WORD_RX = re.compile(r"[A-Z](?<![\w-][A-Z])[\w'’.-]*")
_COMPASS = r"(?:north|south|east|west|northern|southern|eastern|western|central|mid|inner|outer|rural|" \
           r"north-east|north-west|south-east|south-west|greater|coastal|upper|lower)"
_COMPASS_BEFORE_RX = re.compile(rf"\b({_COMPASS})\s+$", re.I)
COUNCIL_WORDS_RX = re.compile(r"\s+(?:(?:Metropolitan|County|City|Borough|District|Shire|Rural|Regional|Town|"
                               r"Parish|Municipal)\s+)*(?:Council|Councill|MBC)$", re.I)


@lru_cache(maxsize=1024)
def known_places(text: str) -> Mapping[int, Place]:
    """Every place of the register or the gazetteer named in a text, by start offset (read once per
    text: each award a passage states asks again)."""
    found: dict[int, Place] = {}
    covered: list[Span] = []
    for m in orgs.find_places(text):
        found[m.start()] = Place(m.start(), m.end(), COUNCIL_WORDS_RX.sub("", m.group(0)), True)
        covered.append(m.span())
    patterns = _gazetteer_by_first_word()
    abbreviations = gazetteer().abbreviations
    pos = 0
    for word in _CAP_WORD_RX.finditer(text):
        if word.start() < pos or any(a < word.start() < b for a, b in covered):
            continue
        rx = patterns.get(word.group(0).rstrip("'’.,"))
        m = rx.match(text, word.start()) if rx else None
        if not m and word.group(0).endswith("."):
            rx = patterns.get(word.group(0)[:-1])
            m = rx.match(text, word.start()) if rx else None
        if m:
            old = found.get(m.start())
            if old is None or old.end < m.end():
                found[m.start()] = Place(m.start(), m.end(), abbreviations.get(m.group(0), m.group(0)), True)
            pos = m.end()
    # "south Wales", "east London": a lower-case compass word before a place belongs to it
    for start, p in list(found.items()):
        c = _COMPASS_BEFORE_RX.search(text, max(0, start - 12), start)
        if c and text[c.start(1)].islower():
            word = c.group(1)
            found[start] = Place(c.start(1), p.end, word[0].upper() + word[1:] + " " + p.name, True)
    return MappingProxyType(found)


_NOT_PLACE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "parliament", "government", "court", "committee", "act", "bill", "budget", "round", "phase", "year",
    "stage", "part", "section", "chapter", "annex", "appendix", "table", "figure", "spring", "summer",
    "autumn", "winter", "christmas", "easter", "covid", "covid-19", "coronavirus", "english", "welsh",
    "dutch", "thai", "greek", "arabic", "braille", "bsl", "our", "their", "its", "his", "her", "this", "that",
    "these", "those", "which", "what", "whose", "total", "all", "both", "each", "every", "partnership",
    "collaboration", "association", "conjunction", "addition", "particular", "future", "practice", "order",
    "response", "support", "time", "turn", "return", "person", "line", "place", "charge", "favour", "terms",
    "memory", "light", "honour", "recognition", "celebration", "aid", "advance", "full", "short", "general",
    "state", "city", "town", "county", "country", "region", "area", "the", "a", "an", "i", "it", "we", "they",
    "he", "she", "you", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "phd", "ai", "stem", "ict", "gcse", "a-level", "a-levels", "ks2", "ks3", "years",
}
COUNCILS_AFTER_RX = re.compile(r"\s+(?:councils|local authorities|local authority areas|council areas|"
                                r"boroughs|districts|counties)\b")
_PLACE_RUN_RX = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:upon|on|de|la|le|of|of the|in|-)?\s*[A-Z][\w'’.-]*)*")
_PLACE_LEAD_RX = re.compile(rf"(?:the\s+)?(?:{_COMPASS}\s+)?", re.I)
_RUN_TRAILING_LINK_RX = re.compile(r"\s+(?:and|of|of the|in|on|upon|-)$")
_RUN_POSSESSIVE_RX = re.compile(r"['’]s$")
_NAME_GOES_ON_RX = re.compile(r"\s+(?:[A-Z]|&\s+[A-Z])|['’]s\s+[A-Z]")
_NEXT_CAPITAL_RX = re.compile(r"\s+[A-Z][a-z]")
_NATIONALITY_RX = re.compile(r"^[A-Z][a-z]+(?:ish|ese|ian|ean|ic|i)$")
_DIGIT_RX = re.compile(r"\d")
_HYPHEN_LOWER_RX = re.compile(r"-[a-z]")


def _unknown_place_ok(name: str, text: str, end: int) -> bool:
    """Whether a capitalised name after a place cue reads as a place: not an organisation, a person, a
    month, a language ("Polish Sign Language"), an acronym or the start of a longer name."""
    words = name.split()
    if not words or len(words) > 4:
        return False
    if any(w.lower().strip(".,'’") in _NOT_PLACE_WORDS for w in words) or has_org_word(name):
        return False
    if is_person(name) or _DIGIT_RX.search(name) or _HYPHEN_LOWER_RX.search(name):
        return False
    if is_acronym(name) and name not in gazetteer().anywhere:
        return False
    if _NATIONALITY_RX.match(words[0]) and len(words) > 1:
        return False
    return not _NAME_GOES_ON_RX.match(text, end)


def read_places(text: str, pos: int, limit: int, known: dict[int, Place], strong: bool) -> list[Place]:
    """The places listed from pos ("Eastbrook, Westmere and the Northby area"); known ones only unless strong."""
    # after a weak cue ("at", "for") only a known place starts the list; after a strong one ("across") any
    out: list[Place] = []
    seps: list[str] = []
    p = pos
    while p < limit:
        lead = _PLACE_LEAD_RX.match(text, p)
        place = known.get(p) or known.get(lead.end())
        if place is None and lead.end() != p:
            place = next((known[q] for q in range(p, lead.end() + 1) if q in known), None)
        if place is not None and place.end <= limit:
            if _NEXT_CAPITAL_RX.match(text, place.end) and not COUNCILS_AFTER_RX.match(text, place.end) and \
                    (place.end + 1) not in known:
                nxt = _PLACE_RUN_RX.match(text, place.end + 1)
                if nxt and has_org_word(nxt.group(0)):
                    break          # "Eastbrook Harbour Trust": the place is part of a name
            out.append(place)
            end = place.end
        else:
            q = lead.end()
            m = _PLACE_RUN_RX.match(text, q)
            if not m or m.end() > limit:
                break
            name = _RUN_POSSESSIVE_RX.sub("", _RUN_TRAILING_LINK_RX.sub("", m.group(0))).rstrip(".'’")
            end = q + len(name)
            if not (strong or out) or not _unknown_place_ok(name, text, end):
                break
            compass = text[p:q].strip()
            if compass and not compass.lower().startswith("the"):
                name = compass[0].upper() + compass[1:] + " " + name      # "east Eastbrook"
            out.append(Place(q, end, name, False))
        sep = SEP_RX.match(text, end)
        if not sep or sep.end() >= limit:
            break
        seps.append(sep.group(0))
        p = sep.end()
    # an unknown name after a bare comma that no "and" closes is the next clause ("In Northshire, Orbit ...")
    while len(out) >= 2 and not out[-1].known and "," in seps[len(out) - 2] and \
            "and" not in seps[len(out) - 2] and "&" not in seps[len(out) - 2]:
        out.pop()
    return out


_PLACE_LIST_WORDS = {"and", "the", "of", "upon", "&", "with", "on"}


def is_place_list(s: str) -> bool:
    """Whether a text is only a short list of capitalised names ("Eastbrook, North West")."""
    s = s.strip().rstrip(".;")
    words = s.replace(",", " ").split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in _PLACE_LIST_WORDS for w in words) and \
        not has_org_word(s)


def cell_places(c: str) -> list[str]:
    """The places a cell names, when it names nothing else ("Norfolk and Rutland", "NSW")."""
    c = c.strip()
    abbreviations = gazetteer().abbreviations
    if c in abbreviations:
        return [abbreviations[c]]
    known = known_places(c)
    if not known:
        return []
    got = read_places(c, 0, len(c), known, False)
    if got and got[-1].end >= len(c.rstrip(". ")) - 1 and got[0].known and got[0].start == 0:
        return [p.name for p in got]
    return []

