"""Outbound network for every fundwatch service: the SSRF guard and the guarded HTTP transport.

Untrusted URLs (sources added through the API, webhook subscribers) may not reach loopback, private,
link-local, multicast, reserved or cloud-metadata addresses, unless the operator allows their range
(`fetch_allowed_networks`). The check runs inside aiohttp's resolver, so the connection goes to
exactly the addresses that were checked (no second lookup); IP literals, which skip the resolver,
are checked by `check_literal`. The fetcher and the notifier's webhook delivery both send through
`transport()`."""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from shared.transport import AiohttpTransport


class BlockedAddress(OSError):
    """The address a URL leads to is not one the fetcher may reach."""


def is_blocked(ip: str, allowed: list[str]) -> bool:
    """Whether an address is out of reach for untrusted URLs (ranges in `allowed` excepted)."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if any(addr in ipaddress.ip_network(net, strict=False) for net in allowed):
        return False
    return not addr.is_global or addr.is_multicast or addr.is_reserved or addr.is_link_local


def check_literal(url: str, allowed: list[str]) -> None:
    """Reject a URL whose host is an IP literal in a blocked range (aiohttp skips the resolver for
    literals). Odd spellings (2130706433, 0x7f000001) are read as the addresses they denote."""
    host = urlsplit(url).hostname or ""
    ip = _as_ip(host)
    if ip is not None and is_blocked(ip, allowed):
        raise BlockedAddress(f"blocked address {ip} for {host}")


def _as_ip(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        return socket.inet_ntoa(socket.inet_aton(host))  # 2130706433, 0x7f000001, 127.1
    except OSError:
        return None


class GuardedResolver(AbstractResolver):
    """aiohttp's resolver, keeping only the addresses the guard lets through."""

    def __init__(self, allowed: list[str]):
        self.allowed = allowed
        self.inner = DefaultResolver()

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        results = await self.inner.resolve(host, port, family)
        ok = [r for r in results if not is_blocked(r["host"], self.allowed)]
        if not ok:
            blocked = ", ".join(sorted({r["host"] for r in results}))
            raise BlockedAddress(f"blocked address {blocked} for {host}")
        return ok

    async def close(self) -> None:
        await self.inner.close()


def blocked_cause(exc: BaseException | None) -> BlockedAddress | None:
    """The guard's refusal inside a connection error (httpx wraps aiohttp's, which wraps the
    resolver's), if that is what it is."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, BlockedAddress):
            return exc
        exc = getattr(exc, "os_error", None) or exc.__cause__ or exc.__context__
        seen += 1
    return None


def transport(*, trusted: bool, allowed: list[str], limit: int, limit_per_host: int) -> AiohttpTransport:
    """An httpx transport over one aiohttp pool; untrusted, its names resolve through the guard and
    it connects to the addresses the guard checked. Proxy variables are ignored (`trust_env=False`)."""
    resolver = None if trusted else GuardedResolver(allowed)

    def session() -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=limit, limit_per_host=limit_per_host, resolver=resolver)
        return aiohttp.ClientSession(connector=connector, trust_env=False)

    return AiohttpTransport(session)
