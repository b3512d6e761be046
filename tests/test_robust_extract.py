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
