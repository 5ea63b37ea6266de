"""Rule: a list introduced as awards ("The 11 projects that have been awarded funding are:")
gives one award per item: "Org - £X to do Y", "Project, Org - ...", "Org's Project", "Org - Place"."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.rules import names
from services.extractor.rules.base import AWARD_CUE_RX, SALARY_RX, Candidate, Context, award_money
from services.extractor.segments import Block, strip_bullet

SEP_RX = re.compile(r"\s+[–—-]\s+|\s*:\s+")
INTRO_END_RX = re.compile(r"(:|\b(?:are|include|were|is)\s*:?)\s*$", re.I)
NAV_RX = re.compile(r"\b(articles?|issues?|subscri\w+|membership|newsletter|jobs?|events?|cookies?|"
                    r"sign up|log ?in|menu|related|popular|share this|follow us)\b", re.I)


def award_lists(ctx: Context) -> Iterator[tuple[Block | None, list[Block]]]:
    """Runs of list items, each with the block that introduces it."""
    run: list[Block] = []
    intro: Block | None = None
    prev: Block | None = None
    for b in [*ctx.blocks, None]:
        if b is not None and b.kind == "item":
            if not run:
                intro = prev
            run.append(b)
        else:
            if run:
                yield intro, run
            run = []
            prev = b
    return


def is_award_intro(intro: Block | None, items: list[Block]) -> bool:
    with_money = sum(1 for it in items if award_money(it.units[0]))
    if intro is None:
        return with_money >= max(2, len(items) // 2)
    text = intro.text
    if NAV_RX.search(text) and not AWARD_CUE_RX.search(text):
        return False
    if INTRO_END_RX.search(text) and AWARD_CUE_RX.search(text):
        return True
    if INTRO_END_RX.search(text) and re.search(r"\b(they|these|those|the \w+)\s+(are|include)", text, re.I):
        return True
    return with_money >= max(2, len(items) // 2) and bool(AWARD_CUE_RX.search(text))


def is_place_list(text: str) -> bool:
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in {"and", "the", "of", "upon", "with"} for w in words)


def parse_item(block: Block) -> Candidate | None:
    unit = block.units[0]
    cut, body = strip_bullet(unit.text)
    body = body.strip()
    if SALARY_RX.search(body):
        return None
    money = award_money(unit)
    m = SEP_RX.search(body)
    lead, rest = (body[:m.start()], body[m.end():]) if m else (body, "")
    project = None
    locations: list[str] = []
    if not m:
        # "X's Child House project will get £744,000 to ...": the lead ends where the verb starts
        verb = re.search(r"\s+(?:will|has|have|is|are|was|were|gets|receives|to)\s", lead)
        if verb:
            lead = lead[:verb.start()]
        first_money = re.search(r"[£$€]|\b(?:EUR|GBP|USD)\b", lead)
        if first_money:
            lead = lead[:first_money.start()].rstrip(" (")
    lead, possessed = names.split_possessive(lead)
    project = possessed
    if "," in lead and not orgs.council(lead):
        first, _, last = lead.partition(",")
        if m and not is_place_list(rest) and names.acceptable(last.strip()):
            project, lead = first.strip(), last.strip()       # "Project, Org - what it does"
        else:
            lead, extra = first.strip(), last.strip()          # "Norfolk, with Rutland and ..."
            locations += [p.strip() for p in re.split(r",|\band\b|\bwith\b", extra) if p.strip()]
    if rest and is_place_list(rest):
        locations += [p.strip() for p in rest.split(",") if p.strip()]
    lead = re.sub(r"\s+and\s+\d+\s+[\w\s]+$", "", lead)  # "The Carers Network and 9 delivery partners"
    recipient, partners = names.split_joint(lead.strip())
    if len(recipient.split()) > 10 or not names.acceptable(recipient):
        return None
    if not m and not money and not possessed and len(body.split()) > 8:
        return None
    return Candidate(recipient, unit, money[0] if money else None, "list_item", partners, locations,
                     project, strength=3)


def list_items(ctx: Context) -> Iterator[Candidate]:
    for intro, items in award_lists(ctx):
        if not is_award_intro(intro, items):
            continue
        for item in items:
            cand = parse_item(item)
            if cand is not None:
                yield cand
