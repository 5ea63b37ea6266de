"""Recipients named without an amount, in an enumeration that a selection cue governs:
"A, B, C and D are among the areas picked", "the remaining five projects — led by A, B and C —
share the rest", "A, B and C have also signed agreements". The enumeration is cut at commas and
"and" (a council's own "and", as in "Northvale and East Wexley Council", is kept) and every piece must
read as a name."""
from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.gate import Gated
from services.extractor.reader.mentions import (NAME_GOES_ON_RX, ROLE_AFTER_RX, is_person, is_place, known_place, leading_recipient, name_ending_at,
                                                named_as_where, names_in, org_like, split_possessive)
from services.extractor.reader import prose
from services.extractor.reader.spread import EACH_OF_OPENS_RX
from services.extractor.reader.amounts import is_cap
from services.extractor.reader.money import award_money
from services.extractor.rules import enumerations
from services.extractor.rules import prose as old_prose
from services.extractor.rules.base import AWARD_CUE_RX, NEGATIVE_RX, Candidate, Context
from services.extractor.rules.enumerations import PAST_RX
from services.extractor.segments import Unit
from shared.domain import Money

# what may follow a run of names for the run to be recipients
SELECTED_AFTER_RX = Gated(re.compile(
    r"(?<=[\w’')])\s*(?:[-–—,]\s*)?\s(?:(?:are|were|is|was|have|has|will|had)\s+)?(?:also\s+|now\s+|all\s+|both\s+)*"
    r"(?:among\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:picked|chosen|selected|named|funded|successful|winners?|"
    r"recipients?|grantees?|awardees?)|among\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:organisations|organizations|groups|"
    r"charities|projects|clubs|bodies)\s+(?:to\s+(?:receive|get|share|benefit)|receiving|(?:being\s+)?(?:funded|awarded|"
    r"supported))|(?:some|two|three|a\s+few)\s+of\s+the\s+(?:[\w'’-]+\s+){0,3}?(?:charities|"
    r"groups|organisations|organizations|projects|clubs)\s+(?:set|due|chosen|selected)\s+to\s+(?:benefit|receive)|(?:been\s+)?(?:picked|chosen|selected|named\s+as|funded|backed|"
    r"shortlisted|awarded|approved|successful|recommended\s+for\s+(?:funding|grants?|awards?))|signed\s+(?:\w+\s+){0,2}(?:agreements?|deals?|contracts?)|"
    r"share\s+(?:the|a|in|up\s+to)\b|(?:will\s+)?get\s+a\s+share\b|(?:on|in)\s+the\s+(?:final\s+)?(?:list|portfolio)\b|"
    r"(?<=\ball\s)in(?=\s*[,.;])|"
    r"named\s+in\s+the\s+announcement\b|(?:will\s+)?receive\b|(?:received|receiving)\s+(?:grants?|funding|awards?|money)\b|won\b|win\b|join(?:s|ed)?\s+(?:the\s+)?(?:\w+\s+){0,2}"
    r"(?:programme|scheme|pilot|fund|network|portfolio))", re.I),
    "among", "benefit", "receiv", "picked", "chosen", "selected", "named", "funded", "backed", "shortlisted",
    "awarded", "approved", "successful", "recommended", "signed", "share", "won", "win", "join", "list", "portfolio",
    "all in")
