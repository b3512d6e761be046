"""The command line as a user runs it: exit codes, summaries, settings precedence, reading back."""

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401 - registers sub-commands
)

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def cli(*args, env=None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def _command_paths():
    from typer.main import get_command

    from dragoman.cli.app import app as typer_app

    root = get_command(typer_app)
    for name, command in root.commands.items():
        yield [name]
        for sub in getattr(command, "commands", {}):
            yield [name, sub]


def test_version_and_help_on_every_command():
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("dragoman 0.")
    paths = list(_command_paths())
    assert len(paths) >= 25
    for path in paths:
        r = cli(*path, "--help")
        assert r.exit_code == 0 and r.stdout.startswith(f"Usage: dragoman {' '.join(path)}"), path


def test_ingest_summary_and_exit_codes(tmp_path, article_path):
    db = str(tmp_path / "s.db")
    ok = cli("--db", db, "ingest", str(article_path), "--published", "2010-07-23")
    assert ok.exit_code == 0
    assert "1 new, 0 duplicate, 0 failed" in ok.stdout
    again = cli("--db", db, "ingest", str(article_path))
    assert again.exit_code == 0 and "0 new, 1 duplicate, 0 failed" in again.stdout
    mixed = cli("--db", db, "ingest", str(article_path), str(tmp_path / "nope.txt"))
    assert mixed.exit_code == 0
    assert "nope.txt: no such file or directory" in mixed.stderr
    strict = cli("--db", db, "ingest", "--strict", str(article_path), str(tmp_path / "nope.txt"))
    assert strict.exit_code == 1
    allbad = cli("--db", db, "ingest", str(tmp_path / "nope.txt"), str(tmp_path / "gone.html"))
    assert allbad.exit_code == 1 and "0 new, 0 duplicate, 2 failed" in allbad.stdout
    bad_date = cli("--db", db, "ingest", str(article_path), "--published", "2025-02-30")
    assert bad_date.exit_code == 2 and "--published" in bad_date.stderr


def test_articles_show_search(tmp_path, article_path):
    from conftest import ARTICLE_TITLE

    db = str(tmp_path / "s.db")
    cli("--db", db, "ingest", str(article_path), "--published", "2010-07-23")
    listing = json.loads(cli("--db", db, "articles", "--json").stdout)
    assert [a["title"] for a in listing] == [ARTICLE_TITLE]
    assert json.loads(cli("--db", db, "articles", "--json", "--since", "2010-08-01").stdout) == []
    assert json.loads(cli("--db", db, "articles", "--json", "--outlet", "danubedispatch.example").stdout)[0]["id"] == 1
    shown = json.loads(cli("--db", db, "show", "1", "--json").stdout)
    assert shown["outlet"] == "danubedispatch.example" and "Vuk Jeremic" in shown["text"]
    text = cli("--db", db, "show", "1").stdout
    assert "Background on the Advisory Opinion" in text
    hits = json.loads(cli("--db", db, "search", "Jeremic", "--json").stdout)
    assert hits and hits[0]["id"] == 1 and "Jeremic" in hits[0]["snippet"]
    assert json.loads(cli("--db", db, "search", "Montenegro", "--json").stdout) == []
    # FTS syntax in user text must not break the query
    assert cli("--db", db, "search", 'AND "( NEAR', "--json").exit_code == 0
    missing = cli("--db", db, "show", "99")
    assert missing.exit_code == 1 and missing.stderr == "dragoman: no article 99\n"


def test_settings_precedence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dragoman.toml").write_text('[dragoman]\ndb = "from-file.db"\nhost_delay = 3.5\nport = 9000\n')
    env = {"DRAGOMAN_HOST_DELAY": "7", "DRAGOMAN_DB": "from-env.db"}
    out = json.loads(cli("config", "--json", env=env).stdout)
    assert out["port"] == {"value": 9000, "from": "dragoman.toml"}
    assert out["host_delay"] == {"value": 7.0, "from": "env"}
    assert out["db"] == {"value": "from-env.db", "from": "env"}
    assert out["read_timeout"]["from"] == "default"
    out = json.loads(cli("--db", "from-option.db", "config", "--json", env=env).stdout)
    assert out["db"] == {"value": "from-option.db", "from": "option"}
    bad = cli("config", env={"DRAGOMAN_PORT": "eighty"})
    assert bad.exit_code == 2 and "port" in bad.stderr


def test_kill_mid_batch_then_resume_matches_clean_run(tmp_path, site):
    """Kill an ingest subprocess mid-batch; re-running finishes without loss or duplicates."""
    from fakesite import Story

    from dragoman.store import open_store

    for i in range(30):
        site.publish(Story(f"extra-{i}", f"Dialogue round {i} held in Brussels", "2024-03-01",
                           [f"Negotiators from Belgrade and Pristina met in Brussels for round {i} of talks on "
                            f"energy, missing persons and freedom of movement, the EU said. Item {i} of a batch "
                            f"used to test resuming an interrupted ingest. " * 2,
                            f"The next round {i + 1} is planned for later in the month. " * 3]))
    urls = [site.url(f"/articles/extra-{i}.html") for i in range(30)]
    env = {**os.environ, "DRAGOMAN_HOST_DELAY": "0.05", "DRAGOMAN_ALLOW_PRIVATE_URLS": "1"}
    exe = [sys.executable, "-m", "dragoman"]
    killed_db = str(tmp_path / "killed.db")
    proc = subprocess.Popen([*exe, "--db", killed_db, "ingest", *urls], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Path(killed_db).exists():
            try:
                with open_store(killed_db) as s:
                    if s.article_count() >= 5:
                        break
            except Exception:  # noqa: BLE001 - the store may be mid-creation
                pass
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    with open_store(killed_db) as s:
        partial = s.article_count()
    assert 0 < partial < 30
    subprocess.run([*exe, "--db", killed_db, "ingest", *urls], env=env, check=True, capture_output=True)
    clean_db = str(tmp_path / "clean.db")
    subprocess.run([*exe, "--db", clean_db, "ingest", *urls], env=env, check=True, capture_output=True)

    def snapshot(db):
        with open_store(db) as s:
            return sorted((a["canonical_url"], a["title"]) for a in s.list_articles(limit=1000))

    assert snapshot(killed_db) == snapshot(clean_db)
    assert len(snapshot(clean_db)) == 30
