"""Opaque keyset cursors: stable order, nothing skipped when rows are added. A cursor is
"kind:value…" in URL-safe base64; each listing says what its kinds and values are."""
from __future__ import annotations

import base64
import binascii

from fastapi import HTTPException


def pack(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def unpack(cursor: str) -> tuple[str, str]:
    """(kind, the rest) of a cursor; ValueError if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None
    kind, sep, rest = raw.partition(":")
    if not sep:
        raise ValueError("no kind")
    return kind, rest


def invalid(what: str = "invalid cursor") -> HTTPException:
    return HTTPException(400, what)


def encode(last_id: int) -> str:
    return pack(f"id:{last_id}")


def decode(cursor: str | None, largest: int = 2**31 - 1) -> int:
    """The last id an id-ordered page showed (0 for none); 400 for a cursor not made so."""
    if not cursor:
        return 0
    try:
        kind, value = unpack(cursor)
        if kind != "id" or not value.isdigit() or int(value) > largest:
            raise ValueError
        return int(value)
    except ValueError:
        raise invalid() from None
