"""Patterns behind a word gate. A case-insensitive alternation of cue phrases ("working with", "in
partnership with", "co-led by", ...) makes the regex engine try every alternative at every word of a
sentence, and most sentences hold none of them. A `Gated` pattern first asks whether the text holds
one of the words that every match of the pattern contains (a substring test on the lower-cased text)
and runs the pattern only where it does: the same matches, a fraction of the time.

The words are the gate's promise: each match of the pattern contains one of them. The tests check it
on the corpus's sentences (the gated and the bare pattern find the same matches)."""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class Gated:
    """`rx`, tried only on text that holds one of `words` (lower case)."""

    __slots__ = ("rx", "words")

    def __init__(self, rx: re.Pattern[str], *words: str):
        if any(w != w.lower() for w in words):
            raise ValueError("gate words are matched in lower-cased text: give them in lower case")
        self.rx, self.words = rx, words

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def opens(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether text[pos:endpos] may hold a match."""
        part = (text if pos == 0 and endpos >= len(text) else text[pos:endpos]).lower()
        return any(w in part for w in self.words)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(text, pos, endpos) if self.opens(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text, pos, endpos) if self.opens(text, pos, endpos) else iter(())

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(text, pos, endpos)        # anchored: as quick as the gate itself

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.fullmatch(text, pos, endpos)
