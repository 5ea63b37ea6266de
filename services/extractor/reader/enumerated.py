"""Whose an amount is inside an enumeration: the segment before it ("A (£X), B (£Y)", "A – £X; B – £Y",
"...; Harbour Poetry Workshop, £1,440;"), read back to the last boundary, and the name it holds."""
from __future__ import annotations

import re

from services.extractor import orgs
from services.extractor.reader.mentions import (
    INNER_ACRONYM_RX,
    LEGAL_FORM_RX,
    LEGAL_SUFFIX_RX,
    SHARED_KIND_RX,
    is_person,
    is_place,
    known_place,
    name_ending_at,
    names_in,
    org_like,
    split_joint,
    without_place_tail,
)
from services.extractor.rules import names
from services.extractor.segments import BULLET, BULLET_RX

# the bracket an amount closes, with what it says before the amount: "(£X)", "(over £X)",
# "(receiving just shy of £X)"
BRACKET_OPENS_RX = re.compile(r"\(\s*(?P<via>(?:receiving|getting|awarded|with|worth)\s+)?(?:(?:just|a\s+little)\s+)?"
                              r"(?:(?:shy|short)\s+of|under|over|nearly|almost|more\s+than|about|around|some|up\s+to)?\s*$")


def bracketed_owner(before: str, after: str) -> str | None:
    """"A (£X)", "A's project (£X)", "A – £X", "A: £X" closing a segment of an enumeration: the
    segment runs from the last boundary (a bracket closed, a comma, "and", a colon) to the amount."""
    opened = BRACKET_OPENS_RX.search(before)
    if re.match(r"^\s*(?:over\s+[\w\s-]+|in\s+total|in\s+all|,\s*(?:(?:up|down)\s+)?[\d.]+\s?(?:%|per\s*cent))?\s*\)",
                after) and opened:       # ("A (£300,000, 25%)": with its change)
        head = before[:opened.start()].rstrip()
        owner = _segment_owner(head)
        if owner and opened.group("via"):      # "A in Lowmere (receiving just shy of £X)": where A is
            owner = without_place_tail(owner)
        return owner
    sep = re.search(r"(?:\s*[–—:]|(?<!\w)-|\s-)\s*(?:(?:a|an)\s+)?(?:[\w-]+\s+){0,3}?$", before)   # (not "Drop-In")
    if sep and re.match(r"^\s*(?:[,;.)]|and\b|$|\s*(?:for|to|towards?)\b)", after):
        head = before[:sep.start()]
        body = BULLET_RX.sub("", head).strip()
        m = name_ending_at(body, len(body))
        placed = re.fullmatch(r"(?P<name>.+?),\s*(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})", body)
        if m and placed and m.start > 0 and a_place(placed.group("place")):
            m = name_ending_at(placed.group("name"), len(placed.group("name")))   # "A, Eastbury – £X": where A is
        opens = max((c.end() for c in re.finditer(r"[;:]\s+", body)), default=0)   # "...: A – £X; B – £Y"
        if m and m.start <= opens + 4:        # the segment is the name: "A – £X", "the A: £X"
            return m.name
    comma = SEGMENT_COMMA_RX.search(before) or SEGMENT_COMMA_RX.search(SEGMENT_PLACE_TAIL_RX.sub(",", before))
    if comma and SEGMENT_PURPOSE_RX.match(after):
        named = _segment_name(comma.group("seg"))
        if named is None and len(OTHER_AMOUNT_RX.findall(before[-300:] + after[:300])) >= 3:   # four sums or more
            seg = re.sub(r"^(?:the|The)\s+", "", comma.group("seg").strip())   # "...; Harbour Poetry Workshop, £1,440;"
            m = name_ending_at(seg, len(seg))
            if m and m.start == 0 and len(m.name.split()) >= 2 and not known_place(m.name) and not is_person(seg, m):
                named = m.name
        return named
    adjacent = ADJACENT_NAME_RX.search(before)
    goes_on = ENUMERATION_GOES_ON_RX.match(after) or \
        SEGMENT_PURPOSE_RX.match(after) and re.match(r"[^;]{0,120}?(?:,|;|\band\b|\.?\s*$)", after)   # "B £Y to build a bore, C £Z"
    if adjacent and goes_on and \
            (OTHER_AMOUNT_RX.search(before[-200:adjacent.start()]) or OTHER_AMOUNT_RX.search(after[:200])):
        name = adjacent.group("seg")
        around = before[-200:] + after[:200]
        # a bare place is a council only in a list that names councils ("Eastshire CC £X, Westmere £Y"),
        # not in one of regions ("the South East will receive £X and Westmere £Y")
        council = orgs.council(name) and (orgs.has_org_word(name) or COUNCIL_WORD_RX.search(around))
        # (in a long enumeration, a name of two words or more that is no place needs no organisation word:
        # "Harbour Football £80,000; Netball Lowmere £60,000; ...")
        named = org_like(name) or len(OTHER_AMOUNT_RX.findall(around)) >= 3 and not known_place(name)
        # (one word names a body when it is shaped as no place's name is: "Na-Lowmere", "TideWorks")
        shaped = re.fullmatch(r"[A-Z]\w*(?:-[A-Z]\w*|[a-z][A-Z]\w*|\d\w*)", name) and not known_place(name)
        if council or not orgs.council(name) and named and (len(name.split()) >= 2 or shaped):
            return re.sub(r"^(?:the|The)\s+", "", name)   # "A £X, B £Y and C £Z"
    purposed = PURPOSED_NAME_RX.search(before) if goes_on else None
    if purposed and len(OTHER_AMOUNT_RX.findall(before[-300:] + after[:300])) >= 3:
        name = re.sub(r"^(?:the|The)\s+", "", purposed.group("seg"))
        if (org_like(name) or len(name.split()) >= 2) and not known_place(name) and not orgs.council(name):
            return name           # "Grants go to A community bus $65,000, B renovation $50,000, ..."
    return None


