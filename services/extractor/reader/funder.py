"""The page's funder for the general reader (`reader.facts` puts it beside the programme).

Who gives, in any position and voice ("X has awarded / chose / committed ... £Y", "X on Monday named",
"awarded by X", "funded jointly by X", "a grant from X", "£Y from X", "administered by X", "X's £Y
fund", "X, which manages the fund"), a label ("Funder: X", "Funders: X and Y"), a press release's
"SOURCE X" / "NEWS PROVIDED BY X", a minister's title ("Harbours Secretary", "Minister for Ferries" ->
that department), a capital standing for its government ("Stormont says"), the ministry or foundation
the page goes on calling "the ministry" / "the foundation"; a name in the title counts more. A name is a
funder by the register, by its shape ("... Foundation", "Government of ...", "U.S. Department of ...",
"... Philanthropies", "National ... Institute", "... Council") or, when the cue is strong, as any
organisation's name; never a person, a newspaper or the recipient of one of the awards. An acronym
("NICR", "HFS") counts for the full name it stands for on the page.

Cues are looked for only where their words are (found with str.find).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from services.extractor import orgs
from services.extractor.rules import announcement as shared
from services.extractor.rules.announcement import funder_name as _register_name
from shared.domain import AwardStatement, TextDocument

HEAD_CHARS = shared.HEAD_CHARS
EARLY = 1500            # a cue in the opening counts a little more

W_LABEL, W_STRONG, W_FROM, W_OWNER, W_TITLE, W_MINISTER, W_METONYM, W_ANAPHOR = 6.0, 3.0, 2.5, 2.0, 2.0, 2.0, 1.0, 1.0

MONEY = r"(?:(?:[£$€]|A\$|C\$|CA\$|US\$)[\d.,]+(?:\s*(?:m|bn|k|million|billion|-million|-billion))?)"

# --- names ----------------------------------------------------------------------------------------

# names of two words or more, and acronyms ("NICR"): a lone capitalised word is a place or opens a sentence
NAME_RX = re.compile(r"[A-Z][\w&.'’-]*(?:[ \t]+(?:(?:of|for|and|&|de|du|des|on)[ \t]+(?:the[ \t]+)?)?[A-Z][\w&.'’-]*)*")
# a full stop ends a name ("... Harbour Arts Group. The group"), not an initial's ("U.S. Department")
_SENTENCE_END_RX = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])\.(?:[ \t]+|$)")
# a possessive ends a name ("Brannock Philanthropies' 2019 Harbour Towns Prize"), except after the nouns
# names are made of ("Fund for Children's Coastal Play")
_POSSESSIVE_RX = re.compile(r"(?<=\w)(?:['’]s|s['’])(?=\s|$)")
_NAME_NOUNS = {"children", "women", "men", "people", "citizens", "workers", "veterans", "parents", "carers", "girls",
               "boys", "artists", "writers", "teachers", "nurses", "farmers", "patients", "survivors", "st"}
_LEADING_RX = re.compile(
    r"^(?:(?:The|This|That|These|Those|When|While|Whereas|If|As|After|Before|Since|Until|Last|Next|Today|"
    r"Yesterday|Now|And|But|So|Then|In|On|At|By|For|From|With|Under|Through|Its|Their|Our|His|Her|Each|"
    r"Every|All|Both|Also|Meanwhile|However|Earlier|Later|Instead|Alongside|Across|Beyond|Including|"
    r"Like|Unlike|Via|Why|How|Where|Funding|Grants|Money|Cash|Funders?|Source|Sources|Lead)[ \t]+)+")
_TRAILING_RX = re.compile(r"(?:[ \t]+(?:of|for|and|&|de|du|des|on|the))+$"
                          r"|[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|On)$")
_CONNECTORS = {"of", "for", "and", "&", "de", "du", "des", "on", "the"}
ACRONYM_RX = re.compile(r"[A-Z][A-Z&]{1,7}s?")

# what makes a name a funder's by its form
_FUNDER_HEAD = (r"Foundations|Philanthropies|Philanthropy|Trusts?|Fund|Endowment|Council|Institutes?|Agency|"
                r"Department|Ministry|Office|Government|Commission|Authority|Executive|Administration|"
                r"Corporation|Board|Body|Lottery|Bank|Society|Charity|Charities|Commonwealth|Secretariat|"
                r"Treasury|Bureau|Directorate|Assembly|Research|Association|Federation|Service|Services|"
                r"Prize|Challenges|Initiative|Foundation|Trust|Institute")
_SHAPE_WORDS = frozenset(_FUNDER_HEAD.replace("?", "").split("|")) | {"Foundation", "Trust", "Institute", "Body"}
_SHAPE_FIRST = frozenset({"U.S.", "US", "UK", "Federal", "Government", "Department", "Ministry"})


@lru_cache(maxsize=8192)
def shaped(name: str) -> bool:
    """A funder's name by its form: "... Foundation", "Government of ...", "U.S. ...", "... Council"."""
    words = name.split()
    return bool(words) and (words[0] in _SHAPE_FIRST or any(w.strip(",.'’") in _SHAPE_WORDS for w in words))
