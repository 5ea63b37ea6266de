"""Rules for recipients listed inside a sentence:
- "the grants include Ealing's Open Door programme, run by the London Borough of Ealing, and ...";
- councils named in a run ("Three pilot areas - Rutland, Norfolk and Sefton -
  have been unveiled"), read with the register of local authorities."""
from __future__ import annotations

import re
from collections.abc import Iterator

from services.extractor import orgs
from services.extractor.rules import names
from services.extractor.rules.base import AWARD_CUE_RX, NEGATIVE_RX, Candidate, Context
from services.extractor.segments import Unit

INCLUDE_RX = re.compile(
    r"\b(?P<subj>grants|awards|recipients|winners|co-?ordinators|beneficiaries|successful bids|"
    r"successful projects|projects|organisations|they|those|areas|councils|partnerships)\s+"
    r"(?:chosen\s+|funded\s+|named\s+)?(?:also\s+)?include\s+(?P<rest>.+)$", re.I)
# "previous winners include ...": earlier rounds, not this announcement's awards
PAST_RX = re.compile(r"\b(?:previous|past|former|earlier|last year's|prior)\s+(?:\w+\s+)?"
                     r"(?:grants|awards|recipients|winners|beneficiaries|projects|rounds?)\b", re.I)
RUN_BY_RX = re.compile(r"\b(?:run|led|delivered|operated|managed)\s+by\s+(?:the\s+)?(?P<org>.+)$")
IN_PLACE_RX = re.compile(r"^(?P<org>.+?)\s+in\s+(?P<place>[A-Z][\w' -]+)$")
SUCH_AS_RX = re.compile(r"^(?:[a-z][\w'’-]*\s+){0,4}(?:such as|including|like)\s+")
# what may stand before / after a run of councils for the run to name recipients
RUN_BEFORE_OK = re.compile(r"(?:^|[-–—:(]|\binclude|\bare|\bnamed|\bwere|\bis)\s*[‘'\"]?$", re.I)
RUN_AFTER_OK = re.compile(r"^\s*(?:[-–—)]|have been|has been|are|were|will|join|joins|receive|get|share|"
                          r"won|win|each|all|,\s*(?:which|who)\s+(?:will|have|are))", re.I)
# what an include list opens with when it lists what is done, not who: a lower-case word other than an article
ACTIVITY_LEAD_RX = re.compile(r"^(?!(?:the|a|an|such|among|some|several|many|both)\b)[a-z]")
LOCATION_CUE_RX = re.compile(r"\b(extend\w*|roll\w* out|cover\w*|across|expand\w*|spread|developed by)\b", re.I)


def include_lists(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if unit.kind != "sentence" or "include" not in unit.text.lower():
            continue
        m = INCLUDE_RX.search(unit.text)
        if not m or NEGATIVE_RX.search(unit.text) or PAST_RX.search(unit.text[:m.start("rest")]):
            continue
        paragraph = ctx.blocks[unit.block].text
        if not AWARD_CUE_RX.search(paragraph) and not AWARD_CUE_RX.search(_previous_text(ctx, unit)):
            continue
        if ACTIVITY_LEAD_RX.match(m.group("rest")) and not SUCH_AS_RX.match(m.group("rest")):
            continue          # "Projects include upgrades to floodwalls in regions such as A, B": what is done, where
        rest = SUCH_AS_RX.sub("", m.group("rest").rstrip("."))
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[a-zA-Z])", rest):
            cand = _piece(unit, piece.strip())
            if cand is not None:
                yield cand


def _piece(unit: Unit, piece: str) -> Candidate | None:
    piece = SUCH_AS_RX.sub("", piece)
    run_by = RUN_BY_RX.search(piece)
    if run_by:
        piece = run_by.group("org")
    location = []
    at = IN_PLACE_RX.match(piece)
    if at:
        piece, location = at.group("org"), [at.group("place").strip()]
    piece, _ = names.split_possessive(names.strip_descriptor(piece))
    name = names.leading_name(piece)
    if name is None or len(name.split()) < len(piece.split()) - 3:
        return None
    return Candidate(name, unit, None, "include_list", locations=location, strength=1)


def council_runs(ctx: Context) -> Iterator[Candidate]:
    for unit in ctx.units():
        if unit.kind != "sentence":
            continue
        found = [m for m in orgs.find_places(unit.text) if not _inside_longer_name(unit.text, m)]
        if len(found) < 2 or NEGATIVE_RX.search(unit.text):
            continue
        if not AWARD_CUE_RX.search(unit.text) and not re.search(r"\b(join|unveiled|trailblazer|chosen)",
                                                                  unit.text, re.I):
            continue
        for run in _runs(unit.text, found):
            before = unit.text[:run[0].start()]
            after = unit.text[run[-1].end():]
            if len(run) < 2 or LOCATION_CUE_RX.search(before[-80:]):
                continue
            if not (RUN_BEFORE_OK.search(before.rstrip()) or RUN_AFTER_OK.match(after)):
                continue
            for m in run:
                yield Candidate(m.group(0), unit, None, "council_run", locations=[m.group(0)], strength=1)


_WORD_BEFORE_RX = re.compile(r"[A-Z][\w'’-]*\s+$")
_WORD_AFTER_RX = re.compile(r"\s+(?!Council\b|and\b)[A-Z]")


def _inside_longer_name(text: str, m: re.Match) -> bool:
    """"York" within "North York", "Derby" within "Derby Cathedral"."""
    return bool(_WORD_BEFORE_RX.search(text, max(0, m.start() - 40), m.start()) or
                _WORD_AFTER_RX.match(text, m.end()))


def _runs(text: str, found: list[re.Match]) -> list[list[re.Match]]:
    """Group council names separated only by commas and "and"."""
    runs: list[list[re.Match]] = []
    for m in found:
        if runs and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)", text[runs[-1][-1].end():m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _previous_text(ctx: Context, unit: Unit) -> str:
    units = ctx.units()
    i = next(k for k, u in enumerate(units) if u is unit)
    return units[i - 1].text if i else ""
