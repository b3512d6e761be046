"""Reading PETRARCH/TABARI/Phoenix actor dictionaries, with their date-bounded codes.

    PHRASE_WORDS_ [DEFAULTCODE] ; comment
    +SYNONYM_PHRASE
    \t[CODE >YYMMDD]   [CODE <YYMMDD]   [CODE YYYYMMDD-YYYYMMDD]   [CODE]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .kb import norm

_CODE = re.compile(r"\[([^\]]+)\]")
_DATE = re.compile(r"^\d{6}(\d{2})?$")


class DictionaryError(ValueError):
    """The file is not an actors dictionary."""


@dataclass
class DictEntry:
    names: list[str]
    default: str | None = None
    spans: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (code, from, until)


def _date(text: str) -> str:
    text = text.strip()
    if not _DATE.match(text):
        raise ValueError(f"bad date {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy < 40 else "19") + text
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def _restriction(body: str) -> tuple[str, str | None, str | None]:
    parts = body.split(None, 1)
    code = parts[0].strip()
    if len(parts) == 1:
        return code, None, None
    rule = parts[1].replace(" ", "")
    if rule.startswith("<"):
        return code, None, _date(rule[1:])
    if rule.startswith(">"):
        return code, _date(rule[1:]), None
    if "-" in rule:
        a, b = rule.split("-", 1)
        return code, _date(a), _date(b)
    return code, _date(rule), _date(rule)


def _phrase(text: str) -> str:
    text = text.split(";", 1)[0].split("#", 1)[0]
    text = _CODE.sub("", text)
    return " ".join(text.replace("_", " ").split())


def parse_actor_dictionary(text: str) -> Iterator[DictEntry]:
    """Records of an actors dictionary. Raises DictionaryError for an agents file or other text."""
    entry: DictEntry | None = None
    seen_record = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("!") and "=" in stripped:
            raise DictionaryError("this is an agents dictionary (roles), not an actors dictionary")
        if raw.startswith(("\t", " ")) and stripped.startswith("["):
            if entry is None:
                continue
            for body in _CODE.findall(stripped):
                try:
                    entry.spans.append(_restriction(body))
                except ValueError as exc:
                    raise DictionaryError(f"line {lineno}: {exc}") from None
            continue
        if stripped.startswith("+"):
            if entry is not None:
                name = _phrase(stripped[1:])
                if name:
                    entry.names.append(name)
            continue
        if entry is not None:
            yield entry
        name = _phrase(stripped)
        codes = _CODE.findall(stripped.split(";", 1)[0].split("#", 1)[0])
        if codes and codes[0].startswith("~"):
            raise DictionaryError("this is an agents dictionary (roles), not an actors dictionary")
        entry = DictEntry(names=[name] if name else [])
        if codes:
            code, start, until = _restriction(codes[0])
            if start or until:
                entry.spans.append((code, start, until))
            else:
                entry.default = code
        seen_record = True
    if entry is not None:
        yield entry
    if not seen_record:
        raise DictionaryError("no actor records found")


def dictionary_rows(text: str, source: str) -> list[dict]:
    """Rows for the store's actors table (origin 'dictionary')."""
    rows = []
    for entry in parse_actor_dictionary(text):
        if not entry.names:
            continue
        primary = entry.names[0].title()
        codes = list(entry.spans)
        if entry.default:
            codes.append((entry.default, None, None))
        for name in entry.names:
            for code, start, until in codes:
                rows.append({"name": primary, "key": norm(name), "code": code.upper(), "role": None,
                             "valid_from": start, "valid_until": until, "evidence": f"imported from {source}"})
    return rows
