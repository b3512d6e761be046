"""`dragoman extract`: a pure function from articles to the dragoman/1 JSON format (no database)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from .app import app, check_published, state
from .errors import fail, report, usage_error
from .output import choose

INPUT_KINDS = ("auto", "text", "jsonl")


def looks_like_jsonl(data: str) -> bool:
    """Standard input is JSON lines when its first non-blank line is a JSON object."""
    first = next((line for line in data.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def clean_text(text: str) -> str:
    from ..ingest.failures import clean_text as clean  # lazy: --help and --version stay light

    return clean(text)


def _say(ref: str, reason: str) -> None:
    report(f"{clean_text(ref)}: {clean_text(reason)}")


def _text(value) -> str | None:
    return clean_text(value) if isinstance(value, str) else None


def _json_doc(line: str, ident: str, published: str | None, url: str | None, title: str | None):
    """The InputDoc of one JSON line; ValueError (with the reason) when the line is no article."""
    from ..extract import InputDoc
    from ..ingest.failures import reason_for
    from ..ingest.urls import is_http_url

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON line ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # a 4,300-digit integer, a 100k-deep array
        raise ValueError(f"invalid JSON line ({reason_for(exc)})") from None
    if not isinstance(obj, dict):
        raise ValueError("invalid JSON line (not a JSON object)")
    pub = obj.get("published")
    pub = pub if isinstance(pub, str) and pub.strip() else published
    ident_value = obj.get("id")
    if isinstance(ident_value, (str, int)) and not isinstance(ident_value, bool) and len(str(ident_value)) <= 200:
        ident = clean_text(str(ident_value))
    given_url = _text(obj.get("url"))
    return InputDoc(text=_text(obj.get("text")), html=_text(obj.get("html")), id=ident,
                    published=_text(pub), url=given_url if is_http_url(given_url) else url,
                    title=_text(obj.get("title")) or title)


def _jsonl_lines(lines, ref: str, published: str | None, url: str | None, title: str | None) -> Iterator:
    """One InputDoc per JSON line; a bad line is reported and stands as an empty document."""
    from ..extract import InputDoc

    for lineno, line in lines:
        ident = f"{ref}:{lineno}"
        if isinstance(line, str) and not line.strip():
            continue
        try:
            if not isinstance(line, str):
                raise line  # the line reader's reason (too long, undecodable)
            yield _json_doc(line, ident, published, url, title)
        except ValueError as exc:
            _say(ident, str(exc))
            yield InputDoc(text="", id=ident)


def _items(inputs: list[str], kind: str, published: str | None, url: str | None, title: str | None,
           max_bytes: int) -> Iterator:
    """One InputDoc per input (per line of JSON lines); an input that cannot be read is reported on stderr and
    stands as an empty document, so the rest of the batch goes on."""
    from ..extract import InputDoc
    from ..ingest.linereader import read_lines
    from ..ingest.urls import is_http_url

    url = url if is_http_url(url) else None
    for ref in inputs or ["-"]:
        try:
            if ref == "-":
                raw = sys.stdin.buffer.read(max_bytes + 1)
                if len(raw) > max_bytes:
                    raise ValueError(f"input too large (more than {max_bytes} bytes)")
                data = clean_text(raw.decode("utf-8-sig"))
                if kind == "jsonl" or (kind == "auto" and looks_like_jsonl(data)):
                    yield from _jsonl_lines(enumerate(data.splitlines(), 1), "stdin", published, url, title)
                else:
                    yield InputDoc(text=data, id=None, published=published, url=url, title=title)
                continue
            path = Path(ref)
            if kind == "jsonl" or (kind == "auto" and path.suffix.lower() in (".jsonl", ".ndjson")):
                yield from _jsonl_lines(read_lines(path, max_bytes), ref, published, url, title)
                continue
            size = path.stat().st_size
            if size > max_bytes:
                raise ValueError(f"file too large ({size} bytes > limit {max_bytes})")
            data = clean_text(path.read_text(encoding="utf-8-sig"))
            yield InputDoc(text=data, id=ref, published=published, url=url, title=title)
        except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
            plain = isinstance(exc, ValueError) and not isinstance(exc, UnicodeError)
            _say(ref, f"cannot read ({exc if plain else f'{exc.__class__.__name__}: {exc}'})")
            yield InputDoc(text="", id=None if ref == "-" else ref)


def _write(line: str) -> None:
    try:
        sys.stdout.write(clean_text(line) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`dragoman extract ... | head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(None, help="Files (.txt .md .html .jsonl) or - for standard input."),
    published: str | None = typer.Option(None, "--published", help="Publication date for inputs without one."),
    url: str | None = typer.Option(None, "--url", help="The article's URL."),
    title: str | None = typer.Option(None, "--title", help="The article's title."),
    as_kind: str = typer.Option("auto", "--as", help="auto (JSON lines when a file ends .jsonl or standard "
                                "input starts with a JSON object), text or jsonl."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, json or md."),
) -> None:
    """Code articles into events, quotes and times (the dragoman/1 format); touches no database.

    JSON lines in (one object per article: text or html, and optionally id, published, url, title)
    give JSON lines out, one document per input line; a bad line is reported and gives an empty
    document, and the batch goes on.
    """
    from ..extract import Extractor
    from ..nlp.pipeline import ModelNotInstalled

    fmt = choose(fmt, choices=("jsonl", "json", "md"))
    if as_kind not in INPUT_KINDS:
        usage_error(f"--as {as_kind!r}: expected {', '.join(INPUT_KINDS)}")
    settings = state(ctx).settings
    check_published(published, settings)
    try:
        extractor = Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars)
    except ModelNotInstalled as exc:
        fail(str(exc))
    items = _items(inputs, as_kind, published, url, title, settings.max_file_bytes)
    docs = (x.doc for x in extractor.extract_stream(items))
    if fmt == "json":
        out = [d.to_dict() for d in docs]
        _write(json.dumps(out if len(out) != 1 else out[0], ensure_ascii=False, indent=2))
        return
    for d in docs:
        if d.error:
            _say(d.id or "input", d.error)
        if fmt == "md":
            from ..briefs.extract_md import extract_markdown

            _write(extract_markdown(d))
        else:
            _write(json.dumps(d.to_dict(), ensure_ascii=False))
