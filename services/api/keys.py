"""API keys: created by `fundwatch apikey create`, stored as SHA-256 hashes, checked on write and
admin endpoints, each key rate-limited in Redis (so every API process counts the same requests)."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import redis
from sqlalchemy import func, select, update

from shared import outages
from shared.db import session_scope
from shared.models import ApiKey
from shared.settings import get_settings

KEY_PREFIX = "fw_"
PREFIX_LENGTH = 10   # the part of a key that is stored in clear, to name it


@dataclass(frozen=True)
class Caller:
    name: str
    scope: str
    key_id: int | None  # None: the bootstrap key from settings


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(name: str, scope: str = "admin") -> str:
    """Make a key and store its hash; the key itself is returned once and kept nowhere."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with session_scope() as s:
        s.add(ApiKey(name=name, prefix=key[:PREFIX_LENGTH], key_hash=digest(key), scope=scope))
    return key


def revoke(prefix: str) -> int:
    with session_scope() as s:
        return s.execute(update(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None))
                         .values(revoked_at=func.now())).rowcount


def identify(key: str | None) -> Caller | None:
    if not key:
        return None
    bootstrap = get_settings().admin_api_key
    if bootstrap and hmac.compare_digest(key, bootstrap):
        return Caller("bootstrap admin key", "admin", None)
    with session_scope() as s:
        row = s.execute(select(ApiKey.id, ApiKey.name, ApiKey.scope).where(
            ApiKey.key_hash == digest(key), ApiKey.revoked_at.is_(None))).first()
        if row is None:
            return None
        s.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=func.now()))
        return Caller(row.name, row.scope, row.id)


def over_limit(caller: Caller) -> float | None:
    """Seconds to wait when the caller has used up this minute's requests, else None. A fixed
    one-minute window counted in Redis; when Redis cannot be reached the request goes through."""
    settings = get_settings()
    window = int(time.time() // 60)
    name = f"fundwatch:ratelimit:{caller.key_id or 'bootstrap'}:{window}"
    try:
        r = redis.Redis.from_url(settings.redis_url or "", socket_timeout=1)
        with r.pipeline() as p:
            count, _ = p.incr(name).expire(name, 120).execute()
    except redis.RedisError as exc:
        outages.BROKER.noticed(exc)   # said once per outage
        return None
    return (window + 1) * 60 - time.time() if count > settings.api_key_requests_per_minute else None
