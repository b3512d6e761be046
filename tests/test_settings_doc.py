"""docs/settings.md documents every setting with its default."""

import re
from dataclasses import fields
from pathlib import Path

from dragoman.config import Settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def _documented() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `(\w+)` \| `([^`]*)` \| (.+) \|$", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def _shown(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_every_setting_is_documented_with_its_default():
    defaults = Settings()
    names = [f.name for f in fields(Settings) if f.name != "origin"]
    documented = _documented()
    assert list(documented) == names, "docs/settings.md lists the settings in config.py's order"
    for name in names:
        default, meaning = documented[name]
        assert default == _shown(getattr(defaults, name)), f"{name}: documented default {default!r}"
        assert len(meaning.split()) >= 5, f"{name}: say what it means"
