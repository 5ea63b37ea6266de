"""Extract one stored document and consolidate its awards: the work of one task, as plain functions."""
from __future__ import annotations

import logging
import time
import zlib
from dataclasses import dataclass

from sqlalchemy import select, update

from services.extractor import consolidate, dedup, grouping
from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import DEFAULT, Extractor
from shared.db import session_scope
from shared.domain import Extraction
from shared.models import Document, ExtractionRun
from shared.settings import get_settings

log = logging.getLogger("fundwatch.extractor")


@dataclass
class Outcome:
    status: str  # extracted | duplicate | failed | skipped | retry
    awards: int = 0
    error: str | None = None


def claim(document_id: int) -> tuple[Document, int] | None:
    """Count an attempt (committed before any work, so a killed worker still counts) and load the page."""
    with session_scope() as s:
        row = s.execute(update(Document).where(Document.id == document_id, Document.status == "pending")
                        .values(attempts=Document.attempts + 1)
                        .returning(Document.attempts)).first()
        if row is None:
            return None
        doc = s.get(Document, document_id)
        s.expunge(doc)
        return doc, row.attempts


def process_document(document_id: int, extractor: Extractor = DEFAULT) -> Outcome:
    settings = get_settings()
    claimed = claim(document_id)
    if claimed is None:
        return Outcome("skipped")
    doc, attempts = claimed
    if attempts > settings.extract_max_attempts:
        return fail(document_id, f"gave up after {attempts - 1} attempts: {doc.last_error or 'worker lost'}",
                    extractor.version)
    started = time.perf_counter()
    try:
        raw = zlib.decompress(doc.raw_body)
        text_doc = to_text_document(raw, content_type=doc.content_type, url=doc.url,
                                    max_bytes=settings.extract_max_bytes)
        extraction = extractor.extract(text_doc)
    except ExtractionError as exc:
        return fail(document_id, str(exc), extractor.version)
    with session_scope() as s:
        consolidate.lock(s)  # before the row lock: consolidations take the same locks in the same order
        current = s.execute(select(Document).where(Document.id == document_id).with_for_update()).scalar_one()
        if current.status != "pending" or current.content_hash != doc.content_hash:
            return Outcome("skipped")  # finished by another delivery, or replaced by a newer fetch
        outcome = record(s, current, extraction, extractor.version)
        s.add(ExtractionRun(document_id=document_id, extractor_version=extractor.version, outcome=outcome.status,
                            mentions=outcome.awards, seconds=time.perf_counter() - started))
    if current.duplicate_of_id is not None:
        log.info("document %s is a copy of document %s", document_id, current.duplicate_of_id)
    else:
        log.info("document %s extracted: %d awards", document_id, outcome.awards)
    return outcome


def record(s, current: Document, extraction: Extraction, version: str) -> Outcome:
    """Store one reading of a page: its text, then either as a copy of an earlier page or as
    statements consolidated into the records. Runs under the consolidation lock."""
    text_doc = extraction.document
    current.text = text_doc.text
    current.text_hash = dedup.text_hash(text_doc.text)
    current.title = text_doc.title
    current.published = text_doc.published
    current.extracted_version = version
    current.last_error = None
    mine = dedup.fact_set(grouping.signature(extraction).recipients.items())
    original = dedup.find_original(s, current.id, text_doc.text, current.text_hash,
                                   lambda other: _facts_of(s, other) == mine)
    if original is not None:
        current.status, current.duplicate_of_id = "duplicate", original
        consolidate.detach(s, current)
        return Outcome("duplicate")
    current.status, current.duplicate_of_id = "extracted", None
    dedup.store_bands(s, current.id, text_doc.text)
    consolidate.store_extraction(s, current, extraction)
    return Outcome("extracted", len(extraction.awards))


def _facts_of(session, document_id: int) -> set[tuple[str, str]]:
    sig = session.scalar(select(Document.signature).where(Document.id == document_id)) or {}
    return dedup.fact_set(sig.get("recipients", {}).items())


def fail(document_id: int, reason: str, version: str) -> Outcome:
    """Final failure: the document is marked failed with its reason and not tried again."""
    with session_scope() as s:
        consolidate.lock(s)
        doc = s.execute(select(Document).where(Document.id == document_id).with_for_update()).scalar_one_or_none()
        if doc is None:
            return Outcome("skipped")
        doc.status, doc.last_error, doc.extracted_version = "failed", reason, version
        consolidate.detach(s, doc)  # a page that no longer reads keeps no mentions from an older reading
        s.add(ExtractionRun(document_id=document_id, extractor_version=version, outcome="failed", error=reason))
    log.warning("document %s failed: %s", document_id, reason)
    return Outcome("failed", error=reason)


def note_error(document_id: int, reason: str) -> None:
    """A passing error (database, worker): kept on the document, which stays pending for a retry."""
    with session_scope() as s:
        s.execute(update(Document).where(Document.id == document_id).values(last_error=reason[:2000]))
