"""Organisation mentions in a phrase, by general cues: capitalised runs with their connectors
("University of Northvale", "Friends of Eastbrook Library"), acronyms, organisation words (Trust,
Council, University, NHS, Ltd), the council register, possessives; and the cues that a name is a
person's ("Dr", "Professor", "said") rather than an organisation's."""
from __future__ import annotations

import re
from dataclasses import dataclass

from services.extractor import orgs
from services.extractor.reader.details.places import gazetteer
from services.extractor.rules import names
from services.extractor.segments import BULLET_RX

# a capitalised run: tokens joined by spaces and connectors, as names.NAME reads them; tokens may be
# camel-cased ("eLearn"), carry digits ("12th", "Stepwise21", "50+"), join two names by a slash ("Halton/Peel")
# or open with an elided French article ("l'Estuaire", "d'Arville"); a land block's letter in quotes ("Lowmere 'B' Trust"), a branch's number ("Branch #71")
_UPPER = "A-Z\u00C0-\u00DE\u0100\u0112\u012A\u014C\u016A\u0106\u010C\u0141\u015A\u0160\u0179\u017B\u017D"   # with Ā Ē Ī Ō Ū Ć Č Ł Ś Š Ź Ż Ž
_MARK = "\u0300-\u036f"   # combining accents, as in names written with them ("Łı́ı́dlı̨ı̨")
_TOKEN = (rf"(?:[{_UPPER}][\w{_MARK}'’.&+°-]*(?:/[A-Z][\w'’.&+°-]*)*|[a-z]+[A-Z][\w'’-]*|[ldLD]['’][A-Z\u00C0-\u00DE][\w'’-]*|"
          r"\d+(?:st|nd|rd|th)|\d+-?[A-Z][\w-]*|[A-Z]{2,}\w*|(?<=\s)['‘][A-Z0-9]{1,2}['’](?=\s)|(?<=\s)(?:#|No\.\s?)\d+\b)")
_CONNECT = r"(?:of|and|for|the|upon|on|in|with|&|de|del|des|la|les|le|et|y|du|di|da|van|von|der|at|to|o|na)"
_LOWER_ORG = names.LOWER_ORG
# an acronym in brackets inside a name goes with it ("Alder Groupe (A.G.A.) Inc."), not one that ends it
_INNER_ACRONYM = rf"[ \t]+\([A-Z][A-Za-z.&]{{1,12}}\)(?=[ \t]+{_TOKEN})"
NAME = rf"{_TOKEN}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_TOKEN}|{_INNER_ACRONYM}|[ \t]+\d+(?:\+|[A-Za-z]*\b)|[ \t]+{_LOWER_ORG}\b)*"
NAME_RX = re.compile(rf"(?<![\w'’])(?:[Tt]he[ \t]+)?{NAME}")
INNER_ACRONYM_RX = re.compile(_INNER_ACRONYM)
PERSON_TITLE_RX = re.compile(r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Cllr|Councillor|"
                             r"Minister|Secretary|Mayor|MP|MSP|Senator|Rep|Governor|President|Chancellor|"
                             r"Rev|Revd|Father|Bishop|Chief\s+Executive|Director)\.?$")
SAID_RX = re.compile(r"^\s*(?:,\s*[^,]{0,60},\s*)?(?:said|says|added|told|explained|commented|noted)\b")
_TRIM_RX = re.compile(r"^(?:(?:And|But|Also|Meanwhile|Plus)\s+(?=[A-Z]|the\s+[A-Z])|Take\s+(?=the\s+[A-Z]))?"
                      r"(?:(?:Congratulations|Thanks|Well\s+done|Good\s+luck|Kudos)\s+(?:go(?:es)?\s+(?:out\s+)?)?to\s+)?"
                      r"(?:(?:the|The)\s+)?")   # "And the Harbour Trust", "Congratulations to the Harbour Trust", "Take the Harbour Trust."
STOP_AFTER_RX = re.compile(r"\s+(?:to|for|towards?|in order|which|who|under|as part|from|by|will|would|has|"
                           r"have|is|are|was|were|said|says|after|over|with|on|at|in|this|that|and\s+will)(?:\s|$)"
                           r"|[,;:()]|(?<!\bSt)(?<!\bMt)(?<!\b[A-Z])\.")   # "St. Anne's", "John F. Smith": an abbreviation's stop goes on
# "Hospital for Special Surgery", "Centre for Coastal Studies": an organisation word, "for", a name
ORG_FOR_NAME_RX = re.compile(r"\b(?:Hospital|Centre|Center|Society|Institute|Association|Foundation|Council|Trust|"
                             r"Alliance|Commission|Network|Coalition|Fund|Museum|School|College|Campaign|Office|"
                             r"Department|Ministry|Agency|Authority|Board|Partnership|Federation|Committee|Academy|Service|Services|"
                             r"Forum|League|Union|Project|Action|Friends|Hub|Home|Unit)\s+for\s+"
                             r"(?:the\s+)?[A-Z]")


# a name that modifies a common noun ("Network members", "NHS trusts") is not the recipient
MODIFIER_TAIL_RX = re.compile(r"^\s+(?!(?:to|for|in|on|with|will|would|has|have|had|is|are|was|were|which|who|"
                              r"over|from|as|at|by|after|before|during|towards?|through|under|into|so|that|this|"
                              r"these|its|their|a|an|the|and|or|but|to|of|last|next|each|per|since|until|"
                              r"while|when|where|because|said|says|plus)\b)[a-z]")
# "NHS and university partnerships": a name and a common noun, both modifying what follows
AND_NOUN_TAIL_RX = re.compile(r"^\s+(?:and|or|&)\s+(?!its\b|their\b|the\b|a\b|an\b|other\b|partners?\b|his\b|her\b)"
                              r"[a-z][\w-]*\s+[a-z]")