# a name right before its amount in an enumeration of them: "Eastshire CC £460,000, Westmere £400,000"
ADJACENT_NAME_RX = re.compile(r"(?:^|,\s+|\band\s+|[:;]\s+)(?P<seg>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|"
                              r"for|upon|on|the))*)\s+$")
# or with what it is for in lower case between: "..., the Harbour Drop-In Centre renovation $50,000, ..."
PURPOSED_NAME_RX = re.compile(r"(?:^|,\s+|\band\s+|[:;]\s+|\bto\s+)(?P<seg>(?:the\s+|The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|"
                              r"of|and|for|the))*)(?:\s+[a-z][\w'’-]*){1,6}\s+$")
ENUMERATION_GOES_ON_RX = re.compile(r"^\s*(?:,|and\b|\.|;|\)|$)")
OTHER_AMOUNT_RX = re.compile(r"[£$€]\s?\d")
COUNCIL_WORD_RX = re.compile(r"\b(?:[Cc]ouncils?|CC|BC|DC|MBC|CBC)\b")


# a segment of an enumeration that is a name, a comma and its amount, what the money is for after it:
# "Others include the Tide Bookshop, with $8,000 to ...; Lowmere's Quay Arts, $6,000 to ...; and ..."
SEGMENT_COMMA_RX = re.compile(r"(?:^|[;:]\s+(?:and\s+)?|\b(?:include|includes|including|are|were)\s+)"
                              r"(?P<seg>[^;:,]{2,120}?),\s*(?:with\s+)?(?:(?:a|an)\s+)?$")
# where a segment's organisation is, before its amount: "; Tidemark First Nation near Quayside, Wes., $X"
SEGMENT_PLACE_TAIL_RX = re.compile(r"\s+(?:in|near|of|from|outside)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
                                   r"(?:,\s*[A-Z][\w.]{1,6})?,\s*$")
