"""A page's units for the general reader: the blocks of `segments`, with three differences.

- Lines that a PDF conversion or a plain-text page wrapped mid-sentence are read as one paragraph
  ("... will give nearly £318,000 in grants\\nto local groups ...").
- The title is its own unit even where the page glues it to the byline and the first sentence
  ("Pier reopens By staff reporter, 2026-10-02 The Old Pier Friends Society has been awarded ...").
- A sentence is also cut after a dateline or byline date ("... 16 November 2026 The Trust ...").
Every unit keeps its offsets: text[unit.start:unit.end] == unit.text."""
from __future__ import annotations

import re

from services.extractor.segments import Block, _sentences, blocks, fill_units

# a line that goes on in the next one: it ends without a stop, and the next starts in lower case
_OPEN_END_RX = re.compile(r"[\w,;£$€%)\-–]$")


def _open_end(line: str) -> bool:
    # a match starts at one of the last two characters (`$` also matches before a final newline):
    # searched from there, not tried at every position of the line
    return _OPEN_END_RX.search(line, len(line) - 2) is not None


_LOWER_START_RX = re.compile(r"^[a-z(£$€\d]")
# a line that opens with an amount starts a line of its own ("£25,000 for Harbour Trust, Lowmere to mend its
# roof"; a name's line, then "$120,000 over 18 months to ..."), unless the line before asks for the amount ("share")
_MONEY_START_RX = re.compile(r"^\s*(?:[£$€]|[A-Z]{1,3}\$)\s?\d")
_ASKS_FOR_AMOUNT_RX = re.compile(r"\b(?:of|to|for|with|from|by|worth|totall?ing|and|or|a|an|the|about|around|nearly|"
                                 r"almost|over|under|than|share[sd]?|receiv\w*|awarded|given|granted|got|gets?|won|"
                                 r"wins?|secured|allocated|gave)$", re.I)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
# a date that ends a dateline or byline glued to the first sentence
_DATELINE_RX = re.compile(
    rf"(?:\b\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\b{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}})(?:,?\s+\d{{1,2}}[.:]\d{{2}}\s*(?:am|pm)?)?\s+(?=(?:The\s+|A\s+)?[A-Z])")
_BYLINE_RX = re.compile(r"\bBy\s+(?:[A-Z][\w'’-]+\s+){1,3}?(?:[A-Z][\w'’-]+|reporter|staff|correspondent)\b[,\s]")


def read_units(text: str, title: str | None = None) -> list[Block]:
    """The page's blocks with their units (sentences, items, rows, headings, the title)."""
    # a title, byline or dateline is glued to the first sentence only near the top of a page
    return fill_units(_introduced_lines(_line_lists(_dash_rows(_spaced_rows(_pipe_rows(_join_wrapped(text, blocks(text))), text)))),
                      lambda i, para: _cut_sentences(para, title) if i < 4 else _whole_sentences(para))


# a name's middle initial ("John F. Smith Library"): its stop ends no sentence
_INITIAL_END_RX = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]\.$")
# a name's initials run together ("the F.P."), then the rest of the name ("Walshe Fundraising Foundation")
_INITIALS_END_RX = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,3}$")
_NAME_GOES_ON_RX = re.compile(r"[A-Z][\w'’-]+\s+[A-Z]")


def _whole_sentences(text: str) -> list[tuple[int, str]]:
    """`segments._sentences`, with a sentence cut after a name's middle initial, or after initials run
    together before the rest of a name, joined up again."""
    out: list[tuple[int, str]] = []
    for start, piece in _sentences(text):
        if out and (_INITIAL_END_RX.search(out[-1][1]) or
                    _INITIALS_END_RX.search(out[-1][1]) and _NAME_GOES_ON_RX.match(piece)):
            out[-1] = (out[-1][0], text[out[-1][0]:start + len(piece)])
        else:
            out.append((start, piece))
    return out


