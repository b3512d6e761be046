"""A brief's background: what the article itself recounts (its own background section, labelled as
such), earlier articles of the same story, and earlier events of the same actors told in them.

Nothing comes from the article's own news, from a later article or from another story: the story is
taken as it stood when the article was published (merges made later are undone), so a brief is the
same whether later news is in the store or not."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..events.describe import format_date
from .clauses import clause_text
from .usable import usable

if TYPE_CHECKING:  # the store sits above this stage: it is handed in, never imported
    from ..store import Store

MAX_BACKGROUND = 8
BACKGROUND_WORDS = 160  # a background a reader takes in at a glance: bounded, most relevant first
RECENT_IN_FULL = 3  # the latest earlier articles are told in up to three sentences, older ones by their lead
RECENT_WORDS = 120
SKIP_ROOTS = {"01"}  # plain statements are not background events
MAX_EARLIER = 200  # earlier articles of the story read, latest first


def dated_prefix(date_value: str | None, precision: str | None, clause: str) -> str:
    when = format_date(date_value, precision)
    if not when or (date_value and date_value[:4] in clause):
        return clause
    lead = f"On {when}" if precision == "day" else f"In {when}"
    first_word = clause.split(" ", 1)[0]
    if first_word in ("The", "A", "An", "This", "These", "Those", "It", "They"):
        clause = clause[0].lower() + clause[1:]
    return f"{lead}, {clause}"


def lead_sentence(text: str, title: str | None = None, sentences: int = 1) -> str:
    lines = [line for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 and title and lines[0].strip().lower() == title.strip().lower():
        lines = lines[1:]  # the headline opens many page bodies
    first = lines[0] if lines else ""
    ends = [m.end() for m in re.finditer(r"(?<=[a-z0-9\)”\"])[.!?](\s|$)", first)]
    if not ends:
        return first[:300]
    return first[: ends[min(sentences, len(ends)) - 1]].strip()


def published_before(other: str | None, mine: str | None) -> bool:
    """`other` was published before `mine`: by the clock when both give a time, else on an earlier day."""
    if not other or not mine:
        return False
    if len(other) > 10 and len(mine) > 10 and other[:10] == mine[:10]:
        return other < mine
    return other[:10] < mine[:10]


def _recounted(art: dict, mentions: list[dict]) -> dict[Any, dict]:
    """What the article recounts: the best-formed event of each of its background sentences."""
    best: dict[int, dict] = {}
    for m in mentions:
        if m["status"] != "background" or not usable(m):
            continue
        old = best.get(m["sentence_index"])
        if old is None or (m["confidence"] or 0) > (old["confidence"] or 0):
            best[m["sentence_index"]] = m
    items: dict[Any, dict] = {}
    for i, m in enumerate(best[k] for k in sorted(best)):
        key = ("event", m["event_id"]) if m["event_id"] else ("mention", m["id"])
        if key in items:
            continue
        clause = clause_text(m, art["text"][m["sentence_start"]:m["sentence_end"]])
        items[key] = {"text": dated_prefix(m["date"], m["date_precision"], clause), "date": m["date"],
                      "date_precision": m["date_precision"], "relevance": round(0.9 - 0.01 * i, 3),
                      "event_id": m["event_id"], "origin": "article",
                      "source": {"article_id": art["id"], "outlet": art.get("outlet"), "url": art.get("url")}}
    return items


def earlier_story_articles(store: Store, art: dict) -> list[dict]:
    """The story's originals published before the article, as the story stood then; latest first."""
    story_id = art.get("story_id")
    if not story_id or not art.get("published"):
        return []
    story = store.stories.get_story(story_id)
    if story is None:
        return []
    held = store.stories.story_articles_as_of(story_id, art["id"], art["published"])
    earlier = [a for a in story["articles"] if a["id"] in held and a["id"] != art["id"] and not a["duplicate_of"]
               and published_before(a["published"], art["published"])]
    return sorted(earlier, key=lambda a: (a["published"], a["id"]), reverse=True)[:MAX_EARLIER]


