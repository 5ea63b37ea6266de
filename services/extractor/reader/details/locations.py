"""The locations of an award: the places its unit's cues name ("across Eastbrook and Westmere",
"areas including Northby"), the places written beside its recipient ("Harbour Trust (Eastbrook)",
"Eastbrook-based Harbour Trust") and the places the recipient's own name states ("City of Eastbrook")."""
from __future__ import annotations

import re
from functools import lru_cache

from services.extractor import orgs
from services.extractor.reader.details.naming import acronym_of, has_org_word, is_acronym, orgish
from services.extractor.reader.details.places import (
    COUNCIL_WORDS_RX,
    COUNCILS_AFTER_RX,
    Place,
    gazetteer,
    is_place_list,
    known_places,
    read_places,
)
from services.extractor.reader.details.spans import Span

# cues after which a capitalised name that is not an organisation is a place
_LOC_STRONG_RX = re.compile(
    r"\b(?:in|In|across|Across|throughout|Throughout|covering|Covering|around|Around|based\s+in|Based\s+in|"
    r"serving|within|along|all\s+over|out\s+to|(?:extend|extends|extended|extending|expand|expands|expanded|"
    r"expanding|roll\s+out|rolled\s+out|rolling\s+out|bring|brings|take|takes|spread|spreads|scale)\b"
    r"[^.;£$€]{0,60}?\s+to|(?:expand|expands|expanding|extend|extends|extending|move|moves|moving)\s+into)\s+"
    r"(?:the\s+)?")
# cues after which only a place of the register or the gazetteer is a place
_LOC_WEAK_RX = re.compile(r"\b(?:at|for|to|from|of|into|near|between|on|border\s+of|parts\s+of|"
                          r"communities\s+of|people\s+of|residents\s+of|families\s+in|areas\s+of)\s+(?:the\s+)?")
_LEADING_IN_RX = re.compile(r"\s*(?:[-•*]\s+)?(?:In|Across|Throughout)\s+(?:the\s+)?")
_FOR_RX = re.compile(r"\bfor\s+")
# "to three more councils - Eastbrook, Westmere and Northby", "areas including Eastbrook"
_PLACES_INTRO_RX = re.compile(
    r"\b(?:councils|local\s+authorities|authorities|areas|places|boroughs|cities|towns|counties|regions|countries|"
    r"states|provinces|sites|locations|neighbourhoods|neighborhoods|communities)\s*(?:[:–—-]|,?\s+(?:including|"
    r"such\s+as|namely|in|of|across|covering))\s+(?:the\s+)?")
# "Eastbrook, Westmere and Northby councils"
_CAPITALISED_LIST_END_RX = re.compile(r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s*|\s+and\s+|\s*&\s*))+"
                                      r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$")
_COMMA_RX = re.compile(r"\s*,")


def cued_places(text: str, rec: Span | None, scope: Span, known: dict[int, Place]) -> tuple[list[Place], list[str]]:
    """The places the unit's cues give, and the recipient's own place when a cue names it as a council."""
    lo, hi = scope
    out: list[Place] = []
    own: list[str] = []
    # a leading "In Northshire, ..." covers every award of the unit
    lead = _LEADING_IN_RX.match(text)
    if lead and lead.end() < lo:
        got = read_places(text, lead.end(), len(text), known, True)
        if got and _COMMA_RX.match(text, got[-1].end):
            out += got
    for m in _LOC_STRONG_RX.finditer(text, lo, hi):
        if not _after_other_name(text, m.start(), rec):
            out += read_places(text, m.end(), hi, known, True)
    for m in _LOC_WEAK_RX.finditer(text, lo, hi) if known else ():     # (only a known place follows a weak cue)
        if not any(q in known for q in range(m.end(), m.end() + 12)):
            continue
        if _inside_name(text, m.start()) or _after_other_name(text, m.start(), rec):
            continue
        out += read_places(text, m.end(), hi, known, False)
    # "for Eastbrook and Westmere": two or more names after "for" are places
    for m in _FOR_RX.finditer(text, lo, hi):
        got = read_places(text, m.end(), hi, known, True)
        if len(got) >= 2 and not any(has_org_word(g.name) for g in got):
            out += got
    for m in _PLACES_INTRO_RX.finditer(text, lo, hi):
        out += read_places(text, m.end(), hi, known, True)
    for m in COUNCILS_AFTER_RX.finditer(text, lo, hi):
        lst = _CAPITALISED_LIST_END_RX.search(text, lo, m.start())
        if lst:
            got = read_places(text, lst.start(), m.start(), known, True)
            mine = [g for g in got if rec is not None and g.start <= rec[0] < g.end + 1]
            if mine:                   # "Eastbrook and Westmere councils will share ...": one of them
                own += [g.name for g in mine]
            else:
                out += got
    return out, own


