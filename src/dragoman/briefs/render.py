"""Briefs as Markdown and as HTML (escaped: everything from an article is untrusted)."""

from __future__ import annotations

from html import escape as h

from ..events.describe import format_date
from ..ingest.urls import safe_url


def _md(text: str | None) -> str:
    if not text:
        return ""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def brief_markdown(brief: dict) -> str:
    """A brief in the seed's shape: headline, credit, facts, quotes, what they said, background, gaps, what to watch."""
    lines = [f"**{_md(brief['headline'])}**"]
    credit = brief["credit"]
    url = safe_url(credit.get("url"))
    lines.append(f"Read more @ [{_md(credit.get('outlet') or url)}]({url})" if url else _md(credit["text"]))
    art = brief["article"]
    if art.get("published"):
        lines.append(f"Published {format_date(art['published'], art.get('published_precision') or 'day')}")
    lines += ["", "**Key facts**"]
    lines += [f"- {_md(f['text'])} [sentence {f['evidence']['sentence']}]" for f in brief["facts"]] or ["- (no event in the article is stated clearly enough, with its actors, to be given as a key fact)"]
    if brief["quotes"]:
        lines += ["", "**Quotes**"]
        for q in brief["quotes"]:
            sp = q["speaker"]
            who = _md(sp["name"]) + (f" ({sp['code']})" if sp.get("code") else "")
            lines.append(f"- “{_md(q['text'])}” — {who}")
    if brief.get("said"):
        lines += ["", "**What they said**"]  # reported speech: attributed, never inside quotation marks
        lines += [f"- {_md(x['text'])}" for x in brief["said"]]
    lines += ["", "**Background**"]
    for b in brief["background"]:
        src = b["source"]
        link = safe_url(src.get("url"))
        cite = f"[{_md(src.get('outlet') or 'source')}]({link})" if link else _md(src.get("outlet") or "source")
        if b.get("origin") == "article":
            cite = "as this article recounts"
        lines.append(f"- {_md(b['text'])} ({cite})")
    if not brief["background"]:
        lines.append("- (nothing earlier in the record)")
    lines += ["", "**What the article does not say**"]
    lines += [f"- {_md(g['text'])}" for g in brief["gaps"]] or ["- (no gaps found)"]
    lines += ["", "**What to watch**"]
    lines += [f"- {_md(w['text'])}" for w in brief["watch"]] or ["- (nothing announced)"]
    if brief.get("story"):
        lines += ["", f"Story {brief['story']['id']}: {_md(brief['story']['title'])}"]
    return "\n".join(lines) + "\n"


def brief_html(brief: dict) -> str:
    """A standalone HTML page of a brief; every article-derived string is escaped."""
    def li(items):
        return "".join(f"<li>{x}</li>" for x in items) or "<li>(none)</li>"

    credit = brief["credit"]
    url = safe_url(credit.get("url"))
    credit_html = (f'Read more @ <a href="{h(url)}" rel="noopener noreferrer">{h(credit.get("outlet") or url)}</a>'
                   if url else h(credit["text"]))
    facts = [h(f["text"]) for f in brief["facts"]]
    said = [h(x["text"]) for x in brief.get("said", [])]
    quotes = [f"“{h(q['text'])}” — {h(q['speaker']['name'] or '')}"
              + (f" <code>{h(q['speaker']['code'])}</code>" if q["speaker"].get("code") else "") for q in brief["quotes"]]
    background = []
    for b in brief["background"]:
        link = safe_url(b["source"].get("url"))
        src = h(b["source"].get("outlet") or "source")
        cite = f'<a href="{h(link)}" rel="noopener noreferrer">{src}</a>' if link else src
        if b.get("origin") == "article":
            cite = "as this article recounts"
        background.append(f"{h(b['text'])} <small>({cite})</small>")
    gaps = [h(g["text"]) for g in brief["gaps"]]
    watch = [h(w["text"]) for w in brief["watch"]]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{h(brief['headline'])}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}}
h1{{font-size:1.5rem}}h2{{font-size:1.1rem;margin-top:1.5rem}}small{{color:#555}}</style></head>
<body><article class="brief"><h1>{h(brief['headline'])}</h1><p class="credit">{credit_html}</p>
<h2>Key facts</h2><ul>{li(facts)}</ul><h2>Quotes</h2><ul>{li(quotes)}</ul>
<h2>What they said</h2><ul>{li(said)}</ul>
<h2>Background</h2><ul>{li(background)}</ul><h2>What the article does not say</h2><ul>{li(gaps)}</ul>
<h2>What to watch</h2><ul>{li(watch)}</ul></article></body></html>
"""