PERSON_RX = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|Baron|Rev|Cllr|"
                       r"Councillor|Mayor|President|Governor|Senator|Minister|Secretary|Prime|Chancellor|"
                       r"Chief|Deputy|Director|Chair|Chairman|Chairwoman|Leader|Premier|Rep|Congressman|"
                       r"Congresswoman|King|Queen|Prince|Princess)\b"
                       r"|\b(?:Minister|Secretary|MP|MSP|MLA|TD|Councillor|Cllr|Mayor|Premier)\b")
# the words a publisher's name ends with: a newspaper is not a funder
PRESS_RX = re.compile(r"\b(?:Times|News|Newsroom|Post|Herald|Gazette|Mercury|Radio|Bulletin|Weekly|Journal|"
                      r"Chronicle|Wire|Press|Daily|Echo|Telegraph|Guardian|Express|Mirror|Observer|Review|"
                      r"Magazine|Memo|Digest|Newsletter|Update|Tribune|Courier|Advertiser|Argus|Standard|"
                      r"Independent|Broadcasting|Television|TV|FM|Noticeboard|Blog|Insider|Today)$")
# capitals that stand for their governments ("Stormont has signed", "Stormont's goal")
METONYMS = {"Ottawa": "Government of Canada", "Canberra": "Australian Government", "Whitehall": "UK Government",
            "Holyrood": "Scottish Government", "Stormont": "Northern Ireland Executive",
            "Brussels": "European Commission"}

# --- cues around a name ---------------------------------------------------------------------------

_BY = (r"(?:awarded|funded|backed|granted|given|paid|offered|financed|made|run|managed|administered|supported|"
       r"sponsored|provided|allocated|distributed|overseen|commissioned|announced|endowed|paid\s+for|"
       r"bankrolled|underwritten|approved|confirmed|published|released|issued|chosen|selected|picked)")
# before a name: "awarded by", "funded jointly by", "a grant from", "£7m from", "with funding from",
# "comes from", "on behalf of", "SOURCE", "NEWS PROVIDED BY"
_BY_WORDS = frozenset("awarded funded backed granted given paid offered financed made run managed administered "
                      "supported sponsored provided allocated distributed overseen commissioned announced endowed "
                      "for bankrolled underwritten approved confirmed published released issued chosen selected "
                      "picked".split())
_FROM_WORDS = frozenset("grant grants funding money investment donation gift award awards support contribution backing "
                        "cash commitment endowment loan allocation offer funds payment prize help".split())
_BETWEEN_WORDS = frozenset("jointly directly largely entirely mainly solely partly wholly also in part instead now the "
                           "charity foundation government agency".split())
_MONEY_WORD_RX = re.compile(r"^(?:[£$€]|A\$|C\$|CA\$|US\$)\d|^(?:m|bn|k|million|billion)$|^\d[\d.,]*(?:m|bn|k)?$")


_PROGRAMME_LAST = frozenset({"Fund", "Programme", "Program", "Scheme", "Initiative", "Challenge", "Prize", "Awards",
                             "Competition", "Grants", "Grant", "Plan", "Deal"})
_PLACE_CODES = frozenset({"UK", "US", "USA", "EU", "GB", "U.S.", "U.K.", "E.U.", "NI"})
_LONE_NOT_NAMES = frozenset("it he she they we this that which who government ministers officials council "
                            "department ministry everyone nobody". split())
