"""Names in a unit: telling an organisation from a person or a project by its form, and reading
names and lists of names at a position ("the charity Orbit, Harbour Trust and the City of Northby")."""
from __future__ import annotations

import re

from services.extractor import orgs
from services.extractor.reader.details.spans import Span
from services.extractor.rules import names

# =============================================================================================
# What a name is: an organisation, an institution, a person

_EXTRA_ORG_WORDS = {
    "hospital", "hospitals", "museum", "museums", "gallery", "theatre", "theater", "library", "campus", "hall",
    "station", "studios", "studio", "lab", "laboratory", "laboratories", "clinic", "programme", "program",
    "scheme", "initiative", "challenge", "prize", "hub", "house", "castle", "chapel", "stadium", "arena",
    "commission", "committee", "government", "executive", "directorate", "forum", "bureau", "council",
    "parliament", "assembly", "court", "team", "partners", "healthcare", "health", "medicine", "care",
    "enterprise", "enterprises", "technologies", "technology", "solutions", "systems", "industries",
    "catapult", "organisation", "organization", "centres", "institution", "lottery", "bank", "park",
}
# words that make a name an institution rather than a project or a place
_INSTITUTION_WORDS = {
    "university", "trust", "nhs", "council", "foundation", "ltd", "limited", "plc", "inc", "llp", "cic",
    "college", "school", "hospital", "authority", "agency", "society", "association", "charity", "company",
    "corporation", "commission", "department", "ministry", "office", "police", "service", "services",
    "institute", "government", "executive", "board", "union", "federation", "alliance",
}
# the head of a project's name, not of an institution's ("Eastbrook Research Centre", "NICR Eastbrook HSU")
_PROJECT_HEADS = {"centre", "center", "consortium", "programme", "program", "project", "network", "hub", "lab",
                  "laboratory", "scheme", "initiative"}
_TITLES = {
    "professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "baroness", "baron",
    "cllr", "councillor", "rev", "revd", "reverend", "father", "mayor", "minister", "secretary", "president",
    "senator", "governor", "judge", "justice", "captain", "chief", "director", "dean", "bishop", "rabbi",
    "imam", "sister", "brother", "deputy", "mp", "msp",
}
_CITY_OF_RX = re.compile(r"(?:The\s+)?(?:City|Town|County|Borough|Municipality|State|Province)\s+of\s+[A-Z]")
_COMPANY_SUFFIX_RX = re.compile(r"\b(?:Ltd|Limited|Inc|plc|LLP|CIC)\.?$")
_ACRONYM_RX = re.compile(r"[A-Z][A-Z0-9&.]{1,9}s?")


def folded_words(name: str) -> list[str]:
    """The words of a name, folded for comparison."""
    return orgs.fold(name).split()


def has_org_word(name: str) -> bool:
    """Whether a name holds a word that organisations' names end in or are marked by ("Trust", "Hub")."""
    return any(w in orgs.ORG_WORDS or w in _EXTRA_ORG_WORDS for w in folded_words(name))


def is_institution(name: str) -> bool:
    """Whether a name holds a word of an institution ("University", "Ltd") or reads "City of X"."""
    return any(w in _INSTITUTION_WORDS for w in folded_words(name)) or bool(_CITY_OF_RX.match(name))


def is_institution_name(name: str) -> bool:
    """Whether a name's head is an institution ("University of Eastbrook", not "Eastbrook Research Centre")."""
    s = orgs.clean_name(name)
    words = folded_words(s)
    if not words:
        return False
    if words[-1] in _INSTITUTION_WORDS or _COMPANY_SUFFIX_RX.search(s):
        return True
    if is_acronym(s.split()[-1]) or words[-1] in _PROJECT_HEADS:
        return False
    return any(w in {"university", "college", "nhs", "trust", "foundation", "council"} for w in words)


def is_acronym(name: str) -> bool:
    """Whether a name is an acronym ("KMU", "HSUs")."""
    return bool(_ACRONYM_RX.fullmatch(name.strip()))


