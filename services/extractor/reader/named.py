"""Recipients named without an amount, in an enumeration that a selection cue governs:
"A, B, C and D are among the areas picked", "the remaining five projects — led by A, B and C —
share the rest", "A, B and C have also signed agreements". The enumeration is cut at commas and
"and" (a council's own "and", as in "Northvale and East Wexley Council", is kept) and every piece must
read as a name."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.reader.mentions import (is_person, leading_recipient, name_ending_at, names_in,
                                                split_possessive)
from services.extractor.reader.money import award_money
from services.extractor.rules import enumerations
from services.extractor.rules.base import AWARD_CUE_RX, NEGATIVE_RX, Candidate, Context
from services.extractor.rules.enumerations import PAST_RX

# what may follow a run of names for the run to be recipients
SELECTED_AFTER_RX = re.compile(
    r"(?<=[\w’')])\s*(?:[-–—,]\s*)?\s(?:(?:are|were|is|was|have|has|will|had)\s+)?(?:also\s+|now\s+|all\s+|both\s+)*"
    r"(?:among\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:picked|chosen|selected|named|funded|successful|winners?|"
    r"recipients?|grantees?|awardees?)|(?:been\s+)?(?:picked|chosen|selected|named\s+as|funded|backed|"
    r"shortlisted|awarded|approved|successful)|signed\s+(?:\w+\s+){0,2}(?:agreements?|deals?|contracts?)|"
    r"share\s+(?:the|a|in|up\s+to)\b|(?:will\s+)?receive\b|received\s+(?:grants?|funding|awards?|money)\b|won\b|win\b|join(?:ed)?\s+(?:the\s+)?(?:\w+\s+){0,2}"
    r"(?:programme|scheme|pilot|fund|network))", re.I)
# what may open a run of names for the run to be recipients
SELECTED_BEFORE_RX = re.compile(
    r"(?:\b(?:winners?|recipients?|grantees?|awardees?)\s+(?:are|were)\s*:?|"
    r"\b(?:successful|winning|funded|chosen|selected)\s+(?:[\w-]+\s+){0,2}(?:are|were)\s+led\s+by|\b(?:projects?|bids?|consortia|teams?)\s*[-–—]\s*led\s+by)\s*",
    re.I)
CUE_WORDS = ("among", "picked", "chosen", "selected", "named", "funded", "backed", "shortlisted", "awarded",
             "approved", "successful", "signed", "share", "receive", "won", "win", "join", "led by")
AMONG_WINNERS_RX = re.compile(r"(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:is|was)\s+(?:also\s+)?among\s+"
                              r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:winners|recipients|grantees|awardees)\b")
_PIECE_CUT_RX = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*")
_PLACE_TAIL_RX = re.compile(r"\s+(?:in|from)\s+[A-Z][\w'’ -]*$")
_DESCRIPTOR_RX = re.compile(r"^(?:[A-Z][\w'’-]*-based|the|[a-z][\w'’-]*-based)\s+", re.I)


def named_runs(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if unit.kind not in ("sentence", "item") or NEGATIVE_RX.search(unit.text) or PAST_RX.search(unit.text):
            continue
        low = unit.text.lower()
        if not any(cue in low for cue in CUE_WORDS):
            continue         # every selection cue holds one of these words: skip the costly patterns
        found = dict.fromkeys(name for start, end in _runs(unit.text) for name in _pieces(unit.text[start:end]))
        for m in AMONG_WINNERS_RX.finditer(unit.text):   # "Tullie Hall in Eastbrook is also among the winners"
            one = name_ending_at(unit.text, m.start())
            if one and not is_person(unit.text, one):
                found[one.name] = None
        for name in found:
            yield Candidate(name, unit, None, "named_run", strength=1)


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of names that a selection cue governs."""
    out = []
    for m in SELECTED_AFTER_RX.finditer(text):
        if m.start() == 0:
            continue
        head = text[:m.start()]
        start = max(head.rfind(". "), head.rfind("; "), head.rfind(": "), head.rfind(" — "), head.rfind(" – "))
        start = start + 2 if start >= 0 else 0
        lead = re.match(r"^\s*(?:and\s+|but\s+|also\s+)?", head[start:])
        out.append((start + lead.end(), m.start()))
    for m in SELECTED_BEFORE_RX.finditer(text):
        tail = text[m.end():]
        stop = re.search(r"\s+[-–—]\s+|[.;:]\s|\s+(?:share|are|were|will|have|has|who|which)\b", tail)
        out.append((m.end(), m.end() + (stop.start() if stop else len(tail))))
    return out


def _pieces(run: str) -> list[str]:
    """The names of a run, or none if any piece does not read as one."""
    run = re.sub(r"^(?:led|run|headed|co-led|jointly\s+led)\s+by\s+", "", run.strip(" ,.-–—"))
    run = re.sub(r",?\s+and\s+(?:other|several|many|more|\d+)\s+.*$", "", run)   # "... and other partners"
    if len(run) > 400 or not (run.count(",") or " and " in run or "&" in run):
        return []
    if orgs.council(run):
        return []
    pieces, out = [], []
    previous = ""
    for piece in re.split(r",\s*(?:and\s+)?|;\s*", run):
        piece = piece.strip()
        if re.search(r"\s(?:in|of)\s+[A-Z]", previous) and re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?", piece) \
                or out_of_place(previous, piece):
            previous = piece
            continue        # "A in Eastbrook, Westshire", "A Trust, Westshire, has been awarded": where the one before is
        previous = piece
        if orgs.council(piece) or not re.search(r"\s(?:and|&)\s", piece):
            pieces.append(piece)
            continue
        halves = re.split(r"\s+(?:and|&)\s+", piece)
        if all(leading_recipient(h) for h in halves):
            pieces += halves
        else:
            pieces.append(piece)
    for piece in pieces:
        piece = _DESCRIPTOR_RX.sub("", piece.strip())
        if not orgs.council(piece):
            piece = _PLACE_TAIL_RX.sub("", piece)
        piece, _ = split_possessive(piece)
        name = leading_recipient(piece)
        if not name or len(name.split()) < len(piece.split()) - 1:
            return []
        if any(is_person(piece, m) for m in names_in(piece)):
            return []
        out.append(name)
    return out if len(out) >= 2 else []


def out_of_place(previous: str, piece: str) -> bool:
    """A bare place right after an organisation: where that organisation is, not another recipient."""
    from services.extractor.reader.mentions import is_place, org_like
    return bool(previous) and is_place(piece) and org_like(previous) and not orgs.council(previous)


def council_runs(ctx: Context) -> Iterator[Candidate]:
    """The register's councils named in a run under an award cue (rules.enumerations.council_runs),
    except where the only cue is a share of something else ("have a larger share of older residents")."""
    for cand in enumerations.council_runs(ctx):
        cues = {m.group(0).lower() for m in AWARD_CUE_RX.finditer(cand.unit.text)}
        if cues and cues <= {"share", "shares", "sharing"} and not award_money(cand.unit):
            continue
        yield cand
