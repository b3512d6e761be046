"""`dragoman extract`: a pure function from articles to the dragoman/1 JSON format (no database)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from .app import app, check_published, err, fail, state


def _items(inputs: list[str], published: str | None, url: str | None, title: str | None) -> Iterator:
    from ..extract import InputDoc

    for ref in inputs or ["-"]:
        if ref == "-":
            data = sys.stdin.read()
            yield InputDoc(text=data, id=None, published=published, url=url, title=title)
            continue
        path = Path(ref)
        try:
            data = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            err.print(f"dragoman: {ref}: cannot read ({exc.__class__.__name__}: {exc})", highlight=False,
                      markup=False)
            yield InputDoc(text="", id=ref)
            continue
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            for lineno, line in enumerate(data.splitlines(), 1):
                if not line.strip():
                    continue
                ident = f"{ref}:{lineno}"
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not a JSON object")
                except (json.JSONDecodeError, ValueError) as exc:
                    err.print(f"dragoman: {ident}: invalid JSON line ({exc})", highlight=False, markup=False)
                    yield InputDoc(text="", id=ident)
                    continue
                pub = obj.get("published") or published
                yield InputDoc(text=obj.get("text") if isinstance(obj.get("text"), str) else None,
                               html=obj.get("html") if isinstance(obj.get("html"), str) else None,
                               id=str(obj["id"]) if obj.get("id") is not None else ident,
                               published=str(pub) if pub else None, url=obj.get("url") or url,
                               title=obj.get("title") or title)
        else:
            yield InputDoc(text=data, id=ref, published=published, url=url, title=title)


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(None, help="Files (.txt .md .html .jsonl) or - for standard input."),
    published: str | None = typer.Option(None, "--published", help="Publication date for inputs without one."),
    url: str | None = typer.Option(None, "--url", help="The article's URL."),
    title: str | None = typer.Option(None, "--title", help="The article's title."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, json or md."),
) -> None:
    """Code articles into events, quotes and times (the dragoman/1 format); touches no database."""
    from ..extract import Extractor
    from ..nlp.pipeline import ModelNotInstalled

    if fmt not in ("jsonl", "json", "md"):
        fail(f"--format {fmt!r}: expected jsonl, json or md")
    check_published(published, state(ctx).settings)
    try:
        extractor = Extractor(model=state(ctx).settings.spacy_model,
                              max_chars=state(ctx).settings.max_article_chars)
    except ModelNotInstalled as exc:
        fail(str(exc))
    docs = (x.doc for x in extractor.extract_stream(_items(inputs, published, url, title)))
    if fmt == "json":
        out = [d.to_dict() for d in docs]
        sys.stdout.write(json.dumps(out if len(out) != 1 else out[0], ensure_ascii=False, indent=2) + "\n")
        return
    for d in docs:
        if d.error:
            err.print(f"dragoman: {d.id or 'input'}: {d.error}", highlight=False, markup=False)
        if fmt == "md":
            from ..briefs.extract_md import extract_markdown

            sys.stdout.write(extract_markdown(d) + "\n")
        else:
            sys.stdout.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