# a capitalised place, then lower-case words ending in an organisation word
LOWER_CASED_ORG_RX = re.compile(r"[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){1,5}")
_BODY_INITIATIVE_RX = re.compile(r"^\s*,\s*an?\s+(?:[\w-]+\s+){0,3}?initiative\b", re.I)
PROGRAMME_APPOSITIVE_RX = re.compile(r"^\s*,\s*(?:a|an|the|its|their|our)\s+(?:[\w-]+\s+){0,3}?(?:program|programme|"
                                     r"initiative|scheme|fund|campaign)\b", re.I)
# a name followed by more names in an enumeration: an amount said of them all
ENUMERATION_TAIL_RX = re.compile(r"^\s*,\s*(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,|\band\b)")


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int


# words that mark an organisation beyond orgs.ORG_WORDS: the venues and bodies small grants go to
MORE_ORG_WORDS = {"library", "forum", "hall", "museum", "hub", "gallery", "theatre", "institution", "team",
                  "hospitals", "hospital", "clinic", "laboratory", "observatory", "cooperative", "bureau",
                  "mission", "ministries", "parish", "chapel", "cathedral", "abbey", "scouts", "guides",
                  "brigade", "lifeboat", "festival", "orchestra", "choir", "company", "studio", "studios",
                  "works", "initiative", "collaborative", "coalition", "consortium", "municipality", "shire", "legion",
                  "county", "city", "town", "village", "borough", "district", "region"}


def org_like(name: str) -> bool:
    """A name that reads as an organisation's: an organisation word, a council, an acronym."""
    return orgs.has_org_word(name) or bool(orgs.council(name)) or \
        any(w in MORE_ORG_WORDS for w in orgs.fold(name).split()) or bool(re.fullmatch(r"[A-Z]{2,}\w*", name))


def is_place(name: str) -> bool:
    """A council place of the register, or a short capitalised name with no organisation word."""
    if orgs.council(name):
        return True
    words = name.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() for w in words) and not org_like(name)


def names_in(text: str) -> list[Mention]:
    """The organisation-like names in a phrase, in order."""
    out = []
    for m in NAME_RX.finditer(text):
        name = _tidy(m.group(0))
        if name and names.acceptable(name) and not _generic(name):
            out.append(Mention(name, m.start(), m.end()))
    return out


def name_ending_at(text: str, end: int) -> Mention | None:
    """The name that ends at `end` (only spaces, quotes or a possessive between)."""
    head = text[:end].rstrip().rstrip("'’\"”")
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    best = None
    for m in NAME_RX.finditer(head, max(0, len(head) - 160)):
        if m.end() == len(head):
            best = m
    if best is None:
        return None
    name = _owned_name(_tidy(best.group(0)))
    name = names.strip_descriptor(name)
    if not name or not names.acceptable(name) or _generic(name):
        return None
    return Mention(name, best.start(), best.end())


def _owned_name(name: str) -> str:
    """"Sefton's BrightStart project" -> "Sefton" (what the place owns is a project), but "Eastbrook's
    Harbour Gallery" -> "Harbour Gallery" (a place's own organisation, named in full) and "Lindale's
    Women's Club" whole (a name that ends in an organisation word, after no organisation of its own)."""
    owner, owned = split_possessive(name)
    if owned and all(w[0].isupper() or w in ("and", "of", "for", "the", "&") for w in owned.split()):
        if known_place(owner) and not orgs.council(owned) and len(owned.split()) <= 6:
            return owned
        if orgs.has_org_word(owned) and not org_like(owner):
            return name       # "Lindale's Women's Club": an organisation's own name
    return owner


# people who stand for the body they work at: "researchers", "a team of scientists", "the research group"
TEAM_NOUNS = (r"(?i:(?:(?:a|the)\s+)?(?:(?:research\s+)?(?:team|group)\s+of\s+)?(?:researchers|scientists|academics|"
              r"engineers|clinicians|experts|staff)|(?:a|the)\s+(?:research\s+)?(?:groups?|teams?))")
# those people before the body they work at, where an amount goes: "to researchers at the University of X"
TEAM_AT_RX = re.compile(rf"{TEAM_NOUNS}\s+(?:based\s+)?(?:at|from)\s+(?:the\s+)?(?=[A-Z])")


def _leading_org(text: str) -> str | None:
    """The name a phrase opens with, tidied and without the place after it, if it reads as a name."""
    lead = NAME_RX.match(text)
    name = _tidy(lead.group(0)) if lead else None
    return without_place_tail(name) if name and names.acceptable(name) else None


# the grant helping a body do something: "(£X) matching grant will help the A build"
# or what it means for the body: "An award of £X means the Harbour Trust can buy it"
_WILL_HELP_RX = re.compile(r"^\s*(?:(?:[\w-]+\s+){0,2}?(?:grant|award|funding|investment)\s+)?(?:(?:will|would|is\s+to|should)\s+"
                           r"(?:help|enable|allow)|means(?:\s+that)?)\s+(?:the\s+)?(?P<rest>[A-Z].*)$", re.S)


# the body that looks after the place the money is for: "$X to support repairs at Quay Hall, stewarded by the
# Quay Hall Foundation;"
_STEWARDED_BY_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:to|for)\s+[a-z][^;.]{0,160}?,\s+(?:stewarded|owned|operated|"
                              r"managed|maintained|cared\s+for|run)\s+by\s+(?:the\s+)?(?P<org>[A-Z][^,;.]*)")


def recipient_after(after: str, opening: bool = False, listed: bool = False) -> str | None:
    """The organisation an amount goes to (see _recipient_after); failing that, the body said to look
    after the place the money is for."""
    name = _recipient_after(after, opening, listed)
    if name is None and "by" in after[:260]:
        steward = _STEWARDED_BY_RX.match(after)
        org = _leading_org(steward.group("org")) if steward else None
        if org and orgs.has_org_word(org):
            return org
    return name