def opening(text: str, title: str | None, max_words: int) -> str:
    """The article's opening sentences, as many as fit in `max_words` (at least the first)."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 and title and lines[0].lower() == title.strip().lower():
        lines = lines[1:]
    out: list[str] = []
    words = 0
    for sentence in re.split(r"(?<=[a-z0-9\)”\"][.!?])\s+(?=[A-Z“\"])", " ".join(lines)):
        n = len(sentence.split())
        if out and words + n > max_words:
            break
        out.append(sentence)
        words += n
    return " ".join(out)


def _told(full: dict, recent: bool) -> str:
    """An earlier article in a few words: a recent one by its opening, an older one by its lead."""
    if recent:
        return opening(full["text"], full["title"], RECENT_WORDS)
    return lead_sentence(full["text"], full["title"])


def _from_articles(store: Store, earlier: list[dict]) -> dict[Any, dict]:
    """Earlier articles of the story: the latest and the first (how it began) weigh most."""
    items: dict[Any, dict] = {}
    first = earlier[-1]["id"] if earlier else None
    for rank, a in enumerate(earlier):
        full = store.articles.get_article(a["id"])
        lead = _told(full, rank < RECENT_IN_FULL) if full else None
        if not lead:
            continue
        relevance = 0.55 + (0.25 if rank == 0 else 0.0) + (0.2 if a["id"] == first else 0.0) - 0.02 * rank
        items[("article", a["id"])] = {
            "text": dated_prefix(a["published"][:10], "day", lead), "date": a["published"][:10],
            "date_precision": "day", "relevance": round(max(relevance, 0.1), 3), "event_id": None,
            "origin": "story", "source": {"article_id": a["id"], "outlet": a["outlet"], "url": a["url"]}}
    return items


def _from_events(store: Store, mentions: list[dict], earlier: list[dict], published: str) -> dict[Any, dict]:
    """Earlier events of the article's actors and dyads, told in the story's earlier articles."""
    my_actors = Counter(c for m in mentions if m["status"] != "background"
                        for c in (m["source_code"], m["target_code"]) if c)
    my_dyads = {frozenset((m["source_code"], m["target_code"])) for m in mentions
                if m["source_code"] and m["target_code"]}
    if not my_actors or not earlier:
        return {}
    items: dict[Any, dict] = {}
    for m in store.coding.iter_mentions(article_ids=[a["id"] for a in earlier], limit=2000, order="-date"):
        if m["root"] in SKIP_ROOTS or not (m["source_code"] and m["target_code"]):
            continue
        if m["date"] and m["date"][:10] >= published[:10]:
            continue
        pair = {m["source_code"], m["target_code"]}
        if not pair & set(my_actors):
            continue
        # below the earlier articles' own words (which tell these events in full), above nothing
        score = 0.1 + (0.1 if frozenset(pair) in my_dyads else 0.0) + 0.03 * len(pair & set(my_actors))
        score += 0.02 * math.log1p(m["n_outlets"] or 1) + (0.02 if (m["penta_class"] or 0) >= 2 else 0)
        key = ("event", m["event_id"]) if m["event_id"] else ("mention", m["id"])
        if key in items and items[key]["relevance"] >= score:
            continue
        clause = clause_text(m, m["sentence"])
        items[key] = {"text": dated_prefix(m["date"], m["date_precision"], clause), "date": m["date"],
                      "date_precision": m["date_precision"], "relevance": round(min(score, 0.3), 3),
                      "event_id": m["event_id"], "origin": "story",
                      "source": {"article_id": m["article_id"], "outlet": m["outlet"], "url": m["article_url"]}}
    return items


def background(store: Store, art: dict, mentions: list[dict]) -> list[dict]:
    """The brief's background items, most relevant first, within the word budget."""
    items = _recounted(art, mentions)
    published = art.get("published")
    if published:
        earlier = earlier_story_articles(store, art)
        items.update(_from_articles(store, earlier))
        for key, item in _from_events(store, mentions, earlier, published).items():
            if key not in items or items[key]["relevance"] < item["relevance"]:
                items[key] = item
    return ranked(items)


def ranked(items: dict) -> list[dict]:
    out, texts, words = [], set(), 0
    for b in sorted(items.values(), key=lambda b: (-b["relevance"], b["date"] or "")):
        key = b["text"].lower()
        if key in texts:
            continue
        n = len(b["text"].split())
        if len(out) >= 2 and words + n > BACKGROUND_WORDS:
            break
        texts.add(key)
        out.append(b)
        words += n
        if len(out) >= MAX_BACKGROUND:
            break
    return out
