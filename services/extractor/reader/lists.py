"""List items that name awards: one award per item of a list that the text around it introduces as
awards ("The winning cities are:", "Seven of the ten are listed below:"), or whose items each name an
organisation with an amount.

An item is read by its shape: "Org – £X to do Y", "Org, Place — £X for Y", "Place, State – what it
will do" (a place standing for its council), "Project, Org – ...", "Org: doing Y (£X)", or a sentence
("Org, which already runs Y, receives £X to ..."). An item without its own amount takes the amount
said of each winner just before the list ("Each winning city will receive $1 million")."""
from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.reader import prose
from services.extractor.reader.amounts import WORD_NUMBERS, is_cap
from services.extractor.reader.units import COLUMNS_HEADER_RX, introduces_awards
from services.extractor.reader.mentions import (known_place, leading_recipient, opening_org, org_like, split_joint,
                                                split_possessive)
from services.extractor.rules import lists as old_lists
from services.extractor.rules import names
from services.extractor.reader.money import AMOUNT_ALONE_RX, about_pay, award_money
from services.extractor.rules.base import AWARD_CUE_RX, Candidate, Context
from services.extractor.segments import Block, Unit, strip_bullet

# an item's lead naming the body and the one it works with: "Lowmere RSL Sub Branch with Quay Adaptive Sport"
WITH_PARTNER_RX = re.compile(r"(?P<lead>[A-Z].+?)\s+(?:with|in\s+partnership\s+with|and\s+partners?)\s+(?:the\s+)?(?P<partner>[A-Z].+)")
SEP_RX = re.compile(r"\s+[–—-]\s+|\s*:\s+|\s*:(?=[£$€])")
INTRO_CUE_RX = re.compile(r"\b(?:winn\w*|won|chosen|selected|successful|approved|awarded|funded|fund\w*|"
                          r"receiv\w*|grantees?|recipients?|beneficiar\w*|shortlist\w*|allocations?|award\w*|"
                          r"grants?|backed|supported|invest\w*|share\w*|listed below|are as follows)\b", re.I)
# between an item's name and its amount: a place (", Lowmere, "), an aside in brackets ("(formerly
# Tide Arts), "), the kind of body the name is ("Tidemark museum, ")
NAME_AMOUNT_GAP_RX = re.compile(r"\.?(?:\s+(?:museum|gallery|theatre|theater|festival|charity|group|bookstore|"
                                r"nonprofit|organi[sz]ation|centre|center|project|collective)\b)?"
                                r"(?:\s*\([^()]{1,80}\))?(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?\s*[,:(\[]?\s*"
                                r"(?:for\s+)?")
PRICE_RX = re.compile(r"\b(?:from|tickets?|per|an hour|a month|fitted|deals?|offers?|save|sale|subscri\w+|"
                      r"members?|entry|admission|booking)\b", re.I)


LOAN_INTRO_RX = re.compile(r"\b(?:loans?|lending|lent|borrowing|repayable)\b", re.I)
GRANT_WORD_RX = re.compile(r"\b(?:grants?|awards?|awarded|prizes?|donations?)\b", re.I)