def _recipient_after(after: str, opening: bool = False, listed: bool = False) -> str | None:
    """The organisation an amount goes to: "£X [grant] (will go|goes|went) to A", "£X to A",
    "£X for A" (an organisation, not an activity), "£X for A's project". With `opening` (the amount
    opens its line: "£25,000 for Harbour Mind, Lowmere to mend its roof"), a name of two words or more
    followed by what it will do is the recipient too; with `listed` (the amount follows another in an
    enumeration: "£X for A, followed by £Y for Harbour Bluebell Communities") so is any name of two words."""
    after = re.sub(r"^\s*\([^()]{0,60}\)", "", after)     # "£5m (about €6m) to A"
    after = _THROUGH_SCHEME_RX.sub(" ", after, count=1)     # "£5m under the Harbour Climate Fund for A"
    from_giver = GRANT_FROM_GOES_RX.match(after)
    name = _leading_org(from_giver.group("rest")) if from_giver else None
    if name:                                        # "a $2m grant from the A Foundation will go to B"
        return name
    given = re.match(r"^\s*(?:will|would|is\s+to|should|could)?\s*(?:give|gives|hand|hands|offer|offers)\s+"
                     r"(?:the\s+)?(?P<name>[A-Z][^,;.]*?)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:lift|boost|home|future|"
                     r"chance|start|lifeline|new\s+\w+)\b", after)
    if given:                                       # "£3.1m will give Northvale Museums a lift"
        lead = NAME_RX.match(given.group("name"))
        name = _tidy(re.sub(r"\s+(?:in|at|of)\s+[A-Z].*$", "", lead.group(0))) if lead else None
        if name and names.acceptable(name):
            return name
    helps = _WILL_HELP_RX.match(after)
    name = _leading_org(helps.group("rest")) if helps else None
    if name and orgs.has_org_word(name):            # "a $750,000 grant will help the Harbour Arts Council build a hub"
        return name
    m = re.match(r"^\s*(?:,|[–—]\s)?\s*(?:(?:in|of)\s+)?(?:[\w-]+\s+){0,3}?(?:(?:will|would|has|have|had|is|was|are|were|"
                 r"to)\s+){0,2}(?:(?:be|been|go|goes|going|gone|went|paid|given|awarded|allocated|handed|"
                 r"provided|released|offered|headed|heading|sent)\s+)?(?:(?:been\s+)?approved\s+)?(?P<prep>to|for|towards?)\s+"
                 r"(?P<rest>.+)$", after, re.I | re.S)
    if not m or re.search(r"\b(?:according|due|thanks|compared|close|equivalent|next|added|owing|similar|"
                          r"relative|up)\s*$", after[:m.start("prep")]) or \
            re.search(r"\b(?:from|by)\s+(?:the\s+)?[A-Z]", after[:m.start("prep")]):
        return None            # "according to X", "compared to X", "£X from Transport for Y": not where the money goes
    rest = m.group("rest")
    if m.group("prep").lower() == "for":
        # "NZ$30,000 for forest restoration by the Harbour Catchment Trust", "... for a new arts hub in
        # downtown Lowmere, Westshire, by A", "$65,316 for a triage tent at Lowmere Regional Hospital"
        # (an organisation word needed), "£1,328 for the "My World" project run by Harbour Housing Group"
        for rx, strict in ((PURPOSE_BY_RX, True), (PLACED_PURPOSE_BY_RX, True), (PURPOSE_AT_RX, True),
                           (RUN_BY_AFTER_RX, False)):
            done = rx.match(rest)
            name = _leading_org(done.group("org")) if done else None
            if name and (orgs.has_org_word(name) if strict else org_like(name) or len(name.split()) >= 2):
                return name
    backs = re.match(r"(?:support|help|assist|back)\s+(?:the\s+)?(?=[A-Z])", rest) if m.group("prep") == "to" else None
    team = TEAM_AT_RX.match(rest)
    if team:                    # "a $3m grant to researchers at Pine University": the university's
        rest, backs = rest[team.end():], team
    elif backs:                 # "£2.2m was approved to support the Harbour Hub Trust": an organisation only
        rest = rest[backs.end():]
    elif re.match(r"(?:each|all|every|help|support|be|the\s+(?:first|next|last)|[a-z]+\s+(?:to|the|a|an)\b)",
                  rest) and not re.match(r"the\s+[A-Z]", rest):
        return None
    rest = re.sub(r"^(?:the|its|their)\s+", "", rest)
    rest = BRANCH_OF_RX.sub("", rest, count=1)     # "to the Lowmere branch of the Harbour Society"
    cut = STOP_AFTER_RX.search(rest)
    while cut and cut.group(0).strip() == "for" and ORG_FOR_NAME_RX.match(rest, _word_start(rest, cut.start())) \
            and not orgs.council(rest[:cut.start()]):     # "Lowmere Council for the new pier": the council's
        cut = STOP_AFTER_RX.search(rest, cut.end())      # the "for" inside the name
    phrase = rest[:cut.start()] if cut else rest
    owned = NAME_RX.match(rest) if cut else None
    if owned and owned.end() > cut.start() and re.search(r"['’]s$", owned.group(0)) and \
            orgs.has_org_word(owned.group(0)[:-2]):
        phrase = owned.group(0)           # "for the Mountains to Sea Trust's education work": the trust's
    whole = NAME_RX.match(rest) if opening and cut else None
    if whole and whole.end() > cut.start() and _PURPOSE_TAIL_RX.match(rest[whole.end():]) and \
            not _OWNED_PLACE_RX.search(whole.group(0)) and not known_place(re.split(r"\s+(?:in|at|of)\s+", whole.group(0))[-1]):
        phrase = whole.group(0)           # "£9,000 for Blind in Business to offer ...": a name with "in" inside
    phrase, _ = split_possessive(phrase.strip())
    phrase = names.strip_descriptor(phrase)
    if LOWER_CASED_ORG_RX.fullmatch(phrase.strip()) and orgs.fold(phrase.split()[-1]) in orgs.ORG_WORDS:
        return _tidy(phrase)      # "Eastbrook children's services trust": an organisation written in lower case
    lead = NAME_RX.match(phrase)
    if not lead:
        return None
    name = _tidy(lead.group(0))
    if not name or not names.acceptable(name) or _generic(name) or len(name.split()) > 10:
        return None
    tail = rest[lead.end():] if rest.startswith(lead.group(0)) else rest[len(name):]
    if PROGRAMME_APPOSITIVE_RX.match(tail) and not (orgs.has_org_word(name) and _BODY_INITIATIVE_RX.match(tail)):
        return None            # "to Northvale Assist, a new program": the funder's own programme
        # (but "to Lowmere Sports Hub, a community-led initiative": a body that calls itself one)
    # ("to help A restore land": a verb after A; "for A's education work": what of A's the money is for)
    helps = backs is not None and backs.group(0).startswith("help") or bool(re.search(r"['’]s$", lead.group(0)))
    if MODIFIER_TAIL_RX.match(tail) and not helps or AND_NOUN_TAIL_RX.match(tail) and not helps or \
            ENUMERATION_TAIL_RX.match(tail) and not _PURPOSE_TAIL_RX.match(tail) and not _ADDRESS_TAIL_RX.match(tail):
        # ("A, Lowmere, to build", "A, Queen Square, in Holborn": where it is, no enumeration)
        return None        # "for NHS and university partnerships", "goes to A, B, C and D" (a total)
    if (backs or m.group("prep").lower() != "to") and not (orgs.has_org_word(name) or orgs.council(name)
                                                or backs and opening and len(name.split()) >= 2
                                                and re.match(r"^\s+[a-z]+\b", tail) is not None
                                                or NATIVE_BODY_RX.search(name)
                                                or KIND_APPOSITIVE_RX.match(tail)
                                                # "to help the United Way of Lowmere with its response"
                                                or backs and len(name.split()) >= 2 and _WITH_ITS_RX.match(tail)
                                                or re.search(r"['’]s\s", rest[:len(name) + 3])
                                                or re.fullmatch(r"[A-Z]{2,}\w*", name)
                                                or opening and _named_for_purpose(name, tail)
                                                or listed and len(name.split()) >= 2 and not known_place(name)):
        return None        # "£X for Northvale" may be a place or a project; "for Northvale Trust" is not
    if is_person(rest, Mention(name, 0, len(name))):
        return None
    return with_parish(name, tail)