_BEFORE_WORDS = frozenset({"by", "BY", "by:", "from", "of", "SOURCE", "Source:", "charity", "foundation", "Charity",
                           "Foundation", "agency"})


def _before(text: str, start: int) -> str | None:
    """What the words before a name say of it: "by" (it gives: "awarded by", "SOURCE"), "from" (money
    comes from it), "comes" ("comes from", "on behalf of"), or None."""
    words = text[max(0, start - 70):start].split()
    while words and words[-1] in ("the", "The", "charity", "foundation", "agency"):
        words.pop()
    if not words:
        return None
    last = words[-1]
    line_start = text.rfind("\n", 0, start) + 1
    if last in ("SOURCE", "Source:", "BY", "by:") and not text[line_start:start].strip(" \t").replace(
            "NEWS PROVIDED BY", "").replace("SOURCE", "").replace("Source:", "").strip():
        return "by"
    if last in ("by", "BY"):
        i = len(words) - 2
        while i >= 0 and (words[i] in _BETWEEN_WORDS or _MONEY_WORD_RX.match(words[i])):
            i -= 1
        return "by" if i >= 0 and words[i].lower() in _BY_WORDS else None
    if last == "from":
        prev = words[-2].lower().strip(",") if len(words) > 1 else ""
        if prev in ("comes", "came", "coming"):
            return "comes"
        if prev in _FROM_WORDS or _MONEY_WORD_RX.match(prev) or "with" in words[-4:-1]:
            return "from"
        return None
    if last == "of" and len(words) > 1 and (words[-2] == "courtesy" or words[-3:-1] == ["on", "behalf"]):
        return "comes"
    return None


_GIVES = (r"(?:awarded|awards|awarding|gave|gives|given|granted|grants|committed|commits|announced|announces|"
          r"named|names|chose|chosen|chooses|selected|selects|picked|unveiled|unveils|confirmed|confirms|"
          r"revealed|reveals|pledged|pledges|invested|invests|allocated|allocates|approved|approves|provided|"
          r"provides|set\s+aside|set\s+out|sets\s+out|launched|launches|opened|opens|funded|funds|backed|backs|"
          r"signed|signs|offered|offers|made|makes|distributed|handed|put|puts|earmarked|promised|"
          r"released|published|added|will\s+give|will\s+fund|will\s+provide|is\s+giving|is\s+providing|"
          r"is\s+funding|are\s+funding|are\s+giving|is\s+investing|is\s+awarding|has\s+chosen|have\s+chosen)")
_ADVERBS = (r"(?:has|have|had|will|would|also|today|now|jointly|formally|officially|finally|this\s+week|"
            r"last\s+week|yesterday|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))")
# after a name: "(KMI)", "'s £70m fund", ", which manages the fund", "has awarded", "on Monday named",
# "'s Board agreed", ", the UK's largest funder, has committed"
ACRONYM_AFTER_RX = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
OWNER_AFTER_RX = re.compile(
    r"['’]s?\s+(?:(?:new|own|latest|first|second|third|annual|flagship|\d{4}|U\.S\.|UK)\s+)*"
    rf"(?:{MONEY}\s+)?(?:(?:[\w’'-]+\s+){{0,5}}?(?:[Ff]und|[Pp]rogrammes?|[Pp]rograms?|[Ii]nitiative|[Ss]cheme|"
    r"[Cc]hallenge|[Pp]rize|[Aa]wards|[Cc]ompetition|[Gg]rants?|[Rr]ound|[Cc]all|[Ee]nvelope|[Pp]ot)\b|(?<=\s)[£$€]|[AC]\$)")
WHICH_AFTER_RX = re.compile(r",\s+which\s+(?:manages|administers|oversees|operates|runs|funds|distributes|pays\s+for)\b")
_GIVE_WORDS = frozenset(
    "awarded awards awarding gave gives given granted grants committed commits announced announces named names "
    "chose chosen chooses selected selects picked unveiled unveils confirmed confirms revealed reveals pledged "
    "pledges invested invests allocated allocates approved approves provided provides launched launches opened "
    "opens funded funds backed backs signed signs offered offers made makes distributed handed put puts earmarked "
    "promised released published added give fund provide award invest set sets".split())
