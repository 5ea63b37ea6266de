"""Near-duplicate pages (the same article under another URL: AMP and print versions, syndicated
copies with other page furniture): the same extracted text by hash, or nearly the same by MinHash
LSH (`fingerprints.py`). Each page's LSH bands are stored in PostgreSQL, so candidates come from an
index lookup, never from comparing every pair; candidates are then confirmed on their shingles."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Connection

from services.extractor.fingerprints import THRESHOLD, jaccard, shingles
from shared.db import Statement, pg_ints, pg_texts

# Stored pages with one of these text hashes (exact copies) or sharing one of these LSH bands (near
# copies): two indexed lookups for a whole batch of pages, never a scan of all pages
_CANDIDATES = Statement("""
    SELECT id, text_hash, NULL AS band, NULL AS hash FROM documents
    WHERE text_hash = ANY(CAST(:digests AS text[])) AND status = 'extracted'
    UNION ALL
    SELECT b.document_id, NULL, b.band, b.hash
    FROM document_bands AS b
         JOIN unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS u(band, hash)
           ON b.band = u.band AND b.hash = u.hash
         JOIN documents AS d ON d.id = b.document_id AND d.status = 'extracted'""")
_TEXT_OF = Statement("SELECT text FROM documents WHERE id = :doc")
_DROP_BANDS = Statement("DELETE FROM document_bands WHERE document_id = :doc")


class Originals:
    """Where a batch's pages may have been copied from: the stored pages found by one query for the
    whole batch (pages of the batch are pending, so never among them), and the batch's own pages as
    each is recorded (`add`) — what a query per page, made just before recording it, would find."""

    def __init__(self, session: Connection, fingerprints: Iterable[tuple[str, list[tuple[int, int]]]]):
        digests, bands = set(), set()
        for digest, mine in fingerprints:
            digests.add(digest)
            bands.update(mine)
        self.by_digest: dict[str, set[int]] = {}
        self.by_band: dict[tuple[int, int], set[int]] = {}
        if digests:
            for r in _CANDIDATES(session, {"digests": pg_texts(sorted(digests)), "bands": pg_ints(b for b, _ in bands),
                                           "hashes": pg_ints(h for _, h in bands)}):
                if r.text_hash is not None:
                    self.by_digest.setdefault(r.text_hash, set()).add(r.id)
                else:
                    self.by_band.setdefault((r.band, r.hash), set()).add(r.id)

    def add(self, doc_id: int, digest: str, mine: list[tuple[int, int]]) -> None:
        """A page of the batch now recorded as read (not a copy): a candidate for the pages after it."""
        self.by_digest.setdefault(digest, set()).add(doc_id)
        for band in mine:
            self.by_band.setdefault(band, set()).add(doc_id)

    def candidates(self, doc_id: int, digest: str, mine: list[tuple[int, int]]) -> list[tuple[int, bool]]:
        """(page, same text) for every candidate, exact copies first, each in id order."""
        exact = self.by_digest.get(digest, set()) - {doc_id}
        near = set().union(*(self.by_band.get(band, ()) for band in mine)) - exact - {doc_id}
        return [(i, True) for i in sorted(exact)] + [(i, False) for i in sorted(near)]


def find_original(session: Connection, doc_id: int, text: str, digest: str, mine: list[tuple[int, int]],
                  same_facts: Callable[[int], bool], known: Originals) -> int | None:
    """The earlier page this one duplicates, if any: same text, or nearly the same text (sharing an
    LSH band, then confirmed on shingles) with the same award facts (a copy that changes an amount
    is a correction, not a duplicate). Candidates' texts are read only when there are some."""
    rows = known.candidates(doc_id, digest, mine)
    if rows and rows[0][1]:
        return rows[0][0]
    own = shingles(text) if rows else set()
    for cand, _ in rows:
        row = _TEXT_OF.first(session, {"doc": cand})
        other = row.text if row else None
        if other and jaccard(own, shingles(other)) >= THRESHOLD and same_facts(cand):
            return cand
    return None


def drop_bands(session: Connection, doc_id: int) -> None:
    """Forget a page's bands (before its new reading's are stored with its row)."""
    _DROP_BANDS(session, {"doc": doc_id})