_NAME_BEFORE_RX = re.compile(r"(?:[A-Z][\w'’.&-]*\s+)*[A-Z][\w'’.&-]*\s*$")
_LIST_HEAD_ENDS = (",", " and", "include", "includes", "including", ":", "&")


def _after_other_name(text: str, cue: int, rec: Span | None) -> bool:
    """Whether a place cue follows another member of an enumeration, so its place is that member's."""
    # "Harbour Arts Trust in Eastbrook, Wexley Foundation in Northshire"
    m = _NAME_BEFORE_RX.search(text, max(0, cue - 100), cue)
    if not m:
        return False
    name_end = m.start() + len(m.group(0).rstrip())
    if rec is not None and rec[0] <= name_end <= rec[1] + 2:
        return False
    head = text[max(0, m.start() - 12):m.start()].rstrip()
    if not head and not text[:m.start()].strip():
        return len(m.group(0).split()) > 1 or orgish(m.group(0).strip())   # "Nearby in ...": an adverb
    return head.endswith(_LIST_HEAD_ENDS)


_CAPITAL_WORD_END_RX = re.compile(r"[A-Z][\w'’-]*\s*$")


def _inside_name(text: str, pos: int) -> bool:
    """Whether the "of" at pos joins two capitalised words of one name ("University of Eastbrook")."""
    return text[pos:pos + 3] in ("of ", "on ", "at ") and bool(_CAPITAL_WORD_END_RX.search(text, max(0, pos - 40),
                                                                                          pos))


# =============================================================================================
# The places a recipient's name states

_PLACE_NAMED_RX = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w-]*\s+){0,2}?(?:(?:London\s+|Royal\s+)?Borough|City|Town|County|Municipality|District|"
    r"Village|Shire|Council|Corporation|State|Province|Authority|Parish)\s+of\s+(?:the\s+)?(?P<a>[A-Z].*)$|"
    r"^(?P<b>[A-Z][\w'’.-]*(?:\s+(?:and|&|upon|on|de)?\s*[A-Z][\w'’.-]*)*?)\s+(?:(?:(?:Metropolitan|County|City|"
    r"Borough|District|Shire|Rural\s+City|Regional|Town|Parish|Municipal|Village)\s+)+(?:Council|MBC)|"
    r"(?:Housing|Combined|Transit|Port|Regional|Development|Redevelopment|Water|Unitary|Fire|Police)\s+"
    r"Authority)$")
_BARE_COUNCIL_RX = re.compile(r"^(?:The\s+)?([A-Z][a-z'’-]+(?:[\s-](?:upon\s+|on\s+|and\s+)?[A-Z][a-z'’-]+){0,2})"
                              r"\s+Council$")
