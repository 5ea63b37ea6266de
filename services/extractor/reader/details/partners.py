"""The partners of an award: the organisations that its unit says work with the recipient on it
("in partnership with X", "a consortium of X, Y and Z", "led by the Trust with X") or that are named
jointly with it ("£70m to the Harbour Trust and the City of Northby")."""
from __future__ import annotations

import re
from functools import cache

from services.extractor import orgs
from services.extractor.gate import Gated
from services.extractor.reader.details.naming import (
    AND_RX,
    LEADING_THE_RX,
    NAME_RX,
    folded_words,
    has_org_word,
    is_acronym,
    is_person,
    orgish,
    read_name,
    read_name_list,
    same,
    split_and,
)
from services.extractor.reader.details.places import gazetteer
from services.extractor.reader.details.spans import ITEM_SEP_AFTER_RX, Span
from services.extractor.rules import names

# cues after which a list of capitalised names are partners
_PARTNER_STRONG_RX = Gated(re.compile(
    r"\b(?:(?:working|work|works|worked|partnering|partnered|collaborating|teaming\s+up|teamed\s+up|bidding|"
    r"bid|bids|applied|applying)\s+(?:closely\s+|jointly\s+|together\s+)?with|in\s+(?:partnership|"
    r"collaboration|association|conjunction|tandem)\s+with|together\s+with|jointly\s+with|(?:run|delivered|"
    r"developed|led|managed|operated|hosted|organised|designed|built)\s+(?:jointly\s+|together\s+)?with|"
    r"alongside(?:\s+partners)?|(?:with|and)\s+(?:its\s+|their\s+)?(?:delivery\s+|research\s+|industry\s+|"
    r"local\s+)?partners(?:\s+(?:including|include|such\s+as))?|co-?led\s+by|co-?delivered\s+by|"
    r"co-?ordinated\s+with|led\s+jointly\s+by|jointly\s+led\s+by|jointly\s+run\s+by|run\s+jointly\s+by|"
    r"(?:a|the|its)\s+consortium\s+(?:of|including|includes|comprising|comprises|made\s+up\s+of|"
    r"that\s+includes|which\s+includes|involving)|partners\s+(?:include|including|are|will\s+be|:)|partnership\s+(?:of|between|with)|"
    r"collaboration\s+(?:of|between|with)|(?:members|partners)\s+of\s+the\s+consortium\s+(?:are|include)|"
    r"shar(?:e|es|ed|ing)\s+(?:its|the|their|his|her|this)?\s*(?:award|grant|funding|money|prize|sum)?\s*with|"
    r"(?:involving|including)\s+partners|(?:brings?|bringing|brought)\s+together)\s*:?\s+", re.I),
    "with", "alongside", "partner", "co-led", "coled", "deliver", "jointly", "consortium", "together", "collaborat")
PARTNER_CUE_RX = _PARTNER_STRONG_RX
# the cue after the names: "X, Y and Z are among the consortium partners"
PARTNERS_AFTER_RX = Gated(re.compile(r"\s+(?:are|were|will\s+be)\s+(?:among\s+|all\s+)?(?:the\s+|its\s+|their\s+)?"
                                     r"(?:[a-z]+\s+){0,2}partners\b"), "partners")
_WITH_RX = re.compile(r"\b(?:with|With)\s+")
# a "with" that a strong cue (or an amount: "the grant with ...") already reads
_WITH_TAKEN_RX = re.compile(
    r"(?:working|work|works|worked|partnering|partnered|collaborating|together|jointly|run|delivered|"
    r"developed|led|managed|operated|hosted|organised|designed|built|partnership|collaboration|"
    r"association|conjunction|tandem|teaming up|teamed up|bid|bids|applied|applying|shares?|shared|"
    r"sharing|award|grant|funding|money|prize|sum)\s+$", re.I)
