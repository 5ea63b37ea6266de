"""Polite, bounded HTTP for the fetcher: httpx API over an aiohttp transport (httpx's own pool
slows sharply with concurrency), a total deadline, a decoded-size cap (decompression bombs),
redirects followed by hand so every hop is checked, retries with backoff, per-host limits, robots.txt."""
from __future__ import annotations

import asyncio
import email.utils
import random
import time
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import SplitResult, urljoin, urlsplit

import aiohttp
import httpx
from protego import Protego

from shared import metrics, net
from shared.net import BlockedAddress, check_literal
from shared.settings import Settings
from shared.transport import AiohttpTransport

from services.fetcher.turns import LATER, URGENT, Turns

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/rss+xml",
                  "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
                  # JSON Feed; gzipped sitemaps (inflated, within a cap, by their reader)
                  "application/feed+json", "application/json", "application/gzip", "application/x-gzip")
RETRY_STATUSES = {429, 500, 502, 503, 504}
ROBOTS_MAX_BYTES = 512_000
ROBOTS_TTL = 3600.0
# the response headers a fetch keeps (the others are not read)
KEPT_HEADERS = frozenset({b"content-type", b"content-length", b"etag", b"last-modified", b"location",
                          b"retry-after", b"content-encoding"})


class FetchError(Exception):
    """A fetch that did not produce a page; the message is the recorded reason."""


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HttpFetcher:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._transports: dict[bool, AiohttpTransport] = {}
        self._headers = httpx.Headers({"User-Agent": settings.user_agent_header, "Accept-Encoding": "gzip, deflate"})
        self._timeout = httpx.Timeout(settings.fetch_read_timeout, connect=settings.fetch_connect_timeout).as_dict()
        # per host: its concurrency and the interval between two requests, new pages first
        self._hosts: dict[str, Turns] = {}
        self._robots: dict[str, tuple[float, Protego | None, str | None]] = {}
        # one robots.txt request per origin at a time: the polls of a round that reach a host together wait for it
        self._robots_asking: dict[str, asyncio.Lock] = {}
        # this fetcher's counts (requests, bytes, waits...), sent to Redis a round at a time
        self.tally = metrics.Tally()

    def transport(self, trusted: bool) -> AiohttpTransport:
        """httpx's transport over aiohttp (httpx's own pool slows sharply with concurrency), one per
        trust level: untrusted sources resolve names through the SSRF guard and connect to the
        address it checked."""
        if trusted not in self._transports:
            s = self.settings
            self._transports[trusted] = net.transport(trusted=trusted, allowed=s.fetch_allowed_networks,
                                                      limit=s.fetch_concurrency * 2,
                                                      limit_per_host=s.fetch_per_host_concurrency * 2)
        return self._transports[trusted]

    async def aclose(self) -> None:
        for t in self._transports.values():
            await t.aclose()

    async def fetch(self, url: str, *, trusted: bool, etag: str | None = None, last_modified: str | None = None,
                    check_robots: bool = True, urgent: bool = True) -> FetchResult:
        """GET one URL within the total deadline, with retries; raises FetchError with the reason.
        A fetch that is not `urgent` (a stored page asked again whether it changed) lets the urgent
        ones waiting for the same host go first."""
        deadline = _Deadline(self.settings.fetch_total_timeout, URGENT if urgent else LATER)
        try:
            return await self._fetch_with_retries(url, trusted, etag, last_modified, check_robots, deadline)
        except TimeoutError:
            raise deadline.expired() from None

    async def _fetch_with_retries(self, url: str, trusted: bool, etag: str | None, last_modified: str | None,
                                  check_robots: bool, deadline: _Deadline) -> FetchResult:
        attempt = 0
        while True:
            try:
                result = await self._follow(url, trusted, etag, last_modified, check_robots, deadline)
            except (httpx.TransportError, aiohttp.ClientError, OSError) as exc:
                blocked = net.blocked_cause(exc)
                if blocked is not None:  # the SSRF guard's refusal: final, never retried
                    raise FetchError(f"refused: {blocked}") from None
                if deadline.passed():
                    raise deadline.expired() from None
                if attempt >= self.settings.fetch_retries:
                    raise FetchError(f"connection failed: {type(exc).__name__}: {exc}") from exc
                await deadline.sleep(_backoff(attempt))
            else:
                if result.status not in RETRY_STATUSES:
                    return result
                if attempt >= self.settings.fetch_retries:
                    raise FetchError(f"HTTP {result.status} after {attempt + 1} attempts")
                delay = _retry_after(result.headers.get("retry-after"))
                if delay is not None and delay > self.settings.fetch_total_timeout / 2:
                    raise FetchError(f"HTTP {result.status}: asked to retry after {delay:.0f}s")
                await deadline.sleep(delay if delay is not None else _backoff(attempt))
            attempt += 1

    async def _follow(self, url: str, trusted: bool, etag: str | None, last_modified: str | None,
                      check_robots: bool, deadline: _Deadline) -> FetchResult:
        for _ in range(self.settings.fetch_max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                raise FetchError(f"unsupported URL scheme: {parts.scheme or 'none'}")
            if not trusted:
                check_literal(url, self.settings.fetch_allowed_networks)
            # may raise with the reason
            if check_robots and not await self._allowed_by_robots(url, parts, trusted, deadline):
                self.tally.count("robots_refusals")
                raise FetchError("disallowed by robots.txt")
            result = await self._get(url, parts.netloc.lower(), trusted, etag, last_modified, deadline)
            if result.status in (301, 302, 303, 307, 308) and result.headers.get("location"):
                url = urljoin(url, result.headers["location"])
                etag = last_modified = None
                continue
            return result
        raise FetchError(f"more than {self.settings.fetch_max_redirects} redirects")

    async def _get(self, url: str, host: str, trusted: bool, etag: str | None, last_modified: str | None,
                   deadline: _Deadline) -> FetchResult:
        headers = self._headers
        if etag or last_modified:
            headers = headers.copy()
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        async with self._host_slot(host, deadline):
            # httpx's Request and Response straight through its transport: redirects, cookies (none
            # are kept) and timeouts are this class's own, so httpx.AsyncClient's per-request layers
            # would only cost time; the transport bounds the exchange by what is left of the deadline
            timeout = {**self._timeout, "total": deadline.remaining()}
            request = httpx.Request("GET", _parsed(url), headers=headers, extensions={"timeout": timeout})
            status = "none"
            try:
                resp = await self.transport(trusted).handle_async_request(request)
                status = str(resp.status_code)
                try:
                    result = await self._read(url, resp)
                finally:
                    await resp.aclose()
            except BlockedAddress as exc:
                self.tally.count("fetch_requests", outcome="blocked", status=status)
                raise FetchError(str(exc)) from None
            except httpx.ConnectError as exc:
                if isinstance(exc.__cause__, aiohttp.ClientConnectorError) and \
                        isinstance(exc.__cause__.os_error, BlockedAddress):
                    self.tally.count("fetch_requests", outcome="blocked", status=status)
                    raise FetchError(str(exc.__cause__.os_error)) from None
                self.tally.count("fetch_requests", outcome="connection_error", status=status)
                raise
            except FetchError:   # answered, but not with a body fundwatch takes (format, size, encoding)
                self.tally.count("fetch_requests", outcome="refused", status=status)
                raise
            except (TimeoutError, httpx.TimeoutException):
                self.tally.count("fetch_requests", outcome="timeout", status=status)
                raise
            except (httpx.TransportError, aiohttp.ClientError, OSError):
                self.tally.count("fetch_requests", outcome="connection_error", status=status)
                raise
        self._count_answer(result)
        return result

    def _count_answer(self, result: FetchResult) -> None:
        code = result.status
        outcome = ("ok" if code < 300 else "not_modified" if code == 304 else "redirect" if code < 400
                   else "client_error" if code < 500 else "server_error")
        self.tally.count("fetch_requests", outcome=outcome, status=code)
        if code == 304:
            self.tally.count("fetch_not_modified")
        if result.body:
            self.tally.count("fetch_bytes", len(result.body))

    async def _read(self, url: str, resp: httpx.Response) -> FetchResult:
        headers = {}
        for key, value in resp.headers.raw:   # one pass over the raw pairs, decoding only those kept
            key = key.lower()
            if key in KEPT_HEADERS:
                headers[key.decode("ascii")] = value.decode("latin-1")
        result = FetchResult(url, resp.status_code, content_type=headers.get("content-type"),
                             etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                             headers=headers)
        if resp.status_code != 200:
            return result
        ctype = (result.content_type or "").split(";")[0].strip().lower()
        if ctype and not ctype.startswith(ACCEPTED_TYPES) and not ctype.endswith("+xml"):
            raise FetchError(f"format not supported: {ctype}")
        limit = self.settings.fetch_max_bytes
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"body too large: {declared} bytes declared (limit {limit})")
        chunks, size = [], 0
        try:
            async for chunk in resp.aiter_bytes():  # decoded bytes: a gzip bomb trips this too
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"body too large: over {limit} bytes")
                chunks.append(chunk)
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable body: {exc}") from None
        result.body = b"".join(chunks)
        return result

    def _host_slot(self, host: str, deadline: _Deadline) -> _HostSlot:
        turns = self._hosts.get(host)
        if turns is None:
            s = self.settings
            turns = self._hosts[host] = Turns(s.fetch_per_host_concurrency, s.fetch_host_interval)
        return _HostSlot(self, turns, deadline)

    async def _allowed_by_robots(self, url: str, parts: SplitResult, trusted: bool, deadline: _Deadline) -> bool:
        """RFC 9309: 4xx means allow all; 5xx or unreachable means disallow all (raised as FetchError
        with that reason, so the source's error says why). Cached per origin for ROBOTS_TTL, and asked
        once at a time: a fetch arriving while another asks waits for its answer (within its deadline)."""
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is None or cached[0] < time.monotonic():
            asking = self._robots_asking.setdefault(origin, asyncio.Lock())
            if asking.locked():
                try:
                    await asyncio.wait_for(asking.acquire(), deadline.remaining())
                except TimeoutError:
                    raise deadline.expired() from None
            else:
                await asking.acquire()
            try:
                cached = self._robots.get(origin)
                if cached is None or cached[0] < time.monotonic():   # not learnt while this fetch waited
                    cached = await self._ask_robots(origin, parts, trusted, deadline)
            finally:
                asking.release()
        _, parser, refusal = cached
        if refusal:
            self.tally.count("robots_refusals")
            raise FetchError(refusal)
        return parser is None or parser.can_fetch(url, self.settings.user_agent)

    async def _ask_robots(self, origin: str, parts: SplitResult, trusted: bool,
                          deadline: _Deadline) -> tuple[float, Protego | None, str | None]:
        parser, refusal = None, None
        try:
            res = await self._get(origin + "/robots.txt", parts.netloc.lower(), trusted, None, None, deadline)
            if res.status == 200:
                parser = Protego.parse(res.body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace"))
            elif res.status >= 500:
                refusal = f"robots.txt answered HTTP {res.status}: treated as disallow-all (RFC 9309)"
        except (FetchError, httpx.HTTPError, aiohttp.ClientError, OSError) as exc:
            if deadline.passed():   # this fetch ran out of time: nothing learnt about the host
                raise deadline.expired() from None
            refusal = f"robots.txt unreachable ({type(exc).__name__}: {exc}): treated as disallow-all (RFC 9309)"
        cached = self._robots[origin] = (time.monotonic() + ROBOTS_TTL, parser, refusal)
        return cached


class _Deadline:
    """The time a whole fetch (robots.txt, redirects, retries and their waits) must end by, and
    the rank of its requests in their host's turns."""

    __slots__ = ("total", "at", "rank")

    def __init__(self, total: float, rank: int = URGENT):
        self.total, self.rank = total, rank
        self.at = time.monotonic() + total

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def expired(self) -> FetchError:
        return FetchError(f"timed out after {self.total:g}s in total")

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    async def sleep(self, seconds: float) -> None:
        """Wait, but raise the timeout at once if the wait would outlast the deadline."""
        if seconds >= self.remaining():
            raise self.expired()
        await asyncio.sleep(seconds)


class _HostSlot:
    """A turn at the host (its concurrency and the minimum interval between its requests), waited
    for within the fetch's deadline."""

    __slots__ = ("fetcher", "turns", "deadline")

    def __init__(self, fetcher: HttpFetcher, turns: Turns, deadline: _Deadline):
        self.fetcher, self.turns, self.deadline = fetcher, turns, deadline

    async def __aenter__(self) -> None:
        try:
            waited = await self.turns.acquire(self.deadline.rank, self.deadline.remaining())
        except TimeoutError:
            raise self.deadline.expired() from None
        if waited > 0:
            self.fetcher.tally.count("fetch_host_wait_seconds", waited)

    async def __aexit__(self, *exc: object) -> None:
        self.turns.release()


# httpx parses a URL given as a string on every request (about two thirds of building one, measured
# in bench/schedule.py's 304 polls); sources are asked at the same URLs round after round
_parsed = lru_cache(maxsize=32_768)(httpx.URL)


def _backoff(attempt: int) -> float:
    return min(0.5 * 2 ** attempt, 30.0) * (0.5 + random.random())


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None
