"""Extract stored documents and consolidate their awards: the work of one task (a batch of pages), as
plain functions."""
from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Integer, any_, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor import changes, claims, consolidate, dedup, fingerprints, grouping
from services.extractor.claims import Claimed
from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import Extractor
from services.extractor.limits import PageTimeLimit, time_limit
from services.extractor.readers import DEFAULT
from shared import metrics
from shared.db import Statement, pg_ints, transaction
from shared.domain import Extraction
from shared.models import Document, ExtractionRun
from shared.settings import get_settings

log = logging.getLogger("fundwatch.extractor")


@dataclass
class Outcome:
    status: str  # extracted | duplicate | failed | skipped | retry
    awards: int = 0
    error: str | None = None
    duplicate_of: int | None = None


# the statements every batch runs, built once
_DOCS = bindparam("docs", type_=ARRAY(Integer))
_LOCK_DOCUMENTS = Statement(select(Document.id, Document.status, Document.content_hash, Document.announcement_id,
                                   Document.extracted_version, Document.claimed_by)
                            .where(Document.id == any_(_DOCS)).order_by(Document.id).with_for_update())
_SIGNATURE_OF = Statement("SELECT signature FROM documents WHERE id = :doc")
_ADD_RUNS = Statement("""
    INSERT INTO extraction_runs (document_id, extractor_version, outcome, mentions, seconds)
    SELECT r.document_id, r.extractor_version, r.outcome, r.mentions, r.seconds
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(document_id int, extractor_version text, outcome text, mentions int, seconds float8)""")


@dataclass
class Read:
    """A claimed page and what the extractor read in it (before anything is recorded)."""

    doc: Claimed
    extraction: Extraction
    seconds: float
    fingerprint: tuple[str, list[tuple[int, int]]]   # its text's hash and near-duplicate bands


@dataclass
class Batch:
    """The documents of one task and how far their processing got: a time limit or a fault can stop
    it part way, and the task then needs to know which page was being read and which are left."""

    ids: list[int]
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)   # passing faults: these pages are retried
    current: int | None = None                              # the page being read right now
    # exceptions that stop the whole batch at once instead of being kept as a page's fault: the
    # task's time limit, as the task runner raises it (the task says which class that is)
    interrupts: tuple[type[BaseException], ...] = ()
    # what the batch's claims are held by: the task's id, which a redelivery of the task shares
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    aside: list[int] = field(default_factory=list)          # handed on, each to be read alone
    # how pages set aside are sent on, one per message (a task gives the broker's way; without one,
    # as inline, they wait for the sweep)
    send_alone: Callable[[list[int]], object] | None = None
    claimed: dict[int, Claimed] = field(default_factory=dict)   # the pages this task took

    def __post_init__(self) -> None:
        self.ids = list(dict.fromkeys(self.ids))

    @property
    def alone(self) -> bool:
        return len(self.ids) == 1

    def unfinished(self) -> list[int]:
        """Pages neither finished nor being read: what a stopped batch hands on."""
        return [i for i in self.ids if i not in self.outcomes and i != self.current and i not in self.aside]

    def summary(self) -> dict[str, int]:
        counts = Counter(o.status for o in self.outcomes.values())
        if self.errors:
            counts["retry"] = len(self.errors)
        if self.aside:
            counts["alone"] = len(self.aside)
        return dict(sorted(counts.items()))


def process_document(document_id: int, extractor: Extractor = DEFAULT) -> Outcome:
    """One page through the pipeline (the command line's inline reprocessing, and tests)."""
    batch = Batch([document_id])
    process_documents(batch, extractor)
    if document_id in batch.errors:
        raise RuntimeError(batch.errors[document_id])
    return batch.outcomes.get(document_id) or Outcome("retry", error="handed on to be read again")


