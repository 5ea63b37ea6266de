"""Opaque keyset cursors: stable order by id, nothing skipped when rows are added."""
from __future__ import annotations

import base64

from fastapi import HTTPException


def encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode(cursor: str | None, largest: int = 2**31 - 1) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        if kind != "id" or not value.isdigit() or int(value) > largest:
            raise ValueError
        return int(value)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "invalid cursor") from None
