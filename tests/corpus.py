"""The sample corpus, ingested and coded once per test session, copied for each module that uses it."""

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401 - registers the sub-commands
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
runner = CliRunner()


def _cli(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def corpus_db(tmp_path_factory, name: str) -> str:
    """A private copy of the sample corpus, ingested and coded once per test session."""
    built = tmp_path_factory.getbasetemp() / "web-corpus" / "corpus.db"
    if not built.with_suffix(".done").exists():
        built.parent.mkdir(parents=True, exist_ok=True)
        db = str(built)
        inputs = [str(CORPUS / "html"), str(CORPUS / "feed.xml"), str(CORPUS / "articles.jsonl")]
        assert _cli("--db", db, "ingest", *inputs).exit_code == 0
        for file, day in json.loads((CORPUS / "dates.json").read_text()).items():
            assert _cli("--db", db, "ingest", "--published", day, str(CORPUS / "text" / file)).exit_code == 0
        result = _cli("--db", db, "process")
        assert result.exit_code == 0, result.stdout
        built.with_suffix(".done").touch()
    copy = tmp_path_factory.mktemp(name) / "corpus.db"
    with sqlite3.connect(built) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return str(copy)
