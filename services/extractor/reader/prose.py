"""Money in sentences linked to the organisation it goes to, by general structure.

For each award amount in a sentence (or a segment of an enumeration inside one), the recipient is
the organisation that structure ties to it, tried in this order:
- an organisation with the amount in brackets or after a dash ("A (£X), B (£Y)", "A – £X; B – £Y");
- the amount given *to* or *for* an organisation ("£X will go to A", "has awarded £X to A",
  "a £X grant for A's project"), so that a funder giving money is never taken as its recipient;
- the subject of a verb of receiving, wherever the clause starts ("after the A Trust was awarded
  £X by ...", "A, which received £X,", "A has secured £X"), a pronoun or a definite noun
  ("It has received £X", "The charity will use its £X grant") read as the organisation named
  just before;
- an owner ("A's £X grant", "A, whose £X deal").
Whose a clause is and what a reference means are read in `clauses`, an enumeration's segments in
`enumerated`; money said across units or of each of several recipients ("will each receive $2m",
"£6,250 each") in `spread`."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from services.extractor import orgs
from services.extractor.reader.amounts import find_amounts, is_cap
from services.extractor.reader.clauses import (
    INDEFINITE_SUBJECT_RX,
    OWNER_NOUN_RX,
    PART_OF_PLACE,
    TEAM_AT_RX,
    named_before,
    owner_of,
    referent_of,
    subject_of,
)
from services.extractor.reader.enumerated import COUNCIL_WORD_RX, OTHER_AMOUNT_RX, a_place, bracketed_owner
from services.extractor.reader.mentions import (
    is_person,
    known_place,
    name_ending_at,
    named_as_where,
    names_in,
    opening_name,
    opening_org,
    org_like,
    recipient_after,
    split_joint,
    with_parish,
    without_place_tail,
)
from services.extractor.reader.money import YEARLY_GRANT_RX, about_pay, award_money
from services.extractor.rules import names
from services.extractor.rules.base import NEGATIVE_RX, Candidate, Context
from services.extractor.segments import BULLET_RX, Unit
from shared.domain import Money

# verbs whose subject receives: any tense, active or passive ("has been awarded", "received", "wins")
RECEIVE_VERB = (
    r"(?:(?:has|have|had|will|would|is|are|was|were|be|been|being|also|now|just|recently|already|each|both|"
    r"together|jointly|set\s+to|going\s+to|due\s+to|expected\s+to|to|finally|successfully|since|successful\s+in)\s+)*"
    r"(?:(?:been\s+)?(?:awarded|granted|given|allocated|offered|promised|handed|gifted|thrown|presented\s+with|approved\s+for|"
    r"confirmed\s+for|earmarked|pledged)|receiv\w*|reciev\w*|got|gets?|getting|geting|secur\w*|w[oi]n|wins|winning|"
    r"land\w*|obtain\w*|earn\w*|bag\w*|scoop\w*|garner\w*|picked\s+up|picks\s+up|attract\w*|netted|nets|welcom\w*|"
    r"celebrat\w*|take[sn]?\s+home|took\s+home|took|brings?\s+in|brought\s+in|grab\w*|snag\w*|pocket\w*|clinch\w*|"
    r"benefit(?:ed|ted|s)?,?\s+with|"
    r"(?:haul|pull|rake)(?:s|ed)?\s+in|share[sd]?|sharing|benefit\w*\s+from|"
    r"(?:is|are|was|were)\s+(?:to\s+)?(?:be\s+)?(?:receiving|getting|awarded|allocated|given)|"
    r"(?:is|are|was|were)\s+(?:the\s+|a\s+)?recipients?\s+of|(?:had|has|have)(?=\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:grant|award)\s+of\b)|"
    r"successfully\s+applied\s+for|(?:is|was|were|has\s+been|have\s+been)\s+(?:also\s+)?successful\s+in\s+(?:its|their|a|an)\s+"
    r"(?:bid|application)\s+for|scor(?:es|ed|ing)|"
    # "A heads the list with £X", "A is down for £X", "A taking the largest part of that, £X"
    r"(?:heads?|headed|tops?|topped|leads?)\s+the\s+(?:list|table|field|way)\s+with|(?:is|are|was|were)\s+down\s+for|"
    r"tak(?:es|ing|en)\s+(?:the\s+)?(?:largest|biggest|lion['’]s|greatest)\s+(?:part|share|slice)(?:\s+of\s+(?:that|it|this|them))?,?)"
)
# what may stand between the verb and the amount ("a further", "grant funding of", "almost")
GAP = (r"(?:\s+(?:a|an|the|its|their|his|her|of|total|totalling|share|sum|grant|grants|award|further|"
       r"additional|provisional|indicative|initial|federal|one-off|new|extra|funding|allocation|just|some|"
       r"nearly|almost|around|about|more|than|over|under|up|to|worth|in|investment|support|cash|money|"
       r"approximately|roughly|circa|estimated|approaching|close|c(?=\.)|ca(?=\.)|approx(?=\.)|"
       r"prize|total|boost|injection|multi-year|[\w-]+-year|share|slice|backing|largest|biggest|highest|amount|"
       r"massive|huge|whopping|hefty|generous|substantial|significant|welcome|much-needed|major|bumper|vital|"
       r"with|largest|biggest)\b|\s+(?:[A-Z][\w'’&-]*\s+){0,5}(?:Grant|Award|Fund|Funding|Prize|Bursary)s?\b|"
       r"\s+(?:big\s+)?(?:cheque|check)\s+(?:for|of|worth)\b|"
       r"\s+(?:biggest|largest|single|first|second|top)?\s*(?:cheque|check)\b|(?<=grant|award|share|total|prize)[,:]|(?<=cheque)[,:]|(?<=sum)[,:]|(?<=-year),|(?<=\bc)\.|(?<=\bca)\.|(?<=approx)\.|"
       r"\s+(?:its|their)\s+(?:[a-z][\w-]*\s+){0,3}(?:grant|award|funding|investment|donation|gift)(?:\s+ever)?\s*:|"
       # "a development award of", "its full stage two sum of": the kind of money, then "of"
       r"\s+(?:a|an|the|its|their)\s+(?:[a-z][\w-]*\s+){1,4}?(?:grant|award|sum|share|allocation|package|funding|"
       r"investment|payment|donation|boost|contribution|amount)\s+of\b)*\s*")
# (the last: a named grant between the verb and the amount, "awarded a Harbour Community Grant of")
RECEIVE_RX = re.compile(rf"\b{RECEIVE_VERB}{GAP}$", re.I)
# verbs whose subject gives: "X has awarded £5m to Y", "X is investing £2m in Y"
GIVE_RX = re.compile(
    r"\b(?:(?:has|have|had|will|is|are|was|were|also|now|today)\s+)*(?:awarded|awards|award|granted|grants|"
    r"gave|gives|give|given|allocated|allocates|allocate|committed|commits|pledged|pledges|invest\w*|"
    r"provid\w*|announc\w*|donat\w*|contribut\w*|offered|offers|made|makes|distribut\w*|paid|pays|"
    r"put|puts|spen[dt]\w*|releas\w*|approv\w*|confirm\w*|unveil\w*|set\s+aside|earmark\w*)"
    rf"{GAP}$", re.I)
CONVERSION_RX = re.compile(r"[£$€]\s?[\d.,]+\s*(?:m|bn|k|million|billion)?\s*[(/]\s*(?:or\s+|about\s+|around\s+)?$",
                           re.I)
COMMIT_RX = re.compile(r"\b(?:commit\w*|pledg\w*|invest\w*|put|puts|set\s+aside|earmark\w*|spen[dt]\w*)\b", re.I)
PASSIVE_VERB_RX = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+\s+)?(?:awarded|granted|given|allocated|"
                             r"offered|made|paid|approved|confirmed|committed|pledged|provided|released)\b", re.I)
PASSIVE_RX = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+\s+)?$", re.I)
DISTRIBUTIVE_AFTER_RX = re.compile(r"^\s*(?:each|apiece|a piece|per\s+(?:team|city|project|group|"
                                   r"organisation|council|area|centre|partnership|recipient|winner))\b", re.I)
DISTRIBUTIVE_BEFORE_RX = re.compile(r"\b(?:each|both|every\s+one)\b(?:\s+\w+){0,5}\s*$|\bto\s+each\s*$|"
                                    r"\b(?:were|are|have\s+been|will\s+be)\s+all\s+(?:given|awarded|allocated|granted|"
                                    r"offered)\s*$|\ball\s+(?:receive|received|get|got|won)\s*$", re.I)
TO_EACH_RX = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:to|for)\s+each\b", re.I)
# amounts that are not one recipient's award
NOT_AWARD_RX = re.compile(
    r"\b(?:loans?|lend\w*|borrow\w*|repaid|cuts?|cut\s+by|reduc\w*|docking|docked|lighter|budget\s+of|"
    r"bids?\s+for|bid\s+of|asked\s+for|(?<!successfully\s)applied\s+for|sought|salary|salaries|tickets?|price\w*|costs?|cost\s+of|"
    r"turnover|revenue|deficit|overspend|shortfall|value\s+of|worth\s+of|valued\s+at|raised|fundrais\w*|"
    r"(?-i:sav(?:e|es|ed|ing|ings))|axed|scrapped|withdrawn|clawed\s+back|lose|loses|lost)\b",   # ("Save the Children")
    re.I)
_REFERENT_NOUNS = (
    r"(?:charity|organisation|organization|council|authority|trust|group|team|university|college|project|partnership|"
    r"consortium|club|centre|center|city|town|institute|foundation|society|museum|school|hospital|firm|company|"
    r"enterprise|scheme|venue|network|body|initiative|programme|municipality|county|borough|district|hall|"
    r"church|library|pool|lido|park|theatre|gallery|hub|forum|association|service|hospice|academy|"
    r"department|office|agency|lab|laboratory|institution|federation|league|cooperative|co-op|festival|partners|winners?|"
    r"recipients?)")
# when, before what the clause says: "Last week", "In November", "Earlier this year", "On 3 May"
TIME_OPENER = (r"(?:(?:in|on|by|during|last|this|earlier|later|next|since|from)\s+(?:[\w'’-]+\s+){0,2}?"
               r"(?:week|month|year|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|"
               r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
               r"sunday|\d{4}|\d{1,2})|today|yesterday|now|recently|this\s+week)")
REFERENT_SUBJECT_RX = re.compile(
    rf"(?:^|[,;.]\s*|\band\s+|\bwhen\s+|\bafter\s+)(?:{TIME_OPENER}\s*,?\s+)?(?P<ref>it|they|(?:the|this|that)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"{_REFERENT_NOUNS})\s+(?:[\w'’-]+\s+){{0,3}}?$", re.I)
# an aside between a subject and its verb: ", for its part,", ", in turn,", ", meanwhile,"
ASIDE_TAIL_RX = re.compile(r",\s*(?:for\s+its\s+part|for\s+their\s+part|in\s+turn|meanwhile|too|also|though|however|"
                           r"likewise|similarly),\s*$", re.I)
# "A has $300,000 for a flexible space": what A has the money for
HAS_FOR_RX = re.compile(r"^\s+(?:for|to\s+spend\s+on|towards?|to\s+(?:upgrade|buy|build|repair|replace|renovate|restore|"
                        r"refurbish|extend|expand|improve|install|equip|fund|create|develop|run|hire))\s+(?:a|an|the|its|"
                        r"their|new)\b")
COMING_WAY_RX = re.compile(r"^\s+(?:\w+\s+){0,3}?(?:coming|heading|on\s+its\s+way|going)\s+(?:its|their)\s+way\b")
# a reference that a place's name may stand for: its council
CIVIC_REFERENT_RX = re.compile(r"\b(?:council|authority|city|town|municipality|county|borough|district|they|it)$", re.I)
# a clause that opens with a reference to an organisation named before ("The group will ...")
REFERENT_OPENER_RX = re.compile(rf"^\s*(?:It|They|(?:The|This)\s+(?:[\w'’-]+\s+){{0,2}}?{_REFERENT_NOUNS})\b")
# an amount said of several together: "a total of (just over) £X", "a combined £X", "£X between them"
TOTAL_OF_RX = re.compile(r"\b(?:a\s+)?(?:total|combined|joint)\s+(?:of\s+)?(?:(?:just|nearly|almost|around|about|"
                         r"over|under|more\s+than|some)\s+)*$", re.I)
BETWEEN_THEM_RX = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:between|among|amongst)\s+them\b", re.I)
_ENUMERATION_END_RX = re.compile(r",[^,]{2,80}?\s(?:and|&)\s+(?:the\s+)?$")


def _enumerated(head: str, subject: str) -> bool:
    """The subject is the last of an enumeration ("A, B and C"), or the last two of it ("A, B and C" read
    as the subject "B and C")."""
    at = head.rfind(subject)
    return at > 0 and bool(_ENUMERATION_END_RX.search(head[:at]) or
                           re.search(r"\s(?:and|&)\s", subject) and re.search(r",\s*$", head[:at]))


SHARED_BY_MANY_RX = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"several|many|all|the)\s+(?:[\w-]+\s+){0,4}?(?:organisations|organizations|projects|consortia|groups|"
    r"charities|councils|bids|teams|centres|centers|areas|partnerships|recipients|winners|institutions|cities|"
    r"towns|schemes|universities|trusts|places|sites|applicants|authorities|municipalities)\b", re.I)
INDIRECT_OBJECT_RX = re.compile(r"\b(?:has|have|had|also|today|will)?\s*(?:awarded|awarding|awards|granted|granting|given|"
                                r"gave|give|gives|giving|offered|offering|handed|handing)\s+"
                                r"(?:the\s+)?(?=[A-Z])[^,;]{2,80}$")
CIVIC_OBJECT_RX = re.compile(r"\b(?:awarded|granted|given|gave|give|gives|giving|offered|handed)\s+the\s+(?P<kind>state|city|county|"
                             r"town|village|borough)\s+of\s+(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:a\s+|an\s+)?$")
# money given to "it" or "them", the body named before the giver: "... after the B Trust awarded it £10m"
PRONOUN_OBJECT_RX = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:awarded|granted|gave|given|offered|handed)\s+(?:it|them)\s+"
                               r"(?:a\s+|an\s+)?$")
# a body glad to announce money it was given: "The Tide Museum is delighted to announce a $2m gift from A"
GLAD_TO_ANNOUNCE_RX = re.compile(r"\s+(?:is|are|was|were)\s+(?:very\s+|so\s+|extremely\s+)?(?:delighted|pleased|proud|"
                                 r"thrilled|excited|happy|honou?red|grateful)\s+to\s+(?:announce|confirm|share|reveal)\s+"
                                 r"(?:(?:that\s+it\s+has\s+(?:received|been\s+(?:awarded|given|granted)))\s+)?(?:a|an)\s+"
                                 r"(?:[\w-]+\s+){0,2}$", re.I)
GLAD_GIFT_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:grant|donation|gift|award|investment|contribution|pledge)\s+"
                          r"(?:from|by)\s+(?:the\s+|The\s+)?[A-Z]")
# the same with what the organisation is between it and the amount
INDIRECT_DESCRIBED_RX = re.compile(r"\b(?:awarded|granted|given|gave|offered|handed)\s+(?:the\s+)?"
                                   r"(?P<name>[A-Z][^,;]{2,80}),\s+(?:a|an|the)\s+[^,;]{2,80},\s*$")
GERUND_RX = re.compile(r"\b(?:winning|receiving|securing|getting|landing|being\s+(?:awarded|given|allocated|granted|offered))\b", re.I)
# money given to work nobody is named for yet: "£X to a five-year research programme"
UNNAMED_WORK_RX = re.compile(r"\s+to\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:programme|program|project|study|team|consortium|"
                             r"collaboration|initiative|trial|network)\b")
# the money a body is getting, said after the amount: "(will use the $1.4m) it is receiving"
IT_RECEIVES_RX = re.compile(r"\s+(?:it|they)\s+(?:is|are|was|were|has\s+been|have\s+been)?\s*(?:receiving|received|getting|"
                            r"given|awarded|granted)\b")
USE_MONEY_RX = re.compile(r"\s+(?:will|would|is\s+to|are\s+to|plans?\s+to|intends?\s+to|aims?\s+to|hopes?\s+to|is|are|has|have)?"
                          r"\s*(?:use|used|uses|spend|spent|put|invest|invested|receive|get|using|spending|putting|"
                          r"investing)\s+(?:(?P<det>its|their|a|an|the)\s+(?:[\w-]+\s+){0,2})?$", re.I)
# what follows an amount spent without a determiner for the spending to say who got it: "will use
# £50,000 to move", "plans to use £8,000 grant to"
# support given for what an organisation asked: "has support for its £12m application", "has received
# HLF support for £15m towards ..."
BACKED_FOR_RX = re.compile(r"\s+(?:has|have|had|was|were|is|are)\s+(?:also\s+)?(?:received\s+|been\s+given\s+|won\s+|got\s+)?"
                           r"(?:(?:initial|early|[A-Z]{2,5})\s+)?(?:support|backing|approval)\s+for\s+(?P<its>its\s+|their\s+)?$")
BID_NOUN_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:application|bid|project|proposal|plans?|scheme|redevelopment|restoration)\b")
# a person who leads what the money pays for, and the organisation they are of
LEADS_RX = re.compile(r"\s+(?:will\s+lead|leads|led|is\s+leading|will\s+head|heads)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")
_PERSON = r"(?:(?:Dr|Prof|Professor|Associate\s+Professor)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}"
LED_BY_PERSON_AFTER_RX = re.compile(rf"^\s+(?:to|for)\s+[a-z][^.;]{{0,120}}?,\s+led\s+by\s+{_PERSON}\s+(?:of|at|from)\s+"
                                    r"(?:the\s+)?(?P<org>[A-Z][^,.;]{2,80})")
_LEADER_OF_RX = re.compile(rf"(?:^|[.;:]\s+|\s)(?P<person>{_PERSON}),?\s+(?:of|at|from)\s+(?:the\s+)?"
                           r"(?P<org>[A-Z][^,;]{2,80}?),?\s*$")


def _leader_org(head: str) -> str | None:
    """The organisation of the person a clause opens with: "Jo Bloggs, of the University of Lowmere,"."""
    m = _LEADER_OF_RX.search(head)
    return opening_org(m.group("org")) if m else None


# a settlement said as a change to what an organisation gets: "sees a 12% increase on its current
# funding to £X", "continues with the same level of funding at £X", "gets a 2% uplift (£X)"
SETTLEMENT_RX = re.compile(r"\s+(?:(?:gets?|sees?|saw|continues?\s+with|keeps?|retains?)\s+(?:(?:a|an|its|their|the)\s+)?"
                           r"(?:[\w.%’'-]+\s+){0,8}?(?:funding|grant|increase|uplift|rise|award|settlement)\s+"
                           r"(?:[\w’'-]+\s+){0,5}?(?:at|to|of|worth)|(?:is|are|was|were)\s+(?:also\s+|now\s+)?funded\b"
                           r"[^.;]{0,40}?,?\s+(?:at|with|to\s+the\s+tune\s+of))\s+$")
SETTLEMENT_BRACKET_RX = re.compile(r"\s+(?:gets?|sees?|saw|receives?|received|wins?|won|secures?|secured)\s+"
                                   r"(?:a|an|its|their)\s+(?:[\w.%’'-]+\s+){0,3}?(?:increase|uplift|rise|boost|grant|"
                                   r"award|share)\s*$")
USED_FOR_RX = re.compile(r"^\s*(?:(?:[\w-]+\s+){0,2}?(?:grant|award|funding|prize)\b|to\s+[a-z]+|"
                         r"from\s+(?:the\s+)?(?:[A-Za-z][\w'’-]*\s+){0,4}?(?:fund|funding|grant|award|lottery|"
                         r"programme|scheme|foundation)\b|"
                         r"of\s+(?:[A-Z][\w'’-]*\s+){0,4}(?:money|funding|cash|grants?)\b)")
# "Thanks to £100,000 from the fund, Harbour Trust is giving ...", "With a £20,000 grant from the council,
# the Tidewell Trust will ...": the organisation that the clause after the amount opens with
THANKS_TO_RX = re.compile(r"(?:^|[.;:]\s+|\s)(?P<w>[Tt]hanks\s+to|[Ww]ith)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}$")
THANKS_AFTER_RX = re.compile(r"^(?P<noun>\s+(?:grant|award|funding|investment|donation))?(?:\s+(?:from|by)\s+[^,;.]{3,80})?,"
                             r"\s+(?:the\s+)?(?P<rest>[A-Z].*)$", re.S)
PRONOUN_SPENDS_RX = re.compile(r"^\s*(?:It|They)\s+(?:(?:will|would|are\s+going\s+to|is\s+going\s+to|plans?\s+to|"
                               r"intends?\s+to)\s+(?:spend|use|invest|put)|(?:is|are)\s+(?:using|spending|investing|putting)|"
                               r"used|spent|invested)\s+(?:(?:a|an|more\s+than|over|almost|nearly|about|around)\s+)?$")
# a sentence opening with the money of the body named before: "Its $9,000 will pay for ..."
ITS_MONEY_OPENS_RX = re.compile(r"\s*(?:Its|Their)\s+(?:(?:new|own|latest|first|[\w-]+-year)\s+)?")
ITS_MONEY_DOES_RX = re.compile(r"\s*(?:grant\s+|award\s+)?(?:will|is\s+to|goes|went|pays|paid|covers|helps|allows|"
                               r"means|would|should)\b")
USE_ITS_RX = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)


@dataclass
class Link:
    recipient: str
    how: str           # the structure that linked them, recorded as the candidate's rule
    strength: int      # 2 named by structure, 1 resolved through a reference


def money_links(ctx: Context) -> Iterator[Candidate]:
    """One candidate per award amount of a sentence whose recipient structure names."""
    units = ctx.units()
    for i, unit in enumerate(units):
        if unit.kind not in ("sentence", "heading", "item"):
            continue
        monies = award_money(unit, caps=True)
        if not monies or about_pay(unit.text):
            continue
        linked: list[tuple[Money, Link]] = []
        for money in monies:
            link = link_money(unit.text, money.start - unit.start, money.end - unit.start,
                              lambda forward=False, led=False, noun=None: referent_of(units, i, forward, led, noun))
            if link is None and linked:
                link = _further(unit, linked[-1], money)
            # (searched in the 400 characters before the amount, with the unit's own start and end)
            if link is None and WE_RECEIVE_RX.search(unit.text, max(0, money.start - unit.start - 400),
                                                     money.start - unit.start):
                own = _page_owner(ctx)                # "we have been awarded £X" on the recipient's own page
                link = Link(own, "referent_receives", 1) if own else None
            if link is None:
                continue
            if is_cap(money):
                # "up to £X" is one recipient's own award only when structure names that recipient
                if link.how not in ("subject_receives", "money_to_recipient") or \
                        ADDS_UP_TO_RX.search(unit.text, max(0, money.start - unit.start - 60), money.start - unit.start):
                    continue
                money = replace(money, approximate=True)
            linked.append((money, link))
            recipient, partners = split_joint(without_place_tail(link.recipient))
            yield Candidate(recipient, unit, money, link.how, partners, strength=link.strength)


# an amount received for many others: "€3.2m in funding for 64 organisations", "£9.7m allocated to 95 clubs"
FOR_MANY_AFTER_RX = re.compile(r"^\s*(?:in\s+(?:\w+\s+)?funding\s+|of\s+funding\s+)?(?:for|to|between|among|across)\s+"
                               r"(?:\d[\d,]*|several|dozens\s+of|hundreds\s+of)\s+(?:[\w-]+\s+){0,2}?(?:organisations|"
                               r"organizations|groups|clubs|projects|charities|schools|bodies|applicants)\b", re.I)
# what joins a second amount to the first one's recipient: "... £100,000, with £1.4m of stage two funding",
# "... £100,000 and provisional stage two funding of £400,000", "..., and a further £905,160 has been earmarked for it"
FURTHER_RX = re.compile(r"^(?:\s+(?:[a-z][\w-]*\s+){0,4}?)?\s*,?\s+(?:and|with|plus)\s+(?:(?:a|an)\s+)?"
                        r"(?:(?:further|additional|provisional|another|extra|second|separate)\s+)?"
                        r"(?:[a-z][\w-]*\s+){0,4}?(?:(?:funding|grant|award|money|investment|sum)\s+of\s+)?$")
FURTHER_TAIL_RX = re.compile(r"^\s*(?:of\s+(?:[a-z][\w-]*\s+){0,4}?(?:funding|money|investment)\b|"
                             r"(?:has|have|will|is|was)\s+(?:also\s+)?(?:been\s+)?(?:earmarked|set\s+aside|"
                             r"allocated|reserved|committed)\s+for\s+(?:it|them)\b|[,.;)]|\s+towards?\b|\s+for\b)")


def _further(unit: Unit, previous: tuple[Money, Link], money: Money) -> Link | None:
    """A second amount of a sentence for the recipient of the first: a further award of its own (the
    two are different sums for different stages or purposes, not a total or another's)."""
    first, link = previous
    between = unit.text[first.end - unit.start:money.start - unit.start]
    after = unit.text[money.end - unit.start:money.end - unit.start + 60]
    if link.how not in ("subject_receives", "money_to_recipient") or names_in(between) or \
            not FURTHER_RX.match(between) or not FURTHER_TAIL_RX.match(after) or TOTAL_WORD_RX.search(between + after[:20]):
        return None
    return Link(link.recipient, "further_amount", link.strength)


TOTAL_WORD_RX = re.compile(r"\b(?:total|totall?ing|combined|altogether|in\s+all|each|respectively|overall)\b", re.I)


ADDS_UP_TO_RX = re.compile(r"\b(?:add|adds|added|adding|amount|amounts|come|comes|total|totals)\s+up\s+to\s*$|"
                           r"\bamounts?\s+to\s*$")
WE_RECEIVE_RX = re.compile(rf"(?:^|[,;:]\s+|\bthat\s+)(?:we|We)\s+{RECEIVE_VERB}{GAP}$")


# a page's opening that says its subject secured many grants ("Lowmere Council has been successful in
# securing 37 grants"), then the grants line by line: "$X from the Wexley Office of Sport for ..."
SECURED_GRANTS_RX = re.compile(r"\b(?:has|have)\s+(?:been\s+successful\s+in\s+securing|secured|received|been\s+awarded|"
                               r"won|attracted)\s+(?:\d[\d,]*|several|a\s+number\s+of|many|two|three|four|five|six|seven|"
                               r"eight|nine|ten|dozens\s+of)\s+(?:new\s+|separate\s+|external\s+)?(?:grants|awards)\b")
FROM_FUNDER_RX = re.compile(r"^\s*(?:(?:was|were|has\s+been)\s+(?:received|secured|awarded|granted)\s+)?(?:from|under)\s+"
                            r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+)*?[A-Z]")


# a page's opening that says its subject raised money from many backers ("Harbour Radio says it has now raised
# about $1.2M from local and national backers"), then the backers one by one ("The X Foundation is in for $225K")
RAISED_FROM_RX = re.compile(r"\b(?:has|have)\s+(?:now\s+)?(?:raised|secured|lined\s+up|attracted|landed)\b"
                            r"(?:[^.;]|\.(?=\d)){0,80}?"
                            r"\bfrom\s+(?:[\w-]+\s+){0,4}?(?:backers|funders|donors|supporters|sponsors|foundations)\b")
BACKER_GIVES_RX = re.compile(r"\b(?:is|are|was|were)\s+in\s+for\s+$|\b(?:is|are)\s+(?:putting\s+up|contributing|giving|"
                             r"chipping\s+in|donating|adding)\s+$|\b(?:has|have|had)\s+(?:also\s+)?(?:committed|pledged|"
                             r"given|donated|contributed)\s+$|\b(?:committed|pledged|gave|donated|contributed)\s+$")
ELLIPTIC_BACKER_RX = re.compile(r"\band\s+(?:the\s+)?[A-Z][^,;.]{2,80}$")


def secured_from(ctx: Context) -> Iterator[Candidate]:
    """The grants a page's subject secured, one a line or sentence, each from its own funder ("$4.9m was
    received from the Wexley Office of Sport for the park"), or the sums its backers put in one by one
    ("The X Foundation is in for $225K", "and the Y Foundation $100K"): the subject's, whoever gave them."""
    units = ctx.units()
    subject, backed = None, False
    for unit in units[:4]:
        m = SECURED_GRANTS_RX.search(unit.text) or RAISED_FROM_RX.search(unit.text)
        if m:
            head = unit.text[:m.start()]
            head = re.sub(r"\s+(?:says|said|announced|confirmed)\s+(?:that\s+)?(?:it|they)\s*$", "", head)
            subject, backed = subject_of(head), m.re is RAISED_FROM_RX
            break
    if not subject:
        return
    for unit in units:
        for money in award_money(unit):
            at, end = money.start - unit.start, money.end - unit.start
            clause = unit.text[:at][start_of_clause(unit.text[:at]):]
            if _money_first(unit.text[:at]) and FROM_FUNDER_RX.match(unit.text[end:]) or \
                    backed and (BACKER_GIVES_RX.search(clause) or ELLIPTIC_BACKER_RX.search(unit.text[max(0, at - 100):at])
                                and re.search(r"\b(?:committed|pledged|donated|contributed|gave|in\s+for)\b", unit.text[:at])) and \
                    not re.match(r"^\s*(?:\w+\s+){0,3}?(?:to|for)\s+(?:the\s+)?[A-Z]", unit.text[end:]):
                yield Candidate(subject, unit, money, "secured_from", strength=2)


def _page_owner(ctx: Context) -> str | None:
    """The organisation a page speaks for ("we"): the one its title names, or its site's name."""
    for text in (ctx.doc.title or "", ctx.doc.sitename or ""):
        found = [m for m in names_in(text) if org_like(m.name) or len(m.name.split()) >= 2]
        if found:       # "St Anne's Parish Hall Roof Appeal": the hall, not its appeal
            return re.sub(r"(?:\s+[A-Z][\w'’-]*)?\s+(?:Appeal|Campaign|Update|News|Newsletter)$", "", found[0].name)
    return None


def _named_indefinite(head: str) -> bool:
    """"a Northvale Centre of Excellence" names itself; "a museum in Eastbrook" does not."""
    m = INDEFINITE_SUBJECT_RX.search(head)
    return bool(m and re.search(r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)*$", head[:m.end()].split(" in ")[0] + " ")
                and not re.search(r"^\s*(?:an?|one)\s+[a-z]", head[m.start():]))


# an amount that opens its line, after a bullet or a lead ending in a colon ("Up to £250,000: £250,000 for")
# an amount that follows another in an enumeration: "..., followed by £X", "... and £Y"
LISTED_AMOUNT_RX = re.compile(r"(?:,\s*(?:and\s+)?|\s(?:and|followed\s+by|then)\s+)$")
OPENING_RX = re.compile(r"(?:^|:)\s*(?:[-•*]\s*)?$")
WITH_END_RX = re.compile(r",?\s+with\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?$")
_PHRASE_BOUNDARY_RX = re.compile(r",\s*|\b(?:and|by|followed\s+by)\s+")


def _phrase_start(clause: str, end: int) -> int:
    """Where the phrase that ends at `end` starts: after the last comma, "and", "by" or "followed by"
    before it (or at the clause's start), if it starts with a capital; -1 otherwise."""
    start = max((m.end() for m in _PHRASE_BOUNDARY_RX.finditer(clause, 0, end) if m.end() < end), default=0)
    while start < end and clause[start].isspace():
        start += 1
    return start if start < end and clause[start].isupper() else -1


def _introduced(head: str, subject: str) -> bool:
    """The subject is introduced by an indefinite article: "a Northvale Centre of Excellence"."""
    i = head.rfind(subject)
    return i > 0 and bool(re.search(r"(?:^|\s)(?:an?|one)\s+(?:new\s+)?$", head[:i], re.I))


# "At the University of Lowmere, a £4m centre will ...": the organisation that hosts what the money builds
FRONTED_FOR_RX = re.compile(r"^\s*For\s+(?:the\s+)?(?P<org>[A-Z][^,;]{2,100}),\s+(?:a|an)\s+"
                            r"(?:[^,;]{0,60}?\s+(?:plus|and)\s+(?:a|an)\s+)?(?:[\w-]+\s+){0,2}$")
GRANT_NOUN_AFTER_RX = re.compile(r"^\s*(?:[\w-]+\s+)?(?:grant|award|gift|donation)\b", re.I)
FRONTED_HOST_RX = re.compile(r"^\s*(?:At|Within)\s+(?P<org>[^,]{3,90}),\s+(?:a|an)\s+$")
HOSTED_NOUN_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:centre|center|institute|hub|lab|laboratory|facility|project|"
                            r"programme|program|unit|network|partnership)\b", re.I)


