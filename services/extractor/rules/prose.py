"""Rules for awards stated in sentences:
- "X has been awarded £Y", "X receives / secured / gets / has won £Y" (subject before the verb);
- "£Y will go to X", "awarded £Y to X", "£Y for X to ...";
- "X has been offered a provisional grant", "X is one of 22 projects backed" (no amount);
- "A Harrogate charity ... has been awarded £Y. Open Ring Boxing will use the grant" (a generic
  subject resolved to the organisation named next to it)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.rules import names
from services.extractor.rules.base import NEGATIVE_RX, SALARY_RX, Candidate, Context, award_money
from services.extractor.segments import Unit

VERB_BEFORE_MONEY_RX = re.compile(
    r"(?P<verb>(?:(?:has|have|had)\s+)?(?:(?:been|was|were|is|are|will be|has been)\s+)?(?:also\s+)?"
    r"(?:awarded|given|granted|allocated|offered|promised|handed)|receives|(?:(?:has|have|had)\s+)?received|(?:has|have|will|to|"
    r"expects to|is set to|is to|are to)\s+receive|is receiving|gets|will get|got|(?:is|are) to get|has got|"
    r"secured|secures|(?:has|have|will)\s+secured?|wins|won|(?:has|have)\s+won|will win|lands|landed|"
    r"(?:has|have)\s+landed|brings in|takes home|scooped|(?:is|are|was|were|has been)\s+allocated)"
    r"(?P<gap>(?:\s+(?:a|an|the|its|their|of|total|share|sum|grant|award|further|additional|"
    r"provisional|federal|one-off|two-year|three-year|new|extra|funding|allocation|just|some|nearly|almost|"
    r"around|about|more|than|over|under|up|to))*)\s*$", re.I)
VERB_TAIL = 100
# every verb form above contains one of these: a clause tail without any cannot match, and testing
# them costs a twentieth of trying the pattern at each position of the tail
VERB_STEMS = ("award", "given", "grant", "allocat", "offer", "promis", "hand", "receiv", "get", "got", "secur",
              "win", "won", "land", "brings", "takes", "scoop")
TO_RECIPIENT_RX = re.compile(
    r"^\s*(?:(?:will|would|is to|is set to|has|have)\s+)?(?:(?:go|goes|going|gone|went|been awarded|been given|"
    r"been allocated)\s+to|(?:is|was|has been)\s+(?:awarded|given|allocated)\s+to)\s+(?P<rest>.+)$", re.I)
AWARDED_TO_RX = re.compile(r"\b(?:awarded|granted|given|allocated|handed)\s+$", re.I)
FOR_RX = re.compile(r"^\s*for\s+(?P<rest>.+)$")
REL_RX = re.compile(r"(?:,\s*|\s+)(?:which|who)\s*$")
NO_AMOUNT_RX = re.compile(
    r"^(?P<subj>.+?)\s+(?:(?:has|have)\s+been\s+(?:awarded|offered|given|granted)\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:grant|award|funding|share)|(?:is|was)\s+one\s+of\s+(?:the\s+)?\d+\s+"
    r"(?:[\w-]+\s+){0,2}(?:projects|organisations|charities|areas|councils|boroughs|groups|recipients|"
    r"winners|schemes)\s+(?:to\s+)?(?:backed|funded|chosen|selected|benefit|receive|awarded|sharing|share))", re.I)
ANNOUNCING_RX = re.compile(r"\b(?:announc\w*|named|nam(?:es|ing)|reveal\w*|unveil\w*|select\w*|chose\w*|"
                           r"publish\w*|confirm\w*\s+(?:the|which|that))\b", re.I)
# "Oldham Council and the national charity Stepwise bid together": what "the partnership" refers to
JOINT_BID_RX = re.compile(
    rf"(?P<a>{names.NAME})\s+(?:and|&)\s+(?P<b>(?:the\s+)?(?:[a-z][\w'’-]*\s+){{0,3}}{names.NAME})\s+"
    r"(?:bid|bidded|applied|partnered|teamed up|joined forces|worked|work|came together|will work|are working)\b")
_CLAUSE_BOUNDARY_RX = re.compile(
    r";\s+|,?\s+(?:while|whereas)\s+|,\s+(?=(?:the\s+)?[A-Z])|\s+and\s+(?=(?:the\s+)?[A-Z][\w'’-]+"
    r"(?:\s+(?:[A-Z][\w'’-]+|council\w*|county|city|borough|district|trust))*\s+"
    r"(?:receives|is|was|will|has|have|gets|got|secured|won))")
_RECIPIENT_END_RX = re.compile(r"\s+(?:to|for|towards|in order|which|who|under|as part|from|,|;|\.)(?:\s|$)|[,;.]")


def _clauses_before(text: str, end: int) -> str:
    """The clause that ends at `end`: from the last sentence-level boundary before it."""
    window = text[:end]
    cut = 0
    for m in _CLAUSE_BOUNDARY_RX.finditer(window):
        cut = max(cut, m.end())
    return window[cut:]


def _subject(ctx: Context, unit: Unit, prefix: str) -> tuple[str | None, bool]:
    """The recipient a clause prefix names, and whether it had to be resolved from a generic noun."""
    prefix = prefix.strip()
    if REL_RX.search(prefix):
        return names.trailing_name(REL_RX.sub("", prefix)), False
    if re.search(r"(?:,\s*|\s)and(?:\s+(?:has|have|had|is|was|will|also|then|now))*\s*$", prefix):        # "X is one of ..., and has received £4m"
        return names.leading_name(unit.text), False
    clean = names.strip_adverbials(prefix)
    if names.GENERIC_RX.match(clean):
        named = names.leading_name(re.sub(r"^(the|a|an)\s+", "", clean, flags=re.I))
        if not named or named.split()[-1].islower():     # "A Harrogate charity that ...", "The partnership"
            return _referent(ctx, unit, definite=clean.lower().startswith(("the ", "this ", "that "))), True
    name = names.leading_name(clean)
    if name is None:
        return None, False
    rest = clean[clean.find(name) + len(name):] if name in clean else ""
    # the subject must be the name, maybe with an appositive or "'s bid" or "said it expects to"
    if len(rest.split()) > 12 and not re.search(r"\b(said|says|which|who|,)\b", rest):
        return None, False
    if ANNOUNCING_RX.search(rest):  # "X has announced the projects that will receive £2m": X gives
        return None, False
    return name, False


def _referent(ctx: Context, unit: Unit, definite: bool) -> str | None:
    """For "The partnership has been awarded £657k": the organisation the neighbouring sentences name,
    looking back first for a definite noun phrase and forward first for an indefinite one."""
    all_units = ctx.units()
    i = next(k for k, u in enumerate(all_units) if u is unit)
    for j in ((i - 1, i + 1, i - 2) if definite else (i + 1, i - 1, i + 2)):
        if 0 <= j < len(all_units) and all_units[j].kind == "sentence":
            joint = JOINT_BID_RX.search(all_units[j].text) if definite else None
            if joint and names.acceptable(joint.group("a")) and names.acceptable(names.strip_descriptor(joint.group("b"))):
                return f"{joint.group('a')} and {names.strip_descriptor(joint.group('b'))}"
            name = names.leading_name(all_units[j].text)
            if name and (orgs.has_org_word(name) or len(name.split()) >= 2 or orgs.council(name)):
                return name
            for m in names.NAME_RX.finditer(all_units[j].text):
                if orgs.has_org_word(m.group(0)) and names.acceptable(m.group(0)):
                    return m.group(0)
    return None


def _name_after(text: str) -> str | None:
    m = _RECIPIENT_END_RX.search(text)
    name = text[:m.start()] if m else text
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    if not name or not name[0].isupper() or len(name.split()) > 8:
        return None
    return name if names.acceptable(name) else None


def money_statements(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if unit.kind != "sentence":
            continue
        monies = award_money(unit)
        if not monies or SALARY_RX.search(unit.text):
            continue
        for money in monies:
            a, b = money.start - unit.start, money.end - unit.start
            clause = _clauses_before(unit.text, a)
            if NEGATIVE_RX.search(clause + unit.text[b:b + 60]):
                continue
            cand = _subject_verb_money(ctx, unit, clause) or _money_to_recipient(unit, a, b)
            if cand is None:
                continue
            recipient, rule, generic = cand
            recipient, partners = names.split_joint(recipient)
            if names.acceptable(recipient):
                yield Candidate(recipient, unit, money, rule, partners, strength=1 if generic else 2)


def _subject_verb_money(ctx: Context, unit: Unit, clause: str) -> tuple[str, str, bool] | None:
    # the verb ends the clause: search only its tail (the pattern is costly to try at every position)
    cut = max(0, len(clause) - VERB_TAIL)
    tail = clause[cut:].lower()
    if not any(stem in tail for stem in VERB_STEMS):
        return None
    m = VERB_BEFORE_MONEY_RX.search(clause, cut)
    if not m:
        return None
    name, generic = _subject(ctx, unit, clause[:m.start()])
    return (name, "subject_verb_money", generic) if name else None


def _money_to_recipient(unit: Unit, a: int, b: int) -> tuple[str, str, bool] | None:
    after = unit.text[b:]
    m = TO_RECIPIENT_RX.match(after)
    if m:
        name = _name_after(m.group("rest"))
        return (name, "money_to_recipient", False) if name else None
    if AWARDED_TO_RX.search(unit.text[max(0, a - 20):a]):
        m = re.match(r"^\s*to\s+(?P<rest>.+)$", after)
        if m:
            name = _name_after(m.group("rest"))
            return (name, "awarded_money_to", False) if name else None
    m = FOR_RX.match(after)
    if m:
        name = _name_after(m.group("rest"))
        if name and (orgs.has_org_word(name) or orgs.council(name)) and re.search(r"\bto\s", m.group("rest")):
            return name, "money_for_recipient", False
    return None


def amountless_statements(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if unit.kind != "sentence":
            continue
        low = unit.text.lower()
        if "been" not in low and "one" not in low:   # NO_AMOUNT_RX needs "has been ..." or "is one of ..."
            continue
        m = NO_AMOUNT_RX.match(unit.text)
        if not m or NEGATIVE_RX.search(unit.text):
            continue
        name = names.leading_name(m.group("subj"))
        if name:
            recipient, partners = names.split_joint(name)
            yield Candidate(recipient, unit, None, "named_without_amount", partners, strength=1)