def process_documents(batch: Batch, extractor: Extractor = DEFAULT) -> Batch:
    """Claim a batch of pages, read each (outside any transaction), then record them all in one
    transaction under the consolidation lock; pages in one batch are recorded in id order, each
    seeing the ones before it, exactly as if they had come one per task. Trouble of a page's own
    (its time limit, its exception, a worker lost while reading it) is charged to that page alone,
    which is then read alone; the rest of the batch goes on."""
    settings = get_settings()
    lease = settings.extract_claim_seconds
    claimed = claims.claim(batch.token, batch.ids, lease)
    batch.claimed = {doc.id: doc for doc in claimed}
    for missing in set(batch.ids) - {doc.id for doc in claimed}:
        batch.outcomes[missing] = Outcome("skipped")   # finished, held by a live task, or no longer stored
    lost = [doc for doc in claimed if doc.lost]
    if len(lost) > 1:
        # only a batch being recorded marks several pages: the worker died recording them together,
        # and which page was to blame is found by recording each alone
        log.warning("worker lost while recording %d pages together; each is read again alone", len(lost))
        metrics.count("workers_lost")
        metrics.count("extraction_retries", len(lost), reason="worker_lost")
        _set_aside(batch, [doc.id for doc in lost])
        claimed = [doc for doc in claimed if not doc.lost]
    read: list[Read] = []
    for doc in claimed:
        if doc.lost:
            metrics.count("workers_lost")
            if not _trouble(batch, doc, "worker_lost", "worker lost while reading this page", extractor.version):
                continue
        claims.mark(batch.token, batch.ids, [doc.id], lease)
        batch.current = doc.id
        started = time.perf_counter()
        try:
            with time_limit(settings.extract_page_time_limit):
                text_doc = to_text_document(zlib.decompress(doc.raw_body), content_type=doc.content_type, url=doc.url,
                                            max_bytes=settings.extract_max_bytes,
                                            max_elements=settings.extract_max_elements,
                                            max_text_chars=settings.extract_max_text_chars)
                extraction = extractor.extract(text_doc)
        except ExtractionError as exc:
            batch.current = None
            batch.outcomes[doc.id] = fail(doc.id, str(exc), extractor.version, batch.token)
            continue
        except PageTimeLimit:
            batch.current = None
            over_time_limit(batch, doc, f"took longer than the time limit ({settings.extract_page_time_limit:g} s) "
                            "to read", extractor.version)
            continue
        except batch.interrupts:
            raise
        except Exception as exc:  # noqa: BLE001 - the reader's own fault on this page, charged to it
            batch.current = None
            log.error("document %s: the reader raised %s", doc.id, type(exc).__name__, exc_info=exc)
            _trouble(batch, doc, "error", f"reader error: {type(exc).__name__}: {exc}", extractor.version)
            continue
        batch.current = None
        read.append(Read(doc, extraction, time.perf_counter() - started,
                         fingerprints.fingerprint(extraction.document.text)))
    if read:
        # every page being recorded carries the mark: a worker lost now blames none of them alone
        claims.mark(batch.token, batch.ids, [r.doc.id for r in read], lease)
        _record_all(batch, read, extractor.version)
    return batch


def over_time_limit(batch: Batch, doc: Claimed, reason: str, version: str) -> None:
    """A page stopped by a time limit: read alone next, and failed when it is over the limit read
    alone a second time."""
    metrics.count("time_limit_hits")
    if batch.alone and doc.fault == "time_limit_alone":
        batch.outcomes[doc.id] = fail(doc.id, f"{reason}, twice read alone", version, batch.token, fault="time_limit",
                                      charge=True)
        return
    _trouble(batch, doc, "time_limit_alone" if batch.alone else "time_limit", reason, version)


def _trouble(batch: Batch, doc: Claimed, fault: str, reason: str, version: str) -> bool:
    """Charge trouble of its own to a page: failed once it has met its share (a lost worker is a
    passing fault, tried again later), else read alone. True when this task reads it now (it is
    alone already and a lost worker was the trouble)."""
    attempts = doc.attempts + 1
    if attempts >= get_settings().extract_max_attempts:
        passing = fault == "worker_lost"
        batch.outcomes[doc.id] = fail(doc.id, f"{reason} ({attempts} times)", version, batch.token,
                                      fault=fault.removesuffix("_alone"), passing=passing, charge=True)
        return False
    log.warning("document %s: %s; %s", doc.id, reason, "read again" if batch.alone else "read alone next")
    metrics.count("extraction_retries", reason=fault.removesuffix("_alone"))
    read_now = batch.alone and fault == "worker_lost"
    if claims.charge(batch.token, doc.id, fault, reason, keep=read_now) is None:
        batch.outcomes[doc.id] = Outcome("skipped")
        return False
    doc.attempts, doc.fault = attempts, fault
    if not read_now:
        _set_aside(batch, [doc.id], released=True)
    return read_now


