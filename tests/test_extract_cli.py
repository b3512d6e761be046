"""`dragoman extract` as a program reads it: JSON lines in, JSON lines out, bad lines reported."""

import json

from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401
)

runner = CliRunner()


def test_extract_jsonl_stream_with_bad_lines(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "a", "text": "Serbia criticised Kosovo on Monday.", "published": "2024-03-04"}),
        "{broken",
        json.dumps({"id": "c", "html": "<html><body><article><p>Kosovo police arrested two Serbian citizens near "
                                       "Jarinje on Sunday, the interior ministry said.</p></article></body></html>",
                    "published": "2024-03-04"}),
        json.dumps(["not", "an", "object"]),
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(batch)], catch_exceptions=False)
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", f"{batch}:2", "c", f"{batch}:4"]
    assert all(d["format"] == "dragoman/1" for d in docs)
    assert docs[0]["events"] and docs[0]["events"][0]["root"] == "11"
    assert docs[2]["events"] and any(e["root"] == "17" for e in docs[2]["events"])
    assert docs[1]["events"] == [] and "invalid JSON" in result.stderr


def test_extract_seed_shape_from_stdin_and_markdown(article_path):
    from conftest import ARTICLE_TITLE

    text = article_path.read_text(encoding="utf-8")
    out = runner.invoke(app, ["extract", "-", "--published", "2010-07-23", "--format", "json"], input=text,
                        catch_exceptions=False)
    doc = json.loads(out.stdout)
    assert doc["title"] == ARTICLE_TITLE and doc["published"] == "2010-07-23"
    md = runner.invoke(app, ["extract", str(article_path), "--published", "2010-07-23", "--format", "md"]).stdout
    assert md.startswith(f"## {ARTICLE_TITLE}") and "### Events" in md
    bad = runner.invoke(app, ["extract", str(article_path), "--published", "24/13/2025"])
    assert bad.exit_code == 2 and "--published" in bad.stderr
