"""Who a clause is about: the organisation a clause's head ends with (its subject, past asides,
places and relative clauses), the owner of an amount ("A's £X grant"), a person standing for their
body, and what a pronoun or a definite noun refers to in the units before."""
from __future__ import annotations

import re
from functools import lru_cache

from services.extractor import orgs
from services.extractor.reader.mentions import (
    NAME_RX,
    NATIONS,
    ROLE_AFTER_RX,
    TEAM_NOUNS,
    Mention,
    is_person,
    is_place,
    name_ending_at,
    names_in,
    opening_name,
    opening_org,
    org_like,
    organisation_named_before,
    phrase_not_place,
    with_parish,
)
from services.extractor.rules import names
from services.extractor.segments import Unit, strip_bullet

OWNER_NOUN_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:grant|award|allocation|share|deal|settlement|"
                           r"funding|investment|prize|contribution|gift|donation|package|agreement)\b", re.I)
OWNER_OF_RX = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:grant|award|allocation|share|donation|gift)\s+"
                         r"(?:of|worth|totalling|totaling|is|was|will\s+be|comes\s+to|came\s+to|totals|totalled)\s+$", re.I)
# "A Wexley charity that runs boat trips ... has been awarded £X": named in the sentence after
INDEFINITE_SUBJECT_RX = re.compile(
    r"^\s*(?:an?|one)\s+(?:[\w'’-]+\s+){0,3}?(?:charity|organisation|organization|group|trust|team|project|"
    r"partnership|consortium|club|centre|enterprise|company|firm|school|museum|venue|scheme|initiative|"
    r"nonprofit|non-profit|hall|church|theatre|library|hospice|society|association|foundation|festival|"
    r"gallery|studio|garden|farm|pool|lido|park|band|choir)\b", re.I)
LED_BY_RX = re.compile(r"\b(?:led|put\s+together|run|headed|hosted|submitted|coordinated|co-ordinated|delivered)\s+"
                       r"(?:jointly\s+)?by\s+(?:the\s+)?(?P<rest>.+)$", re.I)


# a street address after a name, with the town after it
ADDRESS_TAIL_RX = re.compile(r",\s*(?:\d+[a-z]?\s+)?(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|Road|Lane|Avenue|Way|Drive|Square|"
                             r"Close|Terrace|Row|Crescent|Parade|Boulevard|St|Rd|Ave)\.?"
                             r"(?:\s*,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})*\s*,?\s*$")


# who runs the work that is the subject: "The Upstream project, run by the Calder Trust,"
RUN_BY_TAIL_RX = re.compile(r"\b(?:project|scheme|programme|program|service|initiative|campaign|festival|centre|center)\s*,\s*"
                            r"(?:which\s+is\s+)?(?:run|led|delivered|managed|organised|organized|operated|hosted)\s+by\s+"
                            r"(?:the\s+)?(?P<org>[A-Z][^,;]{2,80}),\s*$")
# a person named with a title, at the end of a text: "Dr Jo Bloggs", "Professor Ada Reyes-Lim"
TITLED_PERSON_END_RX = re.compile(r"(?:^|\s)(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Sir|Dame)\.?\s+(?:[A-Z][\w'’.-]*\s*){1,3}$")
# the body a person named as the subject works at, after the name
AFFILIATION_TAIL_RX = re.compile(r"(?:,\s*(?:of|from|at)\s+(?:the\s+)?(?P<org>[A-Z][^,;()]{2,80}?)\s*,"
                                 r"|\s*\((?P<org2>[A-Z][^()]{2,80})\))\s*$")
# a partner joined to the subject ("A in partnership with B", "A, together with B,")
PARTNERED_SUBJECT_RX = re.compile(r"\s*,?\s+(?:in\s+(?:partnership|collaboration|association)\s+with|together\s+with|"
                                  r"working\s+with|alongside|and\s+(?:its|their)\s+(?:\w+\s+)?partners?\s*,?)\s+(?:the\s+)?[A-Z][^,;]*,?\s*$")


# people of an organisation standing for it as the subject: "Researchers at X", "A group based at X"
TEAM_AT_RX = re.compile(rf"(?:^|[.;:]\s+|,\s+|\s){TEAM_NOUNS}\s+(?:based\s+)?(?:at|from)\s+(?:the\s+)?"
                        r"(?P<org>[A-Z][^,;]*?)\s*(?:,\s*(?:for\s+(?:instance|example),?\s*)?)?$")


