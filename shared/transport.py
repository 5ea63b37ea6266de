"""An httpx transport over an aiohttp connection pool.

httpx's own connection pool slows sharply as concurrency rises (encode/httpx#3215); aiohttp's does
not. The fetcher and the webhook sender keep httpx's API (Request, Response, byte streams, exception
classes) and send through this transport (made by `shared.net.transport`, with the SSRF guard). It
does only what they need, so the per-request cost stays small: no proxies, request bodies read whole (webhook POSTs), no decompression (httpx decodes, so the
fetcher counts decoded bytes), redirects left to the caller, aiohttp's errors raised as httpx's with
the original as cause."""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import aiohttp
import httpx

_EXTENSIONS = {"http_version": b"HTTP/1.1"}
# an uncompressed body of declared length up to this is read in one piece (see AiohttpTransport)
WHOLE_BODY_BYTES = 1 << 20


def _as_httpx(exc: aiohttp.ClientError | TimeoutError) -> httpx.TransportError:
    """The httpx exception matching an aiohttp one (checked most specific first)."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError, TimeoutError)):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, aiohttp.ClientPayloadError):
        return httpx.ReadError(message)
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientResponseError)):
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message)
    return httpx.NetworkError(message)


class _Body(httpx.AsyncByteStream):
    """The response body as aiohttp receives it, chunk by chunk."""

    __slots__ = ("_response",)

    def __init__(self, response: aiohttp.ClientResponse):
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _as_httpx(exc) from exc

    async def aclose(self) -> None:
        self._response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests through one aiohttp session, created on first use (inside the loop).

    The request's "timeout" extension (httpx.Timeout.as_dict()) sets aiohttp's connect and per-read
    timeouts, and its "total" key, where given, bounds the whole exchange, body included.

    An uncompressed body of declared length up to WHOLE_BODY_BYTES is read before the response is
    returned (aiohttp stops at the declared length), so it reaches httpx already read; any other body
    streams chunk by chunk, so a reader counting decoded bytes can stop a decompression bomb early."""

    def __init__(self, session: Callable[[], aiohttp.ClientSession]):
        self._new_session = session
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[float | None, float | None], aiohttp.ClientTimeout] = {}

    def _timeout(self, request: httpx.Request) -> aiohttp.ClientTimeout:
        given = request.extensions.get("timeout") or {}
        total = given.get("total")
        if total is not None:
            return aiohttp.ClientTimeout(total=total, sock_connect=given.get("connect"), sock_read=given.get("read"))
        key = (given.get("connect"), given.get("read"))
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = self._timeouts[key] = aiohttp.ClientTimeout(total=None, sock_connect=key[0], sock_read=key[1])
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._session is None:
            self._session = self._new_session()
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers.raw}
        body = await request.aread() if request.method not in ("GET", "HEAD") else None
        try:
            response = await self._session.request(
                request.method, str(request.url), headers=headers, data=body or None, allow_redirects=False,
                auto_decompress=False, timeout=self._timeout(request))
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _as_httpx(exc) from exc
        declared = response.content_length
        if declared is not None and declared <= WHOLE_BODY_BYTES and "Content-Encoding" not in response.headers:
            try:
                body = await response.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                response.close()
                raise _as_httpx(exc) from exc
            response.release()
            return httpx.Response(response.status, headers=response.raw_headers, content=body,
                                  request=request, extensions=_EXTENSIONS)
        return httpx.Response(response.status, headers=response.raw_headers, stream=_Body(response),
                              request=request, extensions=_EXTENSIONS)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