SEGMENT_PURPOSE_RX = re.compile(r"^\s*(?:to|for|towards?)\s+[a-z]|^\s*(?:[;.]|$)")
_PLACE_AFTER_RX = re.compile(r"\s+(?:in|of|from)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?$")


def _segment_name(segment: str) -> str | None:
    """The organisation a segment is, whole: "local bookshop Tide Books", "Lowmere's Quay Arts", "the
    Harbour Council in Eastbrook"."""
    plain = BULLET_RX.sub("", segment).strip()
    seg = names.strip_descriptor(plain)
    described = seg != plain                         # "local bookshop Tide Books": a kind of body said
    owner, owned = names.split_possessive(seg)
    if owned and (is_place(owner) or len(owner.split()) <= 3 and not org_like(owner) and org_like(owned)):
        seg = owned                                  # "Lowmere's Quay Arts": where it is, then the name
    seg = re.sub(r"^(?:the|The)\s+", "", seg)
    m = name_ending_at(seg, len(seg))
    if m is None or m.start > 0:
        placed = _PLACE_AFTER_RX.search(seg)
        m = name_ending_at(seg[:placed.start()], placed.start()) if placed else None
        if m is None or m.start > 0:
            return None
    return m.name if org_like(m.name) or described else None


_STRONG_CUT_RX = re.compile(rf"\)\s*[,;]?\s*(?:and\s+)?|[;:]\s+|^\s*{BULLET}")
_WEAK_CUT_RX = re.compile(r",\s+(?:and\s+)?|\s+and\s+(?=[A-Z])")


def _last_cut(rx: re.Pattern[str], head: str) -> int:
    inner = {m.end() - 1 for m in INNER_ACRONYM_RX.finditer(head)}    # "Alder Groupe (A.G.A.) Inc." is one name
    return max((m.end() for m in rx.finditer(head) if m.end() < len(head) and m.start() not in inner), default=0)


# a segment that opens with its organisation and says what it does: "the A Society, which puts on B"
SEGMENT_RELATIVE_RX = re.compile(r"^\s*(?:and\s+)?(?:is\s+)?(?:the\s+)?(?P<org>[A-Z][^,;()]{2,100}?),\s*(?:which|who)\s+"
                                 r"(?:runs|puts\s+on|organi[sz]es|hosts|stages|presents|operates|manages|delivers|"
                                 r"produces|owns|holds)\b[^;()]*$")