_GIVING_WORDS = frozenset("giving providing funding investing awarding offering backing".split())
_AUX_WORDS = frozenset("has have had will would also today now jointly formally officially finally this last week "
                       "yesterday on monday tuesday wednesday thursday friday saturday sunday".split())


def _after(text: str, end: int) -> tuple[str | None, str | None]:
    """The acronym a name is given right after it, and what the words after it say of it: "owner" (of
    a fund, or of money), "gives" (it awards, chose, announced ...), or None."""
    acr = None
    c = text[end:end + 1]
    if c == " " and text[end + 1:end + 2] == "(" or c == "(":
        m = ACRONYM_AFTER_RX.match(text, end)
        if m:
            acr, end = m.group("acr"), m.end()
            c = text[end:end + 1]
    if c in ("'", "’"):
        if OWNER_AFTER_RX.match(text, end):
            return acr, "owner"
        if not text.startswith(("'s ", "’s "), end):
            return acr, None
        words = text[end + 3:end + 60].split(None, 3)[:3]     # "'s Board agreed"
        while words and words[0][:1].isupper() and words[0].isalnum():
            words.pop(0)
        return acr, ("gives" if words and _gives(words) else None)
    if c == ",":
        if WHICH_AFTER_RX.match(text, end):
            return acr, "which"
        close = text.find(",", end + 1, end + 64)         # ", the UK's largest funder, has committed"
        if close < 0 or "\n" in text[end:close] or text[end + 1:end + 6].split()[:1] not in (["the"], ["a"], ["an"],
                                                                                             ["which"], ["who"]):
            return acr, None
        end = close + 1
    elif c != " ":
        return acr, None
    words = text[end:end + 60].split(None, 5)[:5]
    return acr, ("gives" if words and _gives(words) else None)


def _gives(words: list[str]) -> bool:
    """The words after a name say that it gives: "has awarded", "today chose", "on Monday named", not
    "has been awarded" or "was awarded" (then it is a recipient) nor "funded by"."""
    i = 0
    while i < len(words) and words[i].lower().strip(",") in _AUX_WORDS:
        i += 1
    if i >= len(words):
        return False
    word = words[i].strip(",.;:")
    if word in ("been", "be", "being") or word not in _GIVE_WORDS:
        if i + 1 < len(words) and words[i] in ("is", "are"):
            return words[i + 1].strip(",.") in _GIVING_WORDS
        return False
    after = words[i + 1].strip(",.") if i + 1 < len(words) else ""
    if after in ("by", "to") or (word in ("set", "sets") and after not in ("aside", "out")):
        return False
    return not (i and words[i - 1] in ("is", "are", "was", "were"))


LABEL_RX = re.compile(r"(?:^|\n)[ \t]*(?:[-•*][ \t]*)?(?:Funders?|Funded[ \t]+by|Funding[ \t]+(?:body|bodies|from|partner)|"
                      r"Grant[- ]?makers?|Grantors?|Donors?|Sponsors?|Awarding[ \t]+bod(?:y|ies)|Granted[ \t]+by)"
                      r"[ \t]*(?::[ \t]*|\n[ \t]*(?:[-•*][ \t]*)?)(?P<v>[^\n]{3,160})")
_LABEL_WORDS = ("Funder", "Funded by", "Funding bod", "Funding from", "Funding partner", "Grant-maker", "Grantmaker",
                "Grant maker", "Grantor", "Donor", "Sponsor", "Awarding bod", "Granted by")
# "the ministry has picked", "according to the foundation": the page's ministry, foundation, ...
ANAPHOR_RX = re.compile(r"[Tt]he\s+(?P<h>ministry|department|foundation|agency|council|institute|commission|"
                        r"charity|trust|endowment|funder|body)(?:['’]s)?\b(?!\s+(?:of|for)\b)")
_HEAD_WORDS = {"ministry": ("Ministry",), "department": ("Department",), "foundation": ("Foundation",),
               "agency": ("Agency",), "council": ("Council",), "institute": ("Institute", "Institutes"),
               "commission": ("Commission",), "charity": ("Charity", "Foundation", "Trust"),
               "trust": ("Trust",), "endowment": ("Endowment", "Fund"), "body": ("Body",),
               "funder": ("Foundation", "Trust", "Fund", "Council", "Institute", "Agency", "Department",
                          "Ministry", "Philanthropies")}
