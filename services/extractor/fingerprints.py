"""Fingerprints of a page's text, for finding copies (no SQL here: `dedup.py` looks them up): the
hash of its words (exact copies), MinHash LSH bands of its shingles (near copies), and the shingle
Jaccard that confirms a near copy. The values are the same in every process: they are stored and
compared across workers and restarts.

Two likenesses are told apart: one article (shingle Jaccard of THRESHOLD or more: the same text
under other page furniture), and a near copy (a syndicated text with a sentence or two added or
left out: most of the shorter page is in the other, and the two share at least half their
shingles), which repeats its original's statements but may make some of its own."""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

SHINGLE = 5
BANDS, ROWS = 16, 8          # 128 permutations; pages about 70% alike or more share a band
THRESHOLD = 0.85             # shingle Jaccard above which two pages are one article
CONTAINED = 0.8              # a near copy: this share of the shorter page's shingles is in the other ...
SHARED = 0.5                 # ... and the two share at least this share of all their shingles


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


def near_copy(a: set[str], b: set[str]) -> bool:
    """Whether one page's shingles are a near copy of another's: the shorter nearly all in the
    longer (a sentence or two added or left out), and most of the two in common (a short quote in
    a long roundup is not a copy of the roundup's source)."""
    if not a or not b:
        return False
    common = len(a & b)
    return common >= CONTAINED * min(len(a), len(b)) and common >= SHARED * len(a | b)


def fact_set(pairs: Iterable[tuple[str, object]]) -> set[tuple[str, str]]:
    """A page's award facts (recipient key, amount) as comparable strings."""
    return {(k, str(v) if v is not None else "") for k, v in pairs}
