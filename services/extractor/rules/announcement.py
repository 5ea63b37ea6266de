"""Rule: the announcement itself — funder, programme, total ("£36m for 11 projects"), count, date."""
from __future__ import annotations

import re
from collections import Counter

from services.extractor.money import find_money
from shared.domain import AnnouncementFacts, TextDocument

FUNDER_RX = re.compile(
    r"\b(?P<f>(?:the\s+)?(?:(?:U\.S\.\s+)?Department\s+(?:for|of)\s+(?:[A-Z][\w,]*(?:\s+(?:and|,)?\s*)?){1,6}|"
    r"Ministry\s+(?:for|of)\s+(?:[A-Z][\w,]*(?:\s+(?:and\s+)?)?){1,6}|Home Office|Cabinet Office|"
    r"HM Treasury|Scottish Government|Welsh Government|European Commission|"
    r"National Lottery(?:\s+[A-Z]\w+)*\s+Fund|Arts Council England|UK Research and Innovation|"
    r"(?:[A-Z][\w']+\s+){1,4}(?:Endowment Fund|Foundation|Trust)|What Works for [A-Z][\w' ]+?Care|"
    r"Office of Justice Programs|Department of Justice))")
PROGRAMME_RX = re.compile(
    r"\b(?P<p>(?:[A-Z][\w'’,-]*\s+){1,7}(?:Fund|Programme|Program|Initiative|Scheme|Awards|Challenge|Grant Fund))\b"
    r"|\bthe\s+(?P<q>[\w'’ ,-]{3,60}?\s+(?:programme|fund|scheme|initiative))\b")
TOTAL_CUE_RX = re.compile(r"\b(for\s+\d+\s+\w+|share|sharing|total|worth|pot|fund|programme|boost|announced|"
                          r"set aside|in funding)\b", re.I)
COUNT_RX = re.compile(r"\b(\d+|eleven|twelve|ten|nine|eight|seven|six|five|four|three|two)\s+"
                      r"(?:[\w-]+\s+)?(projects|organisations|charities|areas|councils|co-?ordinators|"
                      r"partnerships|trailblazers|grants|recipients|local authorities)\b", re.I)
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12}
_BAD_PROGRAMME = re.compile(r"^(?:The|A|An|This|Its|Their|Our)\s", re.I)


def announcement_facts(doc: TextDocument) -> AnnouncementFacts:
    head = "\n".join(filter(None, [doc.title, doc.text[:1500]]))
    facts = AnnouncementFacts(announced_on=doc.published)
    funders = Counter(_tidy(m.group("f")) for m in FUNDER_RX.finditer(doc.text[:6000]))
    if funders:
        facts.funder = funders.most_common(1)[0][0]
    programmes = Counter()
    for m in PROGRAMME_RX.finditer(doc.text[:6000]):
        name = _tidy(m.group("p") or m.group("q") or "")
        if name and not _BAD_PROGRAMME.match(name) and name != facts.funder:
            programmes[name] += 1
    if programmes:
        facts.programme = programmes.most_common(1)[0][0]
    for line in head.splitlines():
        for money in find_money(line):
            if money.qualifier in ("up to",):
                continue
            if TOTAL_CUE_RX.search(line[max(0, money.start - 60):money.end + 40]):
                facts.total_amount, facts.currency, facts.approximate = money.value, money.currency, money.approximate
                break
        if facts.total_amount is not None:
            break
    count = COUNT_RX.search(head)
    if count:
        n = count.group(1).lower()
        facts.projects = int(n) if n.isdigit() else WORDS.get(n)
    return facts


def _tidy(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(" ,.;"), flags=re.I)
    return re.sub(r"\s+", " ", name).strip(" ,")
