"""Reading organisation names out of phrases: the subject of a clause, a list item's lead,
joint recipients ("Stepwise and Oldham Council"), possessives ("Sefton's BrightStart project")."""
from __future__ import annotations

import re
from functools import lru_cache

from services.extractor import orgs

CONNECTORS = r"(?:of|and|for|the|upon|on|in|with|&|de|del|la|y|du|van|von|der|le|at)"
TOKEN = r"(?:[A-Z\u00C0-\u00DE][\w'’.&-]*|[A-Z]{2,}\w*|\d+[A-Za-z]*)"
LOWER_ORG = r"(?:county|city|borough|district|metropolitan|council\w*|trust|group|network|consortium|" \
            r"partnership|foundation|charity|services|project|programme)"
NAME = rf"{TOKEN}(?:\s+(?:{CONNECTORS}\s+)*{TOKEN}|\s+{LOWER_ORG}\b)*"
LEADING_NAME_RX = re.compile(rf"^(?:the\s+|The\s+)?(?P<name>{NAME})(?:\s*\((?P<paren>[^)]{{1,60}})\))?")
NAME_RX = re.compile(rf"(?<![\w'’])(?:the\s+|The\s+)?{NAME}")
CONNECTOR_RX = re.compile(CONNECTORS, re.I)
LOWER_ORG_RX = re.compile(LOWER_ORG, re.I)
NUMBER_RX = re.compile(r"[\d.,]+")
LEADING_THE_RX = re.compile(r"^the\s+", re.I)

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
# words that continue a name after a possessive ("St Anne's Fellowship", "Mayor's Office");
# "project", "programme", "model" and the like start what the organisation owns, not its name
NAME_CONTINUES = {
    "office", "fellowship", "society", "services", "service", "trust", "centre", "center", "aid", "link",
    "hospital", "foundation", "association", "institute", "college", "university", "school", "club",
    "union", "commission", "commissioner", "charity", "network", "alliance", "hospice", "church",
    "hospitals", "clinic", "home", "homes", "fund", "league", "guild", "federation", "academy",
}
NOT_NAMES = {
    "england", "scotland", "wales", "northern ireland", "uk", "united kingdom", "britain", "great britain",
    "london", "north east", "north west", "south east", "south west", "east midlands", "west midlands",
    "midlands", "yorkshire and the humber", "east of england", "the region", "the government",
    "government", "ministers", "the department", "the fund", "the programme", "europe", "ireland",
    "the north east", "the south east", "the north west", "the south west", "the state", "whitehall",
    "the ministry", "the home office", "the council", "the charity", "the trust",
    "covid", "covid-19", "covid 19", "share", "email", "share email", "print", "tweet",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "north", "south", "east", "west", "the north", "the south", "the east", "the west", "the midlands",
    # a headline's label before its colon ("Revealed: the trusts that ...")
    "revealed", "exclusive", "breaking", "analysis", "explained", "explainer", "opinion", "comment", "watch",
}


LEADING_CONJUNCTION_RX = re.compile(r"^(?:and|but|so|plus|meanwhile|also|then)\s+", re.I)
NUMBER_WORD_RX = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|dozens?|hundreds|thousands)(?:-\w+)?$", re.I)
# capitalised words that open a sentence without naming anybody
NOT_NAME_STARTS = {
    "other", "others", "another", "some", "many", "most", "several", "both", "all", "around", "about",
    "nearly", "almost", "over", "under", "more", "fewer", "less", "previous", "past", "former", "earlier",
    "last", "next", "our", "your", "his", "her", "its", "their", "my", "which",
    "who", "how", "why", "when", "where", "if", "while", "although", "though", "because", "since",
    "after", "before", "during", "following", "according", "across", "among", "between", "including",
    "up", "only", "just", "each", "every", "any", "no", "none", "such", "said", "out", "despite", "within",
    "without", "throughout", "through", "instead", "once", "until", "unless", "whether", "we'll", "we’ll",
    "we're", "we’re", "we've", "we’ve", "they'll", "they’ll", "it's", "it’s", "i'm", "i’m",
}


def strip_adverbials(text: str) -> str:
    text = ADVERBIAL_RX.sub("", text.strip()).strip()
    return LEADING_CONJUNCTION_RX.sub("", text).strip()


