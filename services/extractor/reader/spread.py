"""Money read across a sentence's parts or across units: amounts said of each of several
recipients ("will each receive $2m"), the title's award, an amount said again ("the same amount"),
money referred to later ("this money", "the grant"), and bodies said to receive without an amount."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from services.extractor import orgs
from services.extractor.reader.clauses import subject_of
from services.extractor.reader.mentions import (
    is_person,
    known_place,
    leading_recipient,
    name_ending_at,
    names_in,
    opening_name,
    opening_org,
    org_like,
    recipient_after,
    split_joint,
    without_place_tail,
)
from services.extractor.reader.money import award_money
from services.extractor.reader.prose import (
    DISTRIBUTIVE_AFTER_RX,
    DISTRIBUTIVE_BEFORE_RX,
    RECEIVE_VERB,
    TO_EACH_RX,
    Link,
    link_money,
    start_of_clause,
)
from services.extractor.rules import names
from services.extractor.rules.base import AWARD_CUE_RX, NEGATIVE_RX, Candidate, Context
from services.extractor.segments import Unit
from shared.domain import Money

# a sentence about each of several named before the amount: "Each of the three charities (A, B and C)
# will get £X"
EACH_OF_OPENS_RX = re.compile(r"^\s*(?:And\s+)?Each\s+of\s+(?:the|these|those|our)\s+", re.I)


# what says the money goes to each, besides the award words: "A and B each get £X"
EACH_GETS_RX = re.compile(r"\b(?:get|gets|got|getting|give|gives|gave|giving|given|hand|hands|handed|handing|take|takes|took|"
                          r"offer|offers|offered|go|goes|went|going|pay|pays|paid|split|splits)\b", re.I)


def distributive(ctx: Context) -> Iterator[Candidate]:
    """"A and B will each receive £X", "the nine winners each get £X" followed (or preceded) by the
    list of winners, "£X to each of A, B and C": every named recipient gets the amount."""
    units = ctx.units()
    for i, unit in enumerate(units):
        if unit.kind not in ("sentence", "heading", "item"):
            continue
        for money in award_money(unit):
            a, b = money.start - unit.start, money.end - unit.start
            before, after = unit.text[:a], unit.text[b:]
            if not (DISTRIBUTIVE_AFTER_RX.match(after) or DISTRIBUTIVE_BEFORE_RX.search(before[-40:])
                    or TO_EACH_RX.match(after) or EACH_OF_OPENS_RX.match(before) or GROUPS_LIKE_RX.match(after)):
                continue
            if re.search(r"\bup\s+to\s*$|\bbetween\s*$", before[-12:], re.I):
                continue
            if not (AWARD_CUE_RX.search(unit.text) or EACH_GETS_RX.search(unit.text)):
                continue          # "Round bales, first cut, $45 each": a price, not a grant to each
            giver = ACTIVE_GIVE_RX.search(before)
            counted = COUNTED_IN_PLACE_RX.search(before)
            if giver:           # "The Fund has also funded two Lowmere University projects with £Xm each"
                named = _named_in(before[giver.end():], least=1)
            elif counted:       # "Three organisations in Westshire will each receive £X. The money goes to A, B and C."
                told = next(((j, m) for j in range(i + 1, min(len(units), i + 3))
                             if (m := REFERRED_MONEY_RX.match(units[j].text))), None)
                named = [without_place_tail(n) for n in _named_in(told[1].group("rest"))] if told else []
                if named:
                    end = units[told[0]].end
                    unit = Unit(unit.kind, ctx.doc.text[unit.start:end], unit.start, end, unit.block)
            elif GROUPS_LIKE_RX.match(after):
                named = _named_in(_to_each_list(after))
            else:
                named = _named_in(before) or _named_in(_to_each_list(after)) or _colon_listed(after)
            if named:
                for name in named:
                    yield Candidate(name, unit, money, "each_named", strength=2)
                continue
            for item_unit, name in _list_near(ctx, units, i):
                yield Candidate(name, item_unit, money, "each_listed", strength=2)


# "Three organisations in Westshire", "five groups across Lowmere": how many, and where (no names of theirs)
COUNTED_IN_PLACE_RX = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:[\w-]+\s+){0,2}?"
                                 r"(?:organi[sz]ations|groups|charities|projects|clubs|schools|bodies|communities|"
                                 r"nonprofits|non-profits)\s+(?:in|across|from|around|throughout)\s+", re.I)
# an active giving verb: the name before it gives, the names after it receive
ACTIVE_GIVE_RX = re.compile(r"\b(?:has|have|had|will)\s+(?:also\s+)?(?:funded|awarded|granted|given|backed|supported)\b"
                            r"|\b(?:funded|awarded|granted|gave|backed)\s+(?=(?:the\s+)?(?:two|three|four|five|\d+)\s)")


PROGRAMME_AFTER_RX = re.compile(r"\s+(?:fund|programme|program|scheme|initiative|grants?)\b", re.I)


def _named_in(text: str, least: int = 2) -> list[str]:
    """Recipients enumerated in a phrase ("Riverton and Lakeside", "A, B and C"): at least `least`."""
    text = re.sub(r"^.*\b(?:to|for)\s+each\s+of\s+(?:the\s+)?", "", text, flags=re.I)
    found = []
    for m in names_in(text):
        if is_person(text, m) or PROGRAMME_AFTER_RX.match(text, m.end):
            continue          # "the Growth and Participation fund": a programme's name
        if m.start == 0 and " " not in m.name and not org_like(m.name) and not orgs.is_place(m.name) and \
                not m.name.isupper() and re.match(r"\s+[a-z]", text[m.end:]):
            continue          # "Further down the list, A and B each receive": a sentence's first word
        pieces = [m.name] if orgs.council(m.name) else \
            re.split(r"(,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?|\s+&\s+)", m.name)
        found += [p for p in _rejoined(pieces) if names.acceptable(p)]
    return found if len(found) >= least else []


def _rejoined(pieces: list[str]) -> list[str]:
    """The names of an enumeration split at its commas and "and"s (separators between), a lone word
    that names no body going back onto the name before it where that one ends in no kind of body:
    "Harbour Search and Rescue", "the Department for Digital, Culture, Media and Sport" are one name;
    a lone plural word goes forward onto the name after it ("Boys & Girls Clubs of Lowmere")."""
    out: list[str] = []
    lead = ""
    for i in range(0, len(pieces), 2):
        piece = lead + pieces[i]
        lead = ""
        if i + 2 < len(pieces) and re.fullmatch(r"[A-Z][a-z]+[^s\W]s", piece) and not org_like(piece) and \
                not orgs.is_place(piece) and not known_place(piece):
            lead = piece + pieces[i + 1]      # "Boys & Girls Clubs of Lowmere": a lone plural opens the next
            continue
        if out and " " not in piece and not org_like(piece) and not orgs.is_place(piece) and not piece.isupper() \
                and len(out[-1].split()) >= 2 and not org_like(out[-1].split()[-1]) and not known_place(out[-1]):
            out[-1] += pieces[i - 1] + piece
        else:
            out.append(piece)
    return out


def _colon_listed(after: str) -> list[str]:
    """"... each receive £X: the A, for a pavilion; the B, to replace its stand; and the C, for ...":
    the organisations the segments after the colon open with (two at least)."""
    m = re.match(r"^\s*(?:each|apiece)?\s*(?:for\s+[^:.;]{1,80}|\)\s*(?:(?:were|are|have\s+been|will\s+be)\s+)?"
                 r"(?:chosen|selected|funded|picked|successful|named))?:\s*(?P<rest>[^.]+(?:\.(?!\s)[^.]*)*)", after, re.I)
    if not m:             # "... £X each: A, B and C", "Five groups (£X each) were chosen: A, B and C"
        return []
    if ";" not in m.group("rest"):
        segments = re.split(r",\s+(?:and\s+)?(?=[A-Z])", m.group("rest"))
        opened = [opening_name(seg) for seg in segments]
        if len(segments) >= 2 and all(opened) and all(re.search(r"\s(?:for|to)\s", seg) for seg in segments):
            return opened                         # "... apiece for X: A for its Y, B for Z, and C for W"
        return _named_in(m.group("rest"))       # "... £X each: A, B and C."
    names = [opening_name(re.sub(r"^\s*(?:and\s+)?(?:the\s+)?", "", segment)) for segment in m.group("rest").split(";")]
    return names if len(names) >= 2 and all(names) else []


# an amount for each of the bodies it gives as examples: "$20,000 for groups like A and B"
GROUPS_LIKE_RX = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:to|for)\s+(?:groups|organi[sz]ations|charities|clubs|projects|"
                            r"bodies)\s+(?:like|such\s+as)\s+(?:the\s+)?(?P<rest>[^.;]*)", re.I)


def _to_each_list(after: str) -> str:
    like = GROUPS_LIKE_RX.match(after)
    if like:
        return like.group("rest")
    went = re.match(r"^\s*each\s+(?:(?:have|has|will|were|was)\s+)?(?:been\s+)?(?:went|go|goes|gone|given|awarded|"
                    r"allocated|granted)\s+to\s+(?:the\s+)?(?P<rest>[^.;]*)", after, re.I)
    if went:                 # "Grants of £5,000 each went to A and B"
        return went.group("rest")
    m = re.match(r"^\s*(?:\w+\s+){0,3}?(?:to|for)\s+each\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?P<rest>[^.;]*)", after, re.I)
    return m.group("rest") if m else ""


def _list_near(ctx: Context, units: list[Unit], i: int) -> list[tuple[Unit, str]]:
    """The list items of the list just after (or before) unit i, each with its leading name."""
    block = units[i].block
    for start in (block + 1, block + 2, block - 1):
        if not 0 <= start < len(ctx.blocks):
            continue
        if ctx.blocks[start].kind != "item":
            continue
        first = start
        while first > 0 and ctx.blocks[first - 1].kind == "item" and start < block:
            first -= 1
        out = []
        k = first
        while k < len(ctx.blocks) and ctx.blocks[k].kind == "item":
            unit = ctx.blocks[k].units[0]
            name = leading_recipient(unit.text)
            if name:
                out.append((unit, name))
            k += 1
        if len(out) >= 2:
            return out
    return []


def title_links(ctx: Context) -> Iterator[Candidate]:
    """The title read as a unit of its own ("Northvale Trust wins £30m", "A and B each land $1m"):
    each award it states, quoted by the first unit of the page that names the recipient (a title
    that the page's text does not hold has no offsets of its own)."""
    title = (ctx.doc.title or "").strip()
    if not title or not award_money(Unit("heading", title, 0, len(title), -1)):
        return
    unit = Unit("heading", title, 0, len(title), -1)
    found: list[tuple[str, Money]] = []
    for money in award_money(unit):
        a, b = money.start, money.end
        if DISTRIBUTIVE_AFTER_RX.match(title[b:]) or DISTRIBUTIVE_BEFORE_RX.search(title[:a][-40:]):
            found += [(name, money) for name in _named_in(title[:a])]
            continue
        link = link_money(title, a, b)
        if link is None and re.match(r"^\s*for\s+(?:the\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)\s*$",
                                     title[b:]):
            link = Link(re.match(r"^\s*for\s+(?:the\s+)?(.+?)\s*$", title[b:]).group(1), "title_for", 2)
        if link is not None:
            found.append((link.recipient, money))
    body = [u for u in ctx.units() if u.kind != "row"]
    for name, money in found:
        key = orgs.fold(name)
        anchor = next((u for u in body if key and key in orgs.fold(u.text)), None)
        if anchor is not None and names.acceptable(name):
            yield Candidate(name, anchor, money, "title", strength=1)


# "B received the same amount", "C was given a similar sum": the amount of the award stated just before
SAME_AMOUNT_RX = re.compile(rf"\b{RECEIVE_VERB}\s+(?:exactly\s+)?(?P<how>the\s+same|an?\s+(?:similar|identical|"
                            r"equal|matching))\s+(?:amount|sum|figure|grant|award|allocation)\b", re.I)


def same_amount(ctx: Context) -> Iterator[Candidate]:
    """A recipient given "the same amount" as the award stated just before it: that amount, quoted by
    the two sentences together."""
    units = ctx.units()
    for i, unit in enumerate(units):
        words = unit.kind == "sentence" and i and ("same" in unit.text or "similar" in unit.text or
                                                   "identical" in unit.text or "equal" in unit.text or
                                                   "matching" in unit.text)   # what the pattern needs
        m = SAME_AMOUNT_RX.search(unit.text) if words else None
        if m is None or NEGATIVE_RX.search(unit.text):
            continue
        head = unit.text[:m.start()]
        subject = subject_of(head[start_of_clause(head):])
        own = [money for money in award_money(unit) if money.start - unit.start < m.start()]
        prev = units[i - 1]
        earlier = own or (award_money(prev) if prev.block >= 0 and ctx.doc.text[prev.start:prev.end] == prev.text
                          else [])
        if not subject or not earlier:
            continue
        money = earlier[-1]
        if not m.group("how").lower().startswith("the"):
            money = replace(money, approximate=True)      # "a similar sum"
        if not own:
            unit = Unit(unit.kind, ctx.doc.text[prev.start:unit.end], prev.start, unit.end, unit.block)
        yield Candidate(subject, unit, money, "same_amount", strength=1)


# "The cash was awarded to A by the lottery", "The grant went to A": the money of the sentence before, named
REFERRED_MONEY_RX = re.compile(
    r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:cash|money|grant|funding|award|sum|donation|investment)\s+"
    r"(?:(?:was|were|has\s+been|have\s+been|will\s+be|is\s+being|is)\s+(?:\w+\s+)?(?:awarded|given|paid|allocated|"
    r"granted|handed|made|presented|offered)|went|goes|will\s+go|is\s+going)(?P<rest>\s+to\s+(?:the\s+)?[A-Z].*)$"
    # or what it will let a body do: "This grant will enable the Harbour Trust Board to house its collection"
    r"|^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:cash|money|grant|funding|award|sum|donation|investment)\s+(?:will|would)\s+"
    r"(?:enable|allow|help)\s+(?:the\s+)?(?P<helped>[A-Z].*)$", re.S)


