"""`dragoman extract` never hangs on a page and never stops a batch with a traceback."""

from __future__ import annotations

import pytest

from dragoman.extract import extract


@pytest.mark.timeout(120)  # a hang guard, not a speed measurement: before the fix this never returned
def test_planned_event_under_a_noun_root_does_not_hang():
    doc = extract("A summit planned for April.", published="2025-02-01")
    assert [(t.text, t.value) for t in doc.times] == [("April", "2025-04")]
    doc = extract("A summit planned for April was cancelled.", published="2025-02-01")
    assert [(t.text, t.value) for t in doc.times] == [("April", "2024-04")]


# -- `dragoman extract` over hostile inputs: one line each, never a traceback, nothing else lost ----------

import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from stories import STORIES  # noqa: E402

GOOD_TEXT = "Serbia criticised Kosovo on Monday. Kosovo police arrested two Serbian citizens near Jarinje."


def run_extract(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "dragoman", "extract", *args], input=stdin, capture_output=True,
                          env=env, timeout=600)


@pytest.mark.timeout(600)
def test_extract_hostile_jsonl_lines_and_files(tmp_path):
    lines = [
        json.dumps({"id": "first", "text": GOOD_TEXT, "published": "2024-03-04"}),
        "[" * 100_000 + "]" * 100_000,  # 100k-deep array: RecursionError
        '{"id": "big", "text": "x", "n": ' + "7" * 5000 + "}",  # an integer of 5,000 digits
        '{"id": ' + "7" * 5000 + ', "text": "x"}',
        json.dumps({"id": "surrogate", "text": GOOD_TEXT + " \ud800", "title": "\udfff"}),
        json.dumps({"id": "longdate", "text": GOOD_TEXT, "published": "12 March 2024 " * 7000}),
        json.dumps({"id": "js", "text": GOOD_TEXT, "url": "javascript:alert(1)", "published": ["x"]}),
        json.dumps({"id": "last", "text": GOOD_TEXT, "published": "2024-03-04"}),
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_bytes("\n".join(lines).encode() + b"\n" + b'{"id": "bad-bytes", "text": "\xff"}\n')
    huge = tmp_path / "huge.txt"
    huge.write_text((" ".join(STORIES[0].paragraphs) + "\n\n") * 25_000)  # ~15 MB of text
    binary = tmp_path / "image.html"
    binary.write_bytes(bytes(range(256)) * 100)
    attrs = tmp_path / "attrs.html"
    attrs.write_text("<html><body><div " + " ".join(f"a{i}=x" for i in range(300_000)) + "><p>"
                     + GOOD_TEXT + "</p></div></body></html>")
    out = run_extract(str(batch), str(huge), str(binary), str(attrs), str(tmp_path / "missing.txt"))
    stderr = out.stderr.decode()
    assert out.returncode == 0 and "Traceback" not in stderr, stderr[-3000:]
    docs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    ids = [d["id"] for d in docs]
    assert ids == ["first", f"{batch}:2", f"{batch}:3", f"{batch}:4", "surrogate", "longdate", "js", "last",
                   f"{batch}:9", str(huge), str(binary), str(attrs), str(tmp_path / "missing.txt")]
    by_id = dict(zip(ids, docs, strict=True))
    assert by_id["first"]["events"] and by_id["last"]["events"]
    assert by_id["surrogate"]["events"] and by_id["surrogate"]["title"] == "\ufffd"
    assert by_id["js"]["url"] is None and by_id["js"]["events"]
    assert "too long for a date" in by_id["longdate"]["error"] and by_id["longdate"]["events"]
    assert "coded the first" in by_id[str(huge)]["error"] and len(by_id[str(huge)]["text"]) <= 200_000
    assert "more than 1000 attributes" in by_id[str(attrs)]["error"]
    for ident, reason in ((f"{batch}:2", "nested too deeply"), (f"{batch}:3", "number too long"),
                          (f"{batch}:4", "number too long"), (f"{batch}:9", "not UTF-8"),
                          (str(tmp_path / "missing.txt"), "cannot read")):
        assert f"dragoman: {ident}: " in stderr and reason in stderr, (ident, reason)
    assert len([line for line in stderr.splitlines() if line.startswith("dragoman: ")]) == len(stderr.splitlines())


def test_extract_stdin_that_is_not_utf8():
    out = run_extract("-", stdin=b"Serbia criticised Kosovo \xff\xfe on Monday.")
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    assert b"dragoman: -: cannot read" in out.stderr
    assert json.loads(out.stdout)["events"] == []
