"""A lean RSS/Atom reader with lxml, for a feed that feedparser cannot read within its time budget.

feedparser does a great deal of pure-Python work per character run and per element (a 6 MB feed whose
one item holds 300,000 escaped tags takes it 80 s); libxml2 reads the same feed in well under a second.
This reader takes what dragoman uses of each item — title, link, id, stated date, content — so the
items of such a feed are still read."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
_CONTENT = ("encoded", "content", "description", "summary")
_DATES = ("pubDate", "published", "date", "updated", "issued", "modified")


def _local(el) -> str:
    if not isinstance(el.tag, str):
        return ""
    try:
        return etree.QName(el).localname
    except ValueError:
        return el.tag.rsplit("}", 1)[-1]


def _text(el) -> str:
    """An element's text; for Atom's type="xhtml" content, its markup."""
    if el.get("type") == "xhtml" and len(el):
        return "".join(etree.tostring(child, encoding="unicode") for child in el)
    return "".join(el.itertext())


def _link(item, base: str | None) -> str | None:
    for el in item:
        if _local(el) != "link":
            continue
        href = el.get("href")
        if href is not None:  # Atom
            if el.get("rel", "alternate") == "alternate":
                return urljoin(base, href.strip()) if base else href.strip()
            continue
        if el.text and el.text.strip():  # RSS
            return urljoin(base, el.text.strip()) if base else el.text.strip()
    return None


def lean_items(data: bytes, base_url: str | None) -> list[dict[str, str | None]]:
    """title, link, id, date and content of each item/entry; ValueError when it is no RSS or Atom feed."""
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or _local(root).lower() not in ("rss", "feed", "rdf"):
        raise ValueError("not an RSS or Atom feed")
    items = []
    for item in root.iter():
        if _local(item) not in ("item", "entry"):
            continue
        fields: dict[str, str] = {}
        for el in item:
            name = _local(el)
            if name and name not in fields and name != "link":
                fields[name] = _text(el)
        contents = [fields[k] for k in _CONTENT if fields.get(k)]
        items.append({
            "title": fields.get("title"),
            "link": _link(item, base_url),
            "id": fields.get("guid") or fields.get("id"),
            "date": next((fields[k] for k in _DATES if fields.get(k)), None),
            "content": max(contents, key=len) if contents else None,
        })
    return items