LINE_ITEM_MAX = 160            # a longer line is a paragraph, not a list's line
# a list's line: a name (capitalised words and the small words names have; a town after a comma), an
# optional colon, dash, comma or bracket, the amount, and at most a few words after it ("Harbour Trust
# £4,000", "Quay Players: £950", "Tide Theatre, Lowmere, $12,500")
_NAME_WORD = r"(?:[A-Z0-9][\w'’.&-]*|of|the|and|for|in|on|at|de|du|des|del|la|le|les|et|y|&)"
_LINE_AMOUNT = (r"(?:[£$€]|[A-Z]{1,3}\$|(?:GBP|USD|EUR|CAD|AUD)\s?)\s?\d[\d,.]*"
                r"(?:\s?(?:m|bn|k|million|billion))?")
_LINE_ITEM_RX = re.compile(
    rf"^\s*(?:[-•*]\s+)?{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,11}}\s*(?:\([^)]{{1,40}}\))?\s*[:–—,-]?\s*\(?\s*"
    rf"{_LINE_AMOUNT}\b\)?(?:\s+\S+){{0,3}}\s*$"
    # or the amount first: "£4,000 – Harbour Trust – a new roof"
    rf"|^\s*(?:[-•*]\s+)?{_LINE_AMOUNT}\s*[:–—-]\s*{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,11}}"
    r"(?:\s*[–—,-]\s*[^–—]{1,80})?\s*$")

# or any short name-like lead without a sentence's stops (an aside in brackets may hold them), a dash or a
# colon and the amount alone ("Alliance des femmes de Lowmere - $160,000", "Quay Exchanges (Forum: Youth): $50,000")
_NAME_DASH_AMOUNT_RX = re.compile(rf"^\s*(?:[-•*]\s+)?[A-Z0-9À-Þ](?:[^.;:!?–—()]|\([^()]{{1,80}}\)){{2,140}}?"
                                  rf"(?:\s[-–—]|\s?:)\s+{_LINE_AMOUNT}\s*$")


# a line that ends with an amount is whole: a list's line ("Harbour Trust (Quay Exchanges): $729,250")
_AMOUNT_END_RX = re.compile(rf"[:–—-]\s*{_LINE_AMOUNT}\s*$")


def _pipe_rows(found: list[Block]) -> list[Block]:
    """A run of two or more lines that each hold cells between pipes ("Harbour Trust | $4,050 | $2,300 |"),
    with or without a pipe at the start, is a table: its lines are rows; two columns need no outer
    pipes ("Harbour Trust | $4,050")."""
    return _runs_as(found, "row", lambda b: b.text.count("|") >= 2 or " | " in b.text)


# a plain-text table's line: text, a gap of three spaces or more (or a tab), more text
SPACED_CELLS_RX = re.compile(r"\S(?: {3,}|\t+)\S")
SPACED_ROWS_MIN = 3
NUMBER_END_RX = re.compile(r"\S\s+\d[\d,]*(?:\.\d\d)?\s*$")


# a line of dashes under a plain-text table's header ("------  --------")
RULE_LINE_RX = re.compile(r"[-=_\s|+:]{3,}")


def _spaced_rows(found: list[Block], text: str = "") -> list[Block]:
    """A run of three or more lines whose columns are lined up with spaces ("Harbour Trust      3,500"),
    as a plain-text page sets out a table, is a table: its lines are rows (a cell's text wrapped onto an
    indented line of its own goes with them)."""
    out = list(found)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind in ("para", "heading") and len(out[j].text) <= 300 and \
                (SPACED_CELLS_RX.search(out[j].text.strip()) or j > i and NUMBER_END_RX.search(out[j].text)
                 or j > i and _indent(text, out[j]) >= 8 or RULE_LINE_RX.fullmatch(out[j].text)):
            j += 1          # a line of the run whose figure did not fit its column ends with it all the same
        if j - i >= SPACED_ROWS_MIN:
            out[i:j] = [Block("row", b.text, b.start, b.end) for b in out[i:j]]
        i = max(j, i + 1)
    return out