# ministers' titles: "Harbours and Ferries Secretary", "Coastal Minister", "Minister for Ferries"
_TOPIC = r"(?:[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][\w'’-]*){0,5})"
MINISTER_BEFORE_RX = re.compile(rf"(?<![\w’'-])(?P<t>{_TOPIC})[ \t]+$")
MINISTER_LOWER_BEFORE_RX = re.compile(r"(?<![\w’'-])(?P<t>(?:[A-Za-z][\w'’-]*[ \t]+(?:and[ \t]+)?){0,2}[A-Za-z][\w'’-]*)[ \t]+$")
_TOPIC_STOP = {"the", "a", "an", "said", "says", "to", "of", "by", "with", "and", "that", "which", "who", "has", "was",
               "is", "former", "new", "then", "its", "their", "his", "her", "our", "government", "junior", "senior",
               "shadow", "deputy", "prime", "chief", "first", "cabinet", "state", "local", "as", "when", "from"}
MINISTER_OF_RX = re.compile(rf"(?:Minister|Secretary)[ \t]+(?:of[ \t]+State[ \t]+)?(?:for|of)[ \t]+(?:the[ \t]+)?"
                            rf"(?P<t>{_TOPIC})")
_NOT_TOPICS = {"prime", "first", "deputy", "chief", "shadow", "junior", "cabinet", "foreign", "state", "general",
               "permanent", "principal", "senior", "former", "new", "the", "a", "local", "government", "federal",
               "opposition", "assistant", "parliamentary", "press", "private", "finance", "county", "city",
               "vulnerable", "children", "families", "women", "equalities"}
_MINISTRY_OF = {"home": "Home Office", "foreign": "Foreign Office", "treasury": "HM Treasury"}


class _Funders:
    """Scores of the names a page gives as its funder's, with the forms and acronyms each was named by."""

    def __init__(self, recipients: set[str], site: str | None):
        self.scores: dict[str, float] = defaultdict(float)
        self.forms: dict[str, str] = {}             # key -> the name as said
        self.strong: set[str] = set()               # named by a cue that says it gives, not only mentioned
        self.acronyms: dict[str, str] = {}          # "KMI" -> key of "Kessock Marine Institute"
        self.spelled: dict[str, str] = {}           # "KMI" -> "Kessock Marine Institute"
        self.recipients = recipients
        self.site = orgs.fold(site or "")
        self.shaped: list[tuple[int, str]] = []     # (position, key) of each funder-shaped name
        self._seen: dict[tuple[str, bool], bool] = {}

    def add(self, name: str, weight: float, pos: int = EARLY, strong: bool = False) -> str | None:
        name = _tidy_name(name)
        strong = strong or weight >= W_STRONG
        if not self.acceptable(name, strong):
            return None
        listed = funder_name(name)
        key = orgs.fold(listed or name)
        self.forms.setdefault(key, listed or name)
        self.scores[key] += weight + (0.5 if pos < EARLY and weight > 0 else 0)
        if strong:
            self.strong.add(key)
        return key

    def acceptable(self, name: str, strong: bool) -> bool:
        known = self._seen.get((name, strong))
        if known is None:
            known = self._seen[(name, strong)] = self._acceptable(name, strong)
        return known

    def _acceptable(self, name: str, strong: bool) -> bool:
        if not name or len(name) < 2 or len(name) > 110:
            return False
        key = orgs.fold(name)
        if not key or key in self.recipients or orgs.name_key(name) in self.recipients:
            return False
        if funder_name(name):
            return True
        if PERSON_RX.search(name) or PRESS_RX.search(name) or (self.site and key == self.site):
            return False
        if name in _PLACE_CODES:
            return False
        if ACRONYM_RX.fullmatch(name):
            return strong or name in self.acronyms
        words = name.split()
        if len(words) < 2:
            return strong and name.lower() not in _LONE_NOT_NAMES and not orgs.is_place(name)
        if orgs.council(name) and not strong:
            return False
        if shaped(name):
            return True
        # any organisation said to give: "Marram Ocean Science UK today chose" (not "Jane Smith announced")
        return strong and (orgs.has_org_word(name) or any(w.isupper() and len(w) > 1 for w in words))