# "X Council" where X is a remit, not a place
_NOT_COUNCIL_PLACES = {"arts", "youth", "research", "advisory", "medical", "sports", "sport", "science", "music",
                       "film", "british", "national", "european", "international", "community", "parish",
                       "students", "student", "city", "county", "town", "district", "borough", "schools",
                       "school", "design", "crafts", "heritage", "tenants", "residents", "faith", "trades",
                       "press", "security", "economic", "social", "scottish", "welsh", "irish", "english",
                       "general", "privy", "executive", "legislative", "governing", "church", "diocesan",
                       "pharmacy", "nursing", "engineering", "housing", "environment", "wildlife"}
_COUNCIL_PREFIX_RX = re.compile(r"^(?:The\s+)?(?:(?:London|Royal)\s+Borough\s+of|City\s+of|Council\s+of\s+the|"
                                r"Borough\s+of|County\s+of)\s+")
_NATION_ADJECTIVES = {"Scottish": "Scotland", "Welsh": "Wales", "Irish": "Ireland", "English": "England",
                      "Northern Irish": "Northern Ireland"}
# "Ellerton and Marlow were three of the seven towns", "Ellerton, whose plan ..., was the first town to ...": a
# recipient the unit calls a city, town or area (and with no organisation word) is a place
_PLACE_NOUNS = r"(?:cit(?:y|ies)|towns?|municipalit(?:y|ies)|boroughs?|count(?:y|ies)|places|areas|regions)"
_CALLED_A_PLACE_RX = re.compile(
    # bounded repeats: the names after the recipient are a few words each, and a few of them
    r"(?:\s*,[^,;]{0,120},)?(?:\s*(?:,|and|&)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}){0,8}\s+(?:is|are|was|"
    r"were|has\s+been|have\s+been|became|become)\s+(?:also\s+)?(?:(?:one|two|three|four|five|six|seven|eight|nine|"
    r"ten|\d+)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?|(?:among\s+)?(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?)"
    + _PLACE_NOUNS + r"\b", re.I)


def called_a_place(text: str, end: int) -> bool:
    """Whether the unit goes on, after a recipient ending at end, to call it a city, town or area."""
    return bool(_CALLED_A_PLACE_RX.match(text, end))


_CITY_STATE_RX = re.compile(r"^(?P<city>[A-Z][\w'’ .-]+?),\s+(?P<state>[A-Z][\w'’ .-]+)$")
_PLACE_POSSESSOR_RX = re.compile(r"^([A-Z][\w-]+)['’]s\s+\S")


@lru_cache(maxsize=4096)
def place_of(name: str) -> str | None:
    """The place a place-named body stands for ("City of Eastbrook", "Westmere Council" -> the place)."""
    # also "Eastbrook Shire Council", "Eastbrook Housing Authority" and the councils of the register
    name = orgs.clean_name(name) or name
    m = _PLACE_NAMED_RX.match(name)
    if m:
        return (m.group("a") or m.group("b")).strip()
    bare = _BARE_COUNCIL_RX.match(name)
    if bare and not any(w.lower() in _NOT_COUNCIL_PLACES or w.endswith("ing") for w in bare.group(1).split()):
        return bare.group(1)
    if orgs.council(name) is not None:
        return _COUNCIL_PREFIX_RX.sub("", COUNCIL_WORDS_RX.sub("", name)).strip()
    return None


def own_places(recipient: str, called_a_place: bool = False) -> list[str]:
    """The places a recipient's name states ("Ellerton, Montana", "City of Eastbrook", "Welsh Lantern Aid")."""
    return list(_own_places(recipient, called_a_place))


