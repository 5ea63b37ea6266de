"""Request latency of the API as a Prometheus histogram, by route template (never the raw path,
which would make a series per id), method and status.

`fundwatch api --workers N` runs N processes behind one port, each answering its share of the
requests; with PROMETHEUS_MULTIPROC_DIR set (the entry point sets it under the data directory),
prometheus_client keeps each process's values in a file there and /metrics, in whichever process
answers it, adds up all of them. Without it (one process, or the app driven in-process), the
histogram is this process's own."""
from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess

from shared.settings import get_settings

REGISTRY = CollectorRegistry()
REQUEST_SECONDS = Histogram(
    "fundwatch_api_request_seconds", "Time to answer an API request (to its last byte), by route template, "
    "method and status", ["route", "method", "status"], registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0))
# routes of the framework's own (the schema and its pages), named as they are
_OWN = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


class RequestTimer:
    """Plain ASGI middleware, outermost: times each HTTP request from its start to the response's
    last byte and records it under the route that answered ("unmatched" for none)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500   # what the server sends if the app fails before answering

        async def sent(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sent)
        finally:
            route = getattr(scope.get("route"), "path_format", None)
            if route is None:
                route = scope["path"] if scope["path"] in _OWN else "unmatched"
            REQUEST_SECONDS.labels(route, scope["method"], str(status)).observe(time.perf_counter() - started)


def exposition() -> bytes:
    """The histogram in Prometheus text format: every API process's requests when they share a
    multiprocess directory, this process's otherwise."""
    if get_settings().prometheus_multiproc_dir:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
