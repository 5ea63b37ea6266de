"""Organisation names for every service: normalising them (one key per organisation), recognising
them in text, and the register of UK local authorities that resolves councils to org-ids
(`data/local_authorities.csv`)."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"   # local_authorities.csv

# Words that end or mark an organisation's name.
ORG_WORDS = {
    "council", "councils", "authority", "trust", "foundation", "network", "group", "charity", "university",
    "college", "school", "academy", "nhs", "partnership", "consortium", "association", "society",
    "institute", "centre", "center", "commissioner", "office", "service", "services", "fund", "alliance",
    "ltd", "limited", "plc", "cic", "inc", "llp", "mbc", "cc", "corporation", "agency", "board", "project",
    "fellowship", "club", "clubs", "union", "federation", "trustees", "hospice", "church", "housing",
    "police", "department", "ministry", "link", "action", "aid", "collective", "company", "co-operative",
    "theatre", "theater", "playhouse", "museum", "gallery", "festival", "library", "hospital", "orchestra", "hall", "choir", "committee", "cooperative",
    "band", "ensemble", "forum", "coalition", "hub", "clinic", "laboratory", "studio", "studios", "cathedral",
    "chapel", "mosque", "synagogue", "temple", "parish", "scouts", "brigade", "mission", "nursery", "playgroup",
    "preschool", "kindergarten", "institution", "bank", "shed", "lifeboat", "co-op", "llc", "corp", "technologies",
    "systems", "solutions", "industries", "enterprises", "labs", "nation", "tribe",
}
GOVERNMENT_WORDS = ("department", "ministry", "office", "treasury", "commission", "executive agency")
_SUFFIXES = ("unitary authority", "combined authority", "metropolitan borough council", "metropolitan district council", "borough council",
             "county borough council", "county council", "city council", "district council",
             "city and county council", "council", "mbc")
_PREFIXES = ("the ", "london borough of ", "royal borough of ", "city of ")


_POSSESSIVE_S = re.compile(r"['\u2019\u02bc]s\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower-case ASCII form for comparisons: accents, apostrophes and punctuation folded."""
    s = _POSSESSIVE_S.sub("", name)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    return " ".join(_NOT_ALNUM.sub(" ", s).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Key under which two spellings of one organisation meet ("Rutland County Council" = "Rutland")."""
    s = fold(name)
    s = re.sub(r"\bcouncill\b", "council", s)             # a common misspelling
    s = re.sub(r"\b([a-z]+) (\d+)\b", r"\1\2", s)        # "Stepwise 21" = "Stepwise21"
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if s.startswith(p):
                s, changed = s[len(p):], True
        for suf in _SUFFIXES:
            if s.endswith(" " + suf):
                s, changed = s[: -len(suf) - 1].strip(), True
    return s


_TRAILING_BRACKETS = re.compile(r"\s*\((?!.*\()[^)]*\)\s*$")  # trailing "(Germany)", "(RYT)"
_TRAILING_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LEADING_DESCRIPTION = re.compile(r"^(?i:the\s+)?(?:[A-Z][\w'’-]+\s+)?(?i:national |local |small |community |youth )*"
                                  r"(?i:charity|charities|organisation|social enterprise)\s+(?=[A-Z])")


@lru_cache(maxsize=65536)
def clean_name(name: str) -> str:
    """Tidy a recipient as read: trim punctuation, brackets and a trailing possessive."""
    s = " ".join(name.split()).strip(" ,.;:-–—'\"‘’“”")
    s = _TRAILING_BRACKETS.sub("", s)
    s = _TRAILING_POSSESSIVE.sub("", s).strip()
    return _LEADING_DESCRIPTION.sub("", s)


@dataclass(frozen=True)
class Council:
    org_id: str
    name: str
    place: str


@cache
def _register() -> tuple[dict[str, Council], tuple[str, ...]]:
    by_key: dict[str, Council] = {}
    places: list[str] = []
    with open(DATA / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            council = Council(row["org_id"], row["name"], row["place"])
            names = [row["name"], row["place"], *filter(None, row["aliases"].split("|"))]
            for n in names:
                by_key.setdefault(name_key(n), council)
                if n != row["name"]:
                    places.append(n)
    return by_key, tuple(sorted(set(places), key=len, reverse=True))


def council_ids() -> list[str]:
    """Every org-id in the register of local authorities."""
    return sorted({c.org_id for c in _register()[0].values()})


# the trade press's short forms of a council's kind: "Surrey CC", "Cheshire East BC", "Wirral MBC"
_ABBREVIATED_KIND_RX = re.compile(r"\s+(?:CC|BC|DC|MBC|CBC|MDC)$")


@lru_cache(maxsize=65536)
def council(name: str) -> Council | None:
    """The local authority a name denotes, if the register knows it ("Surrey CC" too)."""
    found = _register()[0].get(name_key(name))
    short = _ABBREVIATED_KIND_RX.search(name) if found is None else None
    return _register()[0].get(name_key(name[:short.start()])) if short else found


_COUNCIL_SUFFIX = (r"(?:(?:\s+(?:Metropolitan\s+|County\s+|City\s+|Borough\s+|District\s+)*(?:Council|MBC))"
                   r"|\s+(?:CC|BC|DC|CBC|MDC)(?=[\s,.;:)–—-]|$)"
                   r"|(?=[\s,.;:)–—-]|$))")


@cache
def _places_by_first_word() -> dict[str, re.Pattern[str]]:
    """For each first word of a council place name, one anchored regex over the places starting
    with it, longest first (so "Kingston upon Thames" wins over a shorter name inside it)."""
    groups: dict[str, list[str]] = {}
    for place in _register()[1]:
        groups.setdefault(re.match(r"[\w'’-]+", place).group(0), []).append(place)
    return {first: re.compile("(?:" + "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
                              + ")" + _COUNCIL_SUFFIX) for first, places in groups.items()}


# a capitalised word not inside another: the capital first, then what precedes it, so that the
# scan jumps from capital to capital instead of trying the lookbehind at every position
_CAPITALISED_RX = re.compile(r"[A-Z](?<![\w-][A-Z])[\w'’-]*")


@lru_cache(maxsize=1024)
def find_places(text: str) -> tuple[re.Match[str], ...]:
    """Every council place named in a text (with "Council" and the like when it follows)."""
    patterns = _places_by_first_word()
    found, pos = [], 0
    for word in _CAPITALISED_RX.finditer(text):
        if word.start() < pos:
            continue
        rx = patterns.get(word.group(0).rstrip("'’"))
        m = rx.match(text, word.start()) if rx else None
        if m:
            found.append(m)
            pos = m.end()
    return tuple(found)


def is_place(name: str) -> bool:
    """A council named only by its place ("Rutland", "Rutland's"), not as a council."""
    c = council(name)
    return c is not None and fold(clean_name(name)) == fold(c.place)


def resolve(name: str) -> tuple[str, str | None]:
    """A recipient's normalised name and org-id: councils by the register, others as written."""
    c = council(name)
    if c is not None:
        return c.name, c.org_id
    return clean_name(name), None


def is_orgish(name: str) -> bool:
    """A plausible organisation name: capitalised, not a sentence fragment, not a lone pronoun."""
    s = clean_name(name)
    if not s or len(s) > 120 or not (s[0].isupper() or s[0].isdigit()):
        return False
    words = s.split()
    saints = len(words) > 1 and words[0] == "All" and words[1] in {"Saints", "Souls", "Hallows"}   # "All Souls Church"
    if len(words) > 12 or words[0].lower() in {"this", "that", "these", "those", "each", "every", "all",
                                                 "ministers"} and not saints or words[0] in {"Mr", "Ms", "Mr.", "Ms."}:
        return False          # "MS Harbour Trust" (initials) is a name; "Ms Harbour" a person
    # a pronoun opens a sentence, not a name, unless the name goes on in title case ("Bring Me Home")
    if words[0].lower() in {"it", "they", "he", "she", "we", "you", "i"} and \
            (len(words) == 1 or not all(w[0].isupper() for w in words[1:])):
        return False
    return True


def has_org_word(name: str) -> bool:
    return any(w in ORG_WORDS for w in fold(name).split())