# "The Wexley Institute has awarded a grant to the University of Lowmere": an award named, its amount later
GRANT_GIVEN_TO_RX = re.compile(r"\b(?:has|have|had)\s+(?:also\s+|now\s+)*(?:awarded|given|made|offered)\s+(?:a|an)\s+"
                               r"(?:[\w-]+\s+){0,2}?(?:grant|award)\s+to\s+(?P<rest>(?:the\s+)?[A-Z].*)$", re.S)
# "This $500,000 award is funded through ...": the amount of the award named just before
THIS_MONEY_RX = re.compile(r"^\s*(?:This|The)\s+(?:[\w-]+\s+)?$")
THIS_MONEY_NOUN_RX = re.compile(r"^\s*(?:[\w-]+\s+)?(?:award|grant|funding|investment)\b")


def referred_money(ctx: Context) -> Iterator[Candidate]:
    """A sentence that names who got the money the sentence before it states ("A medieval church will be
    mended thanks to a £74,000 grant. The cash was awarded to St Anne's Church in Lowmere."), or that
    states the amount of an award named just before it ("X has awarded a grant to A. ... This $500,000
    award is funded by ..."): that amount, quoted by the sentences together."""
    units = ctx.units()
    for i, unit in enumerate(units):
        if i and unit.kind == "sentence":
            yield from _this_money(ctx, units, i)
        m = REFERRED_MONEY_RX.match(unit.text) if i and unit.kind == "sentence" else None
        if m is None or award_money(unit) or NEGATIVE_RX.search(unit.text):
            continue
        prev = units[i - 1]
        earlier = award_money(prev) if prev.kind == "sentence" else []
        name = recipient_after(m.group("rest")) if m.group("rest") else opening_org(m.group("helped"))
        if m.group("helped") and name and not orgs.has_org_word(name):
            name = None
        if len(earlier) != 1 or not name or link_money(prev.text, earlier[0].start - prev.start,
                                                          earlier[0].end - prev.start):
            continue              # the sentence before gives its money to someone already, or holds several sums
        both = Unit(unit.kind, ctx.doc.text[prev.start:unit.end], prev.start, unit.end, unit.block)
        yield Candidate(name, both, earlier[0], "same_amount", strength=1)