# what may open a run of names for the run to be recipients
SELECTED_BEFORE_RX = Gated(re.compile(
    r"(?:\b(?:winners?|recipients?|grantees?|awardees?)(?:\s+(?:of|selected\s+for|chosen\s+for|for)(?:\s+[\w'’-]+){1,5}?)?"
    r"\s+(?:are|were|include)\s*:?|"
    r"\b(?:successful|winning|funded|chosen|selected)\s+(?:[\w-]+\s+){0,2}(?:are|were)\s+led\s+by|\b(?:projects?|bids?|consortia|teams?)\s*[-–—]\s*led\s+by|"
    # "the organisations who received grants from the Fund in this round: A, B and C"
    r"\b(?:who|that|which)\s+(?:have\s+|also\s+)*received\s+(?:grants?|funding|awards?)\b[^:.;]{0,80}:|"
    # "Seven grants of £X were awarded to clubs across the region – A, B, C and D"
    r"\b(?:awarded|given|made|went)\s+to\s+(?:[\w'’-]+\s+){0,2}?(?:clubs|groups|charities|organisations|"
    r"organizations|schools|projects|venues)\b[^–—:;.]{0,40}?\s[–—:]\s*|"
    # "the Lowmere venues named in the announcement were A, B and C"
    r"\b(?:venues|organisations|organizations|groups|charities|projects|bodies|recipients)\s+named\s+in\s+the\s+"
    r"(?:announcement|list|release)\s+(?:were|are|include|included)\s*:?|"
    # "The pilot also awarded funding to A, B and C", "the offers go to A, B and C"
    r"\b(?:awarded|given|provided|offered)\s+(?:funding|grants?|money|awards?)\s+to\s+(?:the\s+)?(?=[A-Z])|"
    r"\b(?:the\s+)?(?:offers|grants|awards)\s+(?:go|went)\s+to\s+(?:the\s+)?(?=[A-Z])|"
    # "The other theatres receiving funding this round are A, B and C"
    r"\b(?:organisations|organizations|groups|charities|projects|clubs|theatres|museums|venues|schools|councils|"
    r"universities|festivals|companies|events|bodies|institutions|libraries|galleries|nonprofits|non-profits|"
    r"recipients)\s+(?:receiving|awarded|given|getting|to\s+receive|(?:that|which|who)\s+(?:have\s+|also\s+)?"
    r"(?:received|will\s+receive)|"
    r"(?:that|which|who)\s+(?:have|has|had)\s+(?:been\s+)?(?:allocated|awarded|given|granted|offered))\s+"
    r"(?:(?:additional|further|new|extra)\s+)?(?:funding|grants?|awards?|support|money|cheques?|cash|donations?)\b"
    r"[^:.;]{0,40}?\s+(?:are|were|included|includes|include)\s*:?|"
    # "The organisations selected from the region include A, B and C"
    r"\b(?:organisations|organizations|groups|charities|projects|NGOs|nonprofits|non-profits|clubs)\s+(?:selected|"
    r"chosen|funded|picked|named|shortlisted)\b[^:.;]{0,60}?\s+(?:include|includes|included|are|were)\s*:?|"
    # "The new centers are being established at A to study ...; B to ...; and C to ..."
    r"\b(?:centers|centres|hubs|institutes|labs|laboratories|projects|programmes|programs|chairs)\s+(?:are\s+being|"
    r"will\s+be|were|are|have\s+been)\s+(?:established|set\s+up|based|located|hosted|created)\s+(?:at|by|with)\s+"
    r"(?:the\s+)?(?=[A-Z])|"
    # "will help 196 organisations across the region, including A, B and C"
    r"\b(?:help|helps|support|supports|benefit|benefits|fund|funds|for)\s+(?:\d[\d,]*|[\w-]+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:organisations|organizations|charities|groups|venues|theatres|museums|clubs)\b[^:.;]{0,40}?,?\s+including)\s*",
    re.I), "winner", "recipient", "grantee", "awardee", "led", "receiv", "awarded", "given", "made", "went",
    "getting", "selected", "chosen", "funded", "picked", "named", "shortlisted", "including", "provided", "offered",
    "allocated", "granted", "established", "set up", "based", "located", "hosted", "created", "go to")
CUE_WORDS = ("among", "picked", "chosen", "selected", "named", "funded", "backed", "shortlisted", "awarded",
             "approved", "successful", "recommended", "recipient", "grantee", "awardee", "benefit", "received", "receiving",
             "help", "support", "fund", "signed", "share", "receive", "won", "win", "join", "led by", "established", "set up",
             "based at", "located at", "hosted", "created", "the list", "portfolio", "go to", "all in")
