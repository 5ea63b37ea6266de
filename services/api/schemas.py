"""Response and request models of the API (separate list and read shapes)."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from shared.filters import TEXT, IsoDate, not_bool

Text = Annotated[str, StringConstraints(pattern=TEXT)]
# A source the API adds: http(s) on a DNS name with a top-level domain or an IPv4 address, a port
# in range, a path of visible ASCII. Whether the address may be fetched is the SSRF guard's call
# (403 when it may not).
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_PORT = "([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
SOURCE_URL = (f"^https?://(({_LABEL}\\.)+[A-Za-z]{{2,63}}\\.?|{_OCTET}(\\.{_OCTET}){{3}})"
              f"(:{_PORT})?([/?#][!-~]*)?$")


class Orm(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AwardSummary(Orm):
    id: int = Field(examples=[42])
    recipient: str = Field(examples=["Riverside Youth Trust"])
    recipient_org_id: str | None = Field(None, examples=["GB-CHC-1234567"])
    amount: float | None = Field(None, examples=[5000000])
    currency: str | None = Field(None, examples=["GBP"])
    approximate: bool = Field(False, examples=[False], description="the sources give the amount as approximate")
    funder: str | None = Field(None, examples=["Coastal Communities Fund"])
    programme: str | None = Field(None, examples=["Harbour Renewal Grants"])
    project: str | None = Field(None, examples=["evening mentoring scheme"])
    partners: list[str] = Field(default_factory=list, examples=[["Coastal Rowing Club"]],
                                description="others named as sharing the award")
    locations: list[str] = Field(default_factory=list, examples=[["Whitby", "Scarborough"]],
                                 description="places the funded work covers")
    awarded_on: dt.date | None = Field(None, examples=["2026-03-14"])
    confidence: float | None = Field(None, ge=0, le=1, examples=[0.96],
                                     description="how likely the record is right, from the statement behind its amount "
                                                 "(on the corpus the model was fitted on, statements at 0.9 or "
                                                 "more are right at least 95% of the time; less on pages unlike "
                                                 "it); null if not estimated")
    announcement_id: int = Field(examples=[7])
    independent_sources: int = Field(1, ge=0, examples=[2],
                                     description="how many pages state the award on their own: a page that copies "
                                                 "another (a syndicated copy) is a source, not a corroboration")
    updated_at: dt.datetime = Field(examples=["2026-03-15T09:30:00+00:00"])


class MentionOut(Orm):
    id: int = Field(examples=[311])
    document_id: int = Field(examples=[58])
    document_url: str = Field(examples=["https://example.org/news/awards"])
    fetched_at: dt.datetime = Field(examples=["2026-03-14T11:02:07+00:00"])
    published: dt.date | None = Field(None, examples=["2026-03-14"])
    quote: str = Field(examples=["Riverside Youth Trust - £250,000 to extend its evening mentoring scheme"])
    start: int = Field(examples=[1204], description="offset of the quote in the document's extracted text")
    end: int = Field(examples=[1275])
    values: dict[str, Any] = Field(examples=[{"recipient": "Riverside Youth Trust", "amount": 250000,
                                              "currency": "GBP"}], description="the values read from this quote")
    extractor_version: str = Field(examples=["rules-12"])


class HistoryOut(Orm):
    field: str = Field(examples=["amount"])
    old_value: Any = Field(None, examples=[200000])
    new_value: Any = Field(None, examples=[250000])
    reason: str | None = Field(None, examples=["explicit correction"])
    document_id: int | None = Field(None, examples=[61], description="the page whose reading made the change")
    changed_at: dt.datetime = Field(examples=["2026-03-20T08:00:00+00:00"])


class StatedAmount(BaseModel):
    value: float = Field(examples=[200000])
    currency: str | None = Field(None, examples=["GBP"])
    approximate: bool = Field(False, examples=[True])
    stated_on: dt.date = Field(examples=["2026-03-14"],
                               description="the page's publication date, else the day it was fetched")
    document_id: int = Field(examples=[58])
    document_url: str = Field(examples=["https://example.org/news/awards"])
    correction: bool = Field(False, examples=[False], description="the page says it corrects an earlier figure")
    chosen: bool = Field(False, examples=[False], description="this statement gives the award's amount")


class AwardDetail(AwardSummary):
    choices: dict[str, Any] = Field(default_factory=dict, description="why each value was chosen, and the others",
                                    examples=[{"amount": {"reason": "explicit correction", "mention_id": 340,
                                                          "others": [{"value": 200000, "mention_id": 311,
                                                                      "document_id": 58}]}}])
    mentions: list[MentionOut]
    amount_timeline: list[StatedAmount] = Field(
        default_factory=list, description="what each source said the amount was, oldest first")
    history: list[HistoryOut] = Field(description="every change fundwatch made to this record's values")


class Page(BaseModel):
    items: list[Any]
    next_cursor: str | None = Field(None, examples=["50"], description="pass as ?cursor= for the next page")


class AwardPage(Page):
    items: list[AwardSummary]


class AnnouncementOut(Orm):
    id: int = Field(examples=[7])
    funder: str | None = Field(None, examples=["Coastal Communities Fund"])
    programme: str | None = Field(None, examples=["Harbour Renewal Grants"])
    total_amount: float | None = Field(None, examples=[4500000],
                                       description="the total the announcement's pages state (null if none does)")
    currency: str | None = Field(None, examples=["GBP"])
    projects: int | None = Field(None, examples=[12], description="how many projects the announcement says it funds")
    announced_on: dt.date | None = Field(None, examples=["2026-03-14"])
    award_count: int = Field(0, examples=[12], deprecated=True, description="the same as awards_count")
    awards_count: int = Field(0, examples=[12], description="how many awards fundwatch lists for it")
    awards_total: float | None = Field(None, examples=[4512300],
                                       description="what its awards with a stated amount add up to (in its currency)")
    totals_agree: bool | None = Field(None, examples=[True],
                                      description="whether its awards agree with the total and the number of projects "
                                                  "its pages state (a rounded total within its rounding, at most 1%); "
                                                  "null when they state neither")
    exceeds_total: bool = Field(False, examples=[False],
                                description="its awards come to more than the stated total (beyond its rounding)")


class AnnouncementPage(Page):
    items: list[AnnouncementOut]


class ReportingPage(Orm):
    """A page that reports an announcement."""

    id: int = Field(examples=[58])
    url: str = Field(examples=["https://example.org/news/awards"])
    title: str | None = Field(None, examples=["Harbour Renewal Grants: twelve projects funded"])
    published: dt.date | None = Field(None, examples=["2026-03-14"])
    fetched_at: dt.datetime = Field(examples=["2026-03-14T11:02:07+00:00"])


class AnnouncementDetail(AnnouncementOut):
    awards: list[AwardSummary]
    documents: list[ReportingPage] = Field(description="the pages that report this announcement, oldest first")


class DocumentOut(Orm):
    id: int = Field(examples=[58])
    url: str = Field(examples=["https://example.org/news/awards?utm_source=feed"])
    canonical_url: str = Field(examples=["https://example.org/news/awards"])
    source_id: int | None = Field(examples=[3])
    fetched_at: dt.datetime = Field(examples=["2026-03-14T11:02:07+00:00"])
    http_status: int = Field(examples=[200])
    content_type: str | None = Field(examples=["text/html; charset=utf-8"])
    content_hash: str = Field(examples=["9f2c1e…"], description="SHA-256 of the body as fetched")
    raw_size: int = Field(examples=[48213])
    title: str | None = Field(examples=["Harbour Renewal Grants: twelve projects funded"])
    published: dt.date | None = Field(examples=["2026-03-14"])
    status: str = Field(examples=["extracted"], description="pending | extracted | failed | duplicate")
    copy_of: int | None = Field(None, validation_alias="duplicate_of_id", examples=[41],
                                description="the stored page this one copies: a duplicate, or a near copy with "
                                            "statements of its own (which alone count as independent)")
    attempts: int = Field(examples=[1], description="times reading this page met trouble of its own (its time "
                          "limit, its error, a worker lost while reading it) since it was last queued")
    last_error: str | None = Field(None, examples=["took longer than the time limit (10 s) to read, twice read alone"],
                                   description="why extraction failed, when it did (or the trouble a pending page "
                                               "last met)")
    fault: str | None = Field(None, examples=["time_limit"],
                              description="the kind of that trouble: worker_lost | time_limit | time_limit_alone | "
                                          "error | database | own (the page itself: binary, too large, no main text)")
    retry_at: dt.datetime | None = Field(None, examples=["2026-03-14T11:07:07+00:00"],
                                         description="a page failed by a passing fault (workers lost while "
                                                     "reading it) is tried again from then; null: failed for a "
                                                     "fault of its own, read again by `fundwatch reprocess "
                                                     "--failed`")
    extracted_version: str | None = Field(examples=["rules-12"])
    text: str | None = Field(None, examples=["Twelve harbour towns share £4.5m …"])


class SourceOut(Orm):
    id: int = Field(examples=[3])
    name: str = Field(examples=["coastal-fund-news"])
    kind: str = Field(examples=["feed"])
    url: str = Field(examples=["https://www.example.org/news.atom"])
    interval_seconds: int = Field(examples=[3600])
    trusted: bool = Field(examples=[False], description="listed in the operator's sources file (no SSRF guard)")
    enabled: bool = Field(examples=[True])
    next_due_at: dt.datetime = Field(examples=["2026-03-14T12:00:00+00:00"])
    last_attempt_at: dt.datetime | None = Field(examples=["2026-03-14T11:00:00+00:00"])
    last_success_at: dt.datetime | None = Field(examples=["2026-03-14T11:00:00+00:00"])
    last_error: str | None = Field(examples=["HTTP 503 after 3 attempts"])
    consecutive_failures: int = Field(examples=[0])
    pages_seen: int = Field(examples=[214])


class SourceIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, pattern=TEXT, examples=["dfe-news"])
    kind: Literal["feed", "sitemap", "listing", "page"] = Field("feed", examples=["feed"])
    url: str = Field(max_length=2000, pattern=SOURCE_URL, examples=["https://www.example.org/news.atom"],
                     description="http or https, on a DNS name or an IPv4 address")
    interval_seconds: int = Field(3600, ge=10, le=7 * 86400, examples=[3600])
    include: list[Text] = Field(default_factory=list, max_length=50, examples=[["*/news/*"]],
                               description="URL patterns to keep (glob, or \"re:\" + regex)")
    exclude: list[Text] = Field(default_factory=list, max_length=50, examples=[["*/jobs/*"]])
    start_date: IsoDate | None = Field(None, examples=["2026-01-01"],
                                       description="pages published before it are skipped")

    _numbers = field_validator("interval_seconds", "max_pages", mode="before")(not_bool)
    max_pages: int = Field(5, ge=1, le=100, examples=[5], description="listing pages followed by \"next\" links")
