"""Keyset cursors: stable order, nothing skipped when rows are added. A cursor is plain text whose
shape each listing's schema states as a pattern, and every string of that shape is a cursor the
listing accepts: it names a place in the order (after this id; after this sort value, then id),
whether or not a row is there now. An id-ordered listing's cursor is the last id it showed."""
from __future__ import annotations

from typing import Annotated

from fastapi import Query

ID = "[0-9]{1,19}"
ID_PATTERN = f"^{ID}$"

IdCursor = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=19, examples=["50"],
                                       description="next_cursor of the page before")]


def encode(last_id: int) -> str:
    return str(last_id)


def decode(cursor: str | None, largest: int = 2**31 - 1) -> int:
    """The last id an id-ordered page showed (0 for none); an id past the largest there can be
    stands for the end of the listing."""
    return min(int(cursor), largest) if cursor else 0
