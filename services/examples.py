"""The offline sample site (examples/site): announcement pages and their RSS feed on 127.0.0.1, on
whatever port it is given; the feed's links name that port."""
from __future__ import annotations

import functools
import logging
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "examples" / "site"
# the origin the site's feed is written for; it is served with the links on the real port instead
WRITTEN_FOR = b"http://127.0.0.1:8765"
SOURCE_NAME = "sample-site"
log = logging.getLogger("fundwatch.examples")


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/rss+xml",
                      ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}

    def do_GET(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != "/feed.xml":
            return super().do_GET()
        origin = f"http://127.0.0.1:{self.server.server_address[1]}".encode()
        body = (Path(self.directory) / "feed.xml").read_bytes().replace(WRITTEN_FOR, origin)
        self.send_response(200)
        self.send_header("Content-Type", self.extensions_map[".xml"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt: str, *args: object) -> None:
        log.debug(fmt, *args)


def bind(port: int, site: Path = SITE) -> ThreadingHTTPServer:
    """The site's server, listening (port 0: any free one); OSError when the port is taken."""
    return ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))


def feed_url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def serve(server: ThreadingHTTPServer) -> None:
    log.info("sample site on http://127.0.0.1:%d/ (feed: /feed.xml)", server.server_address[1])
    server.serve_forever()