def _set_aside(batch: Batch, ids: list[int], released: bool = False) -> None:
    """Hand pages on, one per message, for another task (the other worker slot) to read alone."""
    if not released:
        ids = claims.release(batch.token, ids)
    batch.aside.extend(ids)
    if ids and batch.send_alone is not None:
        try:
            batch.send_alone(ids)
        except Exception as exc:  # noqa: BLE001 - kombu raises several types; the pages are pending, the sweep has them
            log.warning("could not hand on %d pages (%s); the sweep will", len(ids), exc)


def release_unfinished(batch: Batch) -> list[int]:
    """A stopped batch: the pages it had not finished are let go, for the task to send on."""
    return claims.release(batch.token, batch.unfinished())


def _record_all(batch: Batch, read: list[Read], version: str) -> None:
    """One transaction for the whole batch; if it fails, each page in its own, so one page's fault
    is kept on that page (and retried) and does not hold back the others."""
    try:
        with transaction() as s:
            batch.outcomes.update(_record(s, read, version, batch.token))
        return
    except batch.interrupts:
        raise
    except Exception as exc:  # noqa: BLE001 - recorded below, page by page
        if len(read) == 1:
            _keep_error(batch, read[0].doc.id, exc)
            return
        log.warning("recording %d pages together failed (%s: %s); recording them one by one",
                    len(read), type(exc).__name__, exc)
    for item in read:
        try:
            with transaction() as s:
                batch.outcomes.update(_record(s, [item], version, batch.token))
        except batch.interrupts:
            raise
        except Exception as exc:  # noqa: BLE001 - kept on the page, which stays pending
            _keep_error(batch, item.doc.id, exc)


def _keep_error(batch: Batch, document_id: int, exc: Exception) -> None:
    log.error("document %s: %s: %s", document_id, type(exc).__name__, exc, exc_info=exc)
    batch.errors[document_id] = f"{type(exc).__name__}: {exc}"
    try:
        note_error(document_id, batch.errors[document_id], batch.token)
    except Exception:  # noqa: BLE001 - the database itself may be the fault; the retry keeps the page
        log.exception("could not keep the error of document %s", document_id)


def _record(s, read: list[Read], version: str, token: str) -> dict[int, Outcome]:
    """Record read pages in one transaction: the consolidation lock, then the pages' rows (in id
    order, as every consolidation takes them), then each page as a copy or as statements; a page
    this task no longer holds is left to the one that does."""
    with changes.consolidating(s):   # its lock first, then row locks, as in every consolidation
        current = {row.id: row for row in _LOCK_DOCUMENTS(s, {"docs": pg_ints(r.doc.id for r in read)})}
        outcomes: dict[int, Outcome] = {}
        runs = []
        originals = dedup.Originals(s, (r.fingerprint for r in read), (dedup.facts_stated(r.extraction) for r in read))
        for item in read:
            doc_id = item.doc.id
            row = current.get(doc_id)
            if row is None or row.status != "pending" or row.content_hash != item.doc.content_hash \
                    or row.claimed_by != token:
                outcomes[doc_id] = Outcome("skipped")  # finished by another delivery, or replaced by a newer fetch
                continue
            outcome = record(s, doc_id, item.extraction, item.fingerprint, row.announcement_id,
                             row.extracted_version is not None, version, originals)
            outcomes[doc_id] = outcome
            runs.append({"document_id": doc_id, "extractor_version": version, "outcome": outcome.status,
                         "mentions": outcome.awards, "seconds": item.seconds})
            if outcome.duplicate_of is not None:
                log.info("document %s is a copy of document %s", doc_id, outcome.duplicate_of)
            else:
                log.debug("document %s extracted: %d awards", doc_id, outcome.awards)
        if runs:
            _ADD_RUNS(s, {"rows": changes.recordset(runs)})
            claims.DONE(s, {"docs": pg_ints(run["document_id"] for run in runs)})
    return outcomes


