"""The database schema (SQLAlchemy 2.0). Alembic migrations in shared/migrations follow it."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_KINDS = ("feed", "sitemap", "listing", "page")
DOCUMENT_STATUSES = ("pending", "extracted", "failed", "duplicate")
# the kinds of trouble a page's reading can meet (documents.fault, and the reason label of the
# extraction_retries counter): a worker lost while reading it, the time limit (in a batch, or read
# alone), the reader's own exception, the database, or a fault of the page itself (binary, too large,
# no main text), which is final
DOCUMENT_FAULTS = ("worker_lost", "time_limit", "time_limit_alone", "error", "database", "own")


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSONB, list[str]: JSONB, list[dict[str, Any]]: JSONB}


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (CheckConstraint(f"kind IN {SOURCE_KINDS}", name="kind"),
                      CheckConstraint("interval_seconds >= 10", name="interval"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)
    interval_seconds: Mapped[int] = mapped_column(Integer, default=3600)
    # Trusted sources come from the operator's sources file and may point at private addresses.
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    include_patterns: Mapped[list[str]] = mapped_column(default=list)
    exclude_patterns: Mapped[list[str]] = mapped_column(default=list)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    max_pages: Mapped[int] = mapped_column(Integer, default=5)
    # Conditional-request validators of the source URL itself (feed, sitemap, listing).
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    next_due_at: Mapped[dt.datetime] = _now()
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    pages_seen: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = _now()


class Document(Base):
    """One page, identified by its canonical URL; a changed page replaces its content here."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(f"status IN {DOCUMENT_STATUSES}", name="status"),
                      CheckConstraint(f"fault IS NULL OR fault IN {DOCUMENT_FAULTS}", name="fault"),
                      Index("ix_documents_pending", "status", "updated_at",
                            postgresql_where="status = 'pending'"),
                      Index("ix_documents_retry_at", "retry_at",
                            postgresql_where="status = 'failed' AND retry_at IS NOT NULL"),
                      Index("ix_documents_funder_key", "funder_key"),
                      Index("ix_documents_recipient_forms", "recipient_forms", postgresql_using="gin"),
                      # the pages last stored from a source, which its lease brings (fetcher.leases)
                      Index("ix_documents_source_fetched", "source_id", "fetched_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    http_status: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    raw_body: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed
    raw_size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    text_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    # the moment of publication, when the source gives its time of day and zone (NULL: a date at most)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # times reading this page met trouble of its own (its exception, its time limit, a worker lost
    # while reading it) since it was last queued; a passing fault elsewhere in its batch counts nothing
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    fault: Mapped[str | None] = mapped_column(String(16))
    # the task holding the page (its id) and until when: a lease longer than the task's hard time
    # limit, pushed forward between pages; the sweep leaves a held page alone
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # set while the holding task reads this page: found set by the next claim, the reader died on it
    reading_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # a page failed by a passing fault is pending again from then (NULL: failed for its own fault)
    retry_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    passing_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    extracted_version: Mapped[str | None] = mapped_column(String(32))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    # the announcement this page reports, and what consolidation compares pages by (grouping.Signature)
    announcement_id: Mapped[int | None] = mapped_column(ForeignKey("announcements.id", ondelete="SET NULL"),
                                                        index=True)
    funder_key: Mapped[str | None] = mapped_column(String(200))
    signature: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    # the shorter forms and acronyms its recipients may be named by on another page (`variants`)
    recipient_forms: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()

    mentions: Mapped[list[Mention]] = relationship(back_populates="document", order_by="Mention.start")


class ExtractionRun(Base):
    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float | None]
    created_at: Mapped[dt.datetime] = _now()


class Announcement(Base):
    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    funder: Mapped[str | None] = mapped_column(Text)
    programme: Mapped[str | None] = mapped_column(Text)
    total_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    projects: Mapped[int | None] = mapped_column(Integer)
    announced_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()

    awards: Mapped[list[Award]] = relationship(back_populates="announcement", order_by="Award.id")


