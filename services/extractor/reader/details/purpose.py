"""What an award's money pays for, read from the words after its amount ("£290,000 to restore the
pier theatre", "£6,000 for a new minibus", "would help it reach more families"), and how a project is
reported (without quotes, a leading determiner or its places; never a bare "bid" or "grant")."""
from __future__ import annotations

import re

from services.extractor import orgs
from services.extractor.reader.details.naming import (
    CONTENT_WORD_AFTER_RX,
    has_org_word,
    is_institution,
    is_institution_name,
    is_person,
)
from services.extractor.reader.details.places import Place, gazetteer
from services.extractor.reader.details.spans import Span, clause

# words that alone are no project ("its bid", "the allocation", "a spokesperson")
GENERIC_PROJECT = {
    "bid", "share", "allocation", "award", "grant", "funding", "money", "plan", "plans", "total", "budget", "deal",
    "cash", "pot", "sum", "portion", "application", "proposal", "submission", "slice", "team", "staff",
    "chief", "director", "leader", "work", "project", "programme", "program", "scheme", "part", "role",
    "own", "latest", "new", "first", "second", "third", "success", "win", "entry", "agreement", "funds", "fund",
    "settlement", "offer", "contract", "investment", "boost", "windfall", "payment", "shortlisted", "place",
    "spot", "turn", "chance", "website", "statement", "announcement", "spokesperson", "spokesman",
    "spokeswoman", "view", "chair", "chairman", "officer", "ceo", "head", "board", "trustees", "report", "behalf",
}
_GENERIC_FILLER = {"its", "the", "a", "new", "of"}
_GENERIC_PLURALS = {"projects", "programmes", "programs", "schemes", "grants", "awards", "bids", "winners",
                    "recipients", "organisations", "organizations", "charities", "consortia", "partnerships",
                    "teams", "centres", "areas", "councils", "places", "groups", "applicants", "ones"}
_QUANTIFIED_RX = re.compile(r"^(?:(?:the|these|those|other|remaining|all|both|some|several|many|successful|winning|"
                            r"new|local|national|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                            r"\w+teen|twenty|thirty|\d+|of)\s+)*\w+$")
# "for the first time", "for three years", "for 2024-25": not what the money is for
_TIME_RX = re.compile(r"(?:the\s+|a\s+)?(?:first|second|third|fourth|fifth|final|next|coming|past|last|following|"
                      r"same|current|whole|financial|\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                      r"several|many)\b(?:\s+(?:time|year|years|months|month|weeks|days|decade|period|round|"
                      r"phase))?|(?:\d{4}|year|years|months|a year|each year|the year|the period|"
                      r"the financial year|now|good|free|up to|the work)\b", re.I)
# words after "to" that do not start a purpose ("to the Trust", "to be", "to receive")
_NOT_VERB = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "be", "date",
             "about", "around", "nearly", "almost", "more", "less", "over", "under", "up", "each", "every",
             "all", "some", "any", "both", "just", "only", "as", "and", "or", "per", "than", "which", "who",
             "what", "whom", "it", "them", "him", "us", "me", "you", "one", "two", "three", "four", "five",
             "include", "receive", "get", "win", "share"}
# verbs whose title-case object is the project's name ("to establish the Tidal Sensing Institute")
_ESTABLISH_VERBS = {"establish", "create", "launch", "found", "set", "open", "build", "host", "run", "deliver",
                    "develop", "lead", "start", "form", "fund", "support", "expand", "extend", "grow", "scale",
                    "continue", "sustain", "operate", "restore", "reopen", "refurbish", "equip", "help"}
_TITLE_OBJECT_RX = re.compile(r"(?P<verb>[a-z]+)(?:\s+up)?\s+(?:(?:the|a|an|its|their|new|first|national|regional)\s+)*"
                              r"(?P<name>[A-Z][\w'’&.°+-]*(?:\s+(?:of|the|and|&|for)?\s*[A-Z0-9][\w'’&.°+-]*)+)")