def record(s, doc_id: int, extraction: Extraction, fingerprint: tuple[str, list[tuple[int, int]]],
           previous: int | None, read_before: bool, version: str, originals: dedup.Originals) -> Outcome:
    """Store one reading of a page: either as a copy of an earlier page or as statements
    consolidated into the records. Runs under the consolidation lock, with the page's row locked;
    `originals` holds the batch's candidates for what it may be a copy of."""
    digest, bands = fingerprint
    sig = grouping.signature(extraction)
    mine = fingerprints.fact_set(sig.recipients.items())
    stated = dedup.facts_stated(extraction)
    page = consolidate.page_row(doc_id, extraction, version, digest, bands, sig)
    original = dedup.find_original(s, doc_id, extraction.document.text, digest, bands,
                                   lambda other: _facts_of(s, other) == mine, originals, stated)
    if original is not None and original.same:
        consolidate.store_copy(s, doc_id, previous, page, original.id)
        return Outcome("duplicate", duplicate_of=original.id)
    if read_before:
        dedup.drop_bands(s, doc_id)
    copied = set()
    if original is not None:   # a near copy: the statements its original makes too are not its own
        page["original"] = original.id
        copied = {(k, Decimal(v) if v else None) for k, v in _facts_of(s, original.id)}
    consolidate.store_extraction(s, doc_id, previous, extraction, sig, page, first_reading=not read_before,
                                 copied=copied)
    originals.add(doc_id, digest, bands, stated)
    return Outcome("extracted", len(extraction.awards))


def _facts_of(session, document_id: int) -> set[tuple[str, str]]:
    row = _SIGNATURE_OF.first(session, {"doc": document_id})
    return fingerprints.fact_set(((row and row.signature) or {}).get("recipients", {}).items())


def fail(document_id: int, reason: str, version: str, token: str, fault: str = "own",
         passing: bool = False, charge: bool = False) -> Outcome:
    """The page this task holds is marked failed with its reason (once: a page no longer pending or
    held by another task is left alone). A fault of its own is final (`fundwatch reprocess --failed`
    reads it again on demand); a passing one is tried again later, after a backoff that doubles each
    time. `charge`: the failure is one more attempt of the page's (its trouble met once too often)."""
    settings = get_settings()
    with transaction() as s, changes.consolidating(s):
        row = s.execute(select(Document.announcement_id, Document.passing_failures)
                        .where(Document.id == document_id, Document.status == "pending",
                               Document.claimed_by == token).with_for_update()).first()
        if row is None:
            return Outcome("skipped")
        consolidate.detach(s, document_id, row.announcement_id)  # no mentions from an older reading
        delay = min(settings.extract_retry_seconds * 2 ** row.passing_failures, settings.extract_retry_max_seconds)
        s.execute(update(Document).where(Document.id == document_id).values(
            status="failed", last_error=reason, extracted_version=version, announcement_id=None, fault=fault,
            claimed_by=None, claimed_until=None, reading_since=None,
            retry_at=func.now() + dt.timedelta(seconds=delay) if passing else None,
            passing_failures=Document.passing_failures + int(passing), attempts=Document.attempts + int(charge)))
        s.execute(insert(ExtractionRun).values(document_id=document_id, extractor_version=version,
                                               outcome="failed", error=reason))
    log.warning("document %s failed: %s%s", document_id, reason,
                f" (tried again in {delay:g} s)" if passing else "")
    return Outcome("failed", error=reason)


def note_error(document_id: int, reason: str, token: str) -> None:
    """A passing error (the database): kept on the document, which is let go and stays pending for
    a retry."""
    with transaction() as s:
        s.execute(update(Document).where(Document.id == document_id, Document.claimed_by == token).values(
            last_error=reason[:2000], fault="database", claimed_by=None, claimed_until=None, reading_since=None))
