"""Extract stored documents and consolidate their awards: the work of one task (a batch of pages), as
plain functions."""
from __future__ import annotations

import logging
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Integer, any_, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor import changes, consolidate, dedup, fingerprints, grouping
from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import Extractor
from services.extractor.readers import DEFAULT
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


@dataclass
class Claimed:
    id: int
    attempts: int
    url: str
    content_type: str | None
    content_hash: str
    raw_body: bytes
    last_error: str | None


# the statements every batch runs, built once
_DOCS = bindparam("docs", type_=ARRAY(Integer))
_CLAIM = Statement(update(Document).where(Document.id == any_(_DOCS), Document.status == "pending")
                   .values(attempts=Document.attempts + 1)
                   .returning(Document.id, Document.attempts, Document.url, Document.content_type,
                              Document.content_hash, Document.raw_body, Document.last_error))
_LOCK_DOCUMENTS = Statement(select(Document.id, Document.status, Document.content_hash, Document.announcement_id,
                                   Document.extracted_version)
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

    def __post_init__(self) -> None:
        self.ids = list(dict.fromkeys(self.ids))

    def unfinished(self) -> list[int]:
        """Pages neither finished nor being read: what a stopped batch hands on."""
        return [i for i in self.ids if i not in self.outcomes and i != self.current]

    def summary(self) -> dict[str, int]:
        counts = Counter(o.status for o in self.outcomes.values())
        if self.errors:
            counts["retry"] = len(self.errors)
        return dict(sorted(counts.items()))


def claim(document_ids: list[int]) -> list[Claimed]:
    """Count an attempt on each pending page (committed before any work, so a killed worker still
    counts) and load them, in id order."""
    with transaction() as s:
        rows = _CLAIM(s, {"docs": pg_ints(sorted(document_ids))})
    return sorted((Claimed(*row) for row in rows), key=lambda c: c.id)


def process_document(document_id: int, extractor: Extractor = DEFAULT) -> Outcome:
    """One page through the pipeline (the command line's inline reprocessing, and tests)."""
    batch = Batch([document_id])
    process_documents(batch, extractor)
    if document_id in batch.errors:
        raise RuntimeError(batch.errors[document_id])
    return batch.outcomes[document_id]


def process_documents(batch: Batch, extractor: Extractor = DEFAULT) -> Batch:
    """Claim a batch of pages, read each (outside any transaction), then record them all in one
    transaction under the consolidation lock; pages in one batch are recorded in id order, each
    seeing the ones before it, exactly as if they had come one per task."""
    settings = get_settings()
    claimed = claim(batch.ids)
    for missing in set(batch.ids) - {doc.id for doc in claimed}:
        batch.outcomes[missing] = Outcome("skipped")   # finished by another delivery, or no longer stored
    read: list[Read] = []
    for doc in claimed:
        if doc.attempts > settings.extract_max_attempts:
            batch.outcomes[doc.id] = fail(
                doc.id, f"gave up after {doc.attempts - 1} attempts: {doc.last_error or 'worker lost'}",
                extractor.version)
            continue
        batch.current = doc.id
        started = time.perf_counter()
        try:
            text_doc = to_text_document(zlib.decompress(doc.raw_body), content_type=doc.content_type, url=doc.url,
                                        max_bytes=settings.extract_max_bytes)
            extraction = extractor.extract(text_doc)
        except ExtractionError as exc:
            batch.current = None
            batch.outcomes[doc.id] = fail(doc.id, str(exc), extractor.version)
            continue
        batch.current = None
        read.append(Read(doc, extraction, time.perf_counter() - started,
                         fingerprints.fingerprint(extraction.document.text)))
    if read:
        _record_all(batch, read, extractor.version)
    return batch


def _record_all(batch: Batch, read: list[Read], version: str) -> None:
    """One transaction for the whole batch; if it fails, each page in its own, so one page's fault
    is kept on that page (and retried) and does not hold back the others."""
    try:
        with transaction() as s:
            batch.outcomes.update(_record(s, read, version))
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
                batch.outcomes.update(_record(s, [item], version))
        except batch.interrupts:
            raise
        except Exception as exc:  # noqa: BLE001 - kept on the page, which stays pending
            _keep_error(batch, item.doc.id, exc)


def _keep_error(batch: Batch, document_id: int, exc: Exception) -> None:
    log.error("document %s: %s: %s", document_id, type(exc).__name__, exc, exc_info=exc)
    batch.errors[document_id] = f"{type(exc).__name__}: {exc}"
    try:
        note_error(document_id, batch.errors[document_id])
    except Exception:  # noqa: BLE001 - the database itself may be the fault; the retry keeps the page
        log.exception("could not keep the error of document %s", document_id)


def _record(s, read: list[Read], version: str) -> dict[int, Outcome]:
    """Record read pages in one transaction: the consolidation lock, then the pages' rows (in id
    order, as every consolidation takes them), then each page as a copy or as statements."""
    with changes.consolidating(s):   # its lock first, then row locks, as in every consolidation
        current = {row.id: row for row in _LOCK_DOCUMENTS(s, {"docs": pg_ints(r.doc.id for r in read)})}
        outcomes: dict[int, Outcome] = {}
        runs = []
        originals = dedup.Originals(s, (r.fingerprint for r in read), (dedup.facts_stated(r.extraction) for r in read))
        for item in read:
            doc_id = item.doc.id
            row = current.get(doc_id)
            if row is None or row.status != "pending" or row.content_hash != item.doc.content_hash:
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


def fail(document_id: int, reason: str, version: str) -> Outcome:
    """Final failure: the document is marked failed with its reason and not tried again."""
    with transaction() as s, changes.consolidating(s):
        previous = s.execute(select(Document.announcement_id).where(Document.id == document_id)
                             .with_for_update()).first()
        if previous is None:
            return Outcome("skipped")
        consolidate.detach(s, document_id, previous.announcement_id)  # no mentions from an older reading
        s.execute(update(Document).where(Document.id == document_id).values(
            status="failed", last_error=reason, extracted_version=version, announcement_id=None))
        s.execute(insert(ExtractionRun).values(document_id=document_id, extractor_version=version,
                                               outcome="failed", error=reason))
    log.warning("document %s failed: %s", document_id, reason)
    return Outcome("failed", error=reason)


def note_error(document_id: int, reason: str) -> None:
    """A passing error (database, worker): kept on the document, which stays pending for a retry."""
    with transaction() as s:
        s.execute(update(Document).where(Document.id == document_id).values(last_error=reason[:2000]))
