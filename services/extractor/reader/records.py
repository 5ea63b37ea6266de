"""Awards laid out as records rather than sentences:
- labelled fields, one a line ("Organization: Northvale Trust", "Title: ...", "Funding Amount: $25,000"),
  each record starting at its recipient's label;
- a grants list where a line naming an organisation is followed by a line that opens with its
  amount ("Northvale Trust" / "£3,400 to repaint the hall.")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor.reader import prose
from services.extractor.reader.mentions import (LEGAL_FORM_RX, is_person, is_place, known_place, leading_recipient, names_in, org_like,
                                                split_possessive)
from services.extractor.reader.money import about_pay, award_money
from services.extractor.rules import names
from services.extractor.rules.base import AWARD_CUE_RX, Candidate, Context
from services.extractor.segments import BULLET_RX, Block

LABEL_RX = re.compile(r"^\s*(?:[-•*]\s+)?(?P<label>[A-Z][A-Za-z ]{1,30}?)\s*:\s+(?P<value>\S.*)$")
RECIPIENT_LABEL_RX = re.compile(r"^(?:organi[sz]ation(?:\s+name)?|recipient|grantee|applicant|awardee|"
                                r"beneficiary|lead\s+(?:organi[sz]ation|applicant)|charity|institution|"
                                r"funded\s+organi[sz]ation)$", re.I)
AMOUNT_LABEL_RX = re.compile(r"^(?:(?:funding|grant|award|total)\s*(?:amount|value|awarded)?|amount(?:\s+awarded)?|"
                             r"contribution|federal\s+funding|funding\s+awarded|value)$", re.I)
# a decision field that awards ("Decision: Award grant of £7,250"); one that rejects has no amount
DECISION_LABEL_RX = re.compile(r"^(?:decision|outcome|result|status)$", re.I)
DECISION_AWARDS_RX = re.compile(r"^(?:award(?:ed)?|approved?|grant(?:ed)?|offer(?:ed)?|funded)\b", re.I)
PROJECT_LABEL_RX = re.compile(r"^(?:title|project(?:\s+(?:title|name))?|programme|program|purpose)$", re.I)
# a line that opens with its amount: "£3,400 to repaint ...", "$45,000 over two years for ..."
# (after a decision's word, as a committee's minutes give it: "APPROVED £332,000 over three years for ...")
AMOUNT_FIRST_RX = re.compile(r"^\s*(?:[-•*]\s+)?(?P<decision>(?i:approved|awarded|granted|agreed|recommended)\s*[:–—-]?\s*)?"
                             r"(?:[£$€]|[A-Z]{1,2}\$|(?:GBP|USD|EUR|CAD|AUD)\s?)\s?\d")
# an amount under its label, the line's last words: "Amount: £5,000", "A mural for the hall. Grant: £8,500"
LABELLED_AMOUNT_RX = re.compile(r"(?:^|[.;]\s+)(?:[-•*]\s+)?(?:(?:grant|award|funding|amount|sum)(?:\s+(?:awarded|"
                                r"granted|approved|offered|amount))?|awarded)\s*[:–—-]\s*"
                                r"(?=(?:[£$€]|[A-Z]{1,2}\$|(?:GBP|USD|EUR|CAD|AUD)\s?)\s?\d)", re.I)


GIVEN_AWAY_RX = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:commitment|pledge|gift|donation|endowment|in\s+(?:\w+\s+)?grants|"
                           # "$225M in pandemic relief money heads to parks": a programme's money going out
                           r"in\s+(?:[\w-]+\s+){0,3}?(?:money|funding|funds|relief|aid)\s+(?:heads?|goes|going|flows?|is\s+going)\s+to\b|"
                           r"to\s+(?:\d+|dozens|hundreds|several|many)\b|to\s+(?:nonprofits?|charities|"
                           r"organi[sz]ations|groups|universities|museums|institutions)\b|"
                           # "$250 million over five years to create its Monuments Project": its own programme
                           r"to\s+(?:create|launch|establish|set\s+up|start|fund|expand)\s+(?:its|their)\b)", re.I)


def labelled_records(ctx: Context) -> Iterator[Candidate]:
    """One award per record of labelled fields that names a recipient and an amount."""
    record: dict[str, tuple[str, Block]] = {}
    for block in [*ctx.blocks, None]:
        m = LABEL_RX.match(block.text) if block is not None else None
        label = m.group("label").strip() if m else ""
        if block is None or RECIPIENT_LABEL_RX.match(label):
            cand = _record_award(record)
            if cand is not None:
                yield cand
            record = {}
        if m:
            decision = DECISION_LABEL_RX.match(label) and DECISION_AWARDS_RX.match(m.group("value").strip())
            kind = ("recipient" if RECIPIENT_LABEL_RX.match(label) else
                    "amount" if AMOUNT_LABEL_RX.match(label) or decision else
                    "project" if PROJECT_LABEL_RX.match(label) else None)
            if kind and kind not in record:
                record[kind] = (m.group("value").strip(), block)


# a field's value that is a name as it stands: capitalised words, with the small words names hold
_WHOLE_NAME_RX = re.compile(r"[A-Z0-9][\w'’.&-]*(?:\s+(?:[A-Z0-9][\w'’.&-]*|of|the|and|for|in|on|at|&)){0,11}")


def _record_award(record: dict[str, tuple[str, Block]]) -> Candidate | None:
    if "recipient" not in record or "amount" not in record:
        return None
    value, block = record["recipient"]
    value = re.sub(r"\s*\((?:the|The)\)\s*$", "", value)
    name = leading_recipient(value)
    if name is None and _WHOLE_NAME_RX.fullmatch(value) and names.acceptable(value):
        name = re.sub(r"^(?:The|the)\s+", "", value)    # the field holds the name whole: "Yesterday's Story CIC"
    money = award_money(record["amount"][1].units[0])
    if not name or not money:
        return None
    project = record["project"][0] if "project" in record else None
    return Candidate(name, block.units[0], money[0], "labelled_record", project=project, strength=3)


# a sentence's stop (not an abbreviation's: "Harbour Homes Inc.")
SENTENCE_STOP_RX = re.compile(r"(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bCorp)(?<!\bSt)[.!?:](?=\s|$)")
# a job advert around a name and an amount: the post above, what its holder will do below
JOB_AD_RX = re.compile(r"\b(?:you\s+will|you['’]ll|the\s+role|the\s+post|closing\s+date|apply\s+(?:by|now|online)|"
                       r"vacanc\w*|per\s+annum|full-time|part-time|(?:Chief|Deputy)\s+Executive|Manager|Officer|"
                       r"Director|Co-?ordinator|Assistant)\b")
# "A project c/o Harbour Hospice Inc. (HHI)": the money goes to the body it is in the care of
CARE_OF_RX = re.compile(r"\s+(?:c/o|care\s+of)\s+")


def _without_state(body: str) -> str:
    """A name line without the place after its comma: "City of Lowmere Park, Westshire"."""
    placed = re.fullmatch(r"(?P<name>.+?),\s*(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)", body)
    if placed and is_place(placed.group("place")) and not org_like(placed.group("place")) and \
            not LEGAL_FORM_RX.fullmatch(placed.group("place")):
        return placed.group("name")
    return body


def name_then_amount(ctx: Context) -> Iterator[Candidate]:
    """A line that is only an organisation's name, then a line opening with an amount. Where such an
    amount line names its own recipient ("Wexley Foundation" / "$2 million to the Harbour Trust to ..."),
    the names above the amounts are the givers of a roundup, and none of them is a recipient."""
    if next(amount_groups(ctx), None) is not None:
        return                # the names are grouped under their amounts: amount_groups reads them
    found: list[Candidate] = list(name_place_amount(ctx))
    if found:
        yield from found
        return
    blocks = ctx.blocks
    for n, (prev, block) in enumerate(zip(blocks, blocks[1:])):
        around = " ".join(b.text for b in blocks[max(0, n - 1):n] + blocks[n + 2:n + 3])
        if JOB_AD_RX.search(around):
            continue          # "Deputy Chief Executive" / "Lowmere District Council" / "£96,697" / "You will lead ...": a post
        name_line = prev.kind in ("heading", "item") or prev.kind == "para" and len(prev.text) <= 200 and \
            not SENTENCE_STOP_RX.search(prev.text)      # a long name's line ("A Collaborative c/o Harbour Hospice Inc.")
        labelled = LABELLED_AMOUNT_RX.search(block.text) if name_line else None
        first = AMOUNT_FIRST_RX.match(block.text)
        if not name_line or not (first or labelled) or \
                about_pay(block.text[:80]):
            continue
        body = BULLET_RX.sub("", prev.text).strip()
        body = _without_state(re.sub(r"\s*\([A-Z][\w.&-]*(?:\s+[\w.&-]+){0,3}\)$", "", CARE_OF_RX.split(body)[-1]))
        name = leading_recipient(body)
        if not name or len(name) < len(body) - 2 or not (org_like(name) or len(name.split()) >= 2):
            continue
        name, _ = split_possessive(name)
        if labelled:          # "Harbour Trust" / "Amount: £5,000" (or "A mural for the hall. Grant: £5,000")
            at = block.start + labelled.end()
            unit = next((u for u in block.units if u.start <= at < u.end), None)
            money = [m for m in award_money(unit) if m.start == at] if unit else []
            if money and names.acceptable(name):
                found.append(Candidate(name, unit, money[0], "name_then_amount", strength=2))
            continue
        money = award_money(block.units[0])
        if money and GIVEN_AWAY_RX.match(block.text, money[0].end - block.start):
            continue        # "Wexley Motors" / "$40 million commitment to nonprofits": the heading gives
        if money and money[0].start - block.start <= 4 + len(first.group("decision") or "") and names.acceptable(name):
            unit = block.units[0]
            if prose.link_money(unit.text, money[0].start - unit.start, money[0].end - unit.start):
                return      # "$2 million to the Harbour Trust": a roundup of givers
            found.append(Candidate(name, unit, money[0], "name_then_amount", strength=2))
    yield from found


# a line that is only where an organisation is: "Lowmere, Westshire", "Riverton, Ohio"
PLACE_LINE_RX = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*$")
WHOLE_NAME_RX = re.compile(r"[A-Z][\w'’.-]*(?:,?\s+(?:[A-Z][\w'’.-]*|&|of|for|the|and|on|in|at))*")
FOR_PROJECT_RX = re.compile(r"\s*(?:for|to)\s+(?P<p>[^()\n]{3,160}?)\s*(?:\(|$)")


def name_place_amount(ctx: Context) -> Iterator[Candidate]:
    """A grant list laid out a record to three lines: the organisation, where it is, and the amount
    with what it pays for ("Tide Museum" / "Lowmere, Westshire" / "$200,000 for Harbour Stories (Project
    Director: ...)"). The amount line's "for ..." is the project, never the recipient."""
    blocks = ctx.blocks
    for name_block, place, block in zip(blocks, blocks[1:], blocks[2:]):
        if not AMOUNT_FIRST_RX.match(block.text) or not PLACE_LINE_RX.match(place.text) or \
                about_pay(block.text[:80]) or len(name_block.text) > 120:
            continue
        body = BULLET_RX.sub("", name_block.text).strip().split("/")[0].strip()
        # the line is the name, commas and all ("Tide Sea, Air, & Space Museum")
        name = body if WHOLE_NAME_RX.fullmatch(body) and names.acceptable(body) else leading_recipient(body)
        money = award_money(block.units[0])
        if not name or len(name) < len(body) - 2 or not money or money[0].start - block.start > 4:
            continue
        unit = block.units[0]
        project = FOR_PROJECT_RX.match(unit.text, money[0].end - unit.start)
        yield Candidate(name, unit, money[0], "name_then_amount", locations=[place.text.split(",")[0].strip()],
                        project=project.group("p") if project else None, strength=3)


