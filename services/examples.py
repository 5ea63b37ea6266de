"""The offline sample site (examples/site): announcement pages and their RSS feed on 127.0.0.1."""
from __future__ import annotations

import functools
import logging
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "examples" / "site"
log = logging.getLogger("fundwatch.examples")


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/rss+xml",
                      ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}

    def log_message(self, fmt: str, *args: object) -> None:
        log.debug(fmt, *args)


def serve(port: int, site: Path = SITE) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    log.info("sample site on http://127.0.0.1:%d/ (feed: /feed.xml)", port)
    server.serve_forever()
