"""The project of an award: a name its unit gives ("a project called X", "for its X project", "the
Trust's X scheme", a list item's lead "X — the Trust was awarded ..."), else what the money pays for."""
from __future__ import annotations

import re

from services.extractor import orgs
from services.extractor.money import find_money
from services.extractor.reader.details.naming import NAME, acronym_of, is_person, same
from services.extractor.reader.details.places import Place, is_place_list
from services.extractor.reader.details.purpose import GENERIC_PROJECT, TITLE_RUN_RX, purpose, tidy, title_object
from services.extractor.reader.details.spans import ITEM_SEP_AFTER_RX, Span, clause

# "under the name X", "a project called X", "for the project, X"
_NAMED_RX = re.compile(
    r"\b(?:(?:project|programme|program|scheme|initiative|bid|plan|partnership|centre|center|service|campaign|"
    r"venture|collaboration|study|trial|hub|network|consortium|festival|model)\s+(?:called|named|entitled|"
    r"titled|dubbed|known\s+as|branded)|under\s+the\s+(?:name|banner|title|brand)|(?:is\s+)?called|"
    r"known\s+as|(?:the|its|their)\s+(?:project|programme|program|scheme|initiative),)\s+")
_FOR_ITS_RX = re.compile(r"\bfor\s+(?:its|their|the\s+organisation's|the\s+charity's)\s+")
_ITEM_LEAD_DASH_RX = re.compile(r"(.{3,120}?)\s+(?:[–—]|-|:)\s+")
_ITEM_LEAD_COMMA_RX = re.compile(r"(.{3,120}?),\s+(?:the\s+)?")
_PARTNER_POSSESSIVE_RX = re.compile(rf"\s+(?:and|&)\s+(?:the\s+)?{NAME}['’]s\s+(?P<np>[^–—:;,.]{{2,80}})")
_POSSESSIVE_RX = re.compile(r"(?:['’]s|(?<=s)['’])\s+")
_WHOSE_RX = re.compile(r"(?:\s+(?:at|of|in)\s+[^,;]{1,60})?,?\s+whose\s+")
# where a possessed noun phrase ends ("Orbit's Reading Rooms project has won ...")
_NP_STOP_RX = re.compile(
    r"[,;:()\[\]]|\s[–—-]\s|\.(?:\s|$)|[£$€]|\s+(?:is|are|was|were|has|have|had|will|would|can|could|gets|get|"
    r"got|receives|received|receive|wins|won|takes|took|brings|brought|lands|landed|secures|secured|goes|"
    r"went|includes|included|keeps|kept|which|that|who|whose|where|when|while|after|as|from|by|with|"
    r"run|led|delivered|also|to\s+(?:get|receive|be))\b|\s+in\s+(?=(?:the\s+)?(?:[a-z]+\s+)?[A-Z])")
_BID_FOR_RX = re.compile(r"(?:bid|scheme|plan|proposal|project|programme|application)\s+(?:for|to)\s+(.+)")
_STARTS_WITH_AMOUNT_RX = re.compile(r"[£$€\d]")
_NOT_A_PROJECT_START = {"chief", "director", "leader", "head", "own", "spokesperson"}
_BRACKETED_AFTER_RX = re.compile(r"\s*\(([^)]{3,80})\)")
_MONEY_OR_YEAR_RX = re.compile(r"[£$€]|\d{4}|%")
# "X, run by the Harbour Trust": what the recipient runs
_RUN_BY_BEFORE_RX = re.compile(r"(?P<np>[^,;—–]{3,80}?),?\s+(?:run|delivered|operated|managed|hosted)\s+by\s+"
                               r"(?:the\s+)?$")
