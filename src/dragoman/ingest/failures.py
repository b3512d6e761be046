"""One-line reasons for what goes wrong with one item of an input, whatever raised it."""

from __future__ import annotations

import re
import zlib

_SURROGATES = re.compile("[\ud800-\udfff]")


def reason_for(exc: BaseException) -> str:
    """A short, one-line reason for an exception raised while reading one item."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, MemoryError):
        return "too large to hold in memory"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({_first_line(exc)})"
    if isinstance(exc, UnicodeError):
        return f"invalid text encoding ({_first_line(exc)})"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "number too long"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    line = _SURROGATES.sub("\ufffd", lines[0][:200])
    return "".join(c if c.isprintable() else "?" for c in line)


def clean_text(value: str) -> str:
    """The text with lone surrogates (which no encoder accepts) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)
