"""Reading a JSON-lines file as a stream of lines, with a length limit per line (bounded memory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

_CHUNK = 1 << 20


class LineError(ValueError):
    """A line that cannot be read (too long, not UTF-8); the message says why."""


def read_lines(path: Path, max_line_bytes: int) -> Iterator[tuple[int, str | LineError]]:
    """(line number, text) for each line; a LineError in place of the text of a line that is too long
    or not UTF-8 (that line is skipped to its end, the next one is read)."""
    with path.open("rb") as fh:
        lineno = 0
        while True:
            raw = fh.readline(max_line_bytes + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while raw and not raw.endswith(b"\n"):  # skip the rest of this line
                    raw = fh.readline(_CHUNK)
                    size += len(raw)
                yield lineno, LineError(f"line too long ({size} bytes > limit {max_line_bytes})")
                continue
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, LineError(f"undecodable bytes (not UTF-8 at byte {exc.start} of the line)")