AMONG_WINNERS_RX = Gated(re.compile(r"(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:is|was)\s+"
                                    r"(?:also\s+)?among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                                    r"(?:winners|recipients|grantees|awardees)\b"), "among")
# where a run of names begins: after a stop (not an abbreviation's: "Harbour Homes Inc. and ..."),
# a semicolon, a colon or a dash
_RUN_BOUNDARY_RX = re.compile(r"(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bCorp)(?<!\bSt)(?<!\bLLC)\.\s|[;:]\s|\s[—–]\s")
# a name in title case with a few small words inside ("Freedom from Torture", "Support in Mind")
_CAMEL_RX = re.compile(r"[a-z]{1,2}[A-Z][A-Za-z]+")      # one camel-cased word: "iHarb", "eLearn"
_TITLE_CASED_RX = re.compile(rf"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|from|in|for|the|on|at|to|with)){{1,6}}|{_CAMEL_RX.pattern}")
_PIECE_CUT_RX = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*")
_PLACE_TAIL_RX = re.compile(r"\s+(?:in|from|on)\s+[A-Z][\w'’ -]*$")
# (and what kind of body it is: "the children's hospice Harbour House")
_DESCRIPTOR_RX = re.compile(r"^(?:(?-i:the\s+(?:[a-z][\w'’-]*\s+){0,3}?(?:hospice|charity|theatre|museum|gallery|festival|"
                            r"choir|orchestra|company|group|club|centre|center|trust|network|foundation)(?=\s+[A-Z]))|"
                            r"[A-Z][\w'’-]*-based|the|[a-z][\w'’-]*-based)\s+", re.I)


def named_runs(ctx: Context) -> Iterator[Candidate]:
    units = ctx.units()
    for i, unit in enumerate(units):
        if unit.kind not in ("sentence", "item") or not any(map(unit.text.lower().__contains__, CUE_WORDS)):
            continue         # every selection cue holds one of these words: skip the costly patterns
        if NEGATIVE_RX.search(unit.text) or PAST_RX.search(unit.text):
            continue
        before = list(SELECTED_BEFORE_RX.finditer(unit.text))
        found = dict.fromkeys(name for start, end in _runs(unit.text, before)
                              for name in _pieces(unit.text[start:end], single=bool(SINGLE_CUE_RX.match(unit.text, end))))
        for m in before:
            found.update(dict.fromkeys(_segment_leads(unit.text[m.end():])))
        for m in AMONG_WINNERS_RX.finditer(unit.text):   # "Tullie Hall in Eastbrook is also among the winners"
            one = name_ending_at(unit.text, m.start())
            if one and not is_person(unit.text, one):
                found[one.name] = None
        each = _each_before(units[max(0, i - EACH_LOOK_BACK):i + 1]) if found else None
        for name in found:
            yield Candidate(name, unit, each, "named_run", strength=1)
    yield from _runs_after_colon(units)
    yield from _apposed_runs(units)
    yield from _headed_profiles(ctx)


# what a sentence ending in a colon says of the names after it: "The fund supported seven
# organisations in Lowmere:", "Grants went to the following groups:"
COLON_CUE_RX = re.compile(r"\b(?:support|funding|grants?|awards?|money)\s+(?:to|for)\s+(?:the\s+following|these|"
                          r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)[^:]{0,80}:\s*$|"
                          r"\b(?:recipients?|winners|grantees|beneficiaries|successful\s+(?:groups|organisations|"
                          r"organizations|applicants))\b[^:]{0,60}:\s*$", re.I)


def _runs_after_colon(units: list[Unit]) -> Iterator[Candidate]:
    """"The fund provided support to seven organisations in Lowmere:" then a unit that is nothing but
    a run of names ("A, B, C and the D."): each name is a recipient."""
    for prev, unit in zip(units, units[1:]):
        if unit.kind != "sentence" or not prev.text.rstrip().endswith(":") or award_money(unit) or \
                not COLON_CUE_RX.search(prev.text) or NEGATIVE_RX.search(prev.text):
            continue
        run = unit.text.strip().rstrip(".")
        found = _pieces(run)
        if len(found) >= 2 and sum(len(n) for n in found) >= 0.6 * len(run):
            each = _each_before([prev])
            for name in found:
                yield Candidate(name, unit, each, "named_run", strength=1)


COUNTED_GRANTS_RX = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen)\s+"
                               r"(?:[\w-]+\s+)?(?:grants|awards|donations|bursaries)\s+of\s+(?:up\s+to\s+)?$", re.I)
EACH_LOOK_BACK = 4     # sentences before a run of names in which an amount "each" may be said of them


