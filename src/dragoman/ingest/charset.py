"""Decoding a fetched page whose declared charset may be wrong: bytes are sniffed, not trusted."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_WIDE = ("utf-16", "utf-32", "utf16", "utf32", "ucs-2", "ucs2")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _wide_plausible(content: bytes) -> bool:
    # markup written in UTF-16 or UTF-32 has NUL bytes beside every ASCII character
    return content[:4096].count(b"\x00") >= len(content[:4096]) // 4


def decode_page(content: bytes, declared: str | None) -> str:
    """The page's text. Order: a byte-order mark; valid UTF-8 (a page that is valid UTF-8 is UTF-8,
    whatever the header says); the declared charset when the bytes fit it; the page's own
    <meta charset>; a statistical guess; UTF-8 with replacement characters."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content.decode(name, "replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = content[:4096]
    meta = _META.search(head)
    for name in (_codec(declared), _codec(meta.group(1).decode("ascii")) if meta else None):
        if not name or name.startswith("utf-8"):
            continue
        if name.startswith(_WIDE) and not _wide_plausible(content):
            continue
        try:
            return content.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:200_000]).best()
        if best is not None and best.encoding:
            return content.decode(best.encoding, "replace")
    except (ImportError, LookupError, ValueError):
        pass
    return content.decode("utf-8", "replace")