# what the money pays for, and who hosts it: "£1.2m project at the University of Lowmere"
# what money is invested in, when that is an organisation: "is investing $2.5m in the Ridgeback Centre"
INVESTED_IN_RX = re.compile(r"^\s*(?:\w+\s+){0,2}?in\s+(?:the\s+)?(?P<org>[A-Z].*)$", re.S)
# a clause opening with the award given, before the name of who got it
FRONTED_AWARDED_RX = re.compile(r"\s*(?:Awarded|Granted|Given|Allocated|Having\s+(?:been\s+awarded|been\s+granted|"
                                r"received|won|secured))\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:grant|award)\s+of\s+)?")
# what the money lets an organisation do, after an amount that opens its clause: "(A £5,000 grant)
# from the Harbour Fund will allow the Moorland Trust to ..."
ENABLES_AFTER_RX = re.compile(r"^\s*(?:,\s*|(?:[a-z][\w-]*\s+){0,3}?(?:grant|award|donation|investment|funding|gift|"
                              r"boost|injection|cash)\s+)(?:from\s+[^,;]{2,80}?\s+)?(?:will|would|has|have|is\s+set\s+to|"
                              r"is\s+to)\s+(?:now\s+)?(?:(?:allow|allowed|enable|enabled|help|helped|let)\s+|"
                              # "a £X grant will fund the Stone and Story project at St Anne's Church"
                              r"(?:fund|pay\s+for|support)\s+(?:the|a|an)\s+[^,;.]{2,80}?\s+(?:project|work|scheme|"
                              r"programme|repairs?|restoration)\s+(?:at|of|by)\s+)"
                              r"(?:the\s+)?(?P<org>[A-Z].*)$", re.S)
