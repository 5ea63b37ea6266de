"""Extract one stored document and consolidate its awards: the work of one task, as plain functions."""
from __future__ import annotations

import logging
import time
import zlib
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update

from services.extractor import consolidate, dedup, grouping
from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import DEFAULT, Extractor
from shared.db import transaction
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


# the statements every page runs, built once (compiled once, cache keys memoised)
_CLAIM = (update(Document).where(Document.id == bindparam("doc"), Document.status == "pending")
          .values(attempts=Document.attempts + 1)
          .returning(Document.id, Document.attempts, Document.url, Document.content_type, Document.content_hash,
                     Document.raw_body, Document.last_error))
_LOCK_DOCUMENT = (select(Document.status, Document.content_hash, Document.announcement_id, Document.extracted_version)
                  .where(Document.id == bindparam("doc")).with_for_update())
_SIGNATURE_OF = select(Document.signature).where(Document.id == bindparam("doc"))
_ADD_RUN = insert(ExtractionRun)


def claim(document_id: int) -> Claimed | None:
    """Count an attempt (committed before any work, so a killed worker still counts) and load the page."""
    with transaction() as s:
        row = s.execute(_CLAIM, {"doc": document_id}).first()
        return Claimed(*row) if row else None


def process_document(document_id: int, extractor: Extractor = DEFAULT) -> Outcome:
    settings = get_settings()
    doc = claim(document_id)
    if doc is None:
        return Outcome("skipped")
    if doc.attempts > settings.extract_max_attempts:
        return fail(document_id, f"gave up after {doc.attempts - 1} attempts: {doc.last_error or 'worker lost'}",
                    extractor.version)
    started = time.perf_counter()
    try:
        raw = zlib.decompress(doc.raw_body)
        text_doc = to_text_document(raw, content_type=doc.content_type, url=doc.url,
                                    max_bytes=settings.extract_max_bytes)
        extraction = extractor.extract(text_doc)
    except ExtractionError as exc:
        return fail(document_id, str(exc), extractor.version)
    with transaction() as s:
        consolidate.lock(s)  # before the row lock: consolidations take the same locks in the same order
        current = s.execute(_LOCK_DOCUMENT, {"doc": document_id}).first()
        if current is None or current.status != "pending" or current.content_hash != doc.content_hash:
            return Outcome("skipped")  # finished by another delivery, or replaced by a newer fetch
        outcome = record(s, document_id, current.announcement_id, current.extracted_version is not None,
                         extraction, extractor.version)
        s.execute(_ADD_RUN, {"document_id": document_id, "extractor_version": extractor.version,
                             "outcome": outcome.status, "mentions": outcome.awards,
                             "seconds": time.perf_counter() - started})
    if outcome.duplicate_of is not None:
        log.info("document %s is a copy of document %s", document_id, outcome.duplicate_of)
    else:
        log.info("document %s extracted: %d awards", document_id, outcome.awards)
    return outcome


def record(s, doc_id: int, previous: int | None, read_before: bool, extraction: Extraction,
           version: str) -> Outcome:
    """Store one reading of a page: either as a copy of an earlier page or as statements
    consolidated into the records. Runs under the consolidation lock, with the page's row locked."""
    text_doc = extraction.document
    digest = dedup.text_hash(text_doc.text)
    sig = grouping.signature(extraction)
    mine = dedup.fact_set(sig.recipients.items())
    values = dict(text=text_doc.text, text_hash=digest, title=text_doc.title, published=text_doc.published,
                  extracted_version=version, last_error=None, signature=sig.as_json(), funder_key=sig.funder)
    my_bands = dedup.bands(text_doc.text)
    original = dedup.find_original(s, doc_id, text_doc.text, digest, my_bands,
                                   lambda other: _facts_of(s, other) == mine)
    if original is not None:
        consolidate.detach(s, doc_id, previous)
        s.execute(update(Document).where(Document.id == doc_id).values(
            **values, status="duplicate", duplicate_of_id=original, announcement_id=None))
        return Outcome("duplicate", duplicate_of=original)
    dedup.store_bands(s, doc_id, my_bands, replace=read_before)
    # the page's own facts first: choosing values reads its publication date
    s.execute(update(Document).where(Document.id == doc_id).values(**values, status="extracted", duplicate_of_id=None))
    announcement_id = consolidate.store_extraction(s, doc_id, previous, extraction, sig)
    s.execute(update(Document).where(Document.id == doc_id).values(announcement_id=announcement_id))
    return Outcome("extracted", len(extraction.awards))


def _facts_of(session, document_id: int) -> set[tuple[str, str]]:
    sig = session.scalar(_SIGNATURE_OF, {"doc": document_id}) or {}
    return dedup.fact_set(sig.get("recipients", {}).items())


def fail(document_id: int, reason: str, version: str) -> Outcome:
    """Final failure: the document is marked failed with its reason and not tried again."""
    with transaction() as s:
        consolidate.lock(s)
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
