"""Reading the HTML responses of a WARC file (plain, or gzip per record), one record at a time.

dragoman finds the record boundaries itself (each gzip member; each plain record's Content-Length,
checked against the blank lines that must follow it) and gives warcio one record at a time, so a
corrupt member or a wrong Content-Length costs that record only: reading resumes at the next record
boundary, and no record can swallow the ones after it."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .failures import reason_for

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d{1,15})[ \t]*\r?$")
_CHUNK = 1 << 16
_HEADER_MAX = 65536
MAX_PROBLEMS = 1000  # a file that is mostly garbage is given up after this many unreadable records


@dataclass
class WarcPage:
    """One HTML response: where it is in the file, its target URI, the payload and the capture date."""

    ref: str
    uri: str
    payload: bytes
    fetched: str | None


@dataclass
class WarcProblem:
    """A record (or the whole file) that could not be read, with a one-line reason."""

    ref: str
    reason: str


class _Broken(ValueError):
    """A record whose framing is wrong; the message says how."""


class _Skipped(_Broken):
    """A well-framed record that is not read (too large): the next one starts `used` bytes on."""

    def __init__(self, reason: str, used: int):
        super().__init__(reason)
        self.used = used


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _next_start(path: Path, after: int, gz: bool) -> int | None:
    """The offset of the next record boundary after `after`, or None at the end of the file."""
    magic = _GZIP_MAGIC if gz else b"\n" + _WARC_MAGIC
    with path.open("rb") as fh:
        fh.seek(after)
        pos, tail = after, b""
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            found = data.find(magic)
            if found >= 0:
                return pos - len(tail) + found + (0 if gz else 1)
            tail = data[-(len(magic) - 1):]
            pos += len(chunk)
    return None


def _gzip_member(fh, start: int, limit: int) -> tuple[bytes, int]:
    """(the decompressed member at `start`, its compressed length); _Broken or zlib.error when unreadable."""
    fh.seek(start)
    unzip = zlib.decompressobj(wbits=31)
    out = bytearray()
    used = 0
    while not unzip.eof:
        chunk = fh.read(_CHUNK)
        if not chunk:
            raise _Broken("truncated compressed record")
        out += unzip.decompress(chunk)
        used += len(chunk) - len(unzip.unused_data)
        if len(out) > limit:
            raise _Broken(f"record too large (more than {limit} bytes)")
    return bytes(out), used


def _plain_record(fh, start: int, limit: int) -> tuple[bytes, int]:
    """(the record at `start`, its length with the blank lines after it); _Broken when unreadable."""
    fh.seek(start)
    head = fh.read(_HEADER_MAX)
    end = head.find(b"\r\n\r\n")
    if not head.startswith(b"WARC/") or end < 0:
        raise _Broken("no WARC record header")
    m = _LENGTH.search(head, 0, end + 2)
    if m is None:
        raise _Broken("no Content-Length in the record header")
    total = end + 4 + int(m.group(1))
    if total > limit:
        fh.seek(start + total)
        after = fh.read(4)
        if not after or after.startswith(b"\r\n"):
            raise _Skipped(f"record too large ({total} bytes > limit {limit})", total + len(after))
        raise _Broken("Content-Length does not match the record")
    fh.seek(start)
    record = fh.read(total)
    after = fh.read(4)
    if len(record) < total:
        raise _Broken("truncated record")
    if after and not after.startswith(b"\r\n"):
        raise _Broken("Content-Length does not match the record")
    skip = 4 if after == b"\r\n\r\n" else len(after) if not after.strip() else 2
    return record, total + skip


def _records(path: Path, limit: int) -> Iterator[tuple[int, bytes | Exception]]:
    """(offset, raw record) for each record of the file; (offset, the error) for one that cannot be read."""
    gz = _is_gzip(path)
    size = path.stat().st_size
    start: int | None = 0
    problems = 0
    with path.open("rb") as fh:
        while start is not None and start < size:
            try:
                data, used = (_gzip_member if gz else _plain_record)(fh, start, limit)
            except _Skipped as exc:
                yield start, exc
                start += exc.used
                continue
            except (zlib.error, _Broken, ValueError, OSError) as exc:
                problems += 1
                yield start, exc
                if problems >= MAX_PROBLEMS:
                    yield start, _Broken(f"gave up after {problems} unreadable records")
                    return
                start = _next_start(path, start + 1, gz)
                continue
            yield start, data
            start += used
            if not gz:  # blank lines between plain records
                fh.seek(start)
                while fh.read(1) in (b"\r", b"\n"):
                    start += 1


def _page(record, ref: str, max_bytes: int) -> WarcPage | WarcProblem | None:
    if record.rec_type != "response":
        return None
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    item_ref = f"{ref}#{uri or 'record-without-target-uri'}"
    http = record.http_headers
    status = http.get_statuscode() if http else None
    ctype = (http.get_header("Content-Type") or "") if http else ""
    if status and not str(status).startswith("2"):
        return None
    if ctype and ctype.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return WarcProblem(item_ref, "page too large")
    return WarcPage(item_ref, uri, payload, record.rec_headers.get_header("WARC-Date"))


def _why(exc: Exception) -> str:
    # warcio quotes the record's first line, which is binary garbage when the record is: keep its words
    if type(exc).__name__ == "ArchiveLoadFailed":
        return str(exc).split(",", 1)[0].strip() or "not a WARC record"
    return str(exc) if isinstance(exc, _Broken) else reason_for(exc)


def warc_pages(path: Path, max_bytes: int) -> Iterator[WarcPage | WarcProblem]:
    """Every HTML response of the archive (and a problem for each record that cannot be read)."""
    from warcio.archiveiterator import ArchiveIterator

    ref = str(path)
    limit = max_bytes + _HEADER_MAX
    for offset, raw in _records(path, limit):
        if isinstance(raw, Exception):
            yield WarcProblem(f"{ref}@{offset}", f"unreadable WARC record at byte {offset} ({_why(raw)})")
            continue
        try:
            for record in ArchiveIterator(io.BytesIO(raw)):
                found = _page(record, ref, max_bytes)
                if found is not None:
                    yield found
        except Exception as exc:  # noqa: BLE001 - this record's fault, not the archive's
            yield WarcProblem(f"{ref}@{offset}", f"unreadable WARC record at byte {offset} ({_why(exc)})")