# a dashed table: a header line of three fields or more set apart by dashes, one naming the amount's column
# ("Organisation - Project Title - Sport - Grant Allocation €"), then lines of as many fields ending in a figure
_DASH_RX = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")
_AMOUNT_HEADER_RX = re.compile(r"\b(?:grant|allocation|amount|award|funding|sum|total)\b|[£$€]", re.I)
_FIGURE_END_RX = re.compile(r"(?:[£$€]|[A-Z]{1,3}\$)?\s?\d[\d,]*(?:\.\d\d)?\s*$")


def _dash_rows(found: list[Block]) -> list[Block]:
    """The lines of a dashed table (its header line and the lines under it that end in a figure) are rows."""
    out = list(found)
    for i, head in enumerate(out[:-2]):
        fields = _DASH_RX.split(head.text.strip())
        if head.kind not in ("para", "heading") or len(fields) < 3 or re.search(r"\d", head.text) or \
                not _AMOUNT_HEADER_RX.search(fields[-1]):
            continue
        j = i + 1
        while j < len(out) and out[j].kind in ("para", "heading") and len(out[j].text) <= 300 and \
                len(_DASH_RX.split(out[j].text.strip())) >= len(fields) - 1 and _FIGURE_END_RX.search(out[j].text):
            j += 1
        if j - i - 1 >= 2:
            out[i:j] = [Block("row", b.text, b.start, b.end) for b in out[i:j]]
    return out


def _indent(text: str, block: Block) -> int:
    """How far into its line a block starts (a wrapped cell of a plain-text table is indented to its column)."""
    return block.start - (text.rfind("\n", 0, block.start) + 1) if text else 0


def _line_lists(found: list[Block]) -> list[Block]:
    """A run of two or more short lines that each give a name and its amount ("Harbour Trust £4,000" a
    line, as a plain-text page lists its grants) is a list: its lines are items; so is one such line
    under a header line that names the columns ("Applicant Amount Granted")."""
    def alike(b: Block) -> bool:
        return len(b.text) <= LINE_ITEM_MAX and bool(_LINE_ITEM_RX.match(b.text) or _NAME_DASH_AMOUNT_RX.match(b.text))
    out = _runs_as(found, "item", alike)
    for i in range(1, len(out)):
        if out[i].kind in ("para", "heading") and alike(out[i]) and out[i - 1].kind in ("para", "heading") and \
                COLUMNS_HEADER_RX.fullmatch(out[i - 1].text.strip()):
            out[i] = Block("item", out[i].text, out[i].start, out[i].end)
    return out


# a header line naming a list's columns: "Applicant Amount Granted", "Organisation Grant"
COLUMNS_HEADER_RX = re.compile(r"(?i:applicants?|organi[sz]ations?|recipients?|grantees?|groups?|names?)\s+"
                                r"(?i:amount|grant|award|funding)(?:\s+(?i:granted|awarded|approved|offered))?(?:\s*\([£$€]\))?")


# a line that introduces a list of awards: a word of giving or of recipients, and a colon at its end
# ("The large grant recipients are:", "Grants went to the following groups:")
_AWARDS_INTRO_RX = re.compile(r"\b(?:recipients?|grantees?|winners?|awards?|awarded|grants?|funded|funding|received|projects|"
                              r"receiving|successful|allocations?|beneficiar\w*|(?<=\bto\s)receive|selected|chosen)\b"
                              r"(?:(?:[^:.!?]|\.(?=\d))*:\s*$|.*(?:^|[.!?]\s+)"
                              r"(?:Below\s+(?:are|is)|The\s+following\s+(?:are|is)|(?:They|These|The\s+\w+(?:\s+\w+)?)\s+"
                              r"(?:are|were)\s+(?:listed\s+)?(?:below|as\s+follows))\b[^.:]{0,80}[.:]\s*$)", re.I | re.S)
# (or that, having said so, ends by saying the list follows: "... Below are the newsrooms chosen.")
def introduces_awards(text: str) -> bool:
    """A line or paragraph that introduces a list of awards after it ("The recipients are:", "... each
    selected to receive support. Below are the newsrooms chosen.")."""
    end = text.rstrip()[-80:].lower()
    if not end.endswith(":") and "below" not in end and "follow" not in end:
        return False          # both shapes end so: most paragraphs are passed over without the pattern
    return bool(_AWARDS_INTRO_RX.search(text))


