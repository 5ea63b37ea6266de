"""Errors as application/problem+json (RFC 9457)."""
from __future__ import annotations

import asyncio
import logging
import re
from typing import Any
from urllib.parse import unquote

import psycopg
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg_pool import PoolTimeout
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared import outages
from shared.settings import get_settings

PROBLEM = "application/problem+json"
log = logging.getLogger("fundwatch.api")


class Problem(BaseModel):
    """An error, as RFC 9457 describes it."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: Any = Field(None, examples=["award 42 not found"])
    instance: str | None = Field(None, examples=["/awards/42"])


def _doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


# documented on every operation: what any request may get back besides its own answer
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("A request the API cannot take as sent (NUL characters, which PostgreSQL text cannot hold)"),
    404: _doc("No such record"),
    422: _doc("A parameter that does not fit the schema"),
    503: _doc("The database cannot be reached just now (retry after the seconds in Retry-After)"),
}
RETRY_AFTER_SECONDS = 5


def problem(status: int, title: str, detail: object = None, instance: str | None = None) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail is not None:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


class RequestGuard:
    """Plain ASGI middleware (no per-request Request objects or tasks, unlike @app.middleware):
    refuses bodies over the size limit or without a length (413, 411), and NUL characters, which
    PostgreSQL text cannot hold (400), before any route sees the request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            refusal = self._refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _refusal(scope) -> JSONResponse | None:
        path = scope.get("path", "")
        headers = dict(scope.get("headers") or ())
        limit = get_settings().api_max_request_bytes
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return problem(413, "Content Too Large", f"request bodies are limited to {limit} bytes", path)
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            return problem(411, "Length Required", "send Content-Length with a request body", path)
        query = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query or "\x00" in path or "\x00" in unquote(query.decode("latin-1")):
            return problem(400, "Bad Request", "NUL characters are not allowed in a request", path)
        return None


def allowed_methods(request: Request, fallback: str) -> str:
    """Every method the API documents at this path (RFC 9110's Allow), not only those of the first
    route whose path matched, which is all the router's own 405 names."""
    methods = {method.upper() for pattern, ops in _operations(request.app) if pattern.fullmatch(request.url.path)
               for method in ops}
    return ", ".join(sorted(methods)) if methods else fallback


def _operations(app: FastAPI) -> list[tuple[re.Pattern[str], list[str]]]:
    """The OpenAPI paths as patterns, with their methods (made once per app)."""
    cached = getattr(app.state, "operations", None)
    if cached is None:
        cached = app.state.operations = [
            (re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))), list(item))
            for path, item in app.openapi().get("paths", {}).items()]
    return cached


def install(app: FastAPI) -> None:
    app.add_middleware(RequestGuard)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not Found", 401: "Unauthorized", 403: "Forbidden", 409: "Conflict", 405: "Method Not Allowed",
                  429: "Too Many Requests"}
        response = problem(exc.status_code, titles.get(exc.status_code, "Error"), exc.detail, request.url.path)
        for k, v in (getattr(exc, "headers", None) or {}).items():
            response.headers[k] = v
        if exc.status_code == 405:
            response.headers["Allow"] = allowed_methods(request, response.headers.get("Allow", ""))
        return response

    @app.exception_handler(sqlalchemy.exc.OperationalError)
    @app.exception_handler(psycopg.OperationalError)
    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        # a database that is down, restarting or out of connections: the client may retry, and the
        # operator reads the cause in the log (the connection details stay out of the response)
        # an outage is said once, not once per request; a pool with no connection to give asks the
        # server whether it is out of reach or only busy
        if isinstance(exc, PoolTimeout):
            outage = not await asyncio.to_thread(outages.DATABASE.check)
        else:
            outage = outages.DATABASE.noticed(exc)
        if not outage:
            log.warning("database unavailable for %s: %s", request.url.path, exc)
        response = problem(503, "Service Unavailable", "the database cannot be reached just now; retry shortly",
                           request.url.path)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return problem(422, "Invalid request", errors, request.url.path)