@lru_cache(maxsize=8192)
def funder_name(name: str) -> str | None:
    """The register's name of a funder named by any of its names, or None (remembered: a page asks often)."""
    return _register_name(name)


@lru_cache(maxsize=8192)
def _tidy_name(name: str) -> str:
    """A name as read, without the words around it ("When NICR" -> "NICR", "Foundation on Monday")."""
    name = " ".join(name.split()).strip(" ,;:'’\"“”()-–—")
    if name.endswith(".") and "." not in name[:-1].rsplit(" ", 1)[-1]:
        name = name[:-1]
    prev = None
    while prev != name:
        prev = name
        name = _TRAILING_RX.sub("", _LEADING_RX.sub("", name)).strip()
    return re.sub(r"['’]s?$", "", name)


def _names(text: str, listed: dict[int, int]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the names in the text, in order: a possessive ends one, a full stop too; a
    register name is read whole even where it has commas ("Department for Harbours, Ferries and
    Coasts"); a capital standing for its government is read as that government's name."""
    out = [(start, end, text[start:end]) for start, end in listed.items()]
    for city in METONYMS:
        i = text.find(city)
        while i >= 0:
            end = i + len(city)
            if re.match(r"['’]s\b|\s+[a-z]", text[end:end + 3]) and not text[i - 1:i].isalnum():
                out.append((i, end, city))
            i = text.find(city, end)
    skip_to = 0
    for m in NAME_RX.finditer(text):
        start, end = m.span()
        if start < skip_to:
            continue
        if start in listed:
            skip_to = listed[start]
            continue
        raw = m.group(0)
        for cue in ("SOURCE ", "NEWS PROVIDED BY ", "Source "):   # a press release's own line
            if raw.startswith(cue):
                raw, start = raw[len(cue):], start + len(cue)
        if " " not in raw and not raw[1:2].isupper() and text[start - 3:start] != "by " and raw not in _SHAPE_WORDS \
                and not (text[end:end + 4] in (" is ", " has") and len(raw) > 3):
            continue                                   # a lone word: a place or a sentence's first word
        if "." in raw:
            stop = _SENTENCE_END_RX.search(raw)
            if stop:
                raw, end = raw[:stop.start()], start + stop.start()
        if "’" in raw or "'" in raw:
            cut = 0
            for p in _POSSESSIVE_RX.finditer(raw):
                word = raw[cut:p.start()].rsplit(" ", 1)[-1].lower()
                if word in _NAME_NOUNS:
                    continue
                out.append((start + cut, start + p.start(), raw[cut:p.start()]))
                cut = p.end()
                while cut < len(raw) and raw[cut] == " ":
                    cut += 1
            if cut:
                if cut < len(raw):
                    out.append((start + cut, end, raw[cut:]))
                continue
        out.append((start, end, raw))
    out.sort()
    return out


def _split_coordinated(name: str) -> list[str]:
    """"Kessock Science Foundation and Orrel Foundation" -> both; "Ministry of Housing and Towns", a
    name with "and" in it, stays whole."""
    if " and " not in name or funder_name(name):
        return [name]
    parts = name.split(" and the ") if " and the " in name else \
        re.split(r"\s+and\s+(?=(?:U\.S\.|US|UK)?\s*[A-Z])", name)
    if len(parts) == 2:
        left, right = parts
        if (shaped(left) or funder_name(left) or ACRONYM_RX.search(left)) and \
                (shaped(right) or funder_name(right)) and len(right.split()) >= 2:
            return [left, right]
    return [name]


def initials(name: str) -> str:
    out = []
    for w in re.findall(r"[\w&.'’-]+", name):
        if w.lower() in _CONNECTORS or w == "&":
            continue
        if w.replace(".", "").isupper():
            out.append(w.replace(".", ""))
        elif w[0].isupper():
            out.append(w[0])
    return "".join(out)


def _stands_for(acronym: str, name: str) -> bool:
    """"NICR" for "Northmoor Institute for Coastal Research", "HFS" for "(Department of) Harbours,
    Ferries and Shipping": the acronym's letters are initials of the name's words, in order, the first
    and the last among them, at most one word left out."""
    acr = acronym.rstrip("s").replace("&", "")
    if len(acr) < 2:
        return False
    for form in (name, re.sub(r"^(?:U\.S\.|US|UK)\s+", "", name),
                 re.sub(r"^(?:(?:U\.S\.|US|UK)\s+)?(?:Department|Ministry|Office)\s+(?:of|for)\s+(?:the\s+)?", "",
                        name)):
        ini = initials(form)
        if not ini or ini[0] != acr[0] or ini[-1] != acr[-1] or len(ini) > len(acr) + 1:
            continue
        it = iter(ini)
        if all(c in it for c in acr):
            return True
    return False


def page_head(doc: TextDocument) -> tuple[str, int, int]:
    """The text read (title, then the opening of the page), where the title ends in it, and how far
    the page's own text is shifted in it."""
    title = (doc.title or "").strip()
    body = doc.text[:HEAD_CHARS]
    if not title:
        return body, 0, 0
    at = body.find(title, 0, 400)
    if at >= 0:
        return body, at + len(title), 0
    return f"{title}\n{body}", len(title), len(title) + 1


def find_funder(doc: TextDocument, awards: list[AwardStatement], base: str | None = None) -> str | None:
    """The page's funder from the cues above, or None."""
    text, title_end, _ = page_head(doc)
    recipients = {k for a in awards for k in (orgs.fold(a.recipient), orgs.name_key(a.recipient)) if k}
    f = _Funders(recipients, doc.sitename)
    listed = {start: end for _, start, end in shared._listed(text)}

    mentions: list[tuple[str, float, int, bool]] = []      # (name, weight, position, strong)
    metonyms_seen: set[int] = set()
    for start, end, raw in _names(text, listed):
        if raw in METONYMS:
            if start in metonyms_seen:
                continue
            metonyms_seen.add(start)
            mentions.append((METONYMS[raw], W_METONYM, start, True))
            continue
        lone = " " not in raw and start not in listed and not ACRONYM_RX.fullmatch(raw)
        weight, strong, before = 0.0, False, None
        prev = text[max(0, start - 24):start].split()[-2:]
        if prev and prev[-1] in ("the", "The"):
            prev.pop()
        if prev and prev[-1] in _BEFORE_WORDS:
            before = _before(text, start)
            if before:
                weight, strong = {"by": W_STRONG, "from": W_FROM}.get(before, W_FROM - 1), True
        acr, cue = _after(text, end)
        if cue == "owner":
            weight, strong = max(weight, W_OWNER), True
        elif cue:
            weight, strong = max(weight, W_STRONG), True
        if lone and not (before == "by" or cue == "gives"):
            continue                                   # one word: "administered by Tidewell", "Orrel has awarded"
        if weight and raw.rsplit(" ", 1)[-1] in _PROGRAMME_LAST and before != "by" and not funder_name(raw):
            weight, strong = 0.0, False                # "the Harbour Repair Fund opened": a programme
        in_title = start < title_end
        if not weight and not in_title and start not in listed and not acr and \
                not shaped(raw) and not ACRONYM_RX.fullmatch(raw):
            continue                                   # a name only mentioned, not a funder's by its form
        if in_title:
            weight += W_TITLE if weight else W_TITLE / 2
        names = _split_coordinated(raw)
        for i, name in enumerate(names):
            mentions.append((name, max(weight - 0.25 * i, 0.0), start, strong))
        if acr:
            full = _tidy_name(names[-1])
            f.acronyms[acr] = orgs.fold(funder_name(full) or full)
            f.spelled[acr] = funder_name(full) or full

    for name, weight, pos, strong in mentions:
        key = f.add(name, weight if weight or pos not in listed else 1.0, pos, strong)
        if key and (pos in listed or shaped(f.forms[key])):
            f.shaped.append((pos, key))

    # labels: "Funder: X", "Funders: X and Y", "- Funder\n- X, Tacoma, WA"
    for stem in _LABEL_WORDS:
        i = text.find(stem)
        while i >= 0:
            line = text.rfind("\n", 0, i) + 1
            m = LABEL_RX.match(text, max(0, line - 1)) if not text[line:i].strip(" \t-•*") else None
            if m:
                value = re.split(r"[;,(]|\s+[-–—|]\s+", m.group("v"))[0]
                parts = _split_coordinated(value) if shaped(value) or funder_name(value) else \
                    re.split(r"\s+and\s+(?:the\s+)?|\s*/\s*", value)
                for k, name in enumerate(parts):
                    f.add(name, W_LABEL - 0.5 * k, m.start(), strong=True)
            i = text.find(stem, i + 1)

    # ministers' titles: "Harbourside Minister Jane Pell announced" -> its department: the one
    # the page names whose name has the minister's brief in it ("housing minister" -> "Ministry of
    # Housing and Towns"), else, for a capitalised title, "Department of Harbourside"
    departments = [k for k in f.scores if k.split()[0] in ("department", "ministry", "office", "u", "us")]
    governments = [k for k in f.scores if re.search(r"\b(?:government|executive)\b", k)]
    for word in ("Minister", "Secretary", "minister", "secretary"):
        i = text.find(word)
        while i >= 0:
            lower = word[0] == "m" or word[0] == "s"
            m = None if lower else MINISTER_OF_RX.match(text, i)
            topic = m.group("t") if m else None
            if topic is None and not re.match(r"\s+(?:of|for)\b", text[i + len(word):i + len(word) + 5]):
                b = (MINISTER_LOWER_BEFORE_RX if lower else MINISTER_BEFORE_RX).search(text, max(0, i - 60), i)
                topic = b.group("t") if b else None
            if topic:
                topic = _LEADING_RX.sub("", topic.strip())
                words = orgs.fold(topic).split()
                content = [w for w in words if w not in _TOPIC_STOP and len(w) > 3]
                holder = next((k for k in departments if any(w in k.split() for w in content)), None)
                if holder is None and governments and words and words[0] not in _NOT_TOPICS:
                    holder = max(governments, key=lambda k: f.scores[k])   # a minister of the page's government
                if holder and words[0] not in _NOT_TOPICS:
                    f.scores[holder] += W_MINISTER
                    f.strong.add(holder)
                elif not lower and words and words[0] not in _NOT_TOPICS and len(words) <= 6 and \
                        not PERSON_RX.search(topic):
                    f.add(_MINISTRY_OF.get(" ".join(words)) or _department(topic), W_MINISTER, i, strong=True)
            i = text.find(word, i + len(word))

    # "the ministry has picked": the latest ministry named before it
    if f.shaped:
        f.shaped.sort()
        lowered = text.lower()
        for head, forms in _HEAD_WORDS.items():
            i = lowered.find("the " + head)
            while i >= 0:
                m = ANAPHOR_RX.match(text, i)
                if m:
                    for pos, key in reversed(f.shaped):
                        if pos < i and any(h in f.forms[key].split() for h in forms):
                            f.scores[key] += W_ANAPHOR
                            break
                i = lowered.find("the " + head, i + 1)

    if base:
        key = orgs.fold(base)
        if key in f.scores:
            f.scores[key] += 0.25
        elif f.acceptable(base, True):
            f.add(base, 1.0)
    return _best(f)


def _department(topic: str) -> str:
    topic = re.sub(r"\s+", " ", topic)
    for prep in ("for", "of"):
        listed = funder_name(f"Department {prep} {topic}")
        if listed:
            return listed
    return f"Department of {topic}"


def _best(f: _Funders) -> str | None:
    if not f.scores:
        return None
    scores = dict(f.scores)
    # acronyms and shorter forms count for the full name they stand for
    keys = sorted(scores, key=len, reverse=True)
    for key in keys:
        form = f.forms[key]
        if ACRONYM_RX.fullmatch(form):
            target = f.acronyms.get(form)
            if target not in scores:
                target = next((k for k in keys if k != key and _stands_for(form, f.forms[k])), None)
        else:      # "Kessock Science Foundation" in "U.S. Kessock Science Foundation", "Marine Council" in "... Norland"
            target = next((k for k in keys if len(k) > len(key) and (k.endswith(" " + key) or k.startswith(key + " "))
                           and (" " in key or k.split()[0] in {"u", "us", "uk"})), None)
        if target and target in scores and target != key:
            scores[target] += scores.pop(key)
            if key in f.strong:
                f.strong.add(target)
    best = max(scores, key=lambda k: (scores[k], k in f.strong, len(k)))
    if scores[best] < 1.0 or (best not in f.strong and not funder_name(f.forms[best]) and scores[best] < 2):
        return None
    form = f.forms[best]
    return f.spelled.get(form, form) if ACRONYM_RX.fullmatch(form) else form