HOSTED_AFTER_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:project|centre|center|study|programme|program|initiative|"
                             r"chair|fellowship|scheme|hub|lab)\s+(?:at|based\s+at|led\s+by|run\s+by|hosted\s+by)\s+"
                             r"(?P<org>(?:the\s+)?[A-Z][^,;.]{0,100})")
# a clause that says its subject receives what a colon then lists ("A will receive funding for two projects:")
RECEIVE_LEAD_RX = re.compile(rf"\b{RECEIVE_VERB}\s+(?:\w+\s+){{0,2}}?(?:funding|grants?|awards?|money|support)\s+for\s+"
                             r"(?:two|three|four|five|six|\d+|several)\s+(?:\w+\s+)?(?:projects|programmes|schemes|"
                             r"studies|centres|initiatives)\s*$", re.I)


REGIONS_RX = re.compile(r"\b(?:counties|regions|areas|constituencies|provinces|states|districts|parts\s+of\s+the\s+country)\b")
# a sentence that is a name, its amount and what it is for: "Harbour Trust £20,000 for one year to employ ..."
NAME_OPENS_RX = re.compile(r"(?:.*(?:^|[.!?]\s+|\n))?(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|for|the|&)){0,7})\s+",
                           re.S)
NAME_THEN_PURPOSE_RX = re.compile(r"^\s*(?:to\s+go\s+towards|to\s+[a-z]+|towards?|for\s+(?:one|two|three|a|an|the|its|their|"
                                  r"[a-z]+ing)\b)")
