"""Markdown view of one extracted document (`dragoman extract --format md`)."""

from __future__ import annotations

from ..events.describe import describe
from ..model import ActorRef, ExtractedDoc


def _who(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    label = ref.name or ref.text
    return f"{label} ({ref.code})" if ref.code else label


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def extract_markdown(doc: ExtractedDoc) -> str:
    """Events, quotes and times of a document as Markdown."""
    lines = [f"## {_md(doc.title or doc.id or 'Article')}", ""]
    if doc.outlet or doc.published:
        lines += [f"{_md(doc.outlet or 'unknown outlet')} · {doc.published or 'date unknown'}", ""]
    if doc.error:
        lines += [f"> {_md(doc.error)}", ""]
    lines.append("### Events")
    for e in doc.events:
        sentence = describe(_who(e.source), e.code, _who(e.target), e.status, e.date, e.date_precision,
                            e.location.name if e.location else None)
        lines.append(f"- {_md(sentence)} — CAMEO {e.code} {_md(e.name)}, {e.status}, "
                     f"confidence {e.confidence:.2f}; “{_md(doc.text[e.sentence.start:e.sentence.end].strip())}”")
    if not doc.events:
        lines.append("- (none)")
    lines += ["", "### Quotes"]
    for q in doc.quotes:
        lines.append(f"- {_md(_who(q.speaker) or 'unattributed')} ({q.kind}, {_md(q.cue or '')}): "
                     f"“{_md(q.text)}”")
    if not doc.quotes:
        lines.append("- (none)")
    lines += ["", "### Times"]
    for t in doc.times:
        lines.append(f"- {_md(t.text)} → {t.value} ({t.precision or t.type})")
    if not doc.times:
        lines.append("- (none)")
    return "\n".join(lines) + "\n"