# a people's or a place's own body: "Native Village of Unalakleet", "Tseshaht First Nation"
NATIVE_BODY_RX = re.compile(r"\b(?:Native\s+Village|First\s+Nation|Tribe|Band|Pueblo|Rancheria)\b")
# what kind of body a name is, said just after it: "The Space, a charity dedicated to ..."
KIND_APPOSITIVE_RX = re.compile(r"^\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:charity|organisation|organization|"
                                r"group|trust|club|nonprofit|non-profit|social\s+enterprise|company|society|"
                                r"co-operative|cooperative|collective|network|partnership|foundation)\b")
_WITH_ITS_RX = re.compile(r"^\s+(?:with|in|on)\s+(?:its|their)\s")
_ADDRESS_TAIL_RX = re.compile(r"^\s*,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s*,\s*(?:in|at|on|near)\s+[A-Z]")
# what a recipient named after "for" will do: "for Harbour Mind, Lowmere to mend its roof"
_PURPOSE_TAIL_RX = re.compile(r"^(?:\s*\([^()]{1,60}\))?(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?\s*,?\s+(?:to|for)\s+(?:the\s+|a\s+|an\s+)?[a-z]")


def _named_for_purpose(name: str, tail: str) -> bool:
    return len(name.split()) >= 2 and bool(_PURPOSE_TAIL_RX.match(tail)) and not known_place(name) \
        and not orgs.council(name)


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at `end` starts."""
    return len(text[:end].rstrip()) - len(text[:end].rstrip().split()[-1]) if text[:end].strip() else 0


# an organisation's kind after its name in lower case: "academy trust", "multi-academy trust", "trust"
_LOWER_KIND_RX = re.compile(r"(?:\s+(?:academy|academies|multi-academy|schools|education|learning|community|"
                            r"housing|arts|sports?))*\s+(?:trust|foundation|association|society|council|charity|"
                            r"academy|college|partnership|federation)(?=\s*(?:[–—:,(-]|$))")


# a company's legal form after a comma: "Harbour Friends, LLC", "Tide Works, Inc."
_LEGAL_AFTER_COMMA_RX = re.compile(r",\s*(?:Inc|LLC|Ltd|Limited|Corp|PBC)\.?(?![\w])")


def leading_recipient(item: str) -> str | None:
    """The name a list item opens with ("- Northvale, Westshire – a scheme to ...")."""
    body = BULLET_RX.sub("", item)
    body = names.strip_descriptor(body)
    m = NAME_RX.match(body)
    if not m:
        return None
    name = _tidy(m.group(0))
    lower_kind = _LOWER_KIND_RX.match(body, m.end()) if name == m.group(0).strip() else None
    if lower_kind:
        name += lower_kind.group(0)       # "Wellspring academy trust – £300,000": the kind written in lower case
    legal = _LEGAL_AFTER_COMMA_RX.match(body, m.end()) if name == m.group(0).strip() else None
    if legal:
        name += legal.group(0)            # "Harbour Friends, LLC - $4,000": the legal form after a comma
    purpose = _FOR_TAIL_RX.search(name)
    if purpose and len(name[:purpose.start()].split()) >= 2 and re.match(
            r"\s+(?!(?:to|for|in|on|with|and|which|who|will|has|have|is|are|was|were|a|an|the|at|of|by|from)\b)[a-z]",
            body[m.end():]) and \
            not ORG_FOR_NAME_RX.search(name, max(0, purpose.start() - 14)):
        name = name[:purpose.start()]     # "Tidewater Tiger Sharks for the Confident Swimmers program": what it is for
    name, _ = split_possessive(name)
    if not names.acceptable(name) or _generic(name) or len(name.split()) > 16:   # joint names split later
        return None
    return name


def opening_org(text: str) -> str | None:
    """The organisation a phrase opens with ("the University of Lowmere, where ..."), if it opens with one."""
    found = names_in(text)
    return found[0].name if found and found[0].start == 0 and org_like(found[0].name) else None


def opening_name(text: str, within: int = 0) -> str | None:
    """The name a phrase opens with (within its first `within` characters) where it reads as an
    organisation's: an organisation word, or two words or more ("Wexley Nation"), and no person's."""
    found = names_in(text)
    first = found[0] if found else None
    if first is None or first.start > within or is_person(text, first):
        return None
    return first.name if org_like(first.name) or len(first.name.split()) >= 2 else None


# a preposition of place before a name: "schools in Tikipunga and Otangarei" names where, not who
_WHERE_BEFORE_RX = re.compile(r"\b(?:in|at|across|around|near|throughout)\s+(?:the\s+)?$")


def organisation_named_before(text: str) -> str | None:
    """The last organisation a unit names (what "it" or "the charity" after it refers to); a bare
    place only where no organisation is named."""
    every = [Mention(split_possessive(m.name)[0], m.start, m.end) for m in names_in(text)
             if not is_person(text, m)]
    found = [m for m in every if org_like(m.name) or len(m.name.split()) >= 2]
    named = [m for m in found if not orgs.is_place(m.name) and (org_like(m.name) or not _WHERE_BEFORE_RX.search(text, 0, m.start))]
    best = named or found or every
    return best[-1].name if best else None


def is_person(text: str, m: Mention) -> bool:
    """A person's name: after a title ("Dr", "Professor") or before "said", with no organisation word."""
    before = text[:m.start].rstrip()
    word_before = before.split()[-1] if before.split() else ""
    words = m.name.split()
    if PERSON_TITLE_RX.match(words[0]) and len(words) >= 3 and orgs.fold(words[-1]) in orgs.ORG_WORDS:
        return False     # "Sir Jo Bloggs Cancer Charity": an organisation named after a person
    if PERSON_TITLE_RX.search(word_before) or PERSON_TITLE_RX.match(words[0]):
        return True
    if orgs.has_org_word(m.name) or orgs.council(m.name):
        return False
    if ROLE_AFTER_RX.match(text, m.end) and len(words) in (2, 3):
        return True      # "Jo Bloggs, associate professor of physics", "Ada Reyes, a Lowmere curator"
    return bool(SAID_RX.match(text[m.end:])) and len(m.name.split()) in (2, 3)


