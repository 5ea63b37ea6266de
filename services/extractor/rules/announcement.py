"""Rule: the announcement itself — funder, programme, total ("£36m for 11 projects"), count, date.

The funder is read from the register of funders (`data/funders.csv`, so that "DfE" and "the
Department for Education" are one funder), else from phrases that name who gives the money
("awarded by X", "X has announced"). The programme is the named fund or programme the page
speaks of most; its content words (`programme_terms`) let consolidation compare two pages that
name one programme differently ("the innovation programme", "its £200m innovation fund")."""
from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from functools import cache, lru_cache

from services.extractor import orgs
from services.extractor.money import find_money
from services.extractor.rules import names
from shared.domain import AnnouncementFacts, AwardStatement, TextDocument

HEAD_CHARS = 6000

_FUNCTION_WORDS = (r"(?:to|that|which|who|will|would|is|are|was|were|be|been|has|have|had|its|their|the|a|an|"
                   r"by|with|from|as|at|on|into|under|through|said|says|also|but|while|after|before|"
                   r"support|run|used|use|using|help|helps|get|gets|got|receive|receives|went|goes|go|include|includes|"
                   r"including|such|like|named|called|grants|awards)")
PROGRAMME_WORDS = r"(?:Fund|Programme|Program|Initiative|Scheme|Challenge|Pilot|Awards|Prize|Competition)"
PROGRAMME_RX = re.compile(
    rf"\b(?P<p>(?:[A-Z][\w'’,-]*\s+(?:(?:and|for|of|to|in)\s+)?){{1,7}}{PROGRAMME_WORDS})\b"
    r"|\b(?:the|its|their|a|an|this|[A-Z]?[\w’'-]+['’]s)\s+(?:£[\d.,]+\s*(?:m|bn|million|billion|k)?\s+)?"
    rf"(?P<q>(?:(?!{_FUNCTION_WORDS}\b)[\w'’-]+\s+){{1,5}}?(?:programme|program|fund|pilot|scheme|initiative))\b")
PROGRAMME_END_RX = re.compile(PROGRAMME_RX.pattern + r"$")
# the words a programme's name ends with, as whole words (found by str.find: see _word_ends)
PROGRAMME_END_WORDS = (*PROGRAMME_WORDS[3:-1].split("|"), "programme", "program", "fund", "pilot", "scheme",
                       "initiative")
GENERIC_TERMS = {
    "fund", "funds", "funding", "programme", "program", "scheme", "initiative", "pilot", "challenge",
    "awards", "award", "prize", "competition", "grant", "grants", "the", "a", "an", "of", "for", "and",
    "to", "in", "its", "their", "this", "new", "government", "governments", "department", "national",
    "s", "round", "first", "second", "third", "latest", "total", "million", "m", "bn", "k", "pot",
    "wider", "whole", "same", "separate", "joint", "flagship", "which", "local", "uk", "england",
}
FUNDER_CONTEXT_RX = re.compile(
    r"(?:(?P<by>(?:awarded|funded|backed|granted|given|paid|offered|financed|made|run)\s+by)|"
    r"(?:from|through|via))\s+(?:the\s+)?$", re.I)
_NAME = r"[A-Z][\w'’&-]*(?:[ \t]+(?:(?:for|of|and|&)[ \t]+)?[A-Z][\w'’&-]*){1,7}"
ANNOUNCER_RX = re.compile(rf"(?P<f>{_NAME})(?:[ \t]+\([A-Z]{{2,}}\))?[ \t]+(?:has[ \t]+|have[ \t]+)?"
                          r"(?:announced|named|revealed|unveiled|confirmed)\b")
GIVER_RX = re.compile(rf"\b(?:awarded|funded|backed|granted|financed)\s+(?:[£$€][\d.,]+\s*(?:m|bn|k|million|billion)?\s+)?"
                      rf"by\s+(?:the\s+)?(?P<f>{_NAME})")
TOTAL_CUE_RX = re.compile(r"\b(for\s+\d+\s+\w+|for\s+(?:eleven|twelve|ten|nine|eight|seven|six|five|four|three|"
                          r"two)\s+\w+|share|sharing|total|worth|pot|fund|programme|boost|announced|"
                          r"set aside|in funding|funding of|between)\b", re.I)
PERSON_RX = re.compile(r"\b(?:Minister|Secretary|Chancellor|MP|Mr|Mrs|Ms|Dr|Lord|Baroness|Councillor|Cllr|"
                       r"spokes\w+|Chief|Director|Leader)\b")
SHARE_OF_RX = re.compile(r"(?:\b(?:its|their|a|his|her)\s+(?:[\w-]+\s+)?$)", re.I)
COUNT_RX = re.compile(r"\b(\d+|eleven|twelve|ten|nine|eight|seven|six|five|four|three|two)\s+"
                      r"(?:[\w-]+\s+)?(projects|organisations|charities|areas|councils|co-?ordinators|"
                      r"partnerships|trailblazers|grants|recipients|local authorities)\b", re.I)
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12}
_BAD_PROGRAMME = re.compile(r"^(?:The|A|An|This|Its|Their|Our)\s", re.I)


