"""An article's text as HTML with its actors, event triggers, quotes and times highlighted.

The text is cut at every stored offset; each piece is escaped on its own and wrapped in an element
whose class names and title this module chooses, so no article text is ever inserted raw. Spans may
nest or overlap: each piece carries the classes of every span it lies in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # source | target | trigger | quote | time
    label: str
    mention_id: int | None = None


def _spans(text_len: int, extraction: dict[str, list[dict[str, Any]]]) -> list[Span]:
    spans: list[Span] = []

    def add(start: Any, end: Any, kind: str, label: str, mention_id: int | None = None) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= text_len:
            spans.append(Span(start, end, kind, label, mention_id))

    for m in extraction.get("mentions", []):
        event = f"event: {m['code']} {m.get('name') or ''}".strip()
        add(m.get("trigger_start"), m.get("trigger_end"), "trigger", event, m["id"])
        for side in ("source", "target"):
            who = m.get(f"{side}_name") or m.get(f"{side}_text") or ""
            code = m.get(f"{side}_code")
            add(
                m.get(f"{side}_start"),
                m.get(f"{side}_end"),
                side,
                f"{side}: {who}" + (f" [{code}]" if code else ""),
            )
    for q in extraction.get("quotes", []):
        speaker = q.get("speaker_name") or q.get("speaker_text")
        add(
            q.get("start"),
            q.get("end"),
            "quote",
            f"quote ({q.get('kind') or 'direct'})" + (f" by {speaker}" if speaker else ""),
        )
    for t in extraction.get("times", []):
        add(t.get("start"), t.get("end"), "time", f"time: {t.get('value') or t.get('text') or ''}")
    return spans


def _blocks(text: str, blocks: list | None) -> list[tuple[str, int, int]]:
    out = []
    for b in blocks or []:
        try:
            kind, start, end = b[0], int(b[1]), int(b[2])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= len(text):
            out.append(("heading" if kind == "heading" else "paragraph", start, end))
    if out:
        return out
    pos = 0
    for part in re.split(r"(\n\s*\n)", text):  # no stored blocks: paragraphs at blank lines
        if part.strip() and not re.fullmatch(r"\n\s*\n", part):
            out.append(("paragraph", pos, pos + len(part)))
        pos += len(part)
    return out


def _piece(text: str, active: list[Span]) -> Markup:
    body = escape(text)
    if not active:
        return Markup(body)
    kinds = sorted({s.kind for s in active})
    classes = " ".join(f"ann-{k}" for k in kinds)
    title = "; ".join(dict.fromkeys(s.label for s in active))
    trigger = next((s for s in active if s.kind == "trigger"), None)
    if trigger is not None:
        return Markup('<a class="{}" href="#event-{}" title="{}">{}</a>').format(
            classes, trigger.mention_id, title, body
        )
    return Markup('<span class="{}" title="{}">{}</span>').format(classes, title, body)


def highlighted_html(text: str, blocks: list | None, extraction: dict[str, list[dict[str, Any]]]) -> Markup:
    """The article as <h3>/<p> blocks with annotated pieces; every piece of text escaped."""
    spans = _spans(len(text), extraction)
    out: list[Markup] = []
    for kind, start, end in _blocks(text, blocks):
        cuts = sorted({start, end, *(p for s in spans for p in (s.start, s.end) if start < p < end)})
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            active = [s for s in spans if s.start <= a and s.end >= b]
            pieces.append(_piece(text[a:b], active))
        tag = "h3" if kind == "heading" else "p"
        out.append(
            Markup('<{0} class="block" data-start="{1}">{2}</{0}>').format(
                Markup(tag), start, Markup("").join(pieces)
            )
        )
    return Markup("\n").join(out)