# a person's role in apposition after their name
ROLE_AFTER_RX = re.compile(r"\s*,\s*(?:an?\s+|the\s+)?(?:[A-Z][\w'’-]*\s+)?(?:(?:associate|assistant|senior|principal|"
                           r"lead|chief|visiting|emeritus|distinguished)\s+)*(?:professor|lecturer|researcher|scientist|"
                           r"fellow|student|artist|author|writer|curator|director|engineer|composer|poet|novelist|"
                           r"filmmaker|photographer|chair|founder|head)\b"
                           r"|\s*,\s*(?:the\s+)?(?:Member\s+of\s+(?:Parliament|the\s+Legislative)|MP|MLA|MPP|MSP|TD|Senator|"
                           r"(?:State\s+)?Representative|Councillor|Mayor|Minister)\b")


# a subordinate clause's opening word before the name it is about ("After the Harbour Trust was
# awarded ..."); "After School Club" and "Before Five Nursery" keep theirs without "the"
_SUBORDINATOR_RX = re.compile(r"^(?:(?:After|Before|Once|As|Until)\s+the\s+|"
                              r"(?:Although|Though|Whereas|Because|Unless|Since|When|While|If)\s+(?:the\s+)?|"
                              # "Back in October 2014 the X", "In March 2025, the X": when, before the name
                              r"(?:Back\s+in|In|On|During|By|Since|Earlier\s+in)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?"
                              r"(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d,?\s+(?:the\s+)?)(?=[A-Z])")


def _tidy(name: str) -> str:
    name = _TRIM_RX.sub("", name.strip())
    name = _SUBORDINATOR_RX.sub("", name)
    name = orgs.clean_name(name).strip()
    person = _PERSON_AT_RX.match(name)
    if person:
        name = person.group("org")         # "Professor Jo Bloggs at the University of Northvale"
    named = _NAMED_PERSON_OF_RX.match(name)
    if named and not orgs.has_org_word(named.group("person")) and orgs.has_org_word(named.group("org")) and \
            not known_place(named.group("person")) and not named.group("person").split()[0].endswith("s"):
        name = named.group("org")          # "Jo Bloggs of Harbour Lifecare Ltd": the company
    where = _WHERE_TAIL_RX.search(name)
    if where and where.start() > 0:
        head, place = name[:where.start()].split(), where.group("place")
        if known_place(place) or orgs.fold(head[-1]) in orgs.ORG_WORDS or \
                (where.group("the") and _REGION_WORD_RX.search(place)) or \
                (known_place(head[-1]) and where.group(0).lstrip().startswith("in ")) or \
                (len(head) >= 2 and (head[-1].isupper() or _TOWN_RX.search(place))):
            name = name[:where.start()]    # "Harbour Arts Club in Eastbrook": the club, not its town
    host = _HOST_TAIL_RX.search(name)
    if host and host.start() > 0 and org_like(name[:host.start()]):
        name = name[:host.start()]         # "Northvale Centre for Cell Biology at the University of X"
    purpose = _FOR_TAIL_RX.search(name)
    if purpose and not ORG_FOR_NAME_RX.search(name, max(0, purpose.start() - 14)):
        last = name[:purpose.start()].split()[-1]
        plural = last.endswith("s") and not last.endswith("ss")      # "City Clubs for Young People": one name
        if not plural and (orgs.fold(last) in orgs.ORG_WORDS or orgs.fold(last) in MORE_ORG_WORDS or known_place(last)):
            name = name[:purpose.start()]  # "Eastbrook Chapel for Open Door Pantry equipment": the chapel's award
    return name