def _segment_owner(head: str) -> str | None:
    """The organisation a segment of an enumeration names: its possessor ("A's upgrade, stage 1"),
    the name just before the bracket, or the organisation it opens with. Segments end at a closed
    bracket, a colon or a semicolon, and, failing those, at a comma or "and"."""
    strong = _last_cut(_STRONG_CUT_RX, head)
    weak = max(strong, _last_cut(_WEAK_CUT_RX, head))
    rest = head[weak:].strip()
    if weak > strong and LEGAL_FORM_RX.fullmatch(rest):     # "Lowmere Future, Inc. (£X)": the comma is the name's
        body = head[:weak].rstrip(" ,")
        m = name_ending_at(body, len(body))
        if m and m.start >= _last_cut(_WEAK_CUT_RX, body) - 1:
            return re.sub(r"^(?:The|the)\s+", "", m.name) + ", " + rest
    if weak > strong and re.search(r"\s(?:and|&)\s+$", head[:weak]):
        before_and = max(strong, _last_cut(_WEAK_CUT_RX, head[:weak].rstrip()[:-4]))
        whole = re.sub(r"^(?:the|The)\s+", "", BULLET_RX.sub("", head[before_and:]).strip())
        if len(rest.split()) == 1 or LEGAL_SUFFIX_RX.search(rest) or \
                (not OTHER_AMOUNT_RX.search(head) or SHARED_KIND_RX.fullmatch(rest)) and " " in whole and \
                not split_joint(whole)[1]:
            # "Harbour Dome and Festival (£X)", "Lowmere and Eastbrook Advice Ltd (£X)", an item's
            # "Songwriters and Storytellers Society (£X)": one name; the cut before it is the one to take
            weak = before_and
    placed = _name_then_place(head[strong:])
    if placed:
        return placed
    relative = SEGMENT_RELATIVE_RX.match(head[strong:])
    if relative:                 # "; A, which puts on the B Festival (£X)": A's, not its festival's
        m = name_ending_at(relative.group("org"), len(relative.group("org")))
        if m and (org_like(m.name) or len(m.name.split()) >= 2):
            return m.name
    for cut in (weak, strong):
        poss = re.match(r"^\s*(?P<owner>[^,;()]+?)['’]s\s+(?P<owned>\S.*)$", head[cut:])
        owned = poss.group("owned").strip() if poss else ""
        where = re.sub(r"^(?:and|the)\s+", "", BULLET_RX.sub("", poss.group("owner")).strip()) if poss else ""
        if poss and owned[:1].isupper() and (known_place(where) or re.fullmatch(r"[A-Z][a-z]+", where)
                                               and not org_like(where)):
            m = name_ending_at(owned, len(owned))      # "Quayton's Harbour Agency on Ageing (£X)": where it is
            if m and org_like(m.name) and (known_place(where) or len(m.name.split()) >= 3 and not
                                             re.search(r"['’]s\b", m.name)):     # "Lindale's Women's Club": one name
                return re.sub(r"^(?:The|the)\s+", "", m.name)
        if poss and not (orgs.has_org_word(owned) and all(w[:1].isupper() for w in owned.split())):
            m = name_ending_at(poss.group("owner"), len(poss.group("owner")))
            if m and m.start <= 4:
                return m.name
    m = name_ending_at(head, len(head))
    if m and m.start >= weak - 1:
        return m.name
    lead = names_in(head[weak:])
    if lead and lead[0].start <= 4 and org_like(lead[0].name):
        return lead[0].name
    return None


def _name_then_place(segment: str) -> str | None:
    """"The Harbour Dome, Lowmere (£X)", "Tidemark Museum, County Eastshire": a segment that is a
    name and the place it is in; the name, when it is all of the segment's first part."""
    parts = [p.strip() for p in BULLET_RX.sub("", segment).split(",")]
    if len(parts) < 2 or not parts[-1] or not a_place(parts[-1]):
        return None
    if len(parts) > 2 and not (orgs.is_place(parts[-1]) or " " not in parts[-1]):
        return None          # in a longer enumeration only a known place or a one-word one: "..., the Civic Theatre, Lowmere"
    lead = re.sub(r"^(?:and\s+)?(?:the\s+)?", "", parts[-2])
    town = re.search(r"\s+in\s+(?:[A-Z][\w'’.-]*\s*){1,3}$", lead)
    if town:                 # "... including Lowmere College in St. Paul, Minnesota (£X)": the college, in its town
        m = name_ending_at(lead, town.start())
        if m and org_like(m.name) and not orgs.is_place(m.name):
            return m.name
    found = names_in(lead)
    if not found or found[0].start > 4 or found[0].end < len(lead) - 1:
        return None
    name = found[0].name
    if len(parts) > 2 and not org_like(name):
        return None
    return name if (org_like(name) or len(name.split()) >= 2) and not orgs.is_place(name) else None


def a_place(text: str) -> bool:
    """A known place, a county ("County Eastshire"), or a short capitalised name that names no kind
    of body ("Lowmere", "Eastbrook Bay")."""
    words = text.split()
    return orgs.is_place(text) or bool(re.fullmatch(r"(?:County|Co\.)\s+[A-Z][\w'’-]+", text)) or \
        0 < len(words) <= 3 and all(w[:1].isupper() for w in words) and not org_like(text)
