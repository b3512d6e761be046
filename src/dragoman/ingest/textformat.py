"""Plain-text articles in the seed's shape.

    **Title**
    Read More @ outlet.domain
    paragraph
    **Section heading**
    paragraph
"""

from __future__ import annotations

import re

from ..model import Article, Block

_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
_CREDIT = re.compile(r"^\s*read\s+more\s*@\s*(?P<where>\S+)\s*$", re.IGNORECASE)
_URLISH = re.compile(r"^https?://", re.IGNORECASE)


def parse_text_article(text: str) -> Article:
    """Split a plain-text or Markdown article into title, outlet credit, headings and paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    parts: list[tuple[str, str]] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        credit = _CREDIT.match(stripped)
        if credit and outlet is None:
            where = credit.group("where").rstrip("/.")
            if _URLISH.match(where):
                url = where
                outlet = re.sub(r"^https?://(www\.)?", "", where, flags=re.I).split("/")[0].lower()
            else:
                outlet = where.lower().removeprefix("www.")
                url = f"https://{outlet}"
            continue
        heading = _BOLD.match(stripped) or _MD_HEADING.match(stripped)
        if heading:
            words = heading.group(heading.lastindex or 1).strip()
            if title is None and not parts:
                title = words
            else:
                parts.append(("heading", words))
            continue
        parts.append(("paragraph", stripped))
    return _assemble(parts, title=title, outlet=outlet, url=url)


def _assemble(parts: list[tuple[str, str]], **fields) -> Article:
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, words in parts:
        if chunks:
            pos += 2
        blocks.append(Block(kind, pos, pos + len(words)))  # type: ignore[arg-type]
        chunks.append(words)
        pos += len(words)
    return Article(text="\n\n".join(chunks), blocks=blocks, outlet_domain=fields.get("outlet"),
                   url=fields.get("url"), title=fields.get("title"), raw_type="text")


def blocks_from_paragraphs(parts: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Join (kind, text) parts into one text with block offsets."""
    art = _assemble(parts)
    return art.text, art.blocks