# a branch or chapter of an organisation, named by its place: the money is the organisation's
BRANCH_OF_RX = re.compile(r"^(?:[A-Z][\w'’-]*\s+){1,3}(?:branch|chapter|program|programme)\s+of\s+(?:the\s+)?(?=[A-Z])")
# what the money is for, then who does it: "for forest restoration by the Harbour Trust"
PURPOSE_BY_RX = re.compile(rf"^[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,5}}\s+by\s+(?:the\s+)?(?P<org>[{_UPPER}].*)$", re.S)
# what an amount buys at a body: "a triage tent at Lowmere Regional Hospital"
PURPOSE_AT_RX = re.compile(r"^(?:a|an|the)\s+(?:new\s+)?[a-z][\w-]*(?:\s+[a-z][\w'’-]*){0,5}\s+at\s+(?:the\s+)?(?P<org>[A-Z].*)$",
                           re.S)
# a giver's grant that goes to a recipient: "a £2m grant from the A Foundation will go to B"
GRANT_FROM_GOES_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:grant|award|donation|gift)\s+from\s+(?:the\s+)?[A-Z][^,;.]{2,80}?\s+"
                                r"(?:will\s+go|goes|went|is\s+going)\s+to\s+(?:the\s+)?(?P<rest>[A-Z].*)$", re.S)
# the work an amount is for and who runs it: "the "My World" project run by the Harbour Trust"
RUN_BY_AFTER_RX = re.compile(r"^(?:the|a|an|its|their)\s+(?:[^,;.]{0,60}?\s)?(?i:project|scheme|programme|program|service|"
                             r"initiative|campaign|club|course|festival|clinic)\s*,?\s+(?:run|led|delivered|managed|"
                             r"organised|organized|operated|hosted|coordinated)\s+by\s+(?:the\s+)?(?P<org>[A-Z][^,;]*)")
# the same with a longer purpose and the place it is in: "the construction of a new arts hub in
# downtown Lowmere, Westshire, by the Lowmere Arts Council"
PLACED_PURPOSE_BY_RX = re.compile(r"^(?:the|a|an)\s+[a-z][\w-]*(?:\s+[\w'’-]+){1,20}?\s+(?:in|at|near)\s+"
                                  r"(?:[a-z]+\s+)?[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){0,4},\s+by\s+(?:the\s+)?"
                                  r"(?P<org>[A-Z][^;]*)", re.S)
# the scheme an amount is given through, between the amount and its recipient
# ("£5m under the Harbour Climate Fund for A"), or whose money it is ("£5m in Government of Wexley support for A")
_THROUGH_SCHEME_RX = re.compile(r"^\s*(?:over\s+\w+\s+years\s+)?(?:(?:under|through|from|via)\s+(?:the|its|their)\s+"
                                r"[A-Z][\w'’-]*\s+(?:(?:[A-Z][\w'’-]*|to|for|and|of|the|&)\s+){0,6}?(?:Fund|Programme|Program|Scheme|Initiative|"
                                r"fund|programme|program|scheme)\b|"
                                r"in\s+(?:[A-Z][\w'’-]*\s+(?:of\s+)?){1,5}(?:support|funding|investment|grants?))"
                                r"(?=\s+(?:to|for)\s)")
# "for" and what the money is for, after a name that is whole without it (a body's word, a place)
_FOR_TAIL_RX = re.compile(r"\s+for\s+(?:the\s+|its\s+|their\s+)?[A-Z]")


_PERSON_AT_RX = re.compile(r"^(?:Professor|Prof|Dr|Mr|Mrs|Ms|Sir|Dame)\.?\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:at|of|from)\s+"
                           r"(?:the\s+)?(?P<org>[A-Z].+)$")
_NAMED_PERSON_OF_RX = re.compile(r"^(?P<person>[A-Z][a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,2})\s+(?:of|at|from)\s+"
                                 r"(?:the\s+)?(?P<org>[A-Z].+)$")
_HOST_TAIL_RX = re.compile(r"\s+at\s+(?:the\s+)?(?:University|College|Institute|School|Hospital)\b.*$")


# the endings of English town names ("Lowmington", "Eastbury"), for a place no register knows
_TOWN_RX = re.compile(r"(?:ton|ham|ford|bury|borough|by|ley|field|worth|mouth|wick|chester|caster|minster|pool|"
                      r"port|stead|well|bridge|dale|combe|stow|hurst|wood|den|ing|head|sea|more|mere)$")
# a place's part after a name: "on Lowmere's Northern Beaches", "in Wexley's south"
_OWNED_PLACE_RX = re.compile(r"\s+(?:on|in|near|at)\s+(?:the\s+)?[A-Z][\w-]*['’]s(?:\s.*)?$")
_WHERE_TAIL_RX = re.compile(r"\s+(?:in|at)\s+(?P<the>the\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})$")
# the last word of a region's name: "in the Eastern Cape Province", "in the Lowmere Valley"
_REGION_WORD_RX = re.compile(r"\b(?:Province|Region|County|State|Territory|Valley|District|Coast|Islands|Highlands)$")