_TITLE_TRAILING_LINK_RX = re.compile(r"\s+(?:of|the|and|&|for)$")
# "£48,250 would help it reach ...", "will allow Orbit to expand ...", "will pay for ..."
_HELPS_RX = re.compile(
    r"\s*(?:grant\s+|award\s+|funding\s+)?(?:will|would|should|could|can|is\s+to|is\s+expected\s+to|"
    r"is\s+set\s+to)\s+(?:help|allow|enable|let)\s+(?:it|them|the\s+[a-z]+|[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*)\s+"
    r"(?:to\s+)?(?=[a-z])|\s*(?:grant\s+|award\s+|funding\s+)?(?:will|would|is\s+to)\s+(?:pay\s+for|fund|"
    r"go\s+towards|be\s+used\s+(?:to|for|on)|be\s+spent\s+on)\s+")
_PURPOSE_RX = re.compile(r"\b(?:to|for|towards|toward)\s+")
_BE_SPENT_RX = re.compile(r"be\s+(?:spent|used)\s+(?:on|for|to)\s+")
_WORD_RX = re.compile(r"[\w'’-]+")
_DETERMINER_RX = re.compile(r"(?:the|its|their|a|an|his|her)\s+")
# between an amount and the purpose it pays for: no clause boundary
_GAP_BOUNDARY_RX = re.compile(r"[;.!?](?:\s|$)|,\s+(?:which|while|who|whose|and|but|the|a|an|it|they|was|were|is|"
                              r"are|has|had|as|though|although|when|after|before)\b|\s[–—]\s|\bwhile\b")
TITLE_RUN_RX = re.compile(r"(?:[\"“‘'][^\"”’']{2,80}[\"”’']"
                          r"|[A-Z0-9][\w'’&.°+-]*(?:(?::\s+|\s+(?:of|the|and|&|for|in|on|to|a|at|with|y|de|la)\s+"
                          r"|\s+)[A-Z0-9][\w'’&.°+-]*)*)")
_COLON_OR_QUOTE_RX = re.compile(r"[:\"“]")
_PROJECT_WORD_RX = re.compile(r"\b(?:Project|Programme|Scheme|Centre|Institute|Hub|Festival|Appeal)\b")
_AWARD_WORD_RX = re.compile(r"\b(?:award\w*|grant\w*|fund\w*|money|cash|sum|receiv\w*|secur\w*|won|wins|win|"
                            r"given|offered|get|gets|got|allocat\w*|backed|investment|share|prize|spend|"
                            r"spent|use|used|using|putting|put|lands|landed|brings|support)\b", re.I)
_QUOTE_CHARS_RX = re.compile(r"[\"“”]|‘([^’]*)’?")
_LEADING_DETERMINER_RX = re.compile(r"^(?:its|their|his|her|the|a|an)\s+(?=\S)")
_TRAILING_PLACES_RX = re.compile(r"\s+(?:in|across|throughout|around|covering|to|into)\s+(?:the\s+)?"
                                 r"(?P<tail>[A-Z].*)$")
_LIST_SPLIT_RX = re.compile(r",\s*|\s+and\s+|\s*&\s*")
_LETTER_RX = re.compile(r"[A-Za-z]")
_MAX_PROJECT_WORDS = 18


def tidy(project: str | None, places: list[str]) -> str | None:
    """A project as reported, or None when it is only a generic word ("bid", "the other four projects")."""
    # without quotes, a leading determiner or a trailing phrase of the places it covers
    if not project:
        return None
    s = project.strip(" ,.;:–—-\"“”‘’'")
    s = _QUOTE_CHARS_RX.sub(lambda m: m.group(1) or "", s)     # "a new “hub”", "‘open’ studios"
    s = _LEADING_DETERMINER_RX.sub("", s)
    # a trailing place phrase belongs to the locations ("... for men in Eastbrook and Westmere")
    folded = {orgs.fold(p) for p in places}
    m = _TRAILING_PLACES_RX.search(s)
    if m:
        parts = [orgs.fold(x) for x in _LIST_SPLIT_RX.split(m.group("tail")) if x.strip()]
        if parts and all(x in folded or any(x.endswith(" " + n) or n.endswith(" " + x) for n in folded)
                         for x in parts) and len(s[:m.start()].split()) >= 2:
            s = s[:m.start()]
    s = " ".join(s.split()[:_MAX_PROJECT_WORDS]).strip(" ,.;:–—-\"“”‘’'")
    if not s or not _LETTER_RX.search(s):
        return None
    words = orgs.fold(s).split()
    if words and words[-1] in _GENERIC_PLURALS and _QUANTIFIED_RX.match(" ".join(words)):
        return None
    if all(w in GENERIC_PROJECT or w in _GENERIC_FILLER for w in words):
        return None
    return s


