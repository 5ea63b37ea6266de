"""Near-duplicate pages (the same article under another URL: AMP and print versions, syndicated
copies with other page furniture): the same extracted text by hash, or nearly the same by MinHash
LSH (`fingerprints.py`). Each page's LSH bands are stored in PostgreSQL, so candidates come from an
index lookup, never from comparing every pair; candidates are then confirmed on their shingles.

A short syndicated article with a sentence added shares too few shingles for its bands to be sure
to meet its original's, so pages stating one of the same award facts (recipient and amount, an
indexed lookup too: the latest FACT_CANDIDATES pages of each fact, and of those the FACT_CANDIDATES
sharing most of a page's facts) are candidates as well."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection

from services.extractor import grouping
from services.extractor.fingerprints import THRESHOLD, jaccard, near_copy, shingles
from shared.db import Statement, pg_ints, pg_texts
from shared.domain import Extraction

Fact = tuple[str, Decimal]   # a recipient key and an amount stated for it
FACT_CANDIDATES = 8          # pages stating the same facts that are compared with a page (of each fact, in all)


def facts_stated(extraction: Extraction) -> set[Fact]:
    """The award facts (recipient key, amount) a reading states, for finding the pages it may copy."""
    return {(grouping.recipient_key(a.recipient, a.recipient_org_id), a.amount)
            for a in extraction.awards if a.amount is not None}


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
# Stored pages stating one of these facts: the latest FACT_CANDIDATES of each, by the mentions index
_STATING = Statement(f"""
    SELECT f.key, f.amount, s.document_id
    FROM unnest(CAST(:keys AS text[]), CAST(:amounts AS numeric[])) AS f(key, amount)
         CROSS JOIN LATERAL (
             SELECT DISTINCT m.document_id FROM mentions AS m
             JOIN documents AS d ON d.id = m.document_id AND d.status = 'extracted'
             WHERE m.recipient_key = f.key
               AND CASE WHEN jsonb_typeof(m.values -> 'amount') = 'number'
                        THEN CAST(m.values ->> 'amount' AS numeric) END = f.amount
             ORDER BY m.document_id DESC LIMIT {FACT_CANDIDATES}) AS s""")
_TEXT_OF = Statement("SELECT text FROM documents WHERE id = :doc")
_DROP_BANDS = Statement("DELETE FROM document_bands WHERE document_id = :doc")


class Originals:
    """Where a batch's pages may have been copied from: the stored pages found by one query for the
    whole batch (pages of the batch are pending, so never among them), and the batch's own pages as
    each is recorded (`add`) — what a query per page, made just before recording it, would find."""

    def __init__(self, session: Connection, fingerprints: Iterable[tuple[str, list[tuple[int, int]]]],
                 facts: Iterable[set[Fact]] = ()):
        digests, bands = set(), set()
        for digest, mine in fingerprints:
            digests.add(digest)
            bands.update(mine)
        self.by_digest: dict[str, set[int]] = {}
        self.by_band: dict[tuple[int, int], set[int]] = {}
        self.by_fact: dict[Fact, set[int]] = {}
        stated = sorted(set().union(*facts))
        if stated:
            for r in _STATING(session, {"keys": pg_texts(k for k, _ in stated), "amounts": pg_texts(str(a) for _, a in stated)}):
                self.by_fact.setdefault((r.key, r.amount), set()).add(r.document_id)
        if digests:
            for r in _CANDIDATES(session, {"digests": pg_texts(sorted(digests)), "bands": pg_ints(b for b, _ in bands),
                                           "hashes": pg_ints(h for _, h in bands)}):
                if r.text_hash is not None:
                    self.by_digest.setdefault(r.text_hash, set()).add(r.id)
                else:
                    self.by_band.setdefault((r.band, r.hash), set()).add(r.id)

    def add(self, doc_id: int, digest: str, mine: list[tuple[int, int]], facts: set[Fact] = frozenset()) -> None:
        """A page of the batch now recorded as read (not a copy): a candidate for the pages after it."""
        self.by_digest.setdefault(digest, set()).add(doc_id)
        for band in mine:
            self.by_band.setdefault(band, set()).add(doc_id)
        for fact in facts:
            self.by_fact.setdefault(fact, set()).add(doc_id)

    def candidates(self, doc_id: int, digest: str, mine: list[tuple[int, int]],
                   facts: set[Fact] = frozenset()) -> list[tuple[int, bool]]:
        """(page, same text) for every candidate, exact copies first, each in id order."""
        exact = self.by_digest.get(digest, set()) - {doc_id}
        near = set().union(*(self.by_band.get(band, ()) for band in mine)) - exact - {doc_id}
        # the pages stating most of the same facts (a long list shares facts with many pages)
        sharing = Counter(i for fact in facts for i in self.by_fact.get(fact, ()) if i not in near | exact | {doc_id})
        near |= {i for i, _ in sorted(sharing.items(), key=lambda c: (-c[1], -c[0]))[:FACT_CANDIDATES]}
        return [(i, True) for i in sorted(exact)] + [(i, False) for i in sorted(near)]


@dataclass(frozen=True)
class Original:
    """The earlier page a page copies: `same` when it is the same article with the same award facts
    (the page is then only a copy), otherwise a near copy whose own statements still count."""

    id: int
    same: bool


def find_original(session: Connection, doc_id: int, text: str, digest: str, mine: list[tuple[int, int]],
                  same_facts: Callable[[int], bool], known: Originals,
                  facts: set[Fact] = frozenset()) -> Original | None:
    """The earlier page this one copies, if any: the same text, or nearly the same text (sharing an
    LSH band or an award fact, then confirmed on shingles: one article, or a near copy) with the
    same award facts: only a copy (one that changes an amount or adds one is not); else the first
    page it is a near copy of. Candidates' texts are read only when there are some."""
    rows = known.candidates(doc_id, digest, mine, facts)
    if rows and rows[0][1]:
        return Original(rows[0][0], True)
    own = shingles(text) if rows else set()
    near = None
    for cand, _ in rows:
        row = _TEXT_OF.first(session, {"doc": cand})
        theirs = shingles(row.text) if row and row.text else set()
        if not theirs or not (jaccard(own, theirs) >= THRESHOLD or near_copy(own, theirs)):
            continue
        if same_facts(cand):
            return Original(cand, True)
        near = near or Original(cand, False)
    return near


def drop_bands(session: Connection, doc_id: int) -> None:
    """Forget a page's bands (before its new reading's are stored with its row)."""
    _DROP_BANDS(session, {"doc": doc_id})
