"""Near-duplicate pages (the same article under another URL: AMP and print versions, syndicated
copies with other page furniture): the same extracted text by hash, or nearly the same by MinHash
LSH. Each page's LSH bands are stored in PostgreSQL, so candidates come from an index lookup, never
from comparing every pair; candidates are then confirmed on their shingles."""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection

from shared.db import Statement, pg_ints, pg_texts

SHINGLE = 5
BANDS, ROWS = 16, 8          # 128 permutations; pages about 70% alike or more share a band
THRESHOLD = 0.85             # shingle Jaccard above which two pages are one article


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def text_hash(text: str) -> str:
    return _digest(words(text))


def _digest(w: list[str]) -> str:
    return hashlib.sha256(" ".join(w).encode()).hexdigest()


def fingerprint(text: str) -> tuple[str, list[tuple[int, int]]]:
    """A page's text hash (exact copies) and LSH bands (near copies), from one pass over its words."""
    w = words(text)
    return _digest(w), _bands(w)


def shingles(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}


_PERMUTATIONS = MinHash(num_perm=BANDS * ROWS, seed=7, scheme="affine32").permutations  # drawn once
# odd 64-bit multipliers, one per word position in a shingle
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                 0xFF51AFD7ED558CCD][:SHINGLE], dtype=np.uint64)


def shingle_hashes(w: list[str]) -> np.ndarray:
    """32-bit hashes of a text's shingles (SHINGLE words in a row), all at once: each word is hashed
    once (CRC-32) and a shingle's hash mixed from its words' (wrapping 64-bit multiply-add, top 32
    bits), rather than hashing every shingle's string on its own."""
    w = w or [""]
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, w)), dtype=np.uint64, count=len(w))
    if len(w) < SHINGLE:  # one shingle of the whole text
        word_hashes = np.concatenate([word_hashes, np.zeros(SHINGLE - len(w), dtype=np.uint64)])
    n = len(word_hashes) - SHINGLE + 1
    mixed = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):
        mixed += word_hashes[j:j + n] * _MIX[j]
    return np.unique(mixed >> np.uint64(32))


def bands(text: str) -> list[tuple[int, int]]:
    """The page's LSH bands: a MinHash of its shingles (BANDS x ROWS permutations), each band's
    rows hashed to one 64-bit value."""
    return _bands(words(text))


def _bands(w: list[str]) -> list[tuple[int, int]]:
    mh = MinHash(num_perm=BANDS * ROWS, seed=7, hashfunc=int, permutations=_PERMUTATIONS, scheme="affine32")
    mh.update_batch(shingle_hashes(w).tolist())
    out = []
    for b in range(BANDS):
        chunk = mh.hashvalues[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append((b, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


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


def fact_set(pairs: Iterable[tuple[str, object]]) -> set[tuple[str, str]]:
    return {(k, str(v) if v is not None else "") for k, v in pairs}