# what a profile's paragraph may name besides its own body: people, places and the giver, not another recipient
_PROFILE_NAMED_RX = re.compile(r"\b(?:foundation|fund|funding|council|government|trust|lottery|agency|department|"
                               r"ministry|programme|program|scheme|grants?)\b", re.I)
_PROGRAMME_HEADING_RX = re.compile(r"\b(?:fund|funding|programme|program|scheme|grants?)\b", re.I)
# a record's sentence that opens with what was decided: "Awarded $25,000 for the touring exhibition"
_DECIDED_OPENS_RX = re.compile(r"\s*(?:Awarded|Granted|Receives|Received|Given|Wins|Won)\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:grant\s+of\s+)?(?:[A-Z]{0,3}[£$€]|\d)")
# the body or its money called by its kind: "the mental health charity", "the social enterprise", "The third award"
_KIND_REFERENCE_RX = re.compile(r"\b(?:the|its|this)\s+(?:[\w'’-]+\s+){0,3}?(?:charity|enterprise|group|organi[sz]ation|club|"
                                r"society|project|centre|center|company|cooperative|co-op|team|venue|trust|network|"
                                r"association|award|grant)\b", re.I)


def headed_profiles(ctx: Context) -> Iterator[Candidate]:
    """Recipients profiled under headings of their own names, each paragraph's first sentence holding
    its amount and calling the body only by its kind ("Harbour Growers" / "A grant of £23,036 was awarded
    to the mental health charity, ..."): the amount is the heading's. Two such profiles at least, and no
    other organisation the sentence could mean."""
    blocks = ctx.blocks
    found: list[Candidate] = []
    for prev, block in zip(blocks, blocks[1:]):
        if prev.kind != "heading" or block.kind != "para" or SENTENCE_STOP_RX.search(prev.text):
            continue
        body = _without_state(re.sub(r"\s*\([^()]{2,60}\)$", "", prev.text.strip()))
        name = leading_recipient(body)
        if not name or len(name) < len(re.sub(r"^(?:The|the)\s+", "", body)) - 2 or not names.acceptable(name) or \
                not (org_like(name) or len(name.split()) >= 2) or name.isupper() or _PROGRAMME_HEADING_RX.search(name):
            continue
        said = [u for u in block.units if u.kind == "sentence"]
        if not said:
            continue
        # the first sentence, or, where it holds no money, one that opens with the decision ("Lowmere.
        # Theatre. Awarded $20,000 for ...")
        first = said[0] if award_money(said[0]) else next((u for u in said[1:] if _DECIDED_OPENS_RX.match(u.text)), said[0])
        money = award_money(first)
        decided = _DECIDED_OPENS_RX.match(first.text)
        if len(money) != 1 or about_pay(first.text) or AMOUNT_FIRST_RX.match(first.text) and not decided or \
                not (_KIND_REFERENCE_RX.search(first.text) or decided):
            continue
        others = [] if decided else [m for m in names_in(first.text) if org_like(m.name) and not is_person(first.text, m)
                                     and not _PROFILE_NAMED_RX.search(m.name) and not is_place(m.name)]
        if others:
            continue           # the sentence names a body of its own: whose the money is, prose says
        found.append(Candidate(name, first, money[0], "headed_profile", strength=2))
    if len(found) >= 2:
        yield from found


