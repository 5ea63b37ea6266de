"""Webhooks: award changes matching a subscription's filter, POSTed to its URL and signed.

Two steps, each safe to run in several processes at once (rows are claimed with SKIP LOCKED):
- `plan`: each subscription reads the change feed after its cursor and records one delivery per
  matching award change (unique per subscription and change), then moves its cursor — in one
  transaction, so a change is planned once;
- `send`: due deliveries are POSTed; a 2xx marks them delivered, anything else schedules a retry
  with doubling backoff, until `webhook_max_attempts`, when the delivery is marked failed. The
  log (status, attempts, last status code or error) is readable at /subscriptions/{id}/deliveries.

Each POST carries `X-Fundwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of the body under the
subscription's secret, and `X-Fundwatch-Delivery: <id>` (a receiver seeing an id twice after a
timeout can ignore it). Subscriber URLs pass the outbound-network guard the fetcher uses
(`shared/net.py`): resolved addresses are checked and connected to as checked, unless the operator
allows their range."""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import selectinload

from shared import net
from shared.awards import copies_of, record
from shared.db import session_scope
from shared.filters import AwardFilters
from shared.models import Award, Change, Delivery, Mention, Subscription
from shared.settings import Settings, get_settings

log = logging.getLogger("fundwatch.webhooks")
BATCH = 500


def sign(secret: str, body: bytes) -> str:
    """The X-Fundwatch-Signature of a body under a subscription's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def plan() -> int:
    """Record the deliveries the change feed calls for; returns how many."""
    planned = 0
    with session_scope() as s:
        subs = s.scalars(select(Subscription).where(Subscription.active).order_by(Subscription.id)
                         .with_for_update(skip_locked=True)).all()
        for sub in subs:
            changes = s.execute(select(Change.id, Change.entity_id, Change.action).where(
                Change.id > sub.cursor, Change.kind == "award", Change.action.in_(("created", "updated")))
                .order_by(Change.id).limit(BATCH)).all()
            if not changes:
                continue
            wanted = AwardFilters(**(sub.filter or {}))
            ids = {c.entity_id for c in changes}
            matching = set(s.scalars(wanted.apply(select(Award.id).where(Award.id.in_(ids)))))
            rows = [{"subscription_id": sub.id, "change_id": c.id, "award_id": c.entity_id, "action": c.action}
                    for c in changes if c.entity_id in matching]
            if rows:
                s.execute(insert(Delivery.__table__).on_conflict_do_nothing(), rows)
                planned += len(rows)
            sub.cursor = changes[-1].id
    return planned


def send(settings: Settings | None = None) -> dict[str, int]:
    """POST the deliveries that are due; returns counts by outcome. The due rows are claimed (their
    next attempt moved past the request timeout) and the bodies built in one short transaction,
    the POSTs made with no transaction open, and the outcomes written in another."""
    settings = settings or get_settings()
    lease = dt.timedelta(seconds=settings.webhook_timeout * 3)
    with session_scope() as s:
        due = s.scalars(select(Delivery).where(Delivery.status == "pending", Delivery.next_attempt_at <= func.now())
                        .order_by(Delivery.id).limit(100).with_for_update(skip_locked=True)).all()
        jobs = []
        for d in due:
            sub = s.get(Subscription, d.subscription_id)
            award = s.scalar(select(Award).where(Award.id == d.award_id).options(
                selectinload(Award.mentions).selectinload(Mention.document)))
            payload = {"delivery": d.id, "change": d.change_id, "action": d.action,
                       "award": record(award, copies_of(s, [award])) if award else {"id": d.award_id, "deleted": True}}
            body = json.dumps(payload, ensure_ascii=False, default=str).encode()
            jobs.append((d.id, sub.url, body, sign(sub.secret, body)))
            d.next_attempt_at = dt.datetime.now(dt.timezone.utc) + lease
    if not jobs:
        return {}
    results = asyncio.run(_post_all(settings, jobs))
    counts: dict[str, int] = {}
    with session_scope() as s:
        for (delivery_id, *_), (status_code, error) in zip(jobs, results):
            d = s.get(Delivery, delivery_id)
            d.attempts += 1
            d.last_status, d.last_error = status_code, error
            if status_code is not None and 200 <= status_code < 300:
                d.status, d.delivered_at = "delivered", dt.datetime.now(dt.timezone.utc)
            elif d.attempts >= settings.webhook_max_attempts:
                d.status = "failed"
            else:
                wait = min(settings.webhook_retry_seconds * 2 ** (d.attempts - 1), 3600)
                d.next_attempt_at = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=wait)
            counts[d.status] = counts.get(d.status, 0) + 1
    return counts


async def _post_all(settings: Settings, jobs: list[tuple[int, str, bytes, str]]) -> list[tuple[int | None, str | None]]:
    # untrusted: the guard checks every address a subscriber's name resolves to
    transport = net.transport(trusted=False, allowed=settings.fetch_allowed_networks,
                              limit=settings.fetch_concurrency * 2, limit_per_host=settings.fetch_per_host_concurrency * 2)
    timeout = httpx.Timeout(settings.webhook_timeout).as_dict()

    async def post(delivery_id: int, url: str, body: bytes, signature: str) -> tuple[int | None, str | None]:
        try:
            net.check_literal(url, settings.fetch_allowed_networks)
            request = httpx.Request("POST", url, content=body, extensions={"timeout": timeout}, headers={
                "Content-Type": "application/json", "User-Agent": settings.user_agent_header,
                "X-Fundwatch-Signature": signature, "X-Fundwatch-Delivery": str(delivery_id)})
            async with asyncio.timeout(settings.webhook_timeout):
                response = await transport.handle_async_request(request)
                try:
                    await response.aread()
                finally:
                    await response.aclose()
            return response.status_code, None if response.is_success else f"HTTP {response.status_code}"
        except Exception as exc:  # noqa: BLE001 - any failure is a failed attempt, with its reason kept
            blocked = net.blocked_cause(exc)
            return None, f"refused: {blocked}" if blocked else f"{type(exc).__name__}: {exc}"[:500]

    try:
        return await asyncio.gather(*(post(*job) for job in jobs))
    finally:
        await transport.aclose()


def dispatch(settings: Settings | None = None) -> dict[str, Any]:
    """One round: plan what the change feed calls for, then send what is due."""
    planned = plan()
    sent = send(settings)
    if planned or sent:
        log.info("webhooks: %d planned, sent %s", planned, sent)
    return {"planned": planned, **sent}
