"""Webhook subscriptions: POST /subscriptions (a key with write scope), their delivery log."""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy import select

from services.api.deps import KEY_RESPONSES, RecordId, SessionDep, require_key
from services.api.keys import Caller
from shared.net import BlockedAddress, check_literal
from shared.filters import TEXT, AwardFilters
from shared.models import Change, Delivery, Subscription
from shared.settings import get_settings

router = APIRouter(prefix="/subscriptions", tags=["webhooks"])
WriterDep = Annotated[Caller, Depends(require_key("write"))]


class SubscriptionIn(BaseModel):
    url: HttpUrl = Field(examples=["https://hooks.example.org/fundwatch"])
    filter: AwardFilters = Field(default_factory=AwardFilters, description="which award changes to send: "
                                 "the filters of GET /awards")
    secret: str | None = Field(None, min_length=16, max_length=100, pattern=TEXT,
                               examples=["a-long-shared-secret-0042"],
                               description="the HMAC key for signatures; made for you when left out")


class SubscriptionOut(BaseModel):
    id: int = Field(examples=[5])
    url: str = Field(examples=["https://hooks.example.org/fundwatch"])
    filter: dict[str, Any] = Field(examples=[{"currency": "GBP", "min_amount": 100000}])
    active: bool = Field(examples=[True])
    created_at: dt.datetime = Field(examples=["2026-03-01T10:00:00+00:00"])
    secret: str | None = Field(None, examples=["a-long-shared-secret-0042"],
                               description="returned once, when the subscription is made")


class DeliveryOut(BaseModel):
    id: int = Field(examples=[90])
    change_id: int = Field(examples=[1502])
    award_id: int = Field(examples=[42])
    action: str = Field(examples=["created"])
    status: str = Field(examples=["delivered"], description="pending | delivered | failed")
    attempts: int = Field(examples=[3])
    last_status: int | None = Field(None, examples=[200], description="the receiver's last HTTP status")
    last_error: str | None = Field(None, examples=["HTTP 503"])
    next_attempt_at: dt.datetime = Field(examples=["2026-03-14T11:05:00+00:00"])
    delivered_at: dt.datetime | None = Field(None, examples=["2026-03-14T11:05:01+00:00"])


def _out(sub: Subscription, secret: str | None = None) -> SubscriptionOut:
    return SubscriptionOut(id=sub.id, url=sub.url, filter=sub.filter, active=sub.active, created_at=sub.created_at,
                           secret=secret)


# OpenAPI links from the made subscription to what can be done with it (its id is always in the
# answer; no link names an id that may be absent)
_MADE = {name: {"operationId": op, "parameters": {"subscription_id": "$response.body#/id"}} for name, op in (
    ("GetSubscription", "get_subscription_subscriptions__subscription_id__get"),
    ("GetDeliveries", "deliveries_subscriptions__subscription_id__deliveries_get"),
    ("DeleteSubscription", "unsubscribe_subscriptions__subscription_id__delete"))}


@router.post("", response_model=SubscriptionOut, status_code=201, summary="Subscribe a URL to award changes",
             responses=KEY_RESPONSES | {201: {"description": "Subscribed", "links": _MADE}})
def subscribe(body: SubscriptionIn, caller: WriterDep, session: SessionDep) -> SubscriptionOut:
    url = str(body.url)
    try:
        check_literal(url, get_settings().fetch_allowed_networks)   # names are checked again at each delivery
    except BlockedAddress as exc:
        raise HTTPException(422, f"subscriber URL refused: {exc}") from None
    secret = body.secret or secrets.token_urlsafe(32)
    # deliveries start from now: the changes already in the feed are not sent
    cursor = session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1)) or 0
    sub = Subscription(url=url, secret=secret, filter=body.filter.model_dump(mode="json", exclude_none=True), cursor=cursor,
                       key_id=caller.key_id)
    session.add(sub)
    session.flush()
    return _out(sub, secret)


def _owned(session, subscription_id: int, caller: Caller) -> Subscription:
    """The subscription, if this key made it (an admin key sees every one) and it is not deleted."""
    sub = session.get(Subscription, subscription_id)
    if sub is None or not sub.active or (caller.scope != "admin" and sub.key_id != caller.key_id):
        raise HTTPException(404, f"subscription {subscription_id} not found")
    return sub


@router.get("/{subscription_id}", response_model=SubscriptionOut, responses=KEY_RESPONSES | {404: {"description": "not found"}})
def get_subscription(subscription_id: RecordId, caller: WriterDep, session: SessionDep) -> SubscriptionOut:
    return _out(_owned(session, subscription_id, caller))


@router.get("/{subscription_id}/deliveries", response_model=list[DeliveryOut], summary="The delivery log",
            responses=KEY_RESPONSES | {404: {"description": "not found"}})
def deliveries(subscription_id: RecordId, caller: WriterDep, session: SessionDep,
               limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[DeliveryOut]:
    _owned(session, subscription_id, caller)
    rows = session.scalars(select(Delivery).where(Delivery.subscription_id == subscription_id)
                           .order_by(Delivery.id.desc()).limit(limit))
    return [DeliveryOut.model_validate(d, from_attributes=True) for d in rows]


@router.delete("/{subscription_id}", status_code=204, responses=KEY_RESPONSES | {404: {"description": "not found"}})
def unsubscribe(subscription_id: RecordId, caller: WriterDep, session: SessionDep) -> None:
    _owned(session, subscription_id, caller).active = False
