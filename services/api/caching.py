"""ETags on records: a strong validator of the representation, and 304 for a client that has it."""
from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

ETAG_RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the representation named in If-None-Match is current"},
}
ETAG_HEADER = {"ETag": {"description": "validator of this representation (send it as If-None-Match)",
                        "schema": {"type": "string"}}}


def conditional(request: Request, payload: BaseModel) -> Response:
    body = payload.model_dump_json().encode()
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    sent = request.headers.get("if-none-match", "")
    if tag in {t.strip().removeprefix("W/") for t in sent.split(",")} or sent.strip() == "*":
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