def title_object(phrase: str) -> str | None:
    """The title-case name a verb establishes ("establish the Tidal Sensing Institute" -> "Tidal Sensing Institute")."""
    m = _TITLE_OBJECT_RX.match(phrase)
    if m and m.group("verb") in _ESTABLISH_VERBS and not CONTENT_WORD_AFTER_RX.match(phrase, m.end()):
        name = _TITLE_TRAILING_LINK_RX.sub("", m.group("name"))
        if orgs.fold(name) not in gazetteer().folded and len(name.split()) >= 2:
            return name
    return None


def purpose(text: str, start: int, limit: int, rec: Span | None, places: dict[int, Place],
            need_award_word: bool, award_from: int | None = None) -> str | None:
    """What an amount pays for: the first "to <verb> ...", "for <noun phrase>" or "towards ..." after start."""
    # with no amount to start from (need_award_word) an award word must come first, from award_from on
    # ("was given a grant to ...")
    award_from = start if award_from is None else award_from
    helped = _HELPS_RX.match(text, start)
    if helped:
        phrase = clause(text, helped.end(), limit)
        return title_object(phrase) or phrase
    for m in _PURPOSE_RX.finditer(text, start, limit):
        if rec and rec[0] <= m.end() < rec[1] + 2:
            continue
        gap = text[start:m.start()]
        if rec and start <= rec[0] < m.start():
            gap = gap.replace(text[rec[0]:rec[1]], "R")
        if len(gap.split()) > 12 or _GAP_BOUNDARY_RX.search(gap):
            break              # too far from the amount to be what it pays for
        if rec and m.end() <= rec[0] < m.end() + 6:
            continue           # "£6,000 to the Harbour Trust": the recipient, not the purpose
        if need_award_word and not _AWARD_WORD_RX.search(text, award_from, m.start()):
            continue
        word = _WORD_RX.match(text, m.end())
        if not word:
            continue
        w = word.group(0)
        if m.group(0).strip().lower() == "to":
            if w == "be":
                spent = _BE_SPENT_RX.match(text, m.end())
                if spent:      # "to be spent on new kit"
                    return clause(text, spent.end(), limit)
            if not w[0].islower() or w in _NOT_VERB:
                continue
            phrase = clause(text, m.end(), limit)
            return title_object(phrase) or phrase
        # for / towards: a noun phrase, not a place, a time or a person
        p = m.end()
        if p in places or (p + 4 in places and text.startswith("the ", p)) or _TIME_RX.match(text, p):
            continue
        det = _DETERMINER_RX.match(text, p)
        if det and text[det.end():det.end() + 1].isupper():
            run = TITLE_RUN_RX.match(text, det.end())
            if run and len(run.group(0).split()) >= 2 and run.end() <= limit and not is_person(run.group(0)) \
                    and not is_institution_name(run.group(0)) and det.end() not in places:
                return run.group(0)     # "for the Lantern Walks Festival"
        if w[0].isupper():
            run = TITLE_RUN_RX.match(text, p)
            name = run.group(0) if run else w
            if len(name.split()) <= 2 and not has_org_word(name) and not _COLON_OR_QUOTE_RX.search(name):
                continue       # "for Eastbrook": a place, not what the money is for
            if is_person(name) or (is_institution(name) and not _PROJECT_WORD_RX.search(name)):
                continue
        phrase = clause(text, p, limit)
        if phrase.strip():
            return phrase
    return None