def is_person(name: str) -> bool:
    """Whether a name starts with a person's title ("Dr", "Professor", "Cllr")."""
    words = name.replace(".", ". ").split()
    return bool(words) and words[0].lower().strip(".") in _TITLES


def orgish(name: str) -> bool:
    """Whether a name reads as an organisation: an organisation word, an acronym, a council."""
    if has_org_word(name) or is_acronym(name) or is_institution(name):
        return True
    c = orgs.council(name)
    return c is not None and not orgs.is_place(name)


def same(a: str, b: str) -> bool:
    """Whether two spellings name one organisation ("the University of Eastbrook" = "University of Eastbrook")."""
    fa, fb = orgs.name_key(a), orgs.name_key(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    ca, cb = orgs.council(a), orgs.council(b)
    if ca is not None and ca == cb:
        return True
    short, long_ = sorted((fa.split(), fb.split()), key=len)
    return len(short) >= 2 and f" {' '.join(short)} " in f" {' '.join(long_)} " and len(short) >= 0.7 * len(long_)


# =============================================================================================
# Reading names and lists of names at a position

_TOKEN = r"(?:[A-Z\u00C0-\u00DE][\w'’.&°-]*|[A-Z]{2,}\w*|\d+[A-Za-z]*\w*)"
_LINK = r"(?:of|for|the|upon|on|de|del|la|y|du|van|von|der|le|and|&|at|in the|of the)"
_LOWER_ORG = r"(?:council|councils|county\s+council|city\s+council|borough\s+council|trust|partnership|consortium)"
NAME = rf"{_TOKEN}(?:\s+(?:{_LINK}\s+)*{_TOKEN})*(?:\s+{_LOWER_ORG}\b)?"
NAME_RX = re.compile(NAME)
_THE_RX = re.compile(r"(?:the\s+|The\s+)?")
LEADING_THE_RX = re.compile(r"^(?:the|The|THE)\s+")
# "the trade body Tidewater Tech", "the regional charity Orbit": a description before a name
_DESCRIPTOR_RX = re.compile(
    r"(?:the|a|an|its|their|local|national|fellow)?\s*(?:[a-z][\w'’-]*\s+){0,4}?(?:body|charity|charities|"
    r"organisation|organisations|organization|firm|firms|company|companies|group|groups|provider|"
    r"providers|partner|partners|partner organisations|enterprise|trust|network|consortium|campaigners?|"
    r"specialists?|nonprofit|non-profit|institution|university|universities|council|councils|authority|"
    r"authorities|agency|agencies|team|society|start-up|startup|developer|operator|association)\s+"
    r"(?=[A-Z])")
_PAREN_ACRONYM_RX = re.compile(r"\s*\((?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\)")
_FUNCTION_WORDS = ("at|in|of|and|or|to|for|with|on|by|which|who|whose|has|have|had|is|are|was|were|will|would|"
                   "can|could|as|from|into|under|over|after|before|since|said|says|the|a|an|its|their|that|this|"
                   "also|both|each|share|shares|shared|bid|bids|receive|receives|received|get|gets|got|won|win|"
                   "wins|secured|secures|landed|lands|led|run|runs|working|work|works|together|jointly|while|"
                   "but|plus|including|alongside|via|through|next|near|beside|between|across|within|around|"
                   "throughout|towards|toward|during|until|onto|inside|outside|so|then|now|today|this|last|"
                   "later|soon|when|where|if|because")
CONTENT_WORD_AFTER_RX = re.compile(rf"\s+(?!(?:{_FUNCTION_WORDS})\b)[a-z][a-z-]+")
_FOR_OF_RX = re.compile(r"\s+(?:for|of)\s+(?=(?:the\s+)?[A-Z])")
_TRAILING_LINKS_RX = re.compile(rf"(?:\s+{_LINK})+$")
SEP_RX = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+)?|;\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+|\s+&\s+)")
AND_RX = re.compile(r"\s+(?:and|&)\s+")
_LINK_INSIDE_RX = re.compile(rf"\s(?:{_LINK})\s")