# a line of such a list: it opens with a capitalised name and is short ("Eastbrook Chapel for a new roof;")
_NAMED_LINE_RX = re.compile(r"^(?:[Tt]he\s+(?=[A-Z])|(?![Tt]he\s))[A-Z][\w'’.&-]*[\s,:]")
INTRODUCED_LINE_MAX = 200
# (or longer, where a short lead names it and a dash sets off the rest: "Harbour Trust, Lowmere – up to $X to ...")
_DASHED_LEAD_RX = re.compile(r"^[^.;:!?–—]{3,100}\s[–—]\s")


def _introduced_lines(found: list[Block]) -> list[Block]:
    """The lines after a line that introduces a list of awards, each opening with a name, are its items
    even without bullets, as a plain-text page or a copied list gives them; the first line of a
    bulleted list that lost its own bullet goes with the list."""
    out = list(found)
    for i, intro in enumerate(out[:-1]):
        if intro.kind not in ("para", "heading") or not introduces_awards(intro.text):
            continue
        j = i + 1
        while j < len(out) and out[j].kind in ("para", "heading") and (len(out[j].text) <= INTRODUCED_LINE_MAX or
                                                                       _DASHED_LEAD_RX.match(out[j].text)) \
                and _NAMED_LINE_RX.match(out[j].text) and not out[j].text.rstrip().endswith(":"):
            j += 1
        if j - (i + 1) >= 2 or (j == i + 2 and j < len(out) and out[j].kind == "item"):
            out[i + 1:j] = [Block("item", b.text, b.start, b.end) for b in out[i + 1:j]]
    return out


def _runs_as(found: list[Block], kind: str, alike) -> list[Block]:
    """Each run of two or more paragraph or heading lines that are `alike`, made blocks of `kind`."""
    out = list(found)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind in ("para", "heading") and alike(out[j]):
            j += 1
        if j - i >= 2:
            out[i:j] = [Block(kind, b.text, b.start, b.end) for b in out[i:j]]
        i = max(j, i + 1)
    return out


def _join_wrapped(text: str, found: list[Block]) -> list[Block]:
    """Paragraph and heading lines that continue in the next line, joined into one paragraph."""
    out: list[Block] = []
    for b in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("para", "heading", "item") and b.kind in ("para", "heading") \
                and len(prev.text) >= 50 and _open_end(prev.text) and _LOWER_START_RX.match(b.text) \
                and not (_MONEY_START_RX.match(b.text) and not _ASKS_FOR_AMOUNT_RX.search(prev.text)) \
                and not _AMOUNT_END_RX.search(prev.text) \
                and not (SPACED_CELLS_RX.search(prev.text.strip()) or SPACED_CELLS_RX.search(b.text.strip())):
            out[-1] = Block("para" if prev.kind == "heading" else prev.kind, text[prev.start:b.end], prev.start, b.end)
        else:
            out.append(b)
    return out


def _cut_sentences(text: str, title: str | None) -> list[tuple[int, str]]:
    """Sentences, with the title, a byline and a dateline cut off the first one."""
    out = []
    for a, s in _whole_sentences(text):
        for piece_start, piece in _cut_glued(s, title):
            out.append((a + piece_start, piece))
    return out


def _cut_glued(sentence: str, title: str | None) -> list[tuple[int, str]]:
    cuts = set()
    if title:
        t = title.strip()
        if len(t) >= 8 and sentence.startswith(t) and len(sentence) > len(t) + 1:
            cuts.add(len(t))
    for rx in (_BYLINE_RX, _DATELINE_RX):
        for m in rx.finditer(sentence, 0, 200):
            if rx is _BYLINE_RX:
                cuts.add(m.start())
            cuts.add(m.end())
    pieces, last = [], 0
    for cut in sorted(cuts):
        piece = sentence[last:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            pieces.append((last + lead, piece.strip()))
        last = cut
    tail = sentence[last:]
    if tail.strip():
        pieces.append((last + len(tail) - len(tail.lstrip()), tail.strip()))
    return pieces