CIVIC_TAIL_RX = re.compile(r"(?:^|\s)(?:[Tt]he\s+)?(?P<kind>city|town|village|county|borough|state|shire|district)\s+of\s+"
                           r"(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s*,?\s*$")
# where an organisation is, after its name without a comma: "Harbour Youth Ltd on the Sunshine Coast"
# (with a word of what part of it: "in rural Lowmere", "in northern Westshire")
PART_OF_PLACE = r"(?:(?:rural|urban|central|greater|inner|outer|coastal|downtown|[a-z]+ern|north|south|east|west|mid)\s+)"
WHERE_TAIL_RX = re.compile(rf"\s+(?:on|in|from|near|based\s+in)\s+(?:the\s+)?{PART_OF_PLACE}?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}\s*$")


# a subject, one verb and what it does, then "and" before the verb of receiving
_COORDINATED_RX = re.compile(r"^(?P<subject>[^;]+?(?:[A-Z][\w'’-]*|\([A-Z]{2,8}\)))\s+(?:moves|moved|has|had|is|was|joins|"
                             r"joined|gets|got|remains|continues|returns|returned)\s+[^,;]{2,120}?\s+and\s*$")


@lru_cache(maxsize=4096)   # the rules ask of one clause's head again

def subject_of(clause_head: str) -> str | None:
    """The organisation that a clause's head ends with, as the subject of the verb after it:
    "Northvale Trust", "the Northvale Trust, a charity founded in 1990,", "Northvale, which",
    "after the Northvale Trust"."""
    head = re.sub(r"\s*,?\s*(?:which|who|that)\s*$", "", clause_head.rstrip())
    both = _COORDINATED_RX.match(head)
    if both:                 # "In Lowmere, the A Centre moves to three-year funding and (will get £X)": A's
        head = re.sub(r"^\s*(?:In|At|Across)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,\s*", "", both.group("subject"))
        head = re.sub(r"\s*\([A-Z]{2,8}\)$", "", head)
        if not head or _COORDINATED_RX.match(head):
            return None
    said = re.search(r"\s+(?:said|says|say|added|confirmed|announced|believes|expects|hopes)"
                     r"(?:\s+(?:on\s+)?[A-Z][a-z]+day|\s+today|\s+yesterday|\s+this\s+week)?\s+(?:that\s+)?"
                     r"(?:it|they)(?:\s+[\w'’-]+){0,2}\s*$", head)
    if said:                                         # "A said it expects to receive £X"
        head = head[:said.start()]
    aff = AFFILIATION_TAIL_RX.search(head)
    if aff:                                          # "Dr Jo Bloggs, of Lowmere University,", "Dr Jo Bloggs (Lowmere College)"
        org = opening_org(aff.group("org") or aff.group("org2"))
        if TITLED_PERSON_END_RX.search(head, 0, aff.start()) and org and orgs.has_org_word(org):
            return org
    whose = re.match(r"^(?P<pre>.*?),\s*whose\s+[^,;]*$", head)
    if whose:                                        # "led by A, whose Northvale project receives £X"
        org = name_ending_at(whose.group("pre"), len(whose.group("pre")))
        if org:
            return org.name
    relative = re.match(r"^(?P<pre>.*?),\s*(?:which|who|whose)\b[^;]*,\s*$", head)
    if relative:                                     # "A, which already runs B, receives £X"
        head = relative.group("pre")
    partnered = PARTNERED_SUBJECT_RX.search(head)
    if partnered:                                    # "A in partnership with B have received £X": A's, with B
        org = name_ending_at(head, partnered.start())
        if org and (org_like(org.name) or len(org.name.split()) >= 2) and not is_person(head, org):
            return org.name
    head = ADDRESS_TAIL_RX.sub("", head)      # "A, Newgate Street, Lowmere,": where it is
    head = re.sub(r",\s*(?:in|from|of|near|based\s+in)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                  r"(?:\s*,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*\s*,?\s*$", "", head)   # "A, in Eastbrook, Westshire,"
    civic = CIVIC_TAIL_RX.search(head)
    if civic:                                        # "The city of Lowmere received $X": its council's name
        return civic.group("kind").capitalize() + " of " + civic.group("place")
    where = WHERE_TAIL_RX.search(head)
    # "A Inc. on the Harbour Coast, which will receive £X" (not "Meals on Wheels"; but no name goes on with "near")
    if where and (where.group(0).split()[0] in ("near", "based") or not phrase_not_place(where.group(0).split()[-1])):
        org = name_ending_at(head, where.start())
        if org and (org_like(org.name) or len(org.name.split()) >= 2 and is_place(where.group(0).split()[-1]))\
                and not is_person(head, org):
            head = head[:where.start()]
    described = DESCRIBED_TAIL_RX.search(head)
    if described:                                    # "St Anne's Church, Lowmere, built in the 1830s by X, is to get £X"
        pre = _without_places(head[:described.start()])
        org = name_ending_at(pre, len(pre))
        if org and org_like(org.name) and not is_person(pre, org):
            return org.name
    placed = _without_places(head)
    if placed != head:                               # "A, Westshire, receives £X", "A, Anfield, Merseyside, which"
        org = name_ending_at(placed, len(placed))
        if org and org_like(org.name):
            return with_parish(org.name, head[len(placed):])
    head = re.sub(r"\s*\([^()]{0,60}\)\s*$", "", head)                 # "(NVT)"
    head = re.sub(r"(?<=[a-z])['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:club|group|team|society|choir|band|unit|department|"
                  r"lab|programme|project|service|library|garden)\s*$", "", head)   # "Larkhill School's eco club won £X"
    head = re.sub(r"['’]s\s+(?:[\w.-]+\s+){0,5}?(?:bid|application|project|team|plan|scheme|proposal|consortium|"
                  r"partnership|programme|centre|institute)\s*$", "", head)   # "A's bid has won £X"
    team = TEAM_AT_RX.search(head)
    if team:                                  # "Researchers at the University of Lowmere have been granted £X"
        org = opening_org(team.group("org"))
        if org:
            return org
    run_by = RUN_BY_TAIL_RX.search(head)
    if run_by:                                # "The Upstream project, run by Calder Rivers Trust, received £X"
        m = name_ending_at(run_by.group("org"), len(run_by.group("org")))
        if m and m.start == 0 and org_like(m.name):
            return m.name
    named = re.search(r",\s*the\s+(?P<name>[A-Z][^,]{2,80}),\s*$", head)
    if named:                                 # "A Lowmere-based charity, the Harbour Foundation, will receive"
        m = name_ending_at(named.group("name"), len(named.group("name")))
        if m and m.start == 0 and org_like(m.name):
            return m.name
    lower = LOWER_KIND_END_RX.search(head)
    if lower:                                 # "the Na Harbour GAA club received £X": its kind in lower case
        m = name_ending_at(head, lower.start())
        if m and not is_person(head, m):
            return f"{m.name} {lower.group('kind')}"
    m = name_ending_at(head, len(head))
    if m is None and re.search(r"\S\s*,\s*$", head) and not re.search(r",[^,]{2,90},\s*$", head):
        m = name_ending_at(head, len(head.rstrip(" ,")))                 # "X, receiving £5,000"
    one_of = ONE_OF_NAMED_RX.search(head) if m is None else None
    if one_of:                                       # "One of its earliest grantees, Relate Lowmere, received £X"
        m = name_ending_at(one_of.group("name"), len(one_of.group("name")))
        m = m if m and m.start == 0 else None
    if m is None:
        appositive = re.search(r",[^,]{2,90},\s*$", head) or \
            re.search(r",\s*(?:the|a|an)\s+[a-z][^,]{2,90}$", head)     # "X, the charity that runs Y,", "X, the peak body (which)"
        if appositive:
            m = name_ending_at(head, appositive.start())
    if m is None or is_person(head, m):
        return _affiliation(head, m)
    return m.name


# a subject named after what it is one of: "One of its earliest grantees, Relate Lowmere,"
ONE_OF_NAMED_RX = re.compile(r"(?:^|[.;]\s+)(?:One|Another|Two|Three|Some)\s+of\s+[^,]{3,80},\s*(?:the\s+)?(?P<name>[A-Z][^,]{2,80}),\s*$")


# what a subject is, between it and its verb: ", built in the 1830s by X,", ", founded in 1990,"
DESCRIBED_TAIL_RX = re.compile(r",\s*(?:built|founded|formed|based|set\s+up|established|located|housed|opened|created|"
                               r"launched|started|restored|listed|designed)\b[^,;]{0,160},\s*$")
_PLACE_SEGMENT_RX = re.compile(r",\s*(?:near\s+|in\s+|outside\s+)?(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*,?\s*$")


LOWER_KIND_END_RX = re.compile(r"(?<=[A-Z]\w)\s+(?P<kind>club|trust|society|group|centre|center|association|team|school|"
                               r"church|charity|museum|theatre|festival|choir|band|library|hall)\s*$")


def _without_places(head: str) -> str:
    """A clause head without the places after its subject: "A, Anfield, Merseyside," is A."""
    while (m := _PLACE_SEGMENT_RX.search(head)) and is_place(m.group("place")) and m.start() > 0:
        head = head[:m.start()]
    return head


def _affiliation(head: str, m: Mention | None) -> str | None:
    """A person standing for their organisation: "Northvale University's Dr Jo Bloggs",
    "Professor Jo Bloggs of Northvale University"."""
    at = AT_ORG_OPENER_RX.match(head)
    if at and TITLED_PERSON_RX.fullmatch(head[at.end():]):   # "At the University of Lowmere, Professor Jo Bloggs"
        org = opening_org(at.group("org"))
        if org and orgs.has_org_word(org):
            return org
    if m is None:
        return None
    poss = re.search(r"(?P<org>[^,;]+?)['’]s\s+(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+[^,;]*$", head)
    if poss:
        org = name_ending_at(poss.group("org"), len(poss.group("org")))
        if org and orgs.has_org_word(org.name):
            return org.name
    return None


# the body a clause opens with, before the person it is about
AT_ORG_OPENER_RX = re.compile(r"^\s*(?:At|From)\s+(?:the\s+)?(?P<org>[A-Z][^,;]{2,80}),\s+")
TITLED_PERSON_RX = re.compile(r"(?:(?:Associate|Assistant|Distinguished|Emeritus)\s+)?(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|"
                              r"Sir|Dame)\.?(?:\s+[A-Z][\w.'’-]*){1,4}\s*")


# a share of an owner's money that others take: "groups take half of the Harbour Foundation's $X" (but "Part
# of A's £X is for training" is A's)
PART_OF_OWNER_RX = re.compile(r"\b(?:take|takes|took|get|gets|got|receive|receives|received|share|shares|split|splits|win|"
                              r"wins|won|claim|claims)\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:a\s+|the\s+)?"
                              r"(?:half|share|part|most|some|all|rest|portion|third|quarter|slice|bulk)\s+of\s+(?:the\s+)?"
                              r"[^,;.]{2,60}?['’]s\s+$", re.I)


def owner_of(before: str, after: str) -> str | None:
    """"Northvale's £5m grant", "Northvale's grant of £5m", "Northvale's £5m keeps ...", "Northvale,
    whose £5m deal"."""
    if PART_OF_OWNER_RX.search(before[-80:]):
        return None           # "groups take half of the Harbour Foundation's $100,000": a part of the giver's pot
    m = re.search(r"(?:['’]s|(?<=s)['’])\s+(?:(?:new|latest|first|own|total|original|full|entire|whole)\s+)?$", before) or \
        OWNER_OF_RX.search(before, max(0, len(before) - 60))
    if not m and OWNER_NOUN_RX.match(after):     # "congratulations to A on their £X award"
        m = re.search(r"\s+(?:on|for|with)\s+(?:its|their)\s+(?:(?:new|latest|first|recent)\s+)?$", before)
    if not m:
        m = re.search(r",\s*whose\s+$", before)
        if not (m and OWNER_NOUN_RX.match(after)):
            return None
    name = name_ending_at(before, m.start())
    if not name or is_person(before, name):
        return None
    # "Part of the Harbour Trust's £3m is for training": the trust's
    if name.name in NATIONS:
        return None           # "Australia's $221m annual spend on research": a nation's budget
    return re.sub(r"^(?:Part|Some|Most|Much|Half|All)\s+of\s+(?:the\s+)?(?=[A-Z])", "", name.name)


FORWARD_LOOK = 3      # sentences after an indefinite subject in which its name may be given


def referent_of(units: list[Unit], i: int, forward: bool = False, led: bool = False, noun: str | None = None) -> str | None:
    """The organisation a pronoun or definite noun refers to: the last one named in the two units
    before (for "the club", the last club named in the four before); for an indefinite one ("A Wexley
    charity ..."), the one the next unit opens with; with `led`, only an organisation the next unit says
    leads it ("The bid was put together by A")."""
    if noun and noun not in ("it", "they", "organisation", "organization", "group", "body", "project", "scheme"):
        for j in range(i - 1, max(-1, i - 5), -1):
            kind = [part for m in NAME_RX.finditer(units[j].text)
                    for part in re.split(r"\s+(?:and|&)\s+(?:the\s+)?", re.sub(r"^(?:The|the)\s+", "", m.group(0)))
                    if part.split()[-1].lower() in (noun, noun + "s") and len(part.split()) >= 2
                    and names.acceptable(part)]
            if kind:                     # "... The Wire Gymnastics Club ... Now the club has been handed £X"
                at = re.match(r"^(?P<pre>.+?)\s+(?:at|in|from)\s+(?:the\s+|The\s+)?(?P<name>[A-Z].*)$", kind[-1])
                return at.group("name") if at and not org_like(at.group("pre")) else kind[-1]
    if led:
        if i + 1 < len(units):
            m = LED_BY_RX.search(units[i + 1].text)
            if m:
                rest = m.group("rest")
                person = LEAD_PERSON_RX.match(rest)
                if person and (person.group("title") or ROLE_AFTER_RX.match(rest, person.end())):
                    role = re.split(r"[.;]|,\s+and\s|\s+and\s+(?:will|is|has)\b", rest[person.end():])[0]
                    return _affiliation_of(role)      # "led by Dr A, director of ... at the University of B"
                lead = names_in(rest)
                if lead and lead[0].start <= 4 and org_like(lead[0].name):
                    return lead[0].name
        return None
    if forward and i + 1 < len(units):
        noun = INDEFINITE_SUBJECT_RX.match(units[i].text)
        head_word = noun.group(0).split()[-1].lower() if noun else ""
        # "A village hall in Lowmere has been awarded £X. ... the Lowmere Memorial Hall ...": the fullest
        # name, in the sentences after, whose last word is the noun the indefinite one used
        named = [m.name for j in range(i + 1, min(len(units), i + 1 + FORWARD_LOOK)) for m in names_in(units[j].text)
                 if head_word and m.name.split()[-1].lower() == head_word and len(m.name.split()) >= 2]
        if named:
            return max(named, key=len)
        lead = names_in(units[i + 1].text)
        if lead and lead[0].start <= 4 and not is_person(units[i + 1].text, lead[0]):
            return lead[0].name
    for j in (i - 1, i - 2):
        if j < 0:
            break
        found = named_before(units[j].text)
        if found:
            return found
    return None


# where a person works, said after their name: "..., director of the Tide Centre at the University of Lowmere"
WORKS_AT_RX = re.compile(r"\b(?:at|of|from)\s+(?:the\s+)?(?P<org>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|&)\s+)?(?:the\s+)?[A-Z][\w'’-]*)*)")


# a person named first in what follows "led by": "Professor Ada Reyes," (a title, or a role after the comma)
LEAD_PERSON_RX = re.compile(r"(?P<title>(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}(?=\s*,)")


def _affiliation_of(role: str) -> str | None:
    """The body a person leading work belongs to, from what is said of them: the last organisation
    their role names, the largest of a unit inside another ("the Tide Centre at the University of
    Lowmere" is the university's)."""
    found = [org for m in WORKS_AT_RX.finditer(role) if (org := opening_org(m.group("org"))) and orgs.has_org_word(org)]
    return found[-1] if found else None


def named_before(text: str) -> str | None:
    """The organisation "it" or "the charity" after `text` refers to: the one the help `text` opens
    with is given to, else the last one it names."""
    helped = HELPED_RX.match(strip_bullet(text)[1])
    return (opening_name(helped.group("org")) if helped else None) or organisation_named_before(text)


# a unit that opens with the help it gives an organisation: "Supporting the Lowmere Institute to
# build ...", "Funding for Harbour Nation to open ...": that organisation is what "it" refers to next
HELPED_RX = re.compile(r"^\s*(?:Supporting|Helping|Enabling|Assisting|Allowing|Backing|Equipping|Funding\s+for|"
                       r"Support\s+for|Investing\s+in|Investment\s+in)\s+(?:the\s+)?(?P<org>[A-Z].*)$", re.S)
