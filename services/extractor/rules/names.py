"""Reading organisation names out of phrases: the subject of a clause, a list item's lead,
joint recipients ("Catch22 and Southwark Council"), possessives ("Newham's NewDay project")."""
from __future__ import annotations

import re

from services.extractor import orgs

CONNECTORS = r"(?:of|and|for|the|upon|on|in|with|&|de|del|la|y|du|van|von|der|le|at)"
TOKEN = r"(?:[A-Z\u00C0-\u00DE][\w'’.&-]*|[A-Z]{2,}\w*|\d+[A-Za-z]*)"
LOWER_ORG = r"(?:county|city|borough|district|metropolitan|council\w*|trust|group|network|consortium|" \
            r"partnership|foundation|charity|services|project|programme)"
NAME = rf"{TOKEN}(?:\s+(?:{CONNECTORS}\s+)*{TOKEN}|\s+{LOWER_ORG}\b)*"
LEADING_NAME_RX = re.compile(rf"^(?:the\s+|The\s+)?(?P<name>{NAME})(?:\s*\((?P<paren>[^)]{{1,60}})\))?")
NAME_RX = re.compile(rf"(?<![\w'’])(?:the\s+|The\s+)?{NAME}")

ADVERBIAL_RX = re.compile(
    r"^(?:(?:and|but|meanwhile|separately|also|however|elsewhere|further \w+|nationally|locally|"
    r"in addition|in total|overall|alongside [^,]+|in [A-Z][\w' -]+|at [A-Z][\w' -]+|"
    r"in the [\w' -]+|by contrast|similarly|likewise|finally|today|yesterday|this week|"
    r"on \w+day|for \w+)\s*,\s*)+",
    re.I,
)
DETERMINER_RX = re.compile(r"^(?:a|an|one|another|two|three|four|several|each|every|its|their|his|her)\b", re.I)
GENERIC_RX = re.compile(
    r"^(?:the|a|an|this|that|each)\s+(?:[\w'’-]+\s+){0,6}?(?:charity|organisation|organization|council|"
    r"partnership|project|scheme|group|authority|trust|programme|bid|consortium|service|body|city|town|"
    r"area|region|club|school|university|centre)\b", re.I)
POSSESSIVE_RX = re.compile(r"['\u2019]s\s+(?=(?P<next>[\w-]+))")
NOT_NAMES = {
    "england", "scotland", "wales", "northern ireland", "uk", "united kingdom", "britain", "great britain",
    "london", "north east", "north west", "south east", "south west", "east midlands", "west midlands",
    "midlands", "yorkshire and the humber", "east of england", "the region", "the government",
    "government", "ministers", "the department", "the fund", "the programme", "europe", "ireland",
    "the north east", "the south east", "the north west", "the south west", "the state", "whitehall",
    "the ministry", "the home office", "the council", "the charity", "the trust",
}


def strip_adverbials(text: str) -> str:
    return ADVERBIAL_RX.sub("", text.strip()).strip()


def leading_name(text: str) -> str | None:
    """The organisation name a phrase starts with, if it starts with one."""
    text = strip_adverbials(text)
    text = re.sub(r"^(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,4}?(?:charity|organisation|social enterprise|"
                  r"group|body|provider|company|agency|body|consortium)\s+(?=[A-Z])", "", text)
    if DETERMINER_RX.match(text):
        return None
    m = LEADING_NAME_RX.match(text)
    if not m:
        return None
    name = m.group("name")
    return name if acceptable(name) else None


def acceptable(name: str) -> bool:
    s = orgs.clean_name(name)
    if not orgs.is_orgish(s) or orgs.fold(s) in NOT_NAMES or orgs.fold("the " + s) in NOT_NAMES:
        return False
    if re.fullmatch(r"[\d.,]+", s) or s.lower() in {"the", "and", "in", "a"}:
        return False
    return True


def split_possessive(text: str) -> tuple[str, str | None]:
    """"Newham's NewDay project" -> ("Newham", "NewDay project"); a possessive that is part of a
    name ("Barnardo's", "St Christopher's Fellowship", "Mayor's Office") is left alone."""
    cut = None
    for m in POSSESSIVE_RX.finditer(text):
        nxt = m.group("next")
        if orgs.fold(nxt) in orgs.ORG_WORDS or nxt.lower() in {"services", "society", "aid", "link",
                                                              "fellowship", "centre", "trust", "hospital"}:
            continue
        cut = m
    if cut is None:
        return text, None
    return text[:cut.start()], text[cut.end():] or None


def split_joint(text: str) -> tuple[str, list[str]]:
    """"Catch22 and Southwark council" -> ("Catch22", ["Southwark council"]): the rightmost "and"
    whose two sides both read as organisations; names that contain "and" are kept whole."""
    if orgs.council(text):
        return text, []
    pieces = list(re.finditer(r"\s+(?:and|&)\s+", text))
    for m in reversed(pieces):
        left, right = text[:m.start()].strip(), text[m.end():].strip()
        right = re.sub(r"^(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,4}?(?:charity|organisation|social enterprise)\s+",
                       "", right)
        if not right or not (right[0].isupper()) or right.split()[0].lower() in {"the"} and len(right.split()) < 2:
            continue
        if orgs.council(right) or orgs.has_org_word(right) or re.match(r"[A-Z]{2,}", right) or \
                (orgs.council(left) and orgs.is_orgish(right)):
            if orgs.is_orgish(left) and not left.endswith((" of", " for")):
                return left, [right]
    return text, []


def trailing_name(text: str) -> str | None:
    """The last organisation name in a phrase ("... run by the Family Rights Group which")."""
    found = [m.group(0) for m in NAME_RX.finditer(text)]
    for name in reversed(found):
        if acceptable(name):
            return name
    return None
