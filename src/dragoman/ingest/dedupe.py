"""Exact and near-duplicate detection: content hashes and MinHash LSH (datasketch).

Band buckets are stored in the database, so the index is persistent, incremental
and shared by every process that opens the store.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs with Jaccard >= ~0.4 become candidates
ROWS = NUM_PERM // BANDS
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"
# CRC-32 (C speed) hashes each shingle: MinHash needs a fixed, well-mixed 32-bit hash, not a
# cryptographic one, and datasketch's default SHA-1 was a third of ingestion's own cost.
_HASH = zlib.crc32
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, hashfunc=_HASH).permutations


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """Hash of the text with case, punctuation and spacing folded."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    """MinHash signature of a text's word 3-shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_PERMUTATIONS, scheme=SCHEME, hashfunc=_HASH)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32).copy()
    return MinHash(num_perm=len(values), seed=7, hashvalues=values, permutations=_PERMUTATIONS, scheme=SCHEME,
                   hashfunc=_HASH)


def band_buckets(m: MinHash) -> list[int]:
    """One signed 64-bit key per band of the signature, for the LSH index (band number mixed in)."""
    values = np.asarray(m.hashvalues, dtype=np.uint32)
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8,
                                 salt=band.to_bytes(2, "little")).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(a.jaccard(b))
