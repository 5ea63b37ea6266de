"""Split a document's text into units a rule reads: sentences, list items and table rows,
each with its character offsets in the text (so that text[start:end] is the quote)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# a list item's mark: a dash, star or number with a space after it, or a bullet sign ("•", "▪", "●",
# "◦", "‣", "■", "►", a word processor's private-use bullets), which pages often write against the
# item's first word; a lone "o" before a capital, as word processors' second-level bullets come out
BULLET = r"(?:[•\u25aa\u25cf\u25e6\u2023\u25a0\u25ba\uf0b7\uf0a7]\s*|[-*]\s+|\d{1,3}[.)]\s+|o\s+(?=[A-Z0-9£$€]))"
BULLET_RX = re.compile(rf"^\s*{BULLET}")
TABLE_RX = re.compile(r"^\s*\|")
# a sentence's end: its stop, then the gap before the next one (the stop matched rather than looked
# behind for, so that the scan jumps from stop to stop)
_SENT_END = re.compile(r"[.!?](?P<gap>[\"'”’]?\s+)(?=[\"'“‘(]?[A-Z0-9£$€])")
_NO_SPLIT_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Ste|Mt|Ft|Sir|Prof|Cllr|Rev|No|Co|Inc|Ltd|Corp|U\.S|vs|e\.g|i\.e|approx|c|ca)\.$")


@dataclass
class Unit:
    kind: str  # "sentence" | "item" | "row" | "heading"
    text: str
    start: int
    end: int
    block: int  # index of the line (paragraph, item or row) the unit belongs to
    cells: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # "para" | "item" | "row" | "heading"
    text: str
    start: int
    end: int
    units: list[Unit] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """One block per non-empty line, classified."""
    out: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        start = pos + (len(line) - len(line.lstrip()))
        end = pos + len(line.rstrip())
        pos += len(line) + 1
        if end <= start:
            continue
        body = text[start:end]
        if TABLE_RX.match(body):
            kind = "row"
        elif BULLET_RX.match(body):
            kind = "item"
        elif len(body) < 90 and not body.rstrip().endswith((".", ":", "?", "!", "\"", "”")):
            kind = "heading"
        else:
            kind = "para"
        out.append(Block(kind, body, start, end))
    return out


def units(text: str) -> list[Block]:
    """Blocks with their units filled in: paragraphs split into sentences."""
    return fill_units(blocks(text))


def fill_units(out: list[Block], sentences=lambda i, text: _sentences(text)) -> list[Block]:
    """Each block's units: a paragraph's sentences (by `sentences(block index, text)`), a row with its
    cells, an item or heading whole."""
    for i, b in enumerate(out):
        if b.kind == "para":
            b.units = [Unit("sentence", s, b.start + a, b.start + a + len(s), i) for a, s in sentences(i, b.text)]
        elif b.kind == "row":
            cells = [c.strip() for c in b.text.strip().strip("|").split("|")]
            b.units = [Unit("row", b.text, b.start, b.end, i, cells)]
        else:
            b.units = [Unit("item" if b.kind == "item" else "heading", b.text, b.start, b.end, i)]
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    out, last = [], 0
    for m in _SENT_END.finditer(text):
        cut = m.start("gap")
        head = text[last:cut].rstrip()
        if _NO_SPLIT_BEFORE.search(head, max(0, len(head) - 12)):   # "Mr.", "approx.": the head's end only
            continue
        piece = text[last:cut].strip()
        if piece:
            out.append((last + (len(text[last:cut]) - len(text[last:cut].lstrip())), piece))
        last = m.end()
    tail = text[last:].strip()
    if tail:
        out.append((last + (len(text[last:]) - len(text[last:].lstrip())), tail))
    return out


def strip_bullet(text: str) -> tuple[int, str]:
    """Item text without its bullet or number, and how many characters were removed."""
    m = BULLET_RX.match(text)
    return (m.end(), text[m.end():]) if m else (0, text)