def _this_money(ctx: Context, units: list[Unit], i: int) -> Iterator[Candidate]:
    unit = units[i]
    monies = award_money(unit)
    if len(monies) != 1:
        return
    a, b = monies[0].start - unit.start, monies[0].end - unit.start
    if not THIS_MONEY_RX.match(unit.text[:a]) or not THIS_MONEY_NOUN_RX.match(unit.text[b:]):
        return
    for j in (i - 1, i - 2):
        given = GRANT_GIVEN_TO_RX.search(units[j].text) if j >= 0 and not award_money(units[j]) else None
        name = leading_recipient(given.group("rest")) if given else None
        if name:
            both = Unit(unit.kind, ctx.doc.text[units[j].start:unit.end], units[j].start, unit.end, unit.block)
            yield Candidate(name, both, monies[0], "same_amount", strength=1)
            return


# "A, who received funding for new equipment", "B received a grant towards its roof": an award named
# without its amount, in a sentence that states no amount
RECEIVED_SUPPORT_RX = re.compile(
    r"(?:,\s*)?\s(?:who|which|that)?\s*(?:(?:has|have|had|also|both|now)\s+)*(?:received|secured|won|been\s+awarded|"
    r"(?:was|were)\s+awarded)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:grant|grants|funding|award|support)\s+(?:for|towards?|to)\b")