_NP_HEAD_CUT_RX = re.compile(r"\b(?:include|includes|including|and|are|is|were|was)\s+")
_OWNER_RX = re.compile(r"^(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*['’]s\s+")
_WHICH_PURPOSE_RX = re.compile(
    r"\b(?:which|that|it|they|and)\s+(?:will|would|should|could|can|is to|are to|plans|aims|wants|intends|"
    r"hopes|is set|are set|is going|are going)?\s*(?:(?:allow|enable|help|let)s?\s+(?:it|them|the\s+\w+|"
    r"\w+)\s+(?:to\s+)?|be\s+(?:used|spent)\s+(?:to|on|for)\s+|(?:pay|pays)\s+for\s+|(?:fund|funds|support|"
    r"supports|cover|covers)\s+|go\s+towards\s+|(?:it|they)\s+will\s+spend\s+(?:on\s+)?|spend\s+(?:on\s+)?|"
    r"to\s+)", re.I)
_SO_THAT_RX = re.compile(r"\bso\s+(?:that\s+)?(?:it|they|the\s+\w+|its\s+\w+|their\s+\w+)\s+(?:can|could|will|"
                         r"would)\s+")
_QUOTE_RX = re.compile(r"[\"“‘]([^\"”’]{2,60})[\"”’]")


def find_project(text: str, body: int, rec: Span | None, recipient: str, money: Span | None, scope: Span,
                 places: dict[int, Place], item: bool, locs: list[str]) -> str | None:
    """The project of the award to the recipient at rec, as reported, or None."""
    lo, hi = scope
    # a named project: "under the name X", "a project called X"
    for m in _NAMED_RX.finditer(text, lo, hi):
        run = TITLE_RUN_RX.match(text, m.end())
        got = tidy(run.group(0), []) if run and run.end() <= hi else None
        if got:
            return got
    if rec is not None and item:
        # "Tidepool Reading — the Harbour Trust was awarded ...", "Tidepool Reading, Harbour Trust – ...":
        # a list item's lead before its recipient
        lead = _ITEM_LEAD_DASH_RX.match(text, body, rec[0]) or _ITEM_LEAD_COMMA_RX.fullmatch(text, body, rec[0])
        if lead and not find_money(lead.group(1)) and not same(lead.group(1), recipient) and \
                (not lead.group(0).rstrip().endswith(",") or ITEM_SEP_AFTER_RX.search(text, rec[1])):
            got = tidy(lead.group(1), [])
            if got:
                return got
        # "Harbour Trust and Eastbrook council's Reading Rooms – ..."
        pm = _PARTNER_POSSESSIVE_RX.match(text, rec[1])
        if pm:
            stop = _NP_STOP_RX.search(text, pm.start("np"), pm.end("np"))
            got = tidy(text[pm.start("np"):stop.start() if stop else pm.end("np")], [])
            if got:
                return got
    # "£48,250 for its Tidepool Reading project"
    m = _FOR_ITS_RX.search(text, lo, hi)
    got = tidy(clause(text, m.end(), hi), locs) if m else None
    if got:
        return got
    if rec is not None:
        # "the Harbour Trust's Tidepool Reading project", "Harbour Trust, whose Reading Rooms scheme ..."
        cue = _POSSESSIVE_RX.match(text, rec[1]) or _WHOSE_RX.match(text, rec[1])
        if cue:
            stop = _NP_STOP_RX.search(text, cue.end(), hi)
            np = text[cue.end():stop.start() if stop else hi].strip()
            bid_for = _BID_FOR_RX.match(np)
            if bid_for:
                np = bid_for.group(1)          # "Orbit's bid for a Reading Room"
            elif np and orgs.fold(np.split()[0]) in GENERIC_PROJECT - {"project", "programme", "scheme", "work"}:
                np = ""                        # "Orbit's allocation drops ..."
            if np and not is_person(np) and not _STARTS_WITH_AMOUNT_RX.match(np) and \
                    orgs.fold(np.split()[0]) not in _NOT_A_PROJECT_START:
                got = tidy(np, locs)
                if got:
                    return got
        # "Harbour Trust (Tidepool Reading)": a bracketed name after the recipient
        pr = _BRACKETED_AFTER_RX.match(text, rec[1])
        if pr:
            inner = pr.group(1).strip()
            place = places.get(pr.start(1))
            if not _MONEY_OR_YEAR_RX.search(inner) and not acronym_of(inner, recipient) and \
                    not (place is not None and place.end - place.start >= len(inner) - 1) and inner[0].isupper() \
                    and len(inner.split()) >= 2 and not is_place_list(re.sub(r"^(?:statewide|based)\s+in\s+", "", inner)):
                return inner
    # "£290,000 to restore the pier theatre", "£6,000 for a new minibus"
    got = purpose(text, money[1], hi, rec, places, False) if money is not None else None
    if got is None and rec is not None and item:
        got = _item_rest(text, rec, hi)
    if got is None and rec is not None:
        start = rec[1] if money is None or money[0] < rec[1] else money[1]
        got = purpose(text, start, hi, rec, places, True, lo)
    if got is None and rec is not None:
        # (the pattern tries every position before the recipient; its matches all hold "by")
        m = _RUN_BY_BEFORE_RX.search(text, lo, rec[0]) if "by" in text[lo:rec[0]] else None
        if m:                                  # "Eastbrook's Pathways programme, run by Eastbrook Council"
            got = _OWNER_RX.sub("", _NP_HEAD_CUT_RX.split(m.group("np"))[-1])
    if got is None and rec is not None:
        m = _WHICH_PURPOSE_RX.search(text, rec[1], hi) or _SO_THAT_RX.search(text, rec[1], hi)
        if m:                                  # "..., which will allow it to expand its clubs"
            phrase = clause(text, m.end(), hi)
            got = title_object(phrase) or phrase
    if got is None:
        q = _QUOTE_RX.search(text, lo, hi)
        if q and q.group(1)[0].isupper() and len(q.group(1).split()) <= 8:
            got = q.group(1)
    return tidy(got, locs)