def _each_before(units: list[Unit]) -> Money | None:
    """The one amount that these sentences say each recipient gets ("donations of £1,000 each"), if any."""
    found = []
    for u in units:
        for money in award_money(u, caps=True):
            a, e = money.start - u.start, money.end - u.start
            counted = COUNTED_GRANTS_RX.search(u.text[:a][-40:])     # "Seven grants of up to £20,000"
            if is_cap(money) and not counted:
                continue
            if prose.DISTRIBUTIVE_AFTER_RX.match(u.text[e:]) or prose.TO_EACH_RX.match(u.text[e:]) or \
                    prose.DISTRIBUTIVE_BEFORE_RX.search(u.text[:a][-40:]) or counted or \
                    EACH_OF_OPENS_RX.match(u.text[:a]):     # "Each of the organisations ... will receive £X"
                found.append(replace(money, approximate=True) if is_cap(money) else money)
    return found[0] if len({m.value for m in found}) == 1 else None


def _segment_leads(rest: str) -> list[str]:
    """The names that open the semicolon-separated segments of a list after a selection cue ("The
    recipients are: A in Lowmere, which will ...; B in Eastbrook to build ...; and C for ...")."""
    segments = [seg.strip() for seg in rest.split(";")]
    if len(segments) < 2:
        return []
    out = []
    if len(segments) > 2 and re.fullmatch(r"(?:and\s+)?(?:others|more|many\s+more)\W*", segments[-1]):
        segments = segments[:-1]              # "...; and others"
    for seg in segments:
        seg = re.sub(r"^(?:and|also)\s+", "", seg)
        seg = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", seg)
        name = leading_recipient(seg)
        if not name or not seg.startswith(name.split()[0]):
            return []                # a segment that opens with no name: not such a list
        out.append(_without_place(name))
    return out


def _without_place(piece: str) -> str:
    """A name without the place after it: "Tullie Hall in Eastbrook", but "Support in Mind" whole."""
    tail = _PLACE_TAIL_RX.search(piece)
    head = piece[:tail.start()] if tail else ""
    if tail and not orgs.council(piece) and (len(head.split()) > 1 or head.isupper() or org_like(head)):
        return head
    return piece


# a run's verb in the active voice, with no "been": the run gives ("has awarded", "have funded")
ACTIVE_GIVER_RX = re.compile(r"\W*\s(?:has|have|had|will)\s+(?:also\s+|now\s+)*(?:awarded|funded|backed|approved|"
                             r"selected|chosen|picked|named)\b", re.I)


INCLUDING_RX = re.compile(r"\b(?:including|such\s+as|among\s+them)\s+")


# the cue after a run of one name that makes it a recipient: "A has been approved", "A is among the winners"
SINGLE_CUE_RX = re.compile(r"\s*(?:[-–—,]\s*)?(?:(?:has|have|had|was|were|is|are)\s+(?:also\s+|now\s+)*(?:been\s+(?:funded|"
                           r"selected|chosen|approved|awarded|shortlisted|picked)|among\b)|(?:also\s+)?joins\s+the\s+portfolio\b)")
# where a run is, before it: "In Lowmere the A, B and C are ...", "In the north, A and B were ..."
# or what kind they are: "Among the theatres outside the big towns, A and B were named"
_FRONTED_PLACE_RX = re.compile(r"\s*(?:(?:In|Across|Around|Elsewhere\s+in)\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,?|"
                               r"[a-z]+(?:\s+[a-z]+)?,)|Among\s+the\s+[a-z][^,]{2,60},|(?:Further|Farther)\s+[a-z]+(?:\s+[a-z]+){0,3},)"
                               r"\s+(?=(?:the\s+)?[A-Z])")