DESCRIPTOR_RX = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’-]+\s+)?(?:[a-z][\w'’-]*\s+){0,4}?(?:charity|organisation|"
    r"social enterprise|group|body|provider|company|agency|consortium|campaigners?|"
    r"specialists?|firm|nonprofit|non-profit|organization|gallery|museum|bookstore|bookshop|theatre|theater|"
    r"venue|publisher|magazine|collective|cooperative|co-operative)\s+(?=[A-Z])")


def strip_descriptor(text: str) -> str:
    """"Devon charity Bring Me Home" -> "Bring Me Home", "the young carers' charity LIFTUP" -> "LIFTUP"."""
    return DESCRIPTOR_RX.sub("", text, count=1)


def leading_name(text: str) -> str | None:
    """The organisation name a phrase starts with, if it starts with one."""
    text = strip_adverbials(text)
    text = strip_descriptor(text)
    if DETERMINER_RX.match(text):
        return None
    m = LEADING_NAME_RX.match(text)
    if not m:
        return None
    name = m.group("name")
    return name if acceptable(name) else None


# a word for people, alone, names no organisation ("Men" of "Men's Shed", "Individuals")
PEOPLE_NOUNS = frozenset("men women boys girls children people families individuals residents volunteers members "
                         "parents carers veterans students pupils youths seniors elders artists adults".split())
# one name and a lower-case kind of body describe one ("a Possilpark charity", "the Lowmere group")
DESCRIBED_RX = re.compile(r"[A-Z][\w'’-]*\s+(?:charity|group|project|programme|network|partnership|services)")
# a headline's last word: "Grants Roundup", "Funding Update"
HEADLINE_WORDS = frozenset({"roundup", "round-up", "update", "updates", "digest", "bulletin", "newsletter", "headlines"})
# a kind of body, not one: "SMEs", "NGOs", "CDFIs"; and a record's labels ("Decision: award £X")
PLURAL_ACRONYM_RX = re.compile(r"[A-Z]{2,6}s")
RECORD_LABELS = frozenset({"decision", "outcome", "status", "result", "applicant", "amount", "total", "grant",
                           "award", "project", "organisation", "organization", "recipient", "funder"})
CODED_AMOUNT_RX = re.compile(r"(?:GBP|USD|EUR|CAD|AUD|NZD|[A-Z]{1,2}\$)\s?\d")   # "EUR30m": an amount


PERSON_TITLE_RX = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Miss|Sir|Dame|Rev|Revd|Cllr|Councillor|A/Pr|A/Prof|"
                             r"Assoc\.?\s+Prof|Associate\s+Professor)\.?\s+[A-Z]")


@lru_cache(maxsize=8192)
def acceptable(name: str) -> bool:
    s = orgs.clean_name(name)
    if not orgs.is_orgish(s) or orgs.fold(s) in NOT_NAMES or orgs.fold("the " + s) in NOT_NAMES:
        return False
    if PERSON_TITLE_RX.match(s) and not orgs.has_org_word(s):
        return False          # "Dr Jo Bloggs", "Prof Ann Smith": a person (but "Sir Jo Marlow Cancer Charity")
    if NUMBER_RX.fullmatch(s) or s.lower() in {"the", "and", "in", "a"} or CODED_AMOUNT_RX.match(s) or \
            s.lower() in PEOPLE_NOUNS or DESCRIBED_RX.fullmatch(s) or s.split()[-1].lower() in HEADLINE_WORDS or \
            PLURAL_ACRONYM_RX.fullmatch(s) or s.lower() in RECORD_LABELS:
        return False
    return name_like(s)


ADVERB_RX = re.compile(r"(?:ally|ively|ously|ately|edly|ently|antly|ably|ibly|arly)$")


def numbered_name(words: list[str]) -> bool:
    """A name that opens with a number word ("Four Clocks Community Centre", "Three Rivers District
    Council"): capitalised throughout, three words or more, ending in one organisation (not "Twelve
    Community Groups")."""
    last = words[-1]
    if len(words) >= 3 and words[0] == "One" and all(w[:1].isupper() for w in words) and \
            not (words[1].endswith("s") and not words[1].endswith("ss")):
        return True           # "One Parent Families Lowmere": "One" and a singular word open many names
    return len(words) >= 3 and all(w[:1].isupper() for w in words) and \
        orgs.fold(last) in orgs.ORG_WORDS and not (last.endswith("s") and not last.endswith("ss"))