# a church named by its dedication ("St Anne’s Church", "Holy Cross Church"), which its place tells apart
DEDICATED_RX = re.compile(r"^(?:(?:St\.?|Saint|Holy|All|Christ|Our\s+Lady)\b.*\b(?:Church|Chapel|Cathedral|Minster|Abbey|"
                          r"Priory)|(?:St\.?|Saint)\s+[A-Z][\w'’-]+(?:\s+the\s+[A-Z][\w'’-]+)?)$")


def with_parish(name: str, places: str) -> str:
    """"St Anne's Church" with the first place after it ("St Anne's Church, Lowmere"): the church's full name."""
    first = re.match(r",\s*(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*(?:,|\s+in\s|$)", places)
    if DEDICATED_RX.match(name) and first:
        return f"{name}, {first.group('place')}"
    return name


def known_place(name: str) -> bool:
    """A place the registers know: a council's place, or a nation, region, county, state or country."""
    return orgs.is_place(name) or orgs.fold(name) in gazetteer().folded


# where an organisation is, after its name: "in Lowmere", "on the Isle of Wexley", "near Eastbrook"
_PLACE_TAIL_RX = re.compile(r"\s+(?:in|on|near)\s+(?P<the>the\s+(?:Isle\s+of\s+)?)?"
                            r"(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})$")


NATIONS = frozenset({"Scotland", "Wales", "England", "Ireland", "Northern Ireland", "Britain", "Great Britain", "UK",
                      "Canada", "Australia", "New Zealand", "America", "Europe"})


# a word shaped like a common noun rather than a place's name: "Transition", "Wheels", "Recovery"
_COMMON_NOUN_RX = re.compile(r"[A-Z][a-z]+(?:tion|sion|ment|ness|ity|ance|ence|ery|ship|ing|[^s]s)")


def phrase_not_place(place: str) -> bool:
    """What follows "in"/"on" inside a name rather than a place after it: "(Meals on) Wheels",
    "(Communities in) Transition" -- a word of common-noun shape that the register does not know."""
    return not known_place(place) and bool(_COMMON_NOUN_RX.fullmatch(place.split()[-1]))


def without_place_tail(name: str) -> str:
    """An organisation's name without the place after it ("Tide Woodland Group on the Isle of Wexley",
    "Quay Museum in Lowmere"), where what comes before reads as an organisation of its own and the tail
    as a place ("Support in Mind" and "Friends in Need" stay whole)."""
    tail = _PLACE_TAIL_RX.search(name)
    if not tail:
        return name
    head = name[:tail.start()]
    place = tail.group("place")
    if place in NATIONS:
        return name      # "Society of Authors in Scotland": a nation's branch is named so
    if phrase_not_place(place):
        return name      # "Meals on Wheels", "Communities in Transition": a phrase of the name, no place
    if len(head.split()) >= 2 and (org_like(head) and (tail.group("the") or is_place(place)) or known_place(place)):
        return head
    return name


_GENERIC_NAMES = {"government", "the government", "council", "the council", "ministers", "minister", "today",
                  "funding", "grant", "grants", "award", "awards", "programme", "fund", "project", "projects",
                  "further", "value", "target", "total", "amount", "sum", "budget", "cost", "costs", "winner",
                  "winners", "recipient", "recipients", "applicant", "applicants", "decision", "coaches", "staff"}


_CALENDAR_RX = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Spring|Summer|"
                          r"Autumn|Winter)\b")


_OPENER_RX = re.compile(r"^(?:However|Meanwhile|Also|Additionally|Furthermore|Moreover|Elsewhere|Overall|Today|"
                        r"Yesterday|Finally|Previously|Currently|Recently|Since|Separately|Likewise|Similarly|"
                        r"Universities|Councils|Charities|Organisations|Organizations|Schools|Projects|Groups|"
                        r"(?:First|Second|Third|Last|Next)(?=\s+[a-z]|$)|Other|Others|In\s+\d|In\s+[a-z]|By\s+\d|"
                        r"(?:Funding|Grant|Award|Total)\s+(?:Amount|Value)|Amount|Organi[sz]ation|Recipient|Title|"
                        r"Description|Project\s+Title)\b")


def _generic(name: str) -> bool:
    return bool(_OPENER_RX.match(name)) or orgs.fold(name) in _GENERIC_NAMES or \
        bool(names.NUMBER_WORD_RX.match(name.split()[0]) and not names.numbered_name(name.split())) or \
        bool(_CALENDAR_RX.match(name)) or bool(re.search(r"\b(?:project|programme|program|scheme|plan)$", name)) or \
        bool(_NUMBERED_PART_RX.match(name))


# a numbered part of a scheme or a document: "Stream 2", "Stage 1", "Round 3b", "Tier 2", "Section 4"
_NUMBERED_PART_RX = re.compile(r"^(?:Stream|Stage|Round|Tier|Phase|Category|Level|Option|Lot|Step|Part|Section|"
                               r"Schedule|Annex|Appendix|Table|Figure|Window|Strand|Wave|Cohort)\s+(?:\d+[a-z]?|[IVX]+|[A-D])$")


LEGAL_SUFFIX_RX = re.compile(r"\b(?:Ltd|Limited|CIC|Inc|LLP|plc|PLC|CIO)\.?$")
# a legal form standing alone after a name's comma: "Lowmere Future, Inc."
LEGAL_FORM_RX = re.compile(r"(?:Inc|LLC|Ltd|Limited|Corp|Co|PBC|CIC|LLP|Plc|PLC)\.?")
# "and District", "and Region": the second half of one name, not a second organisation
NAME_GOES_ON_RX = re.compile(r"^(?:District|County|Region|Area|Borough|Community|Surrounding|Neighbourhood|"
                              r"Neighborhood|Villages?|Environs)\b")


_REGION_NAME_RX = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:County|Region|District|Valley|Area|Shire|Counties)")