# a second amount after a first one in the same clause, said to be a grant: "received a loan of $X and $Y in grant funding"
SECOND_AMOUNT_RX = re.compile(r"[£$€]\s?\d[\d,.]*(?:\s*(?:m|k|bn|million|billion))?\s+and\s+$")
GRANT_PART_AFTER_RX = re.compile(r"^\s*(?:in\s+)?(?:grant|grants|grant\s+funding|funding)\b")
PLAIN_RECEIVE_RX = re.compile(r"\b(?:received|receives|will\s+receive|(?:was|were|has\s+been|have\s+been)\s+awarded|"
                              r"secured|gets|got)\b")
# a place the clause opens with, before its subject: "And in Eastshire, Lowmere Council is getting £X"
FRONTED_PLACE_RX = re.compile(r"\s*(?:(?:And|But|Meanwhile|Elsewhere),?\s+)?(?:[Ii]n|[Aa]cross|[Oo]ver\s+in)\s+(?:the\s+)?"
                              r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3},\s*(?:the\s+)?")
# what a clause's subject does "with its £X grant"
WITH_OWN_RX = re.compile(r"\b(?:with|using|through)\s+(?:its|their)\s+(?:new\s+)?$")
OWN_GRANT_AFTER_RX = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:grant|award|funding|donation|gift|investment)\b")
# the gift a clause's subject owes something to: "... thanks to a £X donation from B"
GIFT_THANKS_RX = re.compile(r"\b(?:thanks\s+to|after\s+receiving|with\s+the\s+help\s+of)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?$")
GIFT_FROM_RX = re.compile(r"^\s*(?:donation|grant|gift|award|pledge|contribution|boost|injection)\s+from\b")
# an amount given in brackets after the noun it is the sum of: "the largest grant (£X) went to"
AMOUNT_ASIDE_RX = re.compile(r"\b(?:grants?|awards?|sum|share|allocation|investment|funding|donation|prize|gift)"
                             r"(?P<open>\s*\(\s*)$", re.I)