@lru_cache(maxsize=4096)   # each passage naming a recipient asks again
def _own_places(recipient: str, called_a_place: bool) -> tuple[str, ...]:
    # also a city the unit calls one, and the places of the register or the gazetteer in the name
    # ("Eastbrook Community Foundation" when Eastbrook is known)
    gaz = gazetteer()
    name = orgs.clean_name(recipient) or recipient
    city_state = _CITY_STATE_RX.match(name)
    if city_state and (city_state.group("state") in gaz.names or city_state.group("state") in gaz.abbreviations):
        return (city_state.group("city"), gaz.abbreviations.get(city_state.group("state"), city_state.group("state")))
    place = place_of(name)
    if place:
        return (place,)
    plain = not has_org_word(name) and not is_acronym(name) and len(name.split()) <= 3 and "'" not in name \
        and "’" not in name
    if name in gaz.names or called_a_place and plain:
        return (name,)
    out = [p.name for p in known_places(name).values() if p.name not in gaz.anywhere]
    poss = _PLACE_POSSESSOR_RX.match(name)
    if poss and (orgs.council(poss.group(1)) or poss.group(1) in gaz.names) and poss.group(1) not in out:
        out.append(poss.group(1))              # "Eastbrook's Orbit Gallery"
    out += [nation for adj, nation in _NATION_ADJECTIVES.items() if name.startswith(adj + " ") and nation not in out]
    return tuple(out)


_BRACKET_AFTER_RX = re.compile(r"\s*\(([^()]{2,40})\)")
_TITLE_WORDS_RX = re.compile(r"(?:[A-Z][a-z'’.-]+\s*)+")
_COMMA_AFTER_RX = re.compile(r"\s*,\s+")
_BARE_COMMA_RX = re.compile(r"\s*,\s*")
_APPOSITION_END_RX = re.compile(r"\s*(?:[–—:.]|\s-\s|$|\(|,\s+(?!the\b|a\b|an\b|and\b|or\b)[a-z£$€])")
_BASED_RX = re.compile(r"([A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)*)-based\s+(?:the\s+)?(?:[a-z]+\s+){0,4}$")
_ITEM_DASH_RX = re.compile(r"\s*(?:[–—:]|\s-)\s+")


def appositive_places(text: str, rec: Span, recipient: str, body: int, item: bool, known: dict[int, Place],
                       own: list[str]) -> list[Place]:
    """The places written right beside the recipient ("Harbour Trust (Eastbrook)", "Eastbrook-based Harbour Trust")."""
    # also "Harbour Trust, Eastbrook – £6,000" and an item's "Harbour Trust – Eastbrook, East Anglia"; a
    # recipient given with its state or country ("Ellerton, Montana", "Ellerby (Sweden)") is a place itself,
    # added to own
    gaz = gazetteer()
    places: list[Place] = []
    pr = _BRACKET_AFTER_RX.match(text, rec[1])
    if pr:
        got = read_places(text, pr.start(1), pr.end(1), known, True)
        if got and got[-1].end >= pr.end(1) - 1 and all(g.known or _TITLE_WORDS_RX.fullmatch(g.name) for g in got) \
                and not acronym_of(pr.group(1), recipient):
            places += got
            if not has_org_word(recipient) and any(g.name in gaz.regions for g in got) and not own:
                own.append(recipient)
    cm = _COMMA_AFTER_RX.match(text, rec[1])
    if cm and rec[0] <= body + 4 and not place_of(recipient) and orgs.fold(recipient) not in gaz.folded:
        got = read_places(text, cm.end(), len(text), known, True)
        if len(got) > 2 or len(got) == 2 and not _BARE_COMMA_RX.fullmatch(text, got[0].end, got[1].start):
            got = []           # "Eastbrook, Westmere and Northby are among ...": an enumeration
        if got and (_APPOSITION_END_RX.match(text, got[-1].end) or all(g.known for g in got)):
            places += got
            if not has_org_word(recipient) and got[-1].name in gaz.regions and len(recipient.split()) <= 3 \
                    and not own:
                own.append(recipient)
    based = _BASED_RX.search(text, 0, rec[0])
    if based:
        places.append(Place(based.start(1), based.end(1), based.group(1), False))
    if item:
        sep = _ITEM_DASH_RX.match(text, rec[1])
        if sep and is_place_list(text[sep.end():]):
            places += read_places(text, sep.end(), len(text), known, True)
    return places

