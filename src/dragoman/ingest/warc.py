"""Reading the HTML responses of a WARC file (plain or gzip per record), one record at a time.

A record that cannot be read (corrupt compression, broken headers) is reported and skipped: reading
resumes at the next record boundary, so one bad record never loses the records after it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .failures import reason_for

HTML_TYPES = {"text/html", "application/xhtml+xml"}
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
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


def warc_pages(path: Path, max_bytes: int) -> Iterator[WarcPage | WarcProblem]:
    """Every HTML response of the archive (and a problem for each record that cannot be read)."""
    from warcio.archiveiterator import ArchiveIterator

    ref = str(path)
    gz = _is_gzip(path)
    start: int | None = 0
    problems = 0
    while start is not None:
        with path.open("rb") as fh:
            fh.seek(start)
            records = ArchiveIterator(fh)
            start = None
            while True:
                at = records.offset
                try:
                    record = next(records)
                    found = _page(record, ref, max_bytes)
                except StopIteration:
                    break
                except Exception as exc:  # noqa: BLE001 - one unreadable record; resume at the next boundary
                    at = max(at, records.offset)
                    problems += 1
                    yield WarcProblem(f"{ref}@{at}", f"unreadable WARC record at byte {at} ({reason_for(exc)})")
                    if problems < MAX_PROBLEMS:
                        start = _next_start(path, at + 1, gz)
                    else:
                        yield WarcProblem(ref, f"gave up after {problems} unreadable records")
                    break
                if found is not None:
                    yield found
