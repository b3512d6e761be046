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
    except json.JSONDecodeError:
        return False


def _jsonl_docs(data: str, ref: str, published: str | None, url: str | None, title: str | None) -> Iterator:
    from ..extract import InputDoc

    for lineno, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        ident = f"{ref}:{lineno}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
        except (json.JSONDecodeError, ValueError) as exc:
            report(f"{ident}: invalid JSON line ({exc})")
            yield InputDoc(text="", id=ident)
            continue
        pub = obj.get("published") or published
        yield InputDoc(text=obj.get("text") if isinstance(obj.get("text"), str) else None,
                       html=obj.get("html") if isinstance(obj.get("html"), str) else None,
                       id=str(obj["id"]) if obj.get("id") is not None else ident,
                       published=str(pub) if pub else None, url=obj.get("url") or url,
                       title=obj.get("title") or title)


def _items(inputs: list[str], kind: str, published: str | None, url: str | None, title: str | None) -> Iterator:
    from ..extract import InputDoc

    for ref in inputs or ["-"]:
        if ref == "-":
            data, name = sys.stdin.read(), "stdin"
            jsonl = kind == "jsonl" or (kind == "auto" and looks_like_jsonl(data))
        else:
            name = ref
            try:
                data = Path(ref).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                report(f"{ref}: cannot read ({exc.__class__.__name__}: {exc})")
                yield InputDoc(text="", id=ref)
                continue
            jsonl = kind == "jsonl" or (kind == "auto" and Path(ref).suffix.lower() in (".jsonl", ".ndjson"))
        if jsonl:
            yield from _jsonl_docs(data, name, published, url, title)
        else:
            yield InputDoc(text=data, id=None if ref == "-" else ref, published=published, url=url, title=title)


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
    check_published(published)
    settings = state(ctx).settings
    try:
        extractor = Extractor(model=settings.spacy_model, max_chars=settings.max_article_chars)
    except ModelNotInstalled as exc:
        fail(str(exc))
    docs = (x.doc for x in extractor.extract_stream(_items(inputs, as_kind, published, url, title)))
    if fmt == "json":
        out = [d.to_dict() for d in docs]
        sys.stdout.write(json.dumps(out if len(out) != 1 else out[0], ensure_ascii=False, indent=2) + "\n")
        return
    for d in docs:
        if d.error:
            report(f"{d.id or 'input'}: {d.error}")
        if fmt == "md":
            from ..briefs.extract_md import extract_markdown

            sys.stdout.write(extract_markdown(d) + "\n")
        else:
            sys.stdout.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