_ONLY_SPACE_OR_COMMA_RX = re.compile(r"[\s,]*")
_PERSON_WITH_ORG_RX = re.compile(r"(.+?)\s*\(([^)]+)\)$")
_PLURAL_BODIES = (["councils"], ["authorities"], ["boroughs"], ["areas"])


@cache
def _university_of_state_rx() -> re.Pattern[str]:
    # a campus after a state university's name ("University of <state>, Ellerton") is one name with it
    states = sorted(gazetteer().states, key=len, reverse=True)
    return re.compile(r"University of (?:" + "|".join(states) + r")$")


def _merge_campuses(items: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    university_of_state = _university_of_state_rx()
    for name, a, b in items:
        if out and university_of_state.search(out[-1][0]) and text[out[-1][2]:a].strip() == "," and \
                not has_org_word(name) and len(name.split()) <= 3:
            prev = out.pop()
            out.append((f"{prev[0]}, {name}", prev[1], b))
        else:
            out.append((name, a, b))
    return out


# people of the partner bodies named before them: "academics from", "researchers at"
_STAFF_OF_RX = re.compile(r"\s*(?:(?:the|their|its)\s+)?(?:[a-z]+\s+)?(?:academics|researchers|scientists|experts|colleagues|"
                          r"teams|staff|clinicians|specialists)\s+(?:from|at)\s+")


def _partner_names(text: str, pos: int, limit: int, strong: bool) -> list[str]:
    """The organisations named from pos: after a strong cue any capitalised name that is not a
    person or a place; after a plain "with" only names that read as organisations."""
    out = []
    staff = _STAFF_OF_RX.match(text, pos, limit)
    if staff:                  # "work with academics from A, B and C": the bodies they are from
        pos = staff.end()
    for name, _, _ in _merge_campuses(read_name_list(text, pos, limit), text):
        # "Jane Doe (Harbour University)": the organisation in brackets, not the person
        person = _PERSON_WITH_ORG_RX.match(name)
        if person and not orgish(person.group(1)) and orgish(person.group(2)):
            name = person.group(2)
        name = orgs.clean_name(LEADING_THE_RX.sub("", names.split_possessive(name)[0]))
        if not name or is_person(name) or not names.name_like(name):
            continue
        if not strong and not orgish(name):
            continue
        if orgs.fold(name) in names.NOT_NAMES or (name in gazetteer().names and not orgish(name)) or \
                folded_words(name)[-1:] in _PLURAL_BODIES:
            continue
        out.append(name)
    return out


def find_partners(text: str, rec: Span | None, recipient: str, scope: Span, body: int, item: bool) -> list[str]:
    """The organisations the unit names as the recipient's partners in this award."""
    lo, hi = scope
    found: list[str] = []
    after = PARTNERS_AFTER_RX.search(text, lo, hi)
    if after and (rec is None or rec[1] <= after.start()):
        start = rec[1] if rec is not None else lo
        found += _partner_names(text, start, after.start(), True)
    for m in _PARTNER_STRONG_RX.finditer(text, lo, hi):
        if m.group(0).lower().startswith("alongside") and m.start() <= body + 1:
            continue               # "Alongside X, the grants include ...": other awards
        found += _partner_names(text, m.end(), hi, True)
    for m in _WITH_RX.finditer(text, lo, hi):
        if _PARTNER_STRONG_RX.match(text, max(0, m.start() - 30)) or \
                _WITH_TAKEN_RX.search(text, max(0, m.start() - 40), m.start()):
            continue
        # "led by the Harbour Trust with ...", "Harbour Trust, with ...": right after the recipient
        strong = rec is not None and _ONLY_SPACE_OR_COMMA_RX.fullmatch(text, rec[1], m.start()) is not None
        found += _partner_names(text, m.end(), hi, strong)
    if rec is not None:
        found += _joint(text, rec, hi, item)
    # the recipient named with its partner ("Harbour Trust and ORBIT")
    left, joint = names.split_joint(recipient)
    if joint and (is_acronym(joint[0]) or has_org_word(left)):
        found += joint
    out: list[str] = []
    for name in found:
        if not same(name, recipient) and not any(same(name, o) for o in out):
            out.append(name)
    return out


_ADVERBIAL_LEAD_RX = re.compile(r"^\s*(?:[-•*]\s+)?(?:In|At|Across|Throughout|For|From|Under|After|Before|Elsewhere|"
                                r"Meanwhile|Separately|Nationally|Locally|Further|Also|Overall|Today|Yesterday|"
                                r"Last|This|Next|Earlier|Later|Now|Here|There|Similarly|Likewise|However)\b")
_ENUMERATED_RX = re.compile(r"(?:,|\band|&)\s*(?:the\s+)?$")
_CLAUSE_PUNCT_RX = re.compile(r"[,;:]")
_JOINT_VERB_RX = re.compile(r"\s+(?:bid|bids|applied|share|shares|will share|are sharing|worked|work|will work|"
                            r"came together|joined forces|teamed up|partnered)\b|\s+(?:together|jointly)\b")
_JOINED_BEFORE_RX = re.compile(r"(?:\s+(?:and|&)\s+)(?:the\s+)?(?:(?:local|national|regional|[a-z]+'?s?)\s+){0,3}?"
                               r"(?:(?:charity|organisation|organization|partner|firm|company|group|university|"
                               r"trust|council|provider|body)\s+)?$")
_TO_BEFORE_RX = re.compile(r"\bto\s+(?:the\s+)?$")
_PLURAL_BODY_END_RX = re.compile(r"\b(?:councils|authorities|boroughs|areas)$")


def _enumerated(before: str) -> bool:
    """Whether a name starting where `before` ends continues a list ("Eastbrook Trust, Westmere College
    and ..."), not a leading adverbial ("In Eastbrook, Westmere College ...")."""
    if not _ENUMERATED_RX.search(before):
        return False
    head = _ENUMERATED_RX.sub("", before)
    last = _CLAUSE_PUNCT_RX.split(head)[-1]
    return not _ADVERBIAL_LEAD_RX.match(last) or bool(_CLAUSE_PUNCT_RX.search(head)) and \
        not _ADVERBIAL_LEAD_RX.match(head)


def _joint(text: str, rec: Span, hi: int, item: bool) -> list[str]:
    """"£70m to the Harbour Trust and the City of Eastbrook", "Eastbrook Council and the charity Orbit bid
    together", a list item's "Harbour Trust & Orbit Forum – ...": the organisation joined to the recipient
    by "and" (not a member of an enumeration of recipients)."""
    out = []
    a, b = rec
    before = text[:a]
    after = AND_RX.match(text, b)
    if after:
        span = read_name(text, after.end())
        in_item_lead = item and bool(ITEM_SEP_AFTER_RX.match(text, (span or (0, b))[1]))
        if span and span[1] <= hi and (in_item_lead or not _enumerated(before)):
            name = names.split_possessive(text[span[0]:span[1]])[0]
            if not text.startswith(",", span[1]) and orgish(name) and not orgs.is_place(name) and \
                    not _PLURAL_BODY_END_RX.search(name):
                out.append(orgs.clean_name(LEADING_THE_RX.sub("", name)))
    m = _JOINED_BEFORE_RX.search(before)
    if m:
        head = before[:m.start()]
        cands = [n for n in NAME_RX.finditer(head) if n.end() == len(head)]
        if cands and (_JOINT_VERB_RX.match(text, b) or _TO_BEFORE_RX.search(head, 0, cands[0].start())):
            n = cands[0]
            if not _enumerated(head[:n.start()]):
                pieces = split_and(n.group(0))
                name = pieces[-1] if pieces else n.group(0)
                if orgish(name) and not orgs.is_place(name):
                    out.append(orgs.clean_name(LEADING_THE_RX.sub("", name)))
    return out