# a headline's "A awarded £X" (the auxiliary left out) says A was awarded, when nothing after says to whom
HEADLINE_AWARDED_RX = re.compile(r"(?:^|[:;]\s+)(?:the\s+|The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|for|"
                                 r"the|&))*\s+(?:awarded|granted|given|handed)\s*$")
GIVER_NAME_RX = re.compile(r"\b(?:Foundation|Fund|Funds|Lottery|Government|Department|Ministry|Agency|Commission|"
                           r"Endowment|Philanthropies|Executive|Secretary|Minister|Board)\b")
HEADLINE_PURPOSE_RX = re.compile(r"^\s*(?:$|[.;]|(?:in\s+(?:funding|grants?|lottery\s+funding)\s+)?(?:for|towards?|to\s+"
                                 r"(?:help|support|fund|restore|build|create|expand|develop|improve|deliver|run|keep|"
                                 r"launch|tackle|protect|repair|open)\b|from\b|by\b))")


def link_money(text: str, a: int, b: int, referent=lambda forward=False, led=False, noun=None: None) -> Link | None:
    """The recipient of the amount at text[a:b], by the structure around it."""
    # what links an amount to its recipient lies within a few hundred characters of it
    before, after = text[max(0, a - 400):a], text[b:b + 400]
    clause_start = start_of_clause(before)
    clause = before[clause_start:]
    opens = NAME_THEN_PURPOSE_RX.match(after) and NAME_OPENS_RX.fullmatch(before)
    if opens:
        name = opens.group("name")            # "Harbour Trust £20,000 to go towards its reading scheme"
        if names.acceptable(name) and not (orgs.is_place(name) and not orgs.council(name)) and \
                (org_like(name) or len(name.split()) >= 2 or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w+", name)):
            return Link(name, "name_money_purpose", 2)
    second = SECOND_AMOUNT_RX.search(clause)
    if second and GRANT_PART_AFTER_RX.match(after) and not NEGATIVE_RX.search(clause + after[:60]):
        # "A received a loan of $X and $Y in grant funding": the second amount is A's grant
        verb = PLAIN_RECEIVE_RX.search(clause, 0, second.start())
        lent = verb and re.search(r"\bloans?\b", clause[verb.end():second.start()])
        subject = subject_of(clause[:verb.start()]) if lent else None
        if subject:
            return Link(subject, "subject_receives", 2)
    if NEGATIVE_RX.search(clause + after[:60]) or _not_award(clause[-50:], after[:40]):
        return None
    if DISTRIBUTIVE_AFTER_RX.match(after) or DISTRIBUTIVE_BEFORE_RX.search(clause[-40:]) or \
            TO_EACH_RX.match(after):
        return None          # one amount for each of several: see distributive()
    if CONVERSION_RX.search(before):
        return None           # "£3.2m (€3.7m)": the same sum in another currency
    if re.search(r"\brespectively\b", after[:120], re.I):
        return None           # "A and B were awarded £X and £Y, respectively": see named.respective_amounts
    inverted = re.match(r"^\s*,\s*(?:is|was)\s+(?:the\s+)?(?P<rest>[A-Z].*)$", after)
    if inverted and re.search(r"\bwith\s+(?:a\s+|an\s+)?$", clause):
        m = names_in(inverted.group("rest"))       # "First in line, with £3.9m, is Northvale Park"
        if m and m[0].start == 0:
            return Link(m[0].name, "inverted_with_money", 2)
    backed = BACKED_FOR_RX.search(clause)
    if backed and (backed.group("its") is None or BID_NOUN_RX.match(after)):
        subject = subject_of(clause[:backed.start()])
        first, others = split_joint(subject) if subject else (None, [])
        if others and re.match(r"\s+(?:has|was|is)\b", backed.group(0)):
            subject = others[-1]                 # "... the Mill project and Lowmere Cathedral has support for": one subject
        if subject:                              # "A has support for its £X application", "A has received support for £X"
            return Link(subject, "subject_receives", 2)
    led = LEADS_RX.search(clause)
    if led:                                      # "Jo Bloggs, of the University of Lowmere, will lead a £4.5m study"
        org = _leader_org(clause[:led.start()])
        if org:
            return Link(org, "leader_org_money", 2)
    led_after = LED_BY_PERSON_AFTER_RX.match(after) \
        if _money_first(clause) or re.search(r"\b(?:includes?|including)\s+$", clause) else None
    if led_after:                                # "£3.9m to extend the Harbour Study, led by Jo Bloggs of the University of Lowmere"
        org = opening_org(led_after.group("org"))
        if org:
            return Link(org, "leader_org_money", 2)
    settled = SETTLEMENT_RX.search(clause) or (before.rstrip().endswith("(") and
                                               SETTLEMENT_BRACKET_RX.search(before.rstrip()[:-1]))
    if settled:                                  # "A sees a 12% increase in its funding to £X", "A gets a 2% uplift (£X)"
        subject = subject_of(before[:len(before) - len(clause)] + clause[:settled.start()]
                           if settled.re is SETTLEMENT_RX else before.rstrip()[:-1][:settled.start()])
        if subject:
            return Link(subject, "subject_receives", 2)
    bracketed = bracketed_owner(before, after)
    if bracketed and a_place(bracketed) and not orgs.has_org_word(bracketed) and \
            REGIONS_RX.search(before[-300:]) and not COUNCIL_WORD_RX.search(before[-300:] + after[:200]):
        return None               # "counties also did well, with Eastshire (£1.8m), Westshire (£1.6m)": areas' shares
    if bracketed:
        return Link(bracketed, "name_bracket_money", 2)
    owned = WITH_OWN_RX.search(clause)
    if owned and OWN_GRANT_AFTER_RX.match(after):   # "A are transforming the hall with their £X grant"
        opener = opening_name(clause[:owned.start()], within=4)
        if opener:
            owner, owned_name = names.split_possessive(opener)     # "Eastshire's Pipe Band Academy"
            return Link(owned_name if owned_name and org_like(owned_name) and not org_like(owner) else opener,
                        "subject_receives", 2)
    thanks = GIFT_THANKS_RX.search(clause)
    if thanks and GIFT_FROM_RX.match(after):     # "A is celebrating a boost thanks to a £X donation from B"
        opener = names_in(clause[:thanks.start()])
        if opener and opener[0].start <= 4 and org_like(opener[0].name):
            return Link(opener[0].name, "subject_receives", 2)
    aside = AMOUNT_ASIDE_RX.search(text, max(0, a - 60), a)
    close = re.match(r"\s*\)", text[b:b + 10])
    if aside and close:       # "The largest grant (£X) was awarded to A": read as if the brackets were not there
        start = aside.end() - len(aside.group("open"))
        unbracketed = text[:start] + text[a:b] + text[b + close.end():]
        return link_money(unbracketed, start, start + b - a, referent)
    hosted = HOSTED_AFTER_RX.match(after)
    if hosted and _money_first(clause):          # "A £1.2m project at the University of Lowmere will ..."
        m = names_in(hosted.group("org"))
        if m and m[0].start <= 4 and org_like(m[0].name):
            return Link(m[0].name, "hosted_money", 2)
    fronted = FRONTED_AWARDED_RX.fullmatch(clause)
    named_next = re.match(r"^[^,;.]{0,80},\s*(?:the\s+)?(?P<org>[A-Z].*)$", after, re.S) if fronted else None
    if named_next:                               # "Awarded £30,000 by the lottery, the Harbour Trust will ..."
        org = opening_org(named_next.group("org"))
        if org:
            return Link(org, "subject_receives", 2)
    enables = ENABLES_AFTER_RX.match(after)
    # the amount opens its clause ("A £30,000 grant will allow A to"), or stands beside the word for
    # it ("The money, £25,000, will help A")
    beside = enables and enables.group(0).lstrip().startswith(",")
    if enables and (re.search(r"\b(?:money|grant|funding|cash|award|donation|investment),\s*(?:for|of|worth)?\s*$", clause)
                    if beside
                    else _money_first(FRONTED_WHERE_RX.sub("", clause))):
        org = opening_org(enables.group("org"))
        if org:
            return Link(with_parish(org, enables.group("org")[len(org):]), "money_enables", 2)
    colon = before.rfind(": ")
    if colon >= 0 and _money_first(clause) and not re.search(r"[.;]\s", before[colon:]):
        lead = before[:colon]                    # "A will receive funding for two projects: a £X project ..."
        verb = RECEIVE_LEAD_RX.search(lead, max(0, len(lead) - 120)) or \
            RECEIVE_RX.search(lead + ":", max(0, len(lead) - 90))     # "A has secured its largest grant ever:"
        subject = subject_of(lead[:verb.start()]) if verb else None
        if subject:
            return Link(subject, "subject_receives", 2)
    civic = CIVIC_OBJECT_RX.search(clause)
    if civic:                                     # "It has also given the state of Westshire $5 million"
        return Link(f"{civic.group('kind').capitalize()} of {civic.group('place')}", "indirect_object", 2)
    indirect = INDIRECT_OBJECT_RX.search(clause)
    if indirect:                                  # "the Wexley Trust has also awarded the Saltmarsh Trust £51,300"
        article = re.search(r"\s(?:a|an)\s*$", clause)       # "... awarded the Saltmarsh Trust a £51,300 grant"
        m = name_ending_at(clause, article.start() if article else len(clause.rstrip()))
        if m and m.start >= indirect.start() and (org_like(m.name) or len(m.name.split()) >= 4 and " of " in m.name):
            return Link(m.name, "indirect_object", 2)    # ("is giving the Confederated Tribes of the Lowmere Valley £X")
    given_it = PRONOUN_OBJECT_RX.search(before)
    if given_it:                                 # "A will host the centre, after the B Trust awarded it £10m"
        said = [m for m in names_in(before[:given_it.start()]) if not is_person(before, m)]
        giver = name_ending_at(before, given_it.start())
        owners = [m for m in said if giver is None or m.end <= giver.start]
        if owners and org_like(owners[-1].name) and giver is not None:
            return Link(owners[-1].name, "referent_receives", 1)
        if giver is not None and not owners:
            ref = referent()
            if ref:
                return Link(ref, "referent_receives", 1)
    glad = GLAD_TO_ANNOUNCE_RX.search(clause)
    if glad and GLAD_GIFT_RX.match(after):       # "The Tide Museum is delighted to announce a $2m donation from A"
        subject = subject_of(clause[:glad.start()])
        if subject:
            return Link(subject, "subject_receives", 2)
    described = INDIRECT_DESCRIBED_RX.search(clause)
    if described:                                 # "The minister awarded the Harbour Project, a new sports field, £X"
        m = name_ending_at(clause, described.end("name"))
        if m and m.start > described.start() and (org_like(m.name) or len(m.name.split()) >= 2):
            return Link(m.name, "indirect_object", 2)
    with_at = WITH_END_RX.search(clause, max(0, len(clause) - 40))
    phrase_start = _phrase_start(clause, with_at.start()) if with_at else -1
    if with_at and phrase_start >= 0 and not GIVE_RX.search(clause[:phrase_start][-40:]) and not GOING_TO_RX.match(after):
        phrase = clause[phrase_start:with_at.start()].rstrip(" ,")
        m = name_ending_at(phrase, len(phrase))
        if m and m.start <= 4:                    # "A received most, with £X, followed by B with £Y"
            return Link(m.name, "name_with_money", 2)
        verb = re.search(r"\b(?:receiv\w*|got|gets|secured|won|took|(?:is|was|are|were)\s+(?:the\s+)?recipients?)\b",
                         phrase)
        subject = subject_of(phrase[:verb.start()]) if verb else None
        if subject:
            return Link(subject, "name_with_money", 2)
    given = GIVE_RX.search(clause, max(0, len(clause) - 70))
    received = RECEIVE_RX.search(clause, max(0, len(clause) - 90))
    if given and received and received.start() < given.start() < received.end():
        given = None              # "A receives a development award of £X": the noun inside what A receives
    active_give = given is not None and not PASSIVE_RX.search(clause[:given.start()]) and \
        not PASSIVE_VERB_RX.search(given.group(0))
    listed = bool(LISTED_AMOUNT_RX.search(clause) and OTHER_AMOUNT_RX.search(clause))
    to = _host_of(recipient_after(after, opening=bool(OPENING_RX.search(before)), listed=listed), after)
    invested = INVESTED_IN_RX.match(after) if to is None and given and "invest" in given.group(0).lower() else None
    if invested:                 # "The Government is investing $2.5m in the Ridgeback Community Centre"
        org = opening_org(invested.group("org"))
        to = org if org and org_like(org) else None
    if to is None and active_give and UNNAMED_WORK_RX.match(after):
        led = referent(forward=True, led=True)
        if led:                  # "The Y Foundation has awarded £X to a research programme. It will be led by A"
            return Link(led, "referent_receives", 1)
    given_to = AWARDED_TO_AFTER_RX.match(after) if to is None else None
    if given_to:                 # "a £X grant from the Y fund, awarded to A, which led the bid"
        to = opening_org(given_to.group("org"))
    headline = HEADLINE_AWARDED_RX.search(clause) if active_give and received and to is None else None
    if headline and HEADLINE_PURPOSE_RX.match(after) and not GIVER_NAME_RX.search(headline.group(0)):
        active_give = False       # "Harbour Trust awarded £5,000 for a new roof": a headline's passive
    going = GOING_TO_RX.match(after) is not None          # "... with £50,000 going to A": A's, whoever received
    if to and (active_give or not received or _money_first(clause) or going):
        if active_give and COMMIT_RX.search(given.group(0)) and not org_like(to):
            return None           # "committed £38m to Northvale Futures": money for a programme
        return Link(to, "money_to_recipient", 2)
    if received and not active_give:
        head = clause[:received.start()]
        appositive = APPOSITIVE_NAME_RX.search(head)
        if appositive:
            m = name_ending_at(appositive.group("name"), len(appositive.group("name")))
            if m and m.start == 0 and not is_person(appositive.group("name"), m):
                return Link(m.name, "subject_receives", 2)
        if TEAM_AT_RX.search(head):              # "A group based at X has received £Y": X's
            subject = subject_of(head)
            if subject:
                return Link(subject, "subject_receives", 2)
        many = SHARED_BY_MANY_RX.search(head)
        named_after = subject_of(head)
        at = head.rfind(named_after) if named_after else -1
        if at >= 0 and re.search(r"\b(?:in|across|from|of|at|throughout)\s+(?:the\s+)?(?:" + PART_OF_PLACE + "?"
                                 r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s*|\s+and\s+))*" + PART_OF_PLACE + "?$",
                                 head[:at]) and \
                not FRONTED_PLACE_RX.fullmatch(head[:at]):
            at = -1                                   # "seven projects in Wessex": a place, not the subject
        if many and not at > many.end() and \
                not re.search(r"[A-Z]", re.sub(r"^\W*(?:In|At|On|For|By|Across|Under)\b[^,]*,", "",
                                               head[:many.start()]).lstrip()[1:] or "x"):
            return None           # "Eight projects will share £140m", "Twelve councils received": a total
        indefinite = INDEFINITE_SUBJECT_RX.search(head)
        if indefinite and named_after and at > indefinite.end() and \
                re.search(r"\b(?:is|was|are|were)\s", head[indefinite.end():at]):
            return Link(named_after, "subject_receives", 2)   # "An organisation ... is the Tide Ballet, which will receive £X"
        if indefinite and not _named_indefinite(head):
            ref = referent(forward=True)          # "A museum in Eastbrook has been awarded £X. The Tide Museum"
            return Link(ref, "referent_receives", 1) if ref else None
        if GERUND_RX.search(received.group(0)) and re.search(r"\b(?:after|since|following|by|for|on|upon|"
                                                             r"from)\s*$|\S,\s*$", head):
            opener = names_in(before)                 # "A will expand its work after winning £X"
            if opener and opener[0].start <= 4:
                return Link(opener[0].name, "subject_receives", 2)
            if REFERENT_OPENER_RX.match(clause):
                ref = referent()                      # "The group will build homes after being given £X"
                if ref:
                    return Link(ref, "referent_receives", 1)
        subject = subject_of(head)
        if subject and _introduced(head, subject):
            led = referent(forward=True, led=True)
            if led:                                   # "a Northvale Centre has been awarded £X. The bid was led by A"
                return Link(led, "referent_receives", 1)
        if subject and named_as_where(head, subject) and not FRONTED_PLACE_RX.fullmatch(head[:head.rfind(subject)]):
            return None               # "Places of worship in Eastshire and Westshire are to share £X"
        if subject and _enumerated(before[:clause_start] + head, subject) and (TOTAL_OF_RX.search(clause[-50:]) or
                                                        BETWEEN_THEM_RX.match(after)):
            return None               # "A, B and C will receive a total of £X": no one's own amount
        if subject and FOR_MANY_AFTER_RX.match(after):
            return None               # "Co Lowmere received €3.2m in funding for 64 organisations": theirs, not its
        if subject:
            return Link(subject, "subject_receives", 2)
        if not head.strip(" ,") or re.fullmatch(r"\s*(?:and|also|but|,)\s*", head) and clause_start:
            opener = names_in(before[:clause_start])          # "A is one of 11 ..., and has received £X"
            if opener and opener[0].start <= 4:
                return Link(opener[0].name, "subject_receives", 2)
        indefinite = INDEFINITE_SUBJECT_RX.search(head)
        reference = REFERENT_SUBJECT_RX.search(ASIDE_TAIL_RX.sub(" ", head) + " ")   # "The club, for its part, will"
        if indefinite or reference:
            ref = named_before(before[:clause_start] + head[:reference.start()]) \
                if reference and not indefinite else None
            noun = reference.group("ref").split()[-1].lower() if reference and not indefinite else None
            ref = ref or referent(forward=bool(indefinite), noun=noun)
            if ref and reference and not indefinite and known_place(ref) and \
                    not CIVIC_REFERENT_RX.search(reference.group("ref")):
                ref = None            # "... across Westshire. The organisation obtains £X": no place is an organisation
            if ref:
                return Link(ref, "referent_receives", 1)
    owner = owner_of(before, after)
    if owner:
        return Link(owner, "owner_money", 2)
    thanks = THANKS_TO_RX.search(clause)
    fronted = THANKS_AFTER_RX.match(after) if thanks else None
    if fronted and (thanks.group("w").lower().startswith("thanks") or fronted.group("noun")):
        m = names_in(fronted.group("rest"))
        verb = re.match(r"\s+(?:is|are|has|have|will|can|was|were)\b", fronted.group("rest")[m[0].end:]) if m else None
        if m and m[0].start == 0 and verb and not is_person(fronted.group("rest"), m[0]):
            return Link(m[0].name, "subject_receives", 2)
    coming = (COMING_WAY_RX.match(after) or HAS_FOR_RX.match(after)) \
        if re.search(r"\b(?:has|have|had|now\s+has)\s+$", clause) else None
    if coming:                                   # "The Harbour Trust has NZ$79,799 coming its way"
        subject = subject_of(re.sub(r"\s*\b(?:has|have|had|now\s+has)\s+$", " ", clause))
        if subject:
            return Link(subject, "subject_receives", 2)
    use = USE_MONEY_RX.search(clause)
    det = (use.group("det") or "").lower() if use else ""
    if use and (det in ("its", "their") or (det and OWNER_NOUN_RX.match(after)) or
                (not det and USED_FOR_RX.match(after)) or det == "the" and IT_RECEIVES_RX.match(after)):
        head = clause[:use.start()]
        indefinite = INDEFINITE_SUBJECT_RX.search(head)
        subject = subject_of(head) if not (indefinite and not _named_indefinite(head)) else None
        if subject:                               # "Northvale Trust will use its £7m share / a £9,000 grant"
            return Link(subject, "owner_money", 2)
        if indefinite:
            return None           # "a community group on the South Coast will use $X": no name, not its place
        reference = REFERENT_SUBJECT_RX.search(head + " ") if det == "the" else None
        ref = referent(noun=reference.group("ref").split()[-1].lower()) if reference else None
        if ref:                                   # "The federation will use the $1.4m it is receiving"
            return Link(ref, "referent_its_money", 1)
    its = USE_ITS_RX.search(clause)
    reference = REFERENT_SUBJECT_RX.search(clause[:its.start()] + " ") if its else None
    if reference:                                # "The conservation trust will use its $3,000 grant": the last trust
        ref = referent(noun=reference.group("ref").split()[-1].lower())
        if ref:
            return Link(ref, "referent_its_money", 1)
    if ITS_MONEY_OPENS_RX.fullmatch(clause) and ITS_MONEY_DOES_RX.match(after):
        ref = referent()                         # "A grant went to the Harbour Trust. Its $9,000 will pay for ..."
        if ref:
            return Link(ref, "referent_its_money", 1)
    if PRONOUN_SPENDS_RX.match(clause):          # "A is one of the groups funded. They will spend £X on ..."
        ref = referent()
        if ref:
            return Link(ref, "referent_receives", 1)
    fronted_for = FRONTED_FOR_RX.match(BULLET_RX.sub("", clause, count=1))
    if fronted_for and GRANT_NOUN_AFTER_RX.match(after):
        org = opening_org(re.sub(r"\s+in\s+(?:the\s+)?[A-Z].*$", "", fronted_for.group("org")))
        if org and org_like(org):               # "For the Harbour Trust in Lowmere, a $165,000 grant to ..."
            return Link(org, "fronted_recipient", 2)
    host = FRONTED_HOST_RX.match(clause)
    if host and HOSTED_NOUN_RX.match(after):
        m = name_ending_at(host.group("org"), len(host.group("org")))
        if m and m.start <= 4 and org_like(m.name):     # "At the University of Lowmere, a £4m centre will ..."
            return Link(m.name, "hosted_money", 2)
    return None


