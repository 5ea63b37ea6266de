"""SSRF guard for sources added through the API: the fetcher may not reach loopback, private,
link-local, multicast, reserved or cloud-metadata addresses. The check runs inside aiohttp's
resolver, so the connection goes to exactly the addresses that were checked (no second lookup)."""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver


class BlockedAddress(OSError):
    """The address a URL leads to is not one the fetcher may reach."""


def is_blocked(ip: str, allowed: list[str]) -> bool:
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