class Award(Base):
    """The consolidated record of one real-world award; its values are derived from its mentions."""

    __tablename__ = "awards"
    __table_args__ = (UniqueConstraint("announcement_id", "recipient_key", name="uq_awards_announcement_recipient"),
                      CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
                      CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
                                      name="confidence_unit"))

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id", ondelete="CASCADE"), index=True)
    recipient_key: Mapped[str] = mapped_column(String(300))
    recipient: Mapped[str] = mapped_column(Text)
    recipient_org_id: Mapped[str | None] = mapped_column(String(64), index=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    funder: Mapped[str | None] = mapped_column(Text)
    programme: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    partners: Mapped[list[str]] = mapped_column(default=list)
    locations: Mapped[list[str]] = mapped_column(default=list)
    awarded_on: Mapped[dt.date | None] = mapped_column(Date)
    # how likely the record is right, from its statements' confidence (None: read without an estimate)
    confidence: Mapped[float | None] = mapped_column(Float, index=True)
    # How many pages state the award on their own: a statement a near copy repeats from the page it
    # copies (its mention's values carry "copy_of") is not one; an award with statements stands on at
    # least one. Kept by a trigger on mentions (migration 0014); `shared.awards.independent_sources`
    # counts the same in Python.
    independent_sources: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Why each value was chosen, and the values other sources gave: {"amount": {"reason": ..., "others": [...]}}
    choices: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()

    announcement: Mapped[Announcement] = relationship(back_populates="awards")
    mentions: Mapped[list[Mention]] = relationship(back_populates="award", order_by="Mention.id")


class Mention(Base):
    """One award statement in one document: the quote, where it stands, and the values read from it."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("document_id", "ordinal", name="uq_mentions_document_ordinal"),
                      CheckConstraint('"end" > start', name="span"),
                      # pages naming a recipient within a date window: the way consolidation finds
                      # related pages, at a cost that depends on the window, not on all pages stored
                      Index("ix_mentions_recipient_key_published", "recipient_key", "published"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("awards.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    recipient_key: Mapped[str] = mapped_column(String(300))
    published: Mapped[dt.date | None] = mapped_column(Date)  # the page's date, copied: indexed with the key
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict[str, Any]] = mapped_column()
    extractor_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = _now()

    document: Mapped[Document] = relationship(back_populates="mentions")
    award: Mapped[Award] = relationship(back_populates="mentions")


class DocumentBand(Base):
    """One MinHash LSH band of a document's text: pages sharing a band are near-duplicate candidates,
    found by index lookup rather than by comparing every pair."""

    __tablename__ = "document_bands"

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)


class ApiKey(Base):
    """A key for write and admin endpoints. Only its SHA-256 is stored: the key itself is shown once,
    when `fundwatch apikey create` makes it (keys are 32 random bytes, so a fast hash is enough)."""

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint("scope IN ('write', 'admin')", name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(16), default="admin")
    created_at: Mapped[dt.datetime] = _now()
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Subscription(Base):
    """A webhook: every award change matching `filter` (the /awards filters) is POSTed to `url`,
    signed with `secret` (HMAC-SHA256). `cursor` is the last change considered."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(String(100))
    filter: Mapped[dict[str, Any]] = mapped_column(default=dict)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = _now()


class Delivery(Base):
    """One change sent (or to be sent) to one subscriber, with its attempts: the delivery log."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "change_id", name="uq_deliveries_subscription_change"),
                      CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
                      Index("ix_deliveries_due", "next_attempt_at", postgresql_where="status = 'pending'"))

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True)
    change_id: Mapped[int] = mapped_column(BigInteger)
    award_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = _now()
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = _now()


class Change(Base):
    """The change feed: one row per award or announcement created, updated or removed, written in
    the consolidation transaction. Consolidations hold one advisory lock until they commit, so ids
    are assigned in commit order and a reader paging by id never skips a change."""

    __tablename__ = "changes"
    __table_args__ = (CheckConstraint("kind IN ('award', 'announcement')", name="kind"),
                      CheckConstraint("action IN ('created', 'updated', 'deleted')", name="action"))

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[int | None] = mapped_column(Integer)  # the page whose reading caused it
    at: Mapped[dt.datetime] = _now()


class AwardHistory(Base):
    """Every change to an award's chosen values."""

    __tablename__ = "award_history"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("awards.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[Any] = mapped_column(JSONB, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONB, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    changed_at: Mapped[dt.datetime] = _now()


# Full-text search (GET /awards?q=): what is searched, written as the GIN indexes of migration 0006
# write it (constants, not bound parameters, so that the planner uses those indexes)
ENGLISH = literal_column("'english'::regconfig")
AWARD_TEXT = func.to_tsvector(ENGLISH, func.coalesce(Award.recipient, literal_column("''")).op("||")(literal_column("' '"))
                              .op("||")(func.coalesce(Award.project, literal_column("''"))))
MENTION_TEXT = func.to_tsvector(ENGLISH, Mention.quote)

# The orders GET /awards sorts by, written as the expression indexes of migration 0008 write them
# (each with the id after it): a missing amount or date sorts last in both directions. The amount
# keys are plain numeric, which holds the infinities that numeric(18, 2) cannot.
AWARD_SORT_KEYS = {
    "amount": func.coalesce(Award.amount, literal_column("'Infinity'::numeric"), type_=Numeric()),
    "-amount": func.coalesce(Award.amount, literal_column("'-Infinity'::numeric"), type_=Numeric()),
    "awarded_on": func.coalesce(Award.awarded_on, literal_column("'infinity'::date")),
    "-awarded_on": func.coalesce(Award.awarded_on, literal_column("'-infinity'::date")),
}
# made by hand in 0006 and 0008; autogenerate leaves them be
HAND_WRITTEN_INDEXES = {"ix_awards_text", "ix_mentions_text", "ix_awards_sort_amount", "ix_awards_sort_amount_desc",
                "ix_awards_sort_awarded_on", "ix_awards_sort_awarded_on_desc"}