# the kind of body written after a name in lower case ("Tidewrite literary magazine has received ...")
KIND_AFTER_NAME_RX = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:magazine|festival|band|theatre|theater|company|charity|group|"
                                r"organisation|organization|collective|gallery|museum|choir|orchestra|publisher)$")
RESPECTIVE_RX = re.compile(r"\b(?:respective|each|both)\b")
EARLIER_RX = re.compile(r"\b(?:last|previous|earlier|in\s+(?:19|20)\d\d|years?\s+ago|previously|once|former)\b", re.I)


def received_without_amount(ctx: Context) -> Iterator[Candidate]:
    """Organisations said to have received a grant or funding for something, where no amount is given."""
    for unit in ctx.units():
        if unit.kind not in ("sentence", "item") or "receiv" not in unit.text and "award" not in unit.text \
                and "secured" not in unit.text and "won" not in unit.text:
            continue
        if award_money(unit, caps=True) or NEGATIVE_RX.search(unit.text) or EARLIER_RX.search(unit.text):
            continue
        for m in RECEIVED_SUPPORT_RX.finditer(unit.text):
            kind = KIND_AFTER_NAME_RX.search(unit.text, 0, m.start())
            name = name_ending_at(unit.text, kind.start() if kind else m.start())
            if name and (org_like(name.name) or len(name.name.split()) >= 3 or kind) and \
                    not is_person(unit.text, name) and not known_place(name.name):
                first, others = split_joint(name.name)
                if " and " in name.name and unit.text[:name.start].rstrip().endswith(","):
                    for each in name.name.split(" and "):       # "..., the B, C and D have received funding"
                        yield Candidate(each, unit, None, "named_without_amount", strength=1)
                    continue
                if others and RESPECTIVE_RX.search(unit.text, m.end()):
                    for each in (first, *others):     # "A and B have received funding for their respective ..."
                        yield Candidate(each, unit, None, "named_without_amount", strength=1)
                    continue
                if others and re.match(r",\s*(?:which|who)\s+(?:has|was|is)\b", m.group(0)):
                    # "funds for A, B and the C, which has received support": the last of a list
                    yield Candidate(others[-1], unit, None, "named_without_amount", strength=1)
                    continue
                yield Candidate(name.name, unit, None, "named_without_amount", strength=1)