_ITEM_SEP_RX = re.compile(r"(?:\s*,\s*[A-Z][\w'’ .-]{1,40}?)?\s*(?:[–—:]|\s-)\s+")
_ITEM_WHICH_RX = re.compile(r"\s*,\s+(?:which|who)\s+(?:plans?\s+to|aims?\s+to|wants?\s+to|will|intends?\s+to|"
                            r"is\s+to)?\s*")
_AWARD_VERB_START_RX = re.compile(r"(?:also\s+)?(?:received|receives|gets|got|won|wins|was|is|has|have|had|"
                                  r"secured|shares|shared|landed|lands)\b")
_AMOUNT_PHRASE_RX = re.compile(r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?(?:award|grant|sum|allocation|total|"
                               r"package)\s+of\s+")
_STARTS_WITH_MONEY_RX = re.compile(r"(?:(?:up\s+to|about|around|nearly|almost|just\s+(?:over|under)|more\s+than|"
                                   r"over)\s+)?[£$€][\d.,]+\s*(?:m|k|bn|million|billion|thousand)?\b")
_LEADING_CUE_RX = re.compile(r"^(?:to|for|towards)\s+")


def _item_rest(text: str, rec: Span, hi: int) -> str | None:
    """A list item's text after its recipient and a separator ("Harbour Trust – restoring the pier theatre")."""
    # also "Orbit Aid, which plans to open two clinics"
    sep = _ITEM_SEP_RX.match(text, rec[1], hi)
    if not sep:
        sep = _ITEM_WHICH_RX.match(text, rec[1], hi)
        if sep and _AWARD_VERB_START_RX.match(text, sep.end(), hi):
            return None        # "Orbit Aid, which received £6,000, ...": not what it is for
    if not sep:
        return None
    start = sep.end()
    amount = _AMOUNT_PHRASE_RX.match(text, start, hi)
    if _STARTS_WITH_MONEY_RX.match(text, amount.end() if amount else start, hi):
        return None            # the purpose after the amount was looked for already
    if is_place_list(text[start:hi]):
        return None
    phrase = _LEADING_CUE_RX.sub("", clause(text, start, hi))
    return phrase if phrase.strip() and not is_place_list(phrase) else None    # ("Harbour University — Lowmere")
