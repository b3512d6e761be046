"""The Jinja2 environment (autoescape on) and the filters templates share."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..briefs.names import code_name
from ..events.describe import format_date
from ..ingest.urls import safe_url
from ..store.fulltext import HIGHLIGHT_END, HIGHLIGHT_START

TEMPLATES = Path(__file__).parent / "templates"
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet: escaped first, then the store's highlight markers become <mark>."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>"))


def when(value: str | None, precision: str | None = "day") -> str:
    return format_date(value, precision or ("day" if value and len(value) >= 10 else None)) or "date unknown"


def actor_label(row: dict[str, Any], prefix: str) -> str:
    """How an event row names one of its actors: name, else the article's words, else the code."""
    return row.get(f"{prefix}_name") or row.get(f"{prefix}_text") or row.get(f"{prefix}_code") or "—"


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """'?a=1&b=2' of params with changes applied (None drops a key)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else ""


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_url=safe_url,
        snippet=snippet_html,
        when=when,
        code_name=code_name,
        quad=lambda q: QUAD_CLASSES.get(q or 0, "—"),
    )
    env.globals.update(actor_label=actor_label, query_string=query_string, QUAD_CLASSES=QUAD_CLASSES)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
