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

from shared.db import Statement, pg_array

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


# Earlier pages with the same text hash (exact) or sharing an LSH band (near): two indexed lookups,
# never a scan of all pages
_CANDIDATES = Statement("""
    SELECT id, true AS exact FROM documents WHERE text_hash = :digest AND id <> :doc AND status = 'extracted'
    UNION ALL
    SELECT id, false FROM documents
    WHERE id IN (SELECT document_id FROM document_bands
                 JOIN unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS u(b, h)
                   ON band = u.b AND hash = u.h)
      AND id <> :doc AND status = 'extracted'""")
_TEXT_OF = Statement("SELECT text FROM documents WHERE id = :doc")
_DROP_BANDS = Statement("DELETE FROM document_bands WHERE document_id = :doc")


def find_original(session: Connection, doc_id: int, text: str, digest: str, mine: list[tuple[int, int]],
                  same_facts: Callable[[int], bool]) -> int | None:
    """The earlier page this one duplicates, if any: same text, or nearly the same text (sharing an
    LSH band, then confirmed on shingles) with the same award facts (a copy that changes an amount
    is a correction, not a duplicate). One indexed query; candidates' texts only when there are some."""
    found = _CANDIDATES(session, {"doc": doc_id, "digest": digest, "bands": pg_array(b for b, _ in mine),
                                  "hashes": pg_array(h for _, h in mine)})
    rows = sorted({(r.id, r.exact) for r in found}, key=lambda r: (not r[1], r[0]))
    exact = [r[0] for r in rows if r[1]]
    if exact:
        return exact[0]
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
