"""Publication dates: bounded (a length limit before any parser) and plausible (a year window, relative
words only against a reference date, no invented clock time) — wherever a date comes from."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from stories import STORIES

from dragoman.ingest import Ingestor
from dragoman.ingest.dates import DateError, DateWindow, parse_published
from dragoman.ingest.htmlextract import extract_html

WINDOW = DateWindow(150, 2)
LONG = "12 March 2024 " * 7000  # ~100 KB of date-like text: 20-65 s of CPU each before the limit


@pytest.mark.parametrize("value", ["0001-01-01", "0013-05-05", "3213-01-01", "9999", "9999-12-31T10:00:00Z",
                                   "Mon, 01 Jan 3213 10:00:00 GMT", "1 January 0013"])
def test_implausible_years_are_refused(value):
    with pytest.raises(DateError, match="implausible"):
        parse_published(value, window=WINDOW)


def test_window_follows_the_settings():
    this_year = datetime.now(UTC).year
    assert parse_published(str(this_year), window=WINDOW) == (str(this_year), "year")
    with pytest.raises(DateError):
        parse_published(str(this_year + 1), window=WINDOW)
    assert parse_published("1900-05-01", window=DateWindow(200, 2))[0] == "1900-05-01"
    with pytest.raises(DateError):
        parse_published("1900-05-01", window=DateWindow(50, 2))


@pytest.mark.timeout(60)  # a hang guard: before the limit each of these took 20-65 s of CPU
def test_long_date_text_is_refused_before_parsing():
    for value in (LONG, "x" * 100_000, "1" * 150):
        with pytest.raises(DateError, match="too long for a date"):
            parse_published(value, window=WINDOW)


def test_relative_words_need_a_reference_and_get_no_clock_time():
    for value in ("yesterday", "in 1000 years", "3 days ago", "today"):
        with pytest.raises(DateError, match="relative date"):
            parse_published(value, window=WINDOW)
    assert parse_published("yesterday", reference=date(2025, 2, 24), window=WINDOW) == ("2025-02-23", "day")
    assert parse_published("3 hours ago", reference=datetime(2025, 2, 24, 10, 30), window=WINDOW) == \
        ("2025-02-24", "day")
    with pytest.raises(DateError, match="implausible"):
        parse_published("in 1000 years", reference=date(2025, 2, 24), window=WINDOW)


def test_stated_dates_keep_their_clock_time():
    assert parse_published("Mon, 24 Feb 2025 08:00:00 GMT", window=WINDOW) == ("2025-02-24T08:00:00Z", "day")
    assert parse_published("24 February 2025", window=WINDOW) == ("2025-02-24", "day")


def _page(meta_date: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in STORIES[0].paragraphs)
    return (f'<html><head><title>T</title><meta property="article:published_time" content="{meta_date}">'
            f"</head><body><article><h1>T</h1>{paras}</article></body></html>")


@pytest.mark.timeout(120)
def test_hostile_dates_in_pages_feeds_jsonl_and_option(store, settings, tmp_path):
    for bad in (LONG, "9999-01-01", "yesterday"):
        art = extract_html(_page(bad))
        assert art.published is None and "Dacic" in art.text
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": "\n\n".join(s.paragraphs), "published": p})
                               for s, p in ((STORIES[0], LONG), (STORIES[1], "0013-01-01"),
                                            (STORIES[2], "2023-03-19"))))
    rss = tmp_path / "f.rss"
    items = "".join(f"<item><title>{s.title}</title><pubDate>{p}</pubDate><description><![CDATA["
                    + "".join(f"<p>{x}</p>" for x in s.paragraphs) + "]]></description></item>"
                    for s, p in ((STORIES[3], LONG), (STORIES[4], "Mon, 01 Jan 3213 10:00:00 GMT")))
    rss.write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}</channel></rss>")
    settings.feed_full_content_min_chars = 100
    with Ingestor(store, settings) as ing:
        results = list(ing.ingest([str(jsonl), str(rss)]))
    status = [(r.input_ref.rsplit("/", 1)[-1], r.status) for r in results]
    assert status == [("a.jsonl:1", "failed"), ("a.jsonl:2", "failed"), ("a.jsonl:3", "new"),
                      ("f.rss#1", "new"), ("f.rss#2", "new")]
    assert "too long for a date" in results[0].reason and "implausible" in results[1].reason
    # a feed entry with an unreadable date is stored undated, not dated by invention
    assert [store.get_article(r.article_id)["published"] for r in results[3:]] == [None, None]


def test_published_option_is_checked(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DRAGOMAN_DB": str(tmp_path / "x.db")}
    for value, message in (("x" * 100_000, "too long for a date"), ("9999-01-01", "implausible")):
        out = subprocess.run([sys.executable, "-m", "dragoman", "ingest", "--published", value, str(tmp_path)],
                             capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