def read_name(text: str, pos: int) -> Span | None:
    """The span of a capitalised name at pos, after "the" and a description ("the charity ...")."""
    p = _THE_RX.match(text, pos).end()
    d = _DESCRIPTOR_RX.match(text, p)
    if d and d.end() - p < 60:
        p = d.end()
    n = NAME_RX.match(text, p)
    if not n:
        return None
    end = n.end()
    # "the City of Northby for the Wharfside estate": title-case words before a common noun are not the name's
    if CONTENT_WORD_AFTER_RX.match(text, end):
        cuts = list(_FOR_OF_RX.finditer(text, p, end))
        if cuts:
            end = cuts[-1].start()
    paren = _PAREN_ACRONYM_RX.match(text, end)      # a trailing "(ACRONYM)" belongs to the name
    if paren:
        end = paren.end()
    # connectors the pattern took at the end ("... and", "... of the") are not the name's
    return p, p + len(_TRAILING_LINKS_RX.sub("", text[p:end]))


def split_and(name: str) -> list[str]:
    """A name cut at the "and"s that join two names ("Tidewater Tech and the Data Guild")."""
    # one name may hold its own "and": "Harbour Arts and Heritage Council", "Coastal Sensors and Drones
    # Association", a council of the register ("Northvale and East Wexley Council")
    compounds = [c.span() for c in names.COMPOUND_RX.finditer(name)]
    pieces = []
    last = 0
    for m in AND_RX.finditer(name):
        if any(a < m.start() and m.end() < b for a, b in compounds):
            continue
        left, right = name[last:m.start()].strip(), name[m.end():].strip()
        if not right or not right[0].isupper() and not right.startswith("the "):
            continue
        if orgs.council(name[last:].strip()) and not has_org_word(left):
            continue
        lw = folded_words(left)
        left_done = bool(lw) and (lw[-1] in orgs.ORG_WORDS or lw[-1] in _EXTRA_ORG_WORDS or is_acronym(left)
                                  or orgs.council(left) is not None)
        caps = [len([w for w in side.split() if w[0].isupper()]) for side in (left, right)]
        # "Kestrel Robotics and Northby Marine": two names of two words each, neither with an org word
        neither = not has_org_word(left) and not has_org_word(right) and min(caps) >= 2 and \
            not _LINK_INSIDE_RX.search(left + " " + right)
        if right.startswith(("the ", "The ")) or left_done or (has_org_word(left) and has_org_word(right)) \
                or neither:
            pieces.append(left)
            last = m.end()
    pieces.append(name[last:].strip())
    return [p for p in pieces if p]


def read_name_list(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """The names separated by commas, semicolons and "and" from pos, each with its span."""
    out: list[tuple[str, int, int]] = []
    p = pos
    while p < limit:
        span = read_name(text, p)
        if span is None or span[1] > limit:
            break
        a, b = span
        out += [(piece, a, b) for piece in split_and(text[a:b])]
        sep = SEP_RX.match(text, b)
        if not sep or sep.end() >= limit:
            break
        if not (text[sep.end():sep.end() + 1].isupper() or text.startswith(("the ", "The "), sep.end())):
            break
        p = sep.end()
    return out


_SHORT_WORD_RX = re.compile(r"[A-Za-z&.]{2,10}")
_INITIAL_WORD_RX = re.compile(r"[A-Za-z][\w'’-]*")


def acronym_of(inner: str, name: str) -> bool:
    """Whether a bracketed word is the name's acronym ("(HAT)" after "Harbour Arts Trust"), not a project."""
    if not _SHORT_WORD_RX.fullmatch(inner):
        return False
    initials = "".join(w[0] for w in _INITIAL_WORD_RX.findall(name) if w[0].isupper())
    return inner.upper().replace(".", "") in initials.upper() or len(inner) <= 6


def dedupe(xs: list[str]) -> list[str]:
    """Names trimmed of punctuation, each once (by its folded form), in order."""
    out: list[str] = []
    seen: set[str] = set()
    for x in xs:
        x = x.strip(" ,.;:")
        k = orgs.fold(x)
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out