_CLAUSE_CUT_RX = re.compile(r";\s+|:\s+|\s[–—-]\s|(?<!\bSt)(?<!\bSte)(?<!\bMt)(?<!\bFt)(?<!\bDr)(?<!\bInc)(?<!\bLtd)(?<!\bCorp)(?<!\bPty)(?<!\bCo)(?<!\bc)(?<!\bca)(?<!\bapprox)\.\s+|,\s+(?:while|whereas|but|and)\s+|\s+while\s+|\s+whereas\s+|"
                            r"\s+but\s+")


def start_of_clause(before: str) -> int:
    cut = 0
    for m in _CLAUSE_CUT_RX.finditer(before):
        cut = m.end()
    return cut


# where a sentence is, fronted before its subject: "In North Westshire, ", "Elsewhere in Lowmere, "
FRONTED_WHERE_RX = re.compile(r"^\s*(?:(?:Elsewhere|Over|Meanwhile|Further\s+north|Further\s+south),?\s+)?(?:in|at|across)\s+"
                              r"(?:the\s+)?[A-Z][^,]{1,60},\s*", re.I)


def _money_first(clause: str) -> bool:
    """The amount opens its clause ("£5m will go to ..."), or follows only a preposition or article."""
    return bool(re.fullmatch(r"\s*(?:(?:and|with|of|a|an|the|another|plus|including|while|but|some|"
                             r"nearly|almost|around|about|over|more than|just over|just under)\s+)*", clause, re.I))


