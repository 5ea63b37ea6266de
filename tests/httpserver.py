"""A real HTTP server on 127.0.0.1 for tests: routes map a path to a handler or a fixed reply."""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


Route = Reply | Callable[[BaseHTTPRequestHandler], None]


class TestServer:
    __test__ = False

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                server.requests.append((path, dict(self.headers)))
                route = server.routes.get(path) or server.routes.get(path.split("?")[0])
                if route is None:
                    route = Reply(b"not found", 404, {"Content-Type": "text/plain"})
                if callable(route):
                    route(self)
                    return
                inm = self.headers.get("If-None-Match")
                if inm and route.headers.get("ETag") == inm:
                    self.send_response(304)
                    self.send_header("ETag", inm)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def do_POST(self) -> None:  # noqa: N802 - routes that take a body are callables
                route = server.routes.get(self.path.split("?")[0])
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                if callable(route):
                    route(self)
                    return
                self.send_response(405)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> TestServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