def split_joint(name: str) -> tuple[str, list[str]]:
    """names.split_joint, keeping "Hillford and District Community Centre" whole."""
    recipient, partners = names.split_joint(re.sub(r"\s+(and|&)\s+the\s+", r" \1 ", name))
    if partners and NAME_GOES_ON_RX.match(partners[0]) and not org_like(recipient):
        return name, []
    if partners and (len(partners[0].split()) == 1 and not partners[0].isupper() and not known_place(partners[0])
                     or LEGAL_SUFFIX_RX.search(partners[0]) and not LEGAL_SUFFIX_RX.search(recipient)):
        return name, []    # "Harbour Dome and Festival", "Citizens Advice Lowmere and Eastbrook Ltd": one name
    if not partners:
        return name, []
    if re.fullmatch(r"[A-Z][a-z]+", recipient) and not org_like(recipient) and not known_place(recipient) and \
            len(partners) == 1 and orgs.fold(partners[0].split()[-1]) in orgs.ORG_WORDS and not orgs.council(partners[0]):
        return name, []    # "Wildfowl and Wetlands Trust": a word that names no body alone
    if len(partners) == 1 and PEOPLE_PAIR_RX.search(recipient) and PEOPLE_PAIR_RX.match(partners[0]):
        return name, []    # "Lowmere School Parents and Citizens Association": the parents' and citizens' one body
    if len(partners) == 1 and SHARED_KIND_RX.match(partners[0]) and \
            (not orgs.has_org_word(recipient) or _VENUE_END_RX.search(recipient)):
        return name, []    # "Campsie Bowling & Recreation Club", "Harbour Sports and Social Club": one club
    if len(partners) == 1 and re.search(r"\s(?:for|of)\s+(?:the\s+)?[A-Z][\w-]*$", recipient) and \
            not org_like(partners[0]) and not known_place(partners[0]) and len(partners[0].split()) <= 3:
        return name, []    # "Centre for Gender and Sexual Diversity", "Museum of Science and Industry": one name
    if len(partners) == 1 and re.search(r"\s(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*$", recipient) and \
            _REGION_NAME_RX.fullmatch(partners[0]):
        return name, []    # "Stroke Association of Lowmere and Quay County": one body for the two places
    if _ADJECTIVE_RX.fullmatch(recipient):
        return name, []    # "Caribbean and Pacific Arts Network", "Irish and Scottish Dance Society": one name
    if not org_like(recipient) and not known_place(recipient) and not recipient.isupper() and \
            not re.search(r"\s(?:and|&)\s+the\s", name) and \
            org_like(partners[0]) and len(partners) == 1 and (len(recipient.split()) >= 2 or recipient.endswith("s")):
        # "Boys and Girls Club of Lowmere", "Harbour Housing Retention and Expansion Network": the first
        # part names no body of its own; the kind of body the last part ends with is the whole name's
        # ("A and the B Authority" are two)
        return name, []
    if known_place(recipient) and not orgs.has_org_word(recipient) and org_like(partners[0]) and \
            not orgs.council(partners[0]):
        return name, []    # "Lowmere & Eastbrook University Hospital", "Wexley and Tidewell NHS Trust": one name
    return recipient, partners


# the people a body is of, in pairs: "Parents and Citizens Association", "Friends and Neighbours Group"
PEOPLE_PAIR_RX = re.compile(r"(?:^|\s)(?:Parents|Citizens|Friends|Residents|Tenants|Carers|Teachers|Pensioners|Veterans|"
                            r"Neighbours|Neighbors|Families|Users|Members|Staff|Students|Alumni)(?:\s|$)")
# the second half of a club's name that two activities share: "... & Recreation Club", "... and Social Club"
SHARED_KIND_RX = re.compile(r"(?:Recreation|Recreational|Social|Leisure|Sports|Sporting|Athletic|Cultural|Heritage|"
                            r"Historical|Community|Progress|Residents|Development)\s+"
                            r"(?:Club|Centre|Center|Association|Society|Ground|Committee|Trust)s?$")
# a venue whose body is named with it: "Lowmere Museum & Heritage Association", "Quay Hall and Community Centre"
_VENUE_END_RX = re.compile(r"\s(?:Museum|Hall|Church|Chapel|Pavilion|Park|Reserve|School|Library|Theatre|Institute)$")
# a lone word shaped like an adjective of a people or a region, the first of two that share a noun
_ADJECTIVE_RX = re.compile(r"[A-Z][a-z]{2,}(?:ean|ian|can|ish|ese|ic)")


def split_possessive(text: str) -> tuple[str, str | None]:
    """names.split_possessive, except where the possessive is part of the name: an owner that is no
    organisation and no place, before a capitalised name ("Carney's Community", "St Anne's Hospice")."""
    owner, owned = names.split_possessive(text)
    if owned and owned[:1].isupper() and not org_like(owner) and not known_place(owner) \
            and not re.search(r"\b(?:project|programme|scheme|model|plan|bid)\b", owned) and \
            (len(owner.split()) <= 2 or (orgs.has_org_word(owned) and all(w[:1].isupper() for w in owned.split()))):
        return text, None
    if owned and owner in NATIONS and re.match(r"National\s+[A-Z]", owned) and orgs.has_org_word(owned):
        return text, None    # "Canada's National Harvest Festival": a nation's own body, named so
    return owner, owned


def named_as_where(text: str, name: str) -> bool:
    """The name is a place the text says something happens in: it stands, alone or in an enumeration
    of names, after "in", "across", "throughout" or "around" ("charities in Lowmere, Eastbrook and
    Wexley", "places of worship in Eastshire, Westshire and Northshire")."""
    rx = re.compile(r"\b(?:in|across|throughout|around)\s+(?:the\s+)?(?:(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)"
                    r"(?:\s*,\s*|\s+and\s+(?:the\s+)?|\s*&\s*))*" + re.escape(name) + r"(?![\w'’])")
    return rx.search(text) is not None