def _not_award(before: str, after: str) -> bool:
    if re.search(r"\btook\s+(?:\w+\s+){0,2}$", before) and re.match(r"^\s*(?:out|off|away|back)\b", after):
        return True          # "took £X out of its budget": money taken, not received
    # only what comes after any other amount: "X, whose turnover is £3m, received £Y" is Y received
    others = find_amounts(before)
    before = before[others[-1].end:] if others else before
    return bool(NOT_AWARD_RX.search(before[-35:]) or re.match(
        r"^\s*(?:loan|budget|bid|cut|reduction|a year|per year|annually|shortfall|deficit|overspend)\b",
        after, re.I) and not YEARLY_GRANT_RX.match(after))     # ("£X a year for three years" is a grant)
# what the money sets up and the organisation that hosts it: "$13m for the Center for X at the
# University of Y", "$15m to create a Center for X at the University of Y"
HOSTED_UNIT_RX = re.compile(r"^(?:Center|Centre|Institute|Laboratory|Lab|Hub|Unit|Programme|Program|Network|"
                            r"Observatory|Facility)\b")
CREATES_AT_RX = re.compile(r"^\s*(?:\w+\s+){0,2}?to\s+(?:create|establish|set\s+up|launch|build|found|start|fund|support|"
                           r"renew)\s+(?:a|an|the|its)\s+(?:new\s+)?(?:[A-Z][\w'’-]*\s+)?(?:(?:Center|Centre|Institute|"
                           r"Laboratory|Lab|Hub|Unit|Network|Observatory|Facility|centre|center|institute|hub|lab|unit)\b)"
                           r"[^,;.]{0,80}?\s+(?:at|based\s+at|hosted\s+by|within)\s+(?:the\s+)?(?P<host>[A-Z][^,;.]{2,80})")