def list_items(ctx: Context) -> Iterator[Candidate]:
    for intro, items in old_lists.award_lists(ctx):
        if intro is not None and LOAN_INTRO_RX.search(intro.text) and not GRANT_WORD_RX.search(intro.text):
            continue          # "The nine initiatives receiving loans totalling $48m are:": lent, not given
        introduced = _introduced(ctx, intro, items)
        each = _each_amount(ctx, intro, items)
        paired = _paired(ctx, items)
        if paired is not items:            # a name's own "up to £X" is its amount
            with_money = sum(1 for it in paired if award_money(it.units[0], caps=True))
        else:
            with_money = sum(1 for it in items if award_money(it.units[0]))
        if not introduced and with_money < max(2, (len(paired) + 1) // 2):
            continue
        for item in paired:
            cand = parse_item(item, each)
            if cand is not None and (introduced or cand.money is not None):
                yield cand




# an intro that says the list splits one award into its parts: "the money would be split as follows:"
SPLIT_INTRO_RX = re.compile(r"\b(?:split|broken\s+down|divided|spread|shared\s+out)\s+(?:as\s+follows|like\s+this|"
                            r"between|among|across)\b", re.I)


def award_part(ctx: Context, cand: Candidate) -> bool:
    """A candidate read from an item of a list that splits one award into its parts ("the money would be
    split as follows: - Lowmere Park – $1.7m for lighting"), naming no body of its own."""
    i = cand.unit.block
    if not (0 <= i < len(ctx.blocks)) or ctx.blocks[i].kind != "item" or org_like(cand.recipient):
        return False
    while i > 0 and ctx.blocks[i].kind == "item":
        i -= 1
    return SPLIT_INTRO_RX.search(ctx.blocks[i].text) is not None


# a list item's lead naming a figure of the whole round rather than a recipient
STATISTIC_LEAD_RX = re.compile(r"(?:the\s+)?(?:largest|smallest|biggest|average|median|mean|total|typical|highest|lowest|"
                               r"maximum|minimum|top)\b(?:\s+[\w-]+){0,2}\s*$", re.I)


def _paired(ctx: Context, items: list[Block]) -> list[Block]:
    """A definition list written out as items ("- Harbour Arts Association, Lowmere" then "- up to
    $90,896"): each name item and the amount item after it made one item, whose text runs from the
    name to the amount."""
    bodies = [strip_bullet(it.units[0].text)[1].strip() if it.units else "" for it in items]
    # (a definition may go on after its amount: "- $120,000 for the Harbour Fund, which the foundation manages.")
    alone = [bool((lead := AMOUNT_ALONE_RX.match(b)) and (lead.end() == len(b) or
                                                       re.match(r"[\s,]+(?:for|to|from|a|an)\b", b[lead.end():])))
             for b in bodies]
    terms = bodies[::2]
    if sum(alone) < 2 or sum(alone) * 2 != len(items) or alone[0] or not all(alone[1::2]) or \
            any(len(t.split()) > 10 or t.endswith((";", ":")) or t.endswith(".") and len(t.split()[-1]) > 5
                for t in terms):      # (a term may end in an abbreviation: "Harbour Foundation, Lowmere, Va.")
        return items
    out = []
    for name, amount in zip(items[::2], items[1::2]):
        text = ctx.doc.text[name.start:amount.end]
        unit = Unit("item", text, name.start, amount.end, name.units[0].block)
        out.append(Block("item", text, name.start, amount.end, [unit]))
    return out


# the intro counts the recipients the list names: "Seventeen organizations will receive ..." over 17 items
COUNTED_RECIPIENTS_RX = re.compile(r"\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,2}?(?:organi[sz]ations|groups|"
                                   r"charities|projects|clubs|nonprofits|bodies|recipients|grantees)\s+(?:will\s+(?:each\s+)?"
                                   r"receive|received|have\s+been\s+(?:awarded|selected|funded|chosen)|were\s+(?:awarded|"
                                   r"selected|funded|chosen)|(?:will\s+)?share)\b", re.I)


def _counted(intro: Block | None, items: list[Block]) -> bool:
    """The intro says how many receive, and the list names that many."""
    m = COUNTED_RECIPIENTS_RX.search(intro.text) if intro is not None else None
    if m is None:
        return False
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else sum(WORD_NUMBERS.get(w, 0) for w in word.split("-"))   # ("twenty-one")
    return bool(n) and n >= 3 and abs(len(items) - n) <= 1


def _introduced(ctx: Context, intro: Block | None, items: list[Block]) -> bool:
    if _cue_elsewhere(intro):
        return False
    if _counted(intro, items) or intro is not None and COLUMNS_HEADER_RX.fullmatch(intro.text.strip()):
        return True           # (or a header naming the columns over them: "Applicant Amount Granted")
    if old_lists.is_award_intro(intro, items):
        return True
    if intro is None:
        return False
    text = intro.text
    if old_lists.NAV_RX.search(text) and not AWARD_CUE_RX.search(text):
        return False
    before = _text_before(ctx, items[0], 2)
    if intro.kind == "heading" and COUNT_HEADING_RX.fullmatch(text.strip()) and INTRO_CUE_RX.search(before):
        return True           # "... the panel chose six awardees." then a heading "The six" over the list
    return bool(re.search(r"(?::|\b(?:are|include|were|below)\s*:?)\s*$", text.strip())
                and (INTRO_CUE_RX.search(text) or INTRO_CUE_RX.search(before))) or introduces_awards(text)


# a heading that names the recipients listed under it by their number or as such: "The six",
# "The 12 winners", "This year's recipients", "Who got funding"
COUNT_HEADING_RX = re.compile(r"(?:(?:The|Our|This\s+year['’]s|This\s+round['’]s)\s+(?:(?:\d+|two|three|four|five|six|seven|"
                              r"eight|nine|ten|eleven|twelve)\s*)?(?:(?:new|successful|funded|chosen)\s+)?(?:winners|"
                              r"recipients|awardees|grantees|projects|organisations|organizations|groups|charities)?|"
                              r"Who\s+(?:got|gets|received|receives|won)\s+(?:the\s+)?(?:funding|grants?|money|awards?))[:.]?",
                              re.I)


def _cue_elsewhere(intro: Block | None) -> bool:
    """An intro ending in a colon whose last sentence says nothing of awards, the word that did being
    in a sentence before it ("... nearly £7m is expected to be awarded. Groups should pick the one that
    fits:" lists funds to apply to)."""
    if intro is None or len(intro.units) < 2 or not intro.text.rstrip().endswith(":"):
        return False
    last = intro.units[-1].text
    return not AWARD_CUE_RX.search(last) and not INTRO_CUE_RX.search(last) and \
        not re.search(r"\b(?:they|these|those|the\s+\w+)\s+(?:are|include|were)\s*:?\s*$", last, re.I)


def _text_before(ctx: Context, first: Block, n: int) -> str:
    i = ctx.blocks.index(first)
    return " ".join(b.text for b in ctx.blocks[max(0, i - n):i])


def _each_amount(ctx: Context, intro: Block | None, items: list[Block]):
    """The amount said of each recipient in the few blocks before the list (back to a heading), if any."""
    i = ctx.blocks.index(items[0])
    for b in reversed(ctx.blocks[max(0, i - 6):i]):
        if b.kind == "heading":
            break
        for u in b.units:
            for money in award_money(u):
                a, e = money.start - u.start, money.end - u.start
                if prose.DISTRIBUTIVE_AFTER_RX.match(u.text[e:]) or prose.TO_EACH_RX.match(u.text[e:]) or \
                        prose.DISTRIBUTIVE_BEFORE_RX.search(u.text[:a][-40:]):
                    return money
    return None


# an item's lead that names a fund or programme in lower case ("Pacific arts fund"), and the count
# of projects its amount is the total of
PROGRAMME_LEAD_RX = re.compile(r"\b[a-z][\w-]*\s+(?:fund|funds|programme|program|scheme|grants)\s*(?:\([^)]*\))?\s*$")
COUNTED_TOTAL_RX = re.compile(r"^\s*\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:projects|grants|awards|organisations|organizations|"
                              r"applicants|groups)\s+(?:totalling|totaling|worth|sharing|received|were|have|got)\b", re.I)


def parse_item(block: Block, each=None) -> Candidate | None:
    """The award one list item names."""
    unit = block.units[0]
    cut, body = strip_bullet(unit.text)
    body = body.strip()
    if about_pay(body) or len(body) < 3:
        return None
    # (an item's "up to £X" is the most its one named recipient gets: its award, approximate)
    monies = [replace(m, approximate=True) if is_cap(m) else m for m in award_money(unit, caps=True)]
    if monies and PRICE_RX.search(body[:monies[0].start - unit.start - cut + 1][-20:]):
        return None
    if monies and prose.NOT_AWARD_RX.search(unit.text[max(0, monies[0].start - unit.start - 30):
                                                      monies[0].start - unit.start]):
        return None          # "Youth services: a saving of £1.2m"
    m = _top_level_sep(body)
    lead, rest = (body[:m.start()], body[m.end():]) if m else (body, "")
    if m and STATISTIC_LEAD_RX.match(lead):
        return None          # "Largest grant: €13,470", "Average award – £2,100": a figure of the round, no one's
    if m and monies and _amount_alone(unit, monies[0], lead):
        return _amount_first(unit, monies[0], rest)
    placed = _bracketed_places(body) if not m else None
    if placed:                   # "The Harbour Herald (Lowmere and Eastbrook, SC)": a name and where it works
        name, where = placed
        return Candidate(name, unit, monies[0] if monies else each, "list_item", locations=where, strength=3)
    if not m or re.search(r"\b(?:receives?|received|has been|have been|was|were|will|secured|won|gets|got)\b",
                          lead):
        return _sentence_item(unit, monies, each)
    if monies and re.search(r"\b(?:receives?|received|was|were|has been|have been|secured|won|gets|got)\b", rest):
        linked = _sentence_item(unit, monies, None)   # "Project: what it is — the Northvale Trust was awarded £X"
        if linked is not None and linked.money is not None:
            linked.project = linked.project or lead.strip()
            return linked
    if PROGRAMME_LEAD_RX.search(lead) or COUNTED_TOTAL_RX.match(rest):
        return None          # "Harbour arts fund – 60 projects totalling $1.2m": a programme's total
    placed = _placed_item(unit, lead, rest, monies[0] if monies else each) if m else None
    if placed is not None:
        return placed
    lead, possessed = split_possessive(lead)
    recipient, locations, project = _read_lead(lead)
    if recipient is None:
        return None
    recipient, partners = split_joint(recipient)
    working = WITH_PARTNER_RX.fullmatch(recipient)
    if working and (org_like(working.group("lead")) or len(working.group("lead").split()) >= 3) and \
            org_like(working.group("partner")):
        recipient, partners = working.group("lead"), [working.group("partner"), *partners]   # "A with B – £X"
    if not (names.acceptable(recipient) or FRENCH_NAME_RX.fullmatch(recipient)) or len(recipient.split()) > 10:
        return None
    money = monies[0] if monies else each
    return Candidate(recipient, unit, money, "list_item", partners, locations, possessed or project, strength=3)


def _placed_item(unit: Unit, lead: str, rest: str, money) -> Candidate | None:
    """"Westshire: Harbour Rovers AFC - Quayside, sports complex (€75,000)": an item led by the place it is
    in, then the organisation and what its money is for."""
    if not known_place(lead.strip()) or orgs.has_org_word(lead):
        return None
    inner = _top_level_sep(rest)
    head = rest[:inner.start()] if inner else re.sub(r"\s*\([^()]*\)\s*$", "", rest)
    name = leading_recipient(head)
    if not name or len(name.split()) < len(head.split()) - 1 or not (org_like(name) or len(name.split()) >= 2):
        return None
    project = re.sub(r"\s*\([^()]*\)\s*\*?$", "", rest[inner.end():]).strip() if inner else None
    return Candidate(name, unit, money, "list_item", locations=[lead.strip()], project=project or None, strength=3)


def _amount_alone(unit: Unit, money, lead: str) -> bool:
    """An item's lead that is its amount alone, with a word of how near ("€19m — Harbour County Council, for ...")."""
    said = unit.text[money.start - unit.start:money.end - unit.start]
    rest = lead.replace(said, "", 1)
    return said in lead and re.fullmatch(r"\s*(?:about|around|nearly|almost|over|up\s+to)?\s*", rest, re.I) is not None


def _amount_first(unit: Unit, money, rest: str) -> Candidate | None:
    """"€19m — Harbour County Council, for phase one", "€7m — Eastbrook GAA's centre of excellence":
    the organisation the rest opens with (the owner of what it names)."""
    name = leading_recipient(rest)
    if name is None:
        return None
    owner, owned = split_possessive(name)
    recipient, partners = split_joint(owner)
    if not (org_like(recipient) or orgs.council(recipient) or len(recipient.split()) >= 2) or orgs.is_place(recipient):
        return None
    return Candidate(recipient, unit, money, "list_item", partners, project=owned, strength=3)


def _top_level_sep(body: str) -> re.Match[str] | None:
    """The first separator of an item's lead from the rest that lies outside brackets ("Lowmere
    (Quay Scheme (QS): transport): £2m" separates at the last colon)."""
    for m in SEP_RX.finditer(body):
        if body.count("(", 0, m.start()) <= body.count(")", 0, m.start()):
            return m
    return None


# a centre, lab or institute named before the organisation that hosts it
UNIT_NAME_RX = re.compile(r"\b(?:Center|Centre|Laboratory|Lab|Institute|Hub|Observatory)\b")
LED_ITEM_RX = re.compile(r"^(?:an?|the)\s+(?:[\w()-]+\s+){0,4}?(?:centre|center|project|hub|consortium|programme|"
                         r"program|network|partnership|team|institute|unit|study)\s+(?:\w+\s+){0,2}?led\s+by\s+"
                         r"(?:the\s+|The\s+)?(?P<org>[A-Z][^,;]{2,120})")
_UNIT = r"^(?P<unit>[^,]*?\b(?:Center|Centre|Laboratory|Lab|Institute|Hub|Observatory)\b[^,]*?)"
HOSTED_ITEM_RXS = (re.compile(_UNIT + r",\s*(?P<host>[A-Z][^,;]+)"),                      # "Centre for X, University of Y"
                   re.compile(_UNIT + r"\s+at\s+(?:the\s+)?(?P<host>[A-Z][^,;]+)"))        # "Centre for X at the University of Y"
# "Lowmere (Harbour Quarter Regeneration)": the recipient, with what its money is for in brackets
BRACKETED_PROJECT_RX = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<project>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*\*?$")


# an item that is a name and its amount in brackets: "Conseil culturel de Lowmere ($125,000)"
BRACKETED_AMOUNT_RX = re.compile(r"^\s*(?P<name>[^()]+?)\s*\(\s*(?P<amount>[^()]+?)\s*\)\s*\.?\s*$")


# a French name written in sentence case, as French names are: "Alliance des femmes de la francophonie
# canadienne", "Centre d'accueil des nouveaux arrivants de Lowmere"
FRENCH_NAME_RX = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?=.*\s(?:de|des|du|la|le|les|et|pour|[dl]['’]))"
                            r"(?:\s+(?:[dl]['’]\w[\w'’-]*|[a-zà-ÿ][\w'’-]*|[A-ZÀ-Þ][\w'’.-]*)){1,10}")


# a name that ends in a list of fields: its head ("... for Women in Science"), and each field after a comma
FIELDS_HEAD_RX = re.compile(r"\b(?:in|of|for)\s+[A-Z][\w-]*$")
FIELD_RX = re.compile(r"(?:(?:and|&)\s+)?[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*)?")


# a company's legal form, written after a comma: "Inc.", "LLC", "Ltd"
LEGAL_FORM_RX = re.compile(r"(?:Inc|LLC|Ltd|Limited|Corp|PBC)\.?$")


def _bracketed_places(text: str) -> tuple[str, list[str]] | None:
    """"The Harbour Herald (Lowmere and Eastbrook, SC)", "Quay Assembly (statewide in Westshire)": a
    name and, in brackets, the places it works in (a state's two letters left out)."""
    bracketed = BRACKETED_PROJECT_RX.match(text.strip())
    if not bracketed:
        return None
    where = re.sub(r"^(?:statewide|nationwide|countywide|based|serving)\s+(?:in\s+)?", "", bracketed.group("project"))
    places = [p.strip() for p in re.split(r",|\s+and\s+|\s*&\s*", where)]
    states = [p for p in places if re.fullmatch(r"[A-Z]{2}", p)]
    if not (all(places) and len(states) < len(places) and all(_place_like(p) or p in states for p in places)):
        return None
    if not (states or where != bracketed.group("project") or all(known_place(p) for p in places)):
        return None         # "Lowmere (Harbour Quarter Regeneration)": a project's name, not where
    name = leading_recipient(bracketed.group("name"))
    if not name or len(name.split()) < len(bracketed.group("name").split()) - 2:
        return None
    return name, [p for p in places if p not in states]


def _read_lead(lead: str) -> tuple[str | None, list[str], str | None]:
    """(recipient, locations, project) of an item's lead: "Org", "Org, Place", "Place, State",
    "Project, Org", "Org (Project)"."""
    lead = re.sub(r"\s+and\s+\d+\s+[\w\s]+$", "", lead)        # "A and 12 delivery partners"
    bracketed = BRACKETED_PROJECT_RX.match(lead.strip())
    placed = _bracketed_places(lead)
    if placed:
        return placed[0], placed[1], None
    if bracketed and len(bracketed.group("project").split()) >= 2:
        name = leading_recipient(bracketed.group("name"))
        if name and len(name.split()) >= len(bracketed.group("name").split()) - 2:   # a place after it cut
            return name, [], bracketed.group("project").strip()
        if FRENCH_NAME_RX.fullmatch(bracketed.group("name").strip()):
            return bracketed.group("name").strip(), [], bracketed.group("project").strip()
    # (a state or county after a town in brackets is where it is too: "Harbourton (Qld)")
    parts = [re.sub(r"\s*\([A-Z][A-Za-z.]{1,5}\)$", "", p.strip()) for p in lead.split(",") if p.strip()]
    for n in range(len(parts) - 1, 0, -1):
        if LEGAL_FORM_RX.fullmatch(parts[n]):      # "Harbour Friends, LLC": one name
            parts[n - 1:n + 1] = [f"{parts[n - 1]}, {parts[n]}"]
    if len(parts) == 1 and LEGAL_FORM_RX.search(parts[0]) and "," in parts[0]:
        return parts[0], [], None
    if not parts:
        return None, [], None
    if orgs.council(lead):
        return lead, [], None
    first, last, others = parts[0], parts[-1], parts[1:]
    if len(parts) >= 3 and FIELDS_HEAD_RX.search(first) and re.search(r"(?:^|\s)(?:and|&)\s", last) and \
            all(FIELD_RX.fullmatch(p) and not known_place(p) for p in others):
        return lead.strip(), [], None      # "Coalition for Women in Science, Engineering, Trades and Technology"
    if len(parts) >= 2 and UNIT_NAME_RX.search(first) and orgs.has_org_word(parts[1]) and \
            not UNIT_NAME_RX.search(parts[1]):
        return leading_recipient(parts[1]), parts[2:], first    # "Centre for X, University of Y, Place": the host
    if len(parts) == 1:
        name = leading_recipient(first)
        if FRENCH_NAME_RX.fullmatch(re.sub(r"\s*\([A-Z][A-Za-z.&]{1,12}\)$", "", first)) and \
                (not name or len(name.split()) < len(first.split())):
            return re.sub(r"\s*\([A-Z][A-Za-z.&]{1,12}\)$", "", first), [], None
        return (name if name and len(name.split()) >= len(first.split()) - 2 else None), [], None
    if (org_like(first) or all(orgs.is_place(p) for p in others)) and all(_place_like(p) for p in others):
        return leading_recipient(first), others, None                     # "Org, Place"
    if len(first.split()) <= 2 and all(_place_like(p) and len(p.split()) <= 2 for p in others) \
            and not orgs.has_org_word(first):
        name = leading_recipient(first)                                   # "Place, State"
        return name, ([name, *others] if name else []), None
    if len(parts) == 2 and len(first.split()) >= 2 and re.fullmatch(r"[A-Z][\w'’-]+", last) and \
            not org_like(last) and not last.isupper():
        return leading_recipient(first), [last], None                     # "Org, Town": one word naming no body
    if names.acceptable(last) and not orgs.council(first):
        return leading_recipient(last), [], first                         # "Project, Org"
    return leading_recipient(first), [], None


def _place_like(text: str) -> bool:
    """A short capitalised name without organisation words: a town, county, state or region."""
    if orgs.is_place(text):
        return True
    words = text.split()
    return 0 < len(words) <= 4 and all(w[0].isupper() or w in ("and", "of", "upon", "the") for w in words) \
        and not org_like(text)


# what an item says after its organisation: what the money is for, after where it is ("A, Lowmere, for a new
# roof", "A, to rebuild the hall", "A for its project")
ITEM_PURPOSE_RX = re.compile(r"^(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?\s*,?\s+(?:for|to|towards?)\s")


def _sentence_item(unit: Unit, monies, each) -> Candidate | None:
    """An item written as a sentence: its amount linked by the prose structure, or, with the amount
    said of each winner, the organisation it opens with."""
    french = BRACKETED_AMOUNT_RX.match(strip_bullet(unit.text)[1])
    if monies and french and FRENCH_NAME_RX.fullmatch(french.group("name")) and \
            french.group("amount") in unit.text[monies[0].start - unit.start:monies[0].end - unit.start + 2]:
        return Candidate(french.group("name"), unit, monies[0], "list_item", strength=3)   # "Conseil culturel de X (£Y)"
    for money in monies:
        link = prose.link_money(unit.text, money.start - unit.start, money.end - unit.start)
        if link:
            recipient, partners = split_joint(link.recipient)
            return Candidate(recipient, unit, money, "list_sentence", partners, strength=3)
    body = strip_bullet(unit.text)[1]
    led_by_amount = _amount_led(unit, monies, body)
    if led_by_amount is not None:
        return led_by_amount
    host, hosted = None, None
    for rx in HOSTED_ITEM_RXS:
        hosted = rx.match(body)
        host = leading_recipient(hosted.group("host")) if hosted and orgs.has_org_word(hosted.group("host")) else None
        if host:
            break
    if host and not monies:          # "Centre for Tidal Energy, University of Lowmere": the host's award
        return Candidate(host, unit, each, "list_item", project=hosted.group("unit").strip(), strength=2)
    led = LED_ITEM_RX.match(body)
    leader = opening_org(led.group("org")) if led and not monies else None
    if leader:        # "a centre led by the University of Lowmere which will train ...": the leader's award
        return Candidate(leader, unit, each, "list_item", strength=2)
    name = leading_recipient(body)
    if name is None:
        return None
    name, _ = split_possessive(name)
    recipient, partners = split_joint(name)
    rest = body[body.find(name) + len(name):] if name in body else ""
    named_org = orgs.has_org_word(recipient) or orgs.council(recipient) or len(recipient.split()) >= 2 \
        or re.fullmatch(r"[A-Z]{2,}\w*", recipient)
    at = unit.text.find(name)
    laid_out = bool(monies) and at >= 0 and \
        NAME_AMOUNT_GAP_RX.fullmatch(unit.text, at + len(name), monies[0].start - unit.start) is not None
    if not named_org and re.match(r"^\s+[a-z]", rest) and not laid_out:
        return None          # "Understand the way ...": an item opening with a verb
    if len(body.split()) > 12 and not monies and each is None and not re.match(r"^['’]s\s", rest) and \
            not (named_org and ITEM_PURPOSE_RX.match(rest)):
        return None
    if each is not None or not monies:
        return Candidate(recipient, unit, each, "list_item", partners, strength=2)
    if laid_out:              # "Harbour Trust £4,000", "Harbour Trust of Lowmere for $4,000"
        recipient, place = _of_place(recipient)
        return Candidate(recipient, unit, monies[0], "list_item", partners, [place] if place else [], strength=3)
    return None


# what an item that opens with its amount says before the organisation: "for a new roof at the",
# "toward a van for", "to replace the kitchen of"
AMOUNT_LED_RX = re.compile(r"^\s*(?:for|to|toward|towards)\s+(?P<purpose>[a-z][^.;:()A-Z]{0,80}?)\s+"
                           r"(?:at|for|of|by|with)\s+(?:the\s+)?(?=[A-Z])")


def _amount_led(unit: Unit, monies, body: str) -> Candidate | None:
    """"$89,000 for kitchen equipment at the Harbour Community Kitchen Society", "$34,000 toward a van
    for the Lowmere Players Society, a touring company": an item that opens with its amount and names
    what it pays for before the organisation it goes to."""
    if not monies:
        return None
    money = monies[0]
    at = money.start - unit.start - (len(unit.text) - len(body))
    if at < 0 or not re.fullmatch(r"\s*(?:about|around|nearly|almost|over|up\s+to)?\s*", body[:at], re.I):
        return None
    rest = unit.text[money.end - unit.start:]
    m = AMOUNT_LED_RX.match(rest)
    name = leading_recipient(rest[m.end():]) if m else None
    if not name or not org_like(name) or known_place(name):
        return None
    recipient, partners = split_joint(split_possessive(name)[0])
    return Candidate(recipient, unit, money, "list_item", partners, project=m.group("purpose"), strength=3)


# the heads of names that go on with "of" ("University of Lowmere", "Friends of Harbour Park")
OF_HEAD_RX = re.compile(r"\b(?:University|College|Club|Friends|Society|Museum|Bank|Council|City|County|Town|Village|"
                        r"Borough|District|Institute|School|Schools|Department|Church|Diocese|Association|Federation|"
                        r"Board|Trust|Foundation|Fund|Academy|Chamber|League|Union|Order|Sisters|Brothers|Daughters|"
                        r"Sons|Knights|House|Hospital|Centre|Center|Office|Ministry|Province|State|Port|Isle|"
                        r"Bishop|Archdiocese|Parish|Guild|Company|Corporation|Commonwealth|Republic|Kingdom)"
                        r"\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")
OF_PLACE_RX = re.compile(r"^(?P<name>.+?\S)\s+of\s+(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,1})$")


def _of_place(name: str) -> tuple[str, str | None]:
    """"Lanternfish Arts Inc. of Lowmere" is Lanternfish Arts Inc., in Lowmere; "University of
    Lowmere" and "Boys and Girls Club of Lowmere" are names that go on with "of"."""
    m = OF_PLACE_RX.match(name)
    if not m or OF_HEAD_RX.search(name) or org_like(m.group("place")):
        return name, None
    return m.group("name"), m.group("place")