@cache
def _funders() -> tuple[dict[str, re.Pattern[str]], dict[str, str]]:
    """Funder names by their first word: for each, one anchored regex over the names and aliases
    starting with it (longest first); and alias key -> full name."""
    canonical: dict[str, str] = {}
    by_first: dict[str, dict[str, str]] = {}
    with open(orgs.DATA / "funders.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for alias in [row["name"], *filter(None, (row["aliases"] or "").split("|"))]:
                canonical[_alias_key(alias)] = row["name"]
                first = re.findall(r"\w+", alias)[0]
                by_first.setdefault(first, {})[_flexible(alias)] = alias
    patterns = {first: re.compile("(?:" + "|".join(sorted(forms, key=lambda f: len(forms[f]), reverse=True))
                                  + r")(?![\w-])") for first, forms in by_first.items()}
    return patterns, canonical


_WORD_OR_HYPHEN_RX = re.compile(r"[\w-]")


def funder_name(name: str) -> str | None:
    """The register's full name of a funder named by any of its names ("DfE"), or None."""
    return _funders()[1].get(_alias_key(name))


@lru_cache(maxsize=8192)
def _alias_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


def _flexible(alias: str) -> str:
    """A regex for a funder's name that allows the page's commas, ampersands, dots and apostrophes."""
    parts = []
    for w in re.findall(r"[\w]+", alias.replace("&", " and ")):
        parts.append(r"(?:and|&)" if w.lower() == "and" else re.escape(w))
    return r"[\s,.'’]*".join(parts)


@cache
def _first_words_rx() -> re.Pattern[str]:
    """The capitalised first words of the register's names, each to the end of its word, one branch per
    first letter: the page is scanned at C speed, not word by word. A hit may start inside a word
    ("PArts"); `_listed` drops those."""
    by_letter: dict[str, list[str]] = {}
    for word in _funders()[0]:
        if "A" <= word[0] <= "Z":
            by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("(?:" + "|".join(f"{letter}(?:{'|'.join(sorted(rests, key=len, reverse=True))})"
                                      for letter, rests in sorted(by_letter.items())) + r")(?!\w)")


def _listed(head: str) -> list[tuple[str, int, int]]:
    """(full name, start, end) of every listed funder named in the text."""
    patterns, canonical = _funders()
    found = []
    pos = 0
    for word in _first_words_rx().finditer(head):
        if word.start() < pos or word.start() and _WORD_OR_HYPHEN_RX.match(head, word.start() - 1):
            continue
        rx = patterns.get(word.group(0))
        m = rx.match(head, word.start()) if rx else None
        if m:
            found.append((canonical[_alias_key(m.group(0))], m.start(), m.end()))
            pos = m.end()
    return found


def find_funder(text: str) -> str | None:
    """The funder a page names most, weighted towards phrases that say who gives the money:
    "awarded by X" and "X has announced" count most, "from X" next, a bare mention least."""
    _, canonical = _funders()
    head = text[:HEAD_CHARS]
    scores: Counter[str] = Counter()
    for name, start, end in _listed(head):
        context = FUNDER_CONTEXT_RX.search(head[max(0, start - 40):start])
        announces = ANNOUNCES_RX.match(head, end)
        weight = 3 if announces or (context and context.group("by")) else 2 if context else 1
        scores[name] += weight + (start < 1500)
    for m in [*_givers(head), *_announcers(head)]:
        name = _unlisted_funder(m.group("f"))
        if name and canonical.get(_alias_key(name)) is None:
            scores[name] += 3 + (m.start() < 1500)
    return scores.most_common(1)[0][0] if scores else None


# GIVER_RX and ANNOUNCER_RX are tried only where their verbs are (found by str.find, many times
# cheaper than trying a pattern at each of a page's positions); each gives what finditer gives.
_GIVER_VERBS = ("awarded", "funded", "backed", "granted", "financed")
_GIVER_AT = re.compile(GIVER_RX.pattern.removeprefix(r"\b"))
_ANNOUNCER_VERBS = ("announced", "named", "revealed", "unveiled", "confirmed")
_WORD_CHAR_RX = re.compile(r"\w")


def _occurrences(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of one of the words in the text, in order."""
    found = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            found.append((i, i + len(word)))
            i = text.find(word, i + 1)
    return sorted(found)


def _word_starts(text: str, i: int) -> bool:
    return i == 0 or not _WORD_CHAR_RX.match(text, i - 1)


def _word_ends(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each occurrence of one of the words as a whole word ends, in order."""
    return [end for start, end in _occurrences(text, words)
            if _word_starts(text, start) and not _WORD_CHAR_RX.match(text, end)]


def _givers(text: str) -> list[re.Match[str]]:
    """GIVER_RX.finditer(text): its matches start at one of its verbs, after a word boundary."""
    found, end = [], 0
    for i, _ in _occurrences(text, _GIVER_VERBS):
        if i < end or not _word_starts(text, i):
            continue
        m = _GIVER_AT.match(text, i)
        if m:
            found.append(m)
            end = m.end()
    return found


def _announcers(text: str) -> list[re.Match[str]]:
    """ANNOUNCER_RX.finditer(text): its matches never cross a line (names are spaced by blanks and
    tabs), so only the lines with one of its verbs are searched."""
    found, searched = [], -1
    for i, _ in _occurrences(text, _ANNOUNCER_VERBS):
        if i < searched:
            continue
        line_start, line_end = text.rfind("\n", 0, i) + 1, text.find("\n", i)
        searched = len(text) if line_end < 0 else line_end
        found += ANNOUNCER_RX.finditer(text, line_start, searched)
    return found


ANNOUNCES_RX = re.compile(r"\s*(?:\([A-Z]+\)\s*)?(?:has|have)?\s*(?:announced|named|confirmed|set aside)")


def _unlisted_funder(phrase: str) -> str | None:
    name = orgs.clean_name(re.sub(r"^the\s+", "", phrase, flags=re.I))
    if not names.acceptable(name) or len(name.split()) < 2 or orgs.council(name) or PERSON_RX.search(name):
        return None
    if len(name.split()) == 2 and not orgs.has_org_word(name):   # "Jane Smith announced"
        return None
    return name


def programme_candidates(text: str, funder: str | None) -> list[str]:
    out = []
    funder_key = orgs.fold(funder or "")
    for end in _word_ends(text, PROGRAMME_END_WORDS):    # the costly pattern only ends at a programme word
        m = PROGRAMME_END_RX.search(text, max(0, end - 120), end)
        if m is None:
            continue
        name = _tidy(m.group("p") or m.group("q") or "")
        if not name or _BAD_PROGRAMME.match(name) or orgs.fold(name) == funder_key:
            continue
        if funder and orgs.fold(name).startswith(funder_key + " "):
            name = name[len(funder):].lstrip("'’s ").strip()
        if programme_terms([name]):
            out.append(name)
    return out


def programme_terms(candidates: list[str]) -> list[str]:
    """Content words of the programme names a page uses, for comparing two pages' programmes."""
    terms = set()
    for name in candidates:
        for w in orgs.fold(name).split():
            if w not in GENERIC_TERMS and not w.isdigit() and len(w) > 2:
                terms.add(w)
    return sorted(terms)


def find_total(lines: list[str], awards: list[AwardStatement]) -> tuple[Decimal, str, bool] | None:
    """The announcement's total: money near a total cue in the headline or opening, that is not
    one recipient's award, a cap or somebody's share."""
    award_values = {a.amount for a in awards if a.amount is not None}
    largest = max(award_values, default=Decimal(0))
    for line in lines:
        for money in find_money(line):
            if money.qualifier == "up to" or money.value in award_values or money.value < largest:
                continue
            before, after = line[max(0, money.start - 60):money.start], line[money.end:money.end + 40]
            if SHARE_OF_RX.search(before) and re.match(r"\s*share", after):
                continue          # "its £1m share of the fund"
            if TOTAL_CUE_RX.search(before + " " + line[money.start:money.end] + after):
                return money.value, money.currency, money.approximate
    return None


def head_lines(doc: TextDocument) -> list[str]:
    """The title and the opening of the text, a line each: where the total and the count are read."""
    return [ln for ln in "\n".join(filter(None, [doc.title, doc.text[:1500]])).splitlines() if ln.strip()]


def announcement_facts(doc: TextDocument, awards: list[AwardStatement] = ()) -> AnnouncementFacts:
    lines = head_lines(doc)
    facts = AnnouncementFacts(announced_on=doc.published)
    text = doc.text[:HEAD_CHARS]
    facts.funder = find_funder("\n".join(filter(None, [doc.title, doc.text])))
    candidates = programme_candidates("\n".join(filter(None, [doc.title, text])), facts.funder)
    if candidates:
        counts = Counter(candidates)
        facts.programme = max(counts, key=lambda n: (counts[n], n[0].isupper(), len(n)))
    facts.programme_terms = programme_terms(candidates)
    total = find_total(lines, list(awards))
    if total:
        facts.total_amount, facts.currency, facts.approximate = total
    count = COUNT_RX.search("\n".join(lines))
    if count:
        n = count.group(1).lower()
        facts.projects = int(n) if n.isdigit() else WORDS.get(n)
    return facts


@lru_cache(maxsize=4096)   # the rule and the reader tidy the page's programme names again
def _tidy(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(" ,.;"), flags=re.I)
    return re.sub(r"\s+", " ", name).strip(" ,")