def _runs(text: str, before: list[re.Match[str]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each run of names that a selection cue governs (`before`: the matches of
    SELECTED_BEFORE_RX in the text, if already found)."""
    out = []
    for m in SELECTED_AFTER_RX.finditer(text):
        if m.start() == 0 or ACTIVE_GIVER_RX.match(m.group(0)):
            continue                  # "A, B and C Institute has awarded a grant to D": the givers
        head = text[:m.start()]
        start = max((b.end() for b in _RUN_BOUNDARY_RX.finditer(head)), default=0)
        including = INCLUDING_RX.search(head, start)
        if including:          # "Organisations including the A, the B and C have received funding"
            start = including.end()
        lead = re.match(r"^\s*(?:and\s+|but\s+|also\s+)?", head[start:])
        fronted = _FRONTED_PLACE_RX.match(head, start + lead.end())
        out.append((fronted.end() if fronted else start + lead.end(), m.start()))
    for m in SELECTED_BEFORE_RX.finditer(text) if before is None else before:
        tail = text[m.end():]
        stop = re.search(r"\s+[-–—]\s+|[.;:]\s|\s+(?:share|are|were|will|have|has|who|which)\b|"
                         r",\s+(?:most|all|many|some|each|both|several|though|although|but|while)\b", tail)
        out.append((m.end(), m.end() + (stop.start() if stop else len(tail))))
    return out


_KIND_IN_PLACES_RX = re.compile(r"(?:Projects|Groups|Organi[sz]ations|Charities|Clubs|Schools|Communities|Applicants|"
                                r"Bids|Schemes|Initiatives|Venues)\s+(?:in|across|from|around|throughout)\s+")


_CIVIC_PLURAL_RX = re.compile(r"(?:[Tt]he\s+)?(?P<kind>[Cc]ities|[Tt]owns|[Vv]illages|[Cc]ounties|[Bb]oroughs)\s+of\s+")


def _pieces(run: str, single: bool = False) -> list[str]:
    """The names of a run, or none if any piece does not read as one (with `single`, a run of one
    organisation's name is that name: "In Lowmere, the Quay Legion Branch has been approved")."""
    run = re.sub(r"^(?:led|run|headed|co-led|jointly\s+led)\s+by\s+", "", run.strip(" ,.-–—"))
    run = re.sub(r",?\s+and\s+(?:other|several|many|more|\d+)\s+.*$", "", run)   # "... and other partners"
    run = re.sub(r"\s*\([^()]{1,80}\)", "", run)     # "A (for projects in Eastbrook and Wexley)": an aside
    run = re.sub(r",\s*(?:which|who)\s[^,]{2,120}(?:,|$)", "", run)   # "..., the C in Lowmere, which occupies the old store,"
    if len(run) > 400 or not (run.count(",") or " and " in run or "&" in run):
        one = leading_recipient(_without_place(run.strip())) if single else None
        return [one] if one and one == re.sub(r"^(?:the|The)\s+", "", _without_place(run.strip())) and \
            (org_like(one) or len(one.split()) >= 2) and not known_place(one) and not orgs.is_place(one) else []
    if orgs.council(run) or _KIND_IN_PLACES_RX.match(run):
        return []            # "Projects in Lowmere, Quay and Eastbrook have won funding": where, not who
    civic = _CIVIC_PLURAL_RX.match(run)
    if civic:                # "The cities of Lowmere Estates and Quayton": each city's council
        kind = {"cities": "City", "towns": "Town", "villages": "Village", "counties": "County",
                "boroughs": "Borough"}[civic.group("kind").lower()]
        places = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", run[civic.end():]) if p.strip()]
        ok = len(places) >= 2 and all(re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}", p) for p in places)
        return [f"{kind} of {p}" for p in places] if ok else []
    pieces, out = [], []
    previous = ""
    enumerated = bool(re.search(r"\s(?:and|&)\s", run))
    previous_the = False
    for piece in re.split(r",\s*(?:and\s+)?|;\s*", run):
        piece = piece.strip()
        previous_the = previous_the or piece.startswith("the ")
        if re.search(r"\s(?:in|of)\s+[A-Z]", previous) and re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?", piece) \
                or out_of_place(previous, piece, enumerated):
            previous = piece
            continue        # "A in Eastbrook, Westshire", "A Trust, Westshire, has been awarded": where the one before is
        previous = piece
        if orgs.council(piece) or not re.search(r"\s(?:and|&)\s", piece):
            pieces.append(piece)
            continue
        if previous_the and re.search(r"\s(?:and|&)\s+the\s", piece):
            pieces += _joined(piece, r"\s+(?:and|&)\s+(?=the\s)")   # "the A, the B for Peace and Justice and the C"
            continue
        for group in re.split(r"\s+(?:and|&)\s+(?=the\s)", piece):  # "A and B in Lowmere and the C": A and B, C
            pieces += _joined(group)
    for piece in pieces:
        piece = _DESCRIPTOR_RX.sub("", piece.strip())
        piece = re.sub(r"\s+for\s+(?:its|their)\s.*$", "", piece)    # "Literature Lowmere for its writing centre"
        piece = _without_place(piece)
        piece, _ = split_possessive(piece)
        name = leading_recipient(piece)
        if _TITLE_CASED_RX.fullmatch(piece.strip()) and (not name or len(name) < len(piece.strip())):
            name = piece.strip()             # a piece of the run is a whole name: "Freedom from Torture"
        if not name or len(name.split()) < len(piece.split()) - 1:
            return []
        if any(is_person(piece, m) for m in names_in(piece)):
            return []
        out.append(name)
    return out if len(out) >= 2 else []


def _joined(group: str, at: str = r"\s+(?:and|&)\s+") -> list[str]:
    """One piece of a run cut at "and" where it joins two names ("Harbour Trust and Quay Society"),
    kept whole where it is one ("Harbour and Quay Community Trust", "Goleen and District Council",
    "Lowmere Youth and Community Centre")."""
    halves = re.split(at, group)
    if len(halves) == 1:
        return halves
    first = re.sub(r"^the\s+", "", halves[0])
    one = len(halves) == 2 and " " not in first and not org_like(first) and not known_place(first) \
        and org_like(halves[1]) and len(halves[1].split()) >= 2
    one = one or len(halves) == 2 and bool(NAME_GOES_ON_RX.match(halves[1]))
    return halves if all(leading_recipient(_DESCRIPTOR_RX.sub("", h.strip())) or _CAMEL_RX.fullmatch(h.strip())
                         for h in halves) and not one else [group]


def out_of_place(previous: str, piece: str, enumerated: bool = False) -> bool:
    """A bare place right after an organisation: where that organisation is, not another recipient. In
    an enumeration ("A, B and C") only a place the registers know; otherwise ("Harbour Trust, Lowmere
    were awarded") any short name without an organisation word."""
    place = known_place(piece) or orgs.council(piece) is not None or (not enumerated and is_place(piece))
    return bool(previous) and place and org_like(previous) and not orgs.council(previous)


def council_runs(ctx: Context) -> Iterator[Candidate]:
    """The register's councils named in a run under an award cue (rules.enumerations.council_runs),
    except where the only cue is a share of something else ("have a larger share of older residents")."""
    for cand in enumerations.council_runs(ctx):
        if named_as_where(cand.unit.text, cand.recipient):
            continue         # "charities in Eastshire, Westshire and Northshire": where, not who
        cues = {m.group(0).lower() for m in AWARD_CUE_RX.finditer(cand.unit.text)}
        if cues and cues <= {"share", "shares", "sharing"} and not award_money(cand.unit):
            continue
        yield cand


# "A and B were awarded £X and £Y, respectively": the names and the amounts pair in order
RESPECTIVELY_RX = re.compile(r"\brespectively\b", re.I)
_PAIRING_VERB_RX = re.compile(r"\b(?:(?:were|was|are|is|have\s+been|has\s+been|will\s+be)\s+)?(?:awarded|granted|given|"
                              r"allocated|offered)\b|\b(?:received|receive|will\s+receive|won|got|get|secured)\b", re.I)


# what the names of a run are, before them: "Two Lowmere theatre companies, A and B"
DESCRIBED_RUN_RX = re.compile(r"^(?:[A-Z][a-z]+\s+)?(?:[\w'’-]+\s+){0,4}?(?:companies|groups|charities|organisations|"
                              r"organizations|clubs|theatres|museums|venues|schools|projects|bodies|trusts|councils)\s*,\s*"
                              r"(?P<run>[A-Z].*)$")


def respective_amounts(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if not RESPECTIVELY_RX.search(unit.text):
            continue
        monies = award_money(unit)
        if len(monies) < 2:
            continue
        head = unit.text[:monies[0].start - unit.start]
        verbs = list(_PAIRING_VERB_RX.finditer(head))
        if not verbs:
            continue
        subject = head[:verbs[-1].start()]
        subject = subject[max((b.end() for b in _RUN_BOUNDARY_RX.finditer(subject)), default=0):]
        subject = re.split(r",\s*(?:both|all|each)\b", subject)[0]        # "A and B, both based in X,"
        subject = re.sub(r",?\s*(?:are|is|were|was|will|have|has)(?:\s+(?:to|also|now))?\s*$", "", subject)
        described = DESCRIBED_RUN_RX.match(subject.strip(" ,"))
        if described:                     # "Two Lowmere theatre companies, A and B, are to get £X and £Y"
            subject = described.group("run")
        found = _pieces(subject.strip(" ,"))
        if len(found) == len(monies):
            for name, money in zip(found, monies):
                yield Candidate(name, unit, money, "respective_amounts", strength=2)



# "the grant went to A", "the award was given to B", "the winner in the health category was C": one of
# the grants that a sentence before said each winner gets
WENT_TO_RX = re.compile(r"\b(?:the|this|that|a)\s+(?:[\w-]+\s+)?(?:grant|award|prize|funding)\s+(?:went|goes|was\s+"
                        r"(?:given|awarded|presented|made|handed))\s+to\s+|\b[Tt]he\s+winners?\s+(?:in|of|for)\s+"
                        r"(?:the\s+)?[\w\s-]{2,40}?\s+(?:was|is)\s+")


def each_one_named(ctx: Context) -> Iterator[Candidate]:
    """Winners named one a sentence after a sentence that says what each gets ("Three groups will
    receive £5,000 each. ... The grant in the health category went to the Harbour Trust.")."""
    units = ctx.units()
    for i, unit in enumerate(units):
        if unit.kind != "sentence" or "grant" not in unit.text and "award" not in unit.text and \
                "winner" not in unit.text and "prize" not in unit.text:
            continue
        m = WENT_TO_RX.search(unit.text)
        if m is None or award_money(unit) or NEGATIVE_RX.search(unit.text):
            continue
        each = _each_before(units[max(0, i - EACH_LOOK_BACK):i])
        rest = unit.text[m.end():]
        name, found = leading_recipient(rest), names_in(rest)
        if each is not None and name and not (found and is_person(rest, found[0])):
            yield Candidate(name, unit, each, "each_named", strength=1)


# "Organisations in Lowmere which will receive funding include A; B, which runs Y; and C", "Other groups
# to receive funding include A and the B", "grants have been made to groups including A, B and C": the
# recipients an include list names, with what qualifies the list's subject between it and "include"
INCLUDE_RX = re.compile(r"\b(?:grants|awards|recipients|winners|beneficiaries|projects|organisations|organizations|groups|"
                        r"charities|clubs|councils|partnerships|bodies|venues)\b(?P<qual>[^.;:]{0,90}?)\s+"
                        r"(?:also\s+)?(?P<verb>include|includes|including)\s+(?P<rest>.+)$", re.I)
_QUALIFIED_RX = re.compile(r"\b(?:receiv\w*|benefit\w*|funded|chosen|named|selected|successful|supported|awarded|"
                           r"granted|getting|share|sharing|backed)\b", re.I)
_AND_OTHERS_RX = re.compile(r"\s*,?\s*(?:and|among)\s+(?:many\s+)?(?:others|more|other\s+\w+)\s*\.?\s*$")


def include_lists(ctx: Context) -> Iterator[Candidate]:
    """The old rule's include lists (rules.enumerations.include_lists), and those whose subject is
    qualified ("... which will receive funding include") or that follow an award ("grants have been
    made to groups including"), read as a run of names (_pieces) or, cut at semicolons, as the names
    that open its segments (_segment_leads)."""
    seen = set()
    units = ctx.units()
    index = {u.start: i for i, u in enumerate(units)}

    def each(unit: Unit) -> Money | None:      # "Each of the organisations will receive £X. The recipients include"
        i = index.get(unit.start)
        return _each_before(units[max(0, i - EACH_LOOK_BACK):i + 1]) if i is not None else None

    for cand in enumerations.include_lists(ctx):
        seen.add(cand.unit.start)
        at = cand.unit.text.lower().find("include")
        if not any(money.start - cand.unit.start > at for money in award_money(cand.unit)):
            yield replace(cand, money=cand.money or each(cand.unit))   # ("awards include a $X grant for ... by A": money links)
    for unit in units:
        if unit.kind != "sentence" or unit.start in seen or "includ" not in unit.text.lower():
            continue
        m = INCLUDE_RX.search(unit.text)
        while m and m.group("qual").strip(" ,") and not _QUALIFIED_RX.search(m.group("qual")):
            m = INCLUDE_RX.search(unit.text, m.start() + 1)      # "Grants of £X have been made to groups including"
        if not m or NEGATIVE_RX.search(unit.text) or PAST_RX.search(unit.text[:m.start("rest")]):
            continue
        qual = m.group("qual").strip(" ,")
        if m.group("verb").lower() == "including" and not AWARD_CUE_RX.search(unit.text[:m.start()]):
            continue
        if not qual and m.group("verb").lower() != "including":
            continue              # what the old rule reads
        rest = _AND_OTHERS_RX.sub("", m.group("rest").rstrip(". "))
        for name in _segment_leads(rest) if ";" in rest else _pieces(rest):
            yield Candidate(name, unit, each(unit), "include_list", strength=1)


# "The centres – A, B, C and D – carry out research": the names of the bodies a sentence before funded,
# in apposition to the plural that sentence used
APPOSED_RUN_RX = re.compile(r"^(?:The|These|Those|All|Its)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                            r"twelve)\s+)?(?:[a-z]+\s+)?(?P<noun>[a-z]{3,}s)\s*[–—]\s*(?P<run>[^–—]{3,300}?)\s*[–—]\s")
APPOSED_LOOK_BACK = 3     # sentences before in which the plural must be funded


def _apposed_runs(units: list[Unit]) -> Iterator[Candidate]:
    """A run of names set between dashes after "The <plural>", where one of the few sentences before
    says money goes to that plural ("€193m in five research centres ... The centres – A, B and C –")."""
    for i, unit in enumerate(units):
        m = APPOSED_RUN_RX.match(unit.text) if unit.kind == "sentence" else None
        if not m:
            continue
        noun = m.group("noun")
        funded = any(re.search(rf"\b{noun}\b", u.text) and (award_money(u) or AWARD_CUE_RX.search(u.text))
                     for u in units[max(0, i - APPOSED_LOOK_BACK):i])
        if not funded or NEGATIVE_RX.search(unit.text):
            continue
        for name in _pieces(m.group("run")):
            yield Candidate(name, unit, None, "named_run", strength=1)


def amountless_statements(ctx: Context) -> Iterator[Candidate]:
    """The shared rule's "A has been chosen ..." statements (rules.prose.amountless_statements), less a
    person named with their office ("Jo Bloggs, Member of Parliament for Lowmere, has congratulated")."""
    for cand in old_prose.amountless_statements(ctx):
        at = cand.unit.text.find(cand.recipient)
        if at >= 0 and ROLE_AFTER_RX.match(cand.unit.text, at + len(cand.recipient)):
            continue
        yield cand


# what introduces profiles of recipients, each under its own heading: "Here are five of the new projects.",
# "Meet the grantees", "Among this year's recipients:"
PROFILES_INTRO_RX = re.compile(r"\b(?:here\s+are|meet|introducing|among)\s+(?:\w+\s+of\s+)?(?:the|this\s+"
                               r"year['’]s|our)\s+(?:[\w-]+\s+){0,2}?(?:projects|grantees|recipients|winners|awardees|"
                               r"organisations|organizations|groups)\b", re.I)
_HEADED_NAME_RX = re.compile(r"^(?P<name>[^()]{3,80}?)\s*(?:\((?P<where>[^()]{2,60})\))?\s*$")


def _headed_profiles(ctx: Context) -> Iterator[Candidate]:
    """Recipients profiled one by one after an intro ("Here are five of the new projects."): headings
    that are a name (and where it works, in brackets), each followed by a paragraph that names it again;
    two such at least."""
    blocks = ctx.blocks
    for i, intro in enumerate(blocks):
        if intro.kind != "para" or not PROFILES_INTRO_RX.search(intro.text) or not AWARD_CUE_RX.search(
                " ".join(b.text for b in blocks[max(0, i - 3):i + 1])):
            continue
        found, j = [], i + 1
        while j + 1 < len(blocks) and blocks[j].kind == "heading" and blocks[j + 1].kind == "para":
            m = _HEADED_NAME_RX.match(blocks[j].text.strip())
            name = leading_recipient(m.group("name")) if m else None
            para = blocks[j + 1].text
            if not name or len(name) < len(m.group("name").strip()) - 2 or not (
                    name.split()[0] in para or para.lower().startswith(f"the {name.split()[-1].lower()}")):
                break               # (the paragraph names it, or calls it by its kind: "The network's ...")
            found.append((blocks[j], name, [m.group("where").strip()] if m.group("where") else []))
            j += 2
        if len(found) >= 2:
            for block, name, where in found:
                yield Candidate(name, block.units[0], None, "named_run", locations=where, strength=1)
