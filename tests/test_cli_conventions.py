"""The command line behaves like the tools people script: newest first with paging and "N of M", no
store conjured from a typo, --db anywhere, one --format, one plain error line, documented exit codes."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import corpus_db
from typer.testing import CliRunner

from dragoman.cli import (
    app,
    commands,  # noqa: F401 - registers the sub-commands
)
from dragoman.cli.app import hoist_db
from dragoman.cli.ingest import KINDS_HELP

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()

READS = [
    ["articles"], ["show", "1"], ["search", "Kosovo"], ["events"], ["stories"], ["story", "1"],
    ["timeline", "--actor", "SRB"], ["export", "events"], ["actors", "list"], ["sources", "list"], ["status"],
    ["watch", "list"], ["watch", "remove", "x"], ["watch", "deliver"], ["sources", "remove", "1"], ["process"],
    ["serve"], ["run", "--once"], ["brief", "1"],
]


def cli(*args, env=None, input=None):
    return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return corpus_db(tmp_path_factory, "cli")


def test_read_commands_refuse_a_missing_store_instead_of_creating_one(tmp_path):
    missing = tmp_path / "typo.db"
    for args in READS:
        result = cli("--db", str(missing), *args)
        assert result.exit_code == 1, args
        assert result.stderr == f"dragoman: no store at {missing} (give --db PATH, or ingest something first)\n", args
        assert not missing.exists(), args
    made = cli("--db", str(missing), "watch", "add", "w", "--actor", "SRB")  # writes create the store
    assert made.exit_code == 0 and missing.exists()


def test_db_goes_before_or_after_the_sub_command(db):
    before = cli("--db", db, "articles", "--format", "json").stdout
    assert json.loads(before) and cli("articles", "--db", db, "--format", "json").stdout == before
    assert cli("articles", "--format", "json", f"--db={db}").stdout == before
    assert cli("watch", "list", "--db", db, "--format", "json").exit_code == 0
    assert hoist_db(["search", "--", "--db"]) == ["search", "--", "--db"]  # after --, a word is a word


def test_listings_are_newest_first_with_paging_and_a_total(db):
    page = json.loads(cli("--db", db, "events", "--format", "json", "--limit", "20").stdout)
    dates = [e["date"] for e in page]
    assert dates == sorted(dates, reverse=True)
    table = cli("--db", db, "events", "--limit", "20").stdout
    total = int(re.search(r"1–20 of (\d+) event mentions, newest first \(--offset 20 for more\)", table).group(1))
    assert total > 100
    second = json.loads(cli("--db", db, "events", "--format", "json", "--limit", "20", "--offset", "20").stdout)
    assert not {e["id"] for e in page} & {e["id"] for e in second} and second[0]["date"] <= dates[-1]
    oldest = json.loads(cli("--db", db, "events", "--format", "json", "--sort", "date", "--limit", "5").stdout)
    assert [e["date"] for e in oldest] == sorted(e["date"] for e in oldest) and oldest[0]["date"] < dates[-1]
    confident = json.loads(cli("--db", db, "events", "--format", "json", "--min-confidence", "0.5").stdout)
    assert confident and all(e["confidence"] >= 0.5 for e in confident)
    articles = json.loads(cli("--db", db, "articles", "--format", "json", "--limit", "100").stdout)
    published = [a["published"] for a in articles if a["published"]]
    assert published == sorted(published, reverse=True)
    footer = cli("--db", db, "articles", "--limit", "5").stdout
    assert re.search(rf"1–5 of {len(articles)} articles, newest first", footer)
    stories = cli("--db", db, "stories", "--limit", "2", "--offset", "1").stdout
    assert re.search(r"2–3 of \d+ stories, most recently active first", stories)
    bad = cli("--db", db, "events", "--sort", "sideways")
    assert bad.exit_code == 2 and bad.stderr.startswith("dragoman: --sort 'sideways': expected -date")


@pytest.mark.parametrize("args", [["articles"], ["events"], ["stories"], ["search", "Kosovo"], ["actors", "list"],
                                  ["config"], ["timeline", "--dyad", "SRB", "KSV"], ["watch", "list"]])
def test_one_format_option_on_every_command_that_prints_data(db, args):
    as_json = json.loads(cli("--db", db, *args, "--format", "json").stdout)
    if args[0] != "config":
        assert isinstance(as_json, list)
        lines = [json.loads(line) for line in cli("--db", db, *args, "--format", "jsonl").stdout.splitlines()]
        assert lines == json.loads(json.dumps(as_json))
        rows = list(csv.DictReader(io.StringIO(cli("--db", db, *args, "--format", "csv").stdout)))
        assert len(rows) == len(as_json)
    md = cli("--db", db, *args, "--format", "md").stdout
    assert md.startswith(("| ", "# ")) or not as_json
    assert cli("--db", db, *args, "--json").stdout == cli("--db", db, *args, "--format", "json").stdout  # old flag
    bad = cli("--db", db, *args, "--format", "yaml")
    assert bad.exit_code == 2 and bad.stderr.startswith("dragoman: --format 'yaml': expected")


def test_single_objects_print_in_every_format(db):
    shown = json.loads(cli("--db", db, "show", "1", "--format", "json").stdout)
    assert json.loads(cli("--db", db, "show", "1", "--format", "jsonl").stdout) == shown
    row = next(csv.DictReader(io.StringIO(cli("--db", db, "show", "1", "--format", "csv").stdout)))
    assert row["title"] == shown["title"]
    assert cli("--db", db, "show", "1", "--format", "md").stdout.startswith(f"# {shown['title']}")
    story = json.loads(cli("--db", db, "story", "1", "--format", "json").stdout)
    assert story["timeline"] and cli("--db", db, "story", "1", "--format", "md").stdout.startswith("# Story 1")
    assert json.loads(cli("--db", db, "status", "--format", "json").stdout)["articles"] > 10


def _run(*args, env=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "dragoman", *args], capture_output=True, text=True, input=stdin,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_errors_are_one_plain_line_at_any_terminal_width(tmp_path):
    long = tmp_path / ("a-rather-long-folder-name-" * 6) / "missing-article-with-a-long-name.html"
    done = _run("--db", str(tmp_path / "s.db"), "ingest", str(long), str(tmp_path / "gone.txt"),
                env={"COLUMNS": "40", "TERM": "xterm-256color", "FORCE_COLOR": "1"})
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines == [f"dragoman: {long}: no such file or directory",
                     f"dragoman: {tmp_path / 'gone.txt'}: no such file or directory"]
    usage = _run("events", "--no-such-option", env={"COLUMNS": "30"})
    assert usage.returncode == 2
    assert usage.stderr == ("dragoman: events: No such option: --no-such-option "
                            "(see dragoman events --help)\n")


def test_exit_codes_are_the_readmes(db, tmp_path):
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, flags=re.M))
    assert set(table) == {"0", "1", "2", "130"}
    assert cli("--db", db, "articles").exit_code == 0
    assert cli("--db", db, "show", "99999").exit_code == 1  # not found
    assert cli("--db", str(tmp_path / "none.db"), "events").exit_code == 1  # no store
    assert cli("--db", db, "events", "--bogus").exit_code == 2  # usage
    assert cli("--db", db, "events", "--since", "someday").exit_code == 2
    assert cli("--db", db, "export", "events", "--format", "xml").exit_code == 2
    assert cli("config", env={"DRAGOMAN_PORT": "eighty"}).exit_code == 2  # settings
    model = cli("extract", "-", input="Serbia met Kosovo.", env={"DRAGOMAN_SPACY_MODEL": "xx_no_such_model"})
    assert model.exit_code == 1 and model.stderr.startswith("dragoman: ") and model.stderr.count("\n") == 1


def test_extract_reads_json_lines_from_standard_input():
    batch = "\n".join(json.dumps({"id": f"a{i}", "text": f"Serbia criticised Kosovo on Monday, round {i}.",
                                  "published": "2024-03-04"}) for i in range(3)) + "\n"
    done = cli("extract", "-", input=batch)
    docs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a0", "a1", "a2"] and all(d["events"] for d in docs)
    as_text = cli("extract", "-", "--as", "text", input=batch)
    assert len(as_text.stdout.splitlines()) == 1


def test_shell_completion_is_on():
    done = _run(env={"_DRAGOMAN_COMPLETE": "complete_bash", "COMP_WORDS": "dragoman ex", "COMP_CWORD": "1"})
    assert done.returncode == 0 and done.stdout.split() == ["export", "extract"]
    assert "--install-completion" in cli("--help").stdout


def test_the_readme_lists_every_command():
    from typer.main import get_command

    from dragoman.cli.app import app as typer_app

    table = README.split("| task | command |", 1)[1].split("\n\n", 1)[0]
    spans = re.findall(r"`([^`]+)`", table)
    named = {s.removeprefix("dragoman ").split()[0] for s in spans}
    registered = set(get_command(typer_app).commands)
    assert registered <= named and {n for n in named if n.isalpha()} <= registered


def test_ingest_help_lists_the_input_kinds():
    from dragoman.ingest.inputs import KINDS

    assert KINDS_HELP.replace(" or ", ", ").split(", ") == list(KINDS)


HEAVY = ("pydantic", "sqlalchemy", "spacy", "rich", "trafilatura", "pyarrow", "fastapi", "dateparser")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["events", "--help"], ["watch", "add", "--help"]])
def test_version_and_help_load_nothing_heavy(args):
    """What keeps --version and --help quick (benchmarks/cli_speed.py times them)."""
    probe = ("import sys; sys.argv = ['dragoman', *sys.argv[1:]]\n"
             "from dragoman.cli.app import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert done.stdout and done.stderr.strip().splitlines()[-1] == "[]", done.stderr