def _host_of(name: str | None, after: str) -> str | None:
    """The organisation hosting what the money goes to, where the text names one; else the name."""
    if name is None:
        created = CREATES_AT_RX.match(after)
        if created:
            return opening_org(created.group("host"))
        led = LED_WORK_AFTER_RX.match(after)
        return opening_name(led.group("host")) if led else None
    if not HOSTED_UNIT_RX.match(name):
        return name
    at = after.find(name)
    host = re.match(r"\s+(?:at|based\s+at|hosted\s+by|within)\s+(?:the\s+)?(?P<host>[A-Z][^,;.]{2,80})",
                    after[at + len(name):]) if at >= 0 else None
    return (opening_org(host.group("host")) if host else None) or name


# the work the money goes to, and the organisation that leads it: "£X goes to a partnership led by
# the Harbour Trust", "£X is for Tidewatch, a four-year project led by Lowmere Foods"
LED_WORK_AFTER_RX = re.compile(r"^\s*,?\s*(?:(?:will\s+|is\s+to\s+)?(?:go|goes|going|went)\s+to|is\s+for|was\s+for|for)\s+"
                               r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
                               r"(?:partnership|project|consortium|programme|program|scheme|collaboration|study|team|"
                               r"initiative|alliance|network)\s+led\s+by\s+(?:the\s+)?(?P<host>[A-Z][^,;.]{2,80})")
AWARDED_TO_AFTER_RX = re.compile(r"^\s*(?:grant|award|allocation|contribution)\s+from\s+[^,;.]{3,100},\s+(?:awarded|given|"
                                 r"allocated|paid|going)\s+to\s+(?:the\s+)?(?P<org>[A-Z][^;.]{2,100})")
GOING_TO_RX = re.compile(r"^\s*(?:will\s+|is\s+to\s+)?(?:go|goes|going|went|gone)\s+to\s+(?:the\s+)?[A-Z]")
# "One organisation in Lowmere, Harbour Money CIC, was given £X": the name in apposition to a kind of body
APPOSITIVE_NAME_RX = re.compile(r"(?:^|[.;:]\s+)(?:One|An?|Another)\s+(?:[\w'’-]+\s+){0,3}?(?:organisation|organization|"
                                r"group|charity|club|enterprise|body|trust|project|venue)\b[^,]{0,60},\s*(?:the\s+)?"
                                r"(?P<name>[A-Z][^,]{2,80}),\s*$")