# a line that is an amount alone, over the names that each got it ("$50,000" / "Harbour Theatre, Lowmere")
_AMOUNT_LINE_RX = re.compile(r"\s*(?:[-•*]\s+)?(?:[A-Z]{0,3}[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:m|k|million))?)\s*(?:each)?\s*:?\s*",
                             re.I)
_GROUP_NAME_MAX = 120
_SAYS_RX = re.compile(r"\b(?:is|are|was|were|has|have|had|will|said|says)\b")    # a sentence, not a name
_TITLED_RX = re.compile(r"(?:The\s+)?[A-Z][\w'’.&/-]*(?:\s+(?:[A-Z][\w'’.&/-]*|of|for|a|an|the|and|&|in|on|at|de|del|la))*")


def amount_groups(ctx: Context) -> Iterator[Candidate]:
    """Names grouped under the amount each of them got: a line that is an amount alone, then lines that
    are a name and where it is ("Harbour Theatre, Lowmere, Wes."), until the next amount line. Two
    amount lines at least, two names more than amount lines, after a line that introduces grants."""
    blocks = ctx.blocks
    found: list[Candidate] = []
    money, groups, first = None, 0, None
    for n, block in enumerate(blocks):
        if block.kind not in ("para", "heading", "item"):
            money = None
            continue
        if _AMOUNT_LINE_RX.fullmatch(block.text):
            first = n if first is None else first
            amounts = award_money(block.units[0])
            money = amounts[0] if len(amounts) == 1 else None
            groups += money is not None
            continue
        if money is None:
            continue
        body = BULLET_RX.sub("", block.text).strip()
        if len(body) > _GROUP_NAME_MAX or award_money(block.units[0]) or _SAYS_RX.search(body):
            money = None      # the group ends where a sentence or another kind of line starts
            continue
        part = re.sub(r"\s*\([^()]{1,60}\)", "", body).split(",")[0].strip()
        name = re.sub(r"^The\s+", "", part) if _TITLED_RX.fullmatch(part) else leading_recipient(part)
        # (a whole title-cased part is the name: "Theatre for a New Audience")
        if name and names.acceptable(name) and (org_like(name) or len(name.split()) >= 2 or
                                                re.fullmatch(r"[A-Z][a-z]{3,}\w*", name) and not known_place(name)):
            found.append(Candidate(name, block.units[0], money, "amount_group", strength=2))
    intro = " ".join(b.text for b in blocks[max(0, (first or 0) - 3):first or 0])
    # (more names than amounts: a grid of alternating name and amount lines has one name to each)
    if groups >= 2 and len(found) >= max(3, groups + 2) and AWARD_CUE_RX.search(intro):
        yield from found
