"""The fuzz harness (benchmarks/fuzz.py) on a small, seeded budget: hostile files, lines, records, feed
items, sitemap/OPML entries, dates, HTTP answers, query parameters and extract batches, each between
good inputs — no traceback, no good input lost. The large run is `benchmarks/fuzz.py --inputs 20000`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from fuzzkinds import KINDS, kind_of  # noqa: E402
from fuzzlab import Lab, run_case  # noqa: E402

SEED = 17
CASES = 160


@pytest.fixture(scope="module")
def lab():
    return Lab()


@pytest.mark.timeout(900)
def test_small_seeded_fuzz_run(lab):
    tried: dict[str, int] = {}
    failures, lost, goods = [], [], 0
    for case in range(CASES):
        kind = kind_of(SEED, case)
        result = run_case(lab, SEED, case, kind)
        tried[kind] = tried.get(kind, 0) + 1
        goods += result.goods
        failures += [f"case {case} ({kind}): {f[-800:]}" for f in result.failures]
        lost += [f"case {case} ({kind}): {m}" for m in result.lost]
    assert set(tried) == set(KINDS), tried  # every kind of input was tried
    assert goods > 100
    assert failures == []
    assert lost == []


def test_the_harness_sees_lost_inputs_and_tracebacks(lab, monkeypatch):
    """The harness sees what it looks for: good inputs lost, exceptions caught as raw reasons, and a
    traceback escaping the entry point."""
    from dragoman.ingest import inputs

    def broken(self, line, ref):
        raise RuntimeError("boom")

    case = next(c for c in range(1000) if kind_of(SEED, c) == "jsonl")
    with monkeypatch.context() as m:
        m.setattr(inputs.InputReader, "_jsonl_item", broken)
        m.setattr(inputs, "_one", lambda make, ref, kind: make())  # no isolation per line
        result = run_case(lab, SEED, case, "jsonl")
    assert result.lost and "RuntimeError: boom" in result.notes
    with monkeypatch.context() as m:
        m.setattr(lab.ingestor, "ingest", lambda refs: iter([1 / 0]))
        result = run_case(lab, SEED, case, "jsonl")
    assert result.failures and "ZeroDivisionError" in result.failures[0]