def name_like(name: str) -> bool:
    """Reads as a proper name: not opened by a quantifier, pronoun or number word ("Other",
    "Around 7", "Fifteen"), not ending in a bare number, mostly capitalised words."""
    words = LEADING_THE_RX.sub("", name.strip()).split()
    if not words:
        return False
    first = words[0].strip("‘'\"(").lower()
    if NUMBER_WORD_RX.match(first) and not numbered_name(words):
        return False
    if len(words) == 1 and ADVERB_RX.search(first):
        return False          # "Nationally, ...", "Separately, ..."
    if len(words) <= 3 and first.endswith("ing") and not any(orgs.fold(w) in orgs.ORG_WORDS for w in words) \
            and not orgs.council(words[0]) and (len(words) == 1 or words[1].isupper() or words[1].islower()):
        return False          # "Installing CCTV", "Improving access": what the money does
    if (first in NOT_NAME_STARTS or LEADING_CONJUNCTION_RX.match(first + " ")) and \
            not re.match(r"All\s+(?:Saints|Souls|Hallows)\b|No\.?\s+\d+\s+[A-Z]", " ".join(words)):
        # ("All Souls Church", "No 1 District Rowing Federation")
        return False
    content = [w for w in words if not CONNECTOR_RX.fullmatch(w)]
    named = [w for w in content if w[0].isupper() or w[0].isdigit() or orgs.fold(w) in orgs.ORG_WORDS
             or LOWER_ORG_RX.fullmatch(w) or re.match(r"[a-z]{1,3}[A-Z]", w)]   # ("hAbhann", "eLearn")
    return len(named) >= 0.6 * len(content)


def split_possessive(text: str) -> tuple[str, str | None]:
    """"Sefton's BrightStart project" -> ("Sefton", "BrightStart project"); a possessive that is part of a
    name ("Dr Hale's", "St Anne's Fellowship", "Mayor's Office", "Women's Refuge") is left alone."""
    cut = None
    for m in POSSESSIVE_RX.finditer(text):
        nxt = m.group("next")
        if orgs.fold(nxt) in NAME_CONTINUES:
            continue
        owner = text[:m.start()].split()
        if owner and owner[-1].lower() in PEOPLE_NOUNS and nxt[:1].isupper():
            continue        # "Women's Refuge", "Children's Hospice": a name made of whom it serves
        cut = m
    if cut is None:
        return text, None
    return text[:cut.start()], text[cut.end():] or None


# "and" inside the standard names of public bodies and their remits, never a joint award
COMPOUND_RX = re.compile(
    r"\b(?:Police|Policing|Fire|Health|Work|Culture|Media|Housing|Communities|Environment|Food|Business|"
    r"Energy|Science|Children|Education|Arts|Engineering|Economic|Biotechnology|Research|Trade|Advice|"
    r"Safety|Justice|Family|Families|Care|Sport|Heritage|Land|Planning|Transport|Skills)\s+(?:and|&)\s+"
    r"(?:Crime|Rescue|Social\s+Care|Care|Pensions|Sport|Communities|Local\s+Government|Rural\s+Affairs|"
    r"Industrial\s+Strategy|Technology|Innovation|Families|Young\s+People|Skills|Humanities|Physical\s+"
    r"Sciences|Social|Biological\s+Sciences|Industry|Support|Wellbeing|Net\s+Zero|Security|Culture|"
    r"Heritage|Learning|Training|Employment|Property|Development|Infrastructure)\b")


def split_joint(text: str) -> tuple[str, list[str]]:
    """"Stepwise and Oldham council" -> ("Stepwise", ["Oldham council"]): the rightmost "and"
    whose two sides both read as organisations; names that contain "and" are kept whole."""
    if orgs.council(text):
        return text, []
    compounds = [c.span() for c in COMPOUND_RX.finditer(text)]
    pieces = [m for m in re.finditer(r"\s+(?:and|&)\s+", text)
              if not any(a < m.start() and m.end() < b for a, b in compounds)]
    for m in reversed(pieces):
        left, right = text[:m.start()].strip(), text[m.end():].strip()
        if "&" in m.group(0) and len(left.split()) == 1 and not orgs.has_org_word(left) and not orgs.council(left):
            continue        # "Boys & Girls Clubs of Riverton": one name
        right = re.sub(r"^(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,4}?(?:charity|organisation|social enterprise)\s+",
                       "", right)
        if not right or not (right[0].isupper()) or right.split()[0].lower() in {"the"} and len(right.split()) < 2:
            continue
        capitalised = [w for w in right.split() if w[0].isupper()]
        if orgs.council(right) or orgs.has_org_word(right) or re.match(r"[A-Z]{2,}", right) or \
                (orgs.council(left) and orgs.is_orgish(right)) or \
                (orgs.has_org_word(left) and len(capitalised) >= 2 and name_like(right)):
            if orgs.is_orgish(left) and not left.endswith((" of", " for")):
                return left, [right]
    return text, []


def trailing_name(text: str) -> str | None:
    """The last organisation name in a phrase ("... run by the Carers Rights Group which")."""
    found = [re.sub(r"^the\s+", "", m.group(0)) for m in NAME_RX.finditer(text)]
    for name in reversed(found):
        if acceptable(name):
            return name
    return None
