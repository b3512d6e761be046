"""Reading PETRARCH/TABARI/Phoenix actor and agent dictionaries, with their date-bounded codes.

Actors::

    PHRASE_WORDS_ [DEFAULTCODE] ; comment
    +SYNONYM_PHRASE
    \t[CODE >YYMMDD]   [CODE <YYMMDD]   [CODE YYYYMMDD-YYYYMMDD]   [CODE]

Agents::

    !MARKER! = WORD, WORD            a substitution set, expanded wherever !MARKER! appears
    PHRASE {PLURAL} [~CODE]          ~CODE is appended to the actor's code, CODE~ put before it
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .kb import norm

_CODE = re.compile(r"\[([^\]]+)\]")
_MARKER = re.compile(r"!([A-Za-z]+)!")

Warn = Callable[[str], None]


class DictionaryError(ValueError):
    """The file is not an actors (or agents) dictionary."""


@dataclass
class DictEntry:
    names: list[str]
    default: str | None = None
    spans: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (code, from, until)
    comments: list[str] = field(default_factory=list)  # what follows ';' or '#' on the record's lines
    line: int = 0  # line of the primary phrase

    @property
    def has_codes(self) -> bool:
        return bool(self.default or self.spans)


@dataclass(frozen=True)
class AgentPhrase:
    phrase: str  # words separated by single spaces, as written (upper case)
    code: str  # without the '~'
    prefix: bool  # CODE~: the code goes before the actor's code (IGO~), not after it
    line: int


def _date(text: str) -> str:
    """YYMMDD or YYYYMMDD as ISO. As in PETRARCH: up to 7 digits are read as YYMMDD (years up to 30 are
    20YY), longer strings by their first 8 digits."""
    text = text.strip()
    if not text.isdigit() or len(text) < 6:
        raise ValueError(f"bad date {text!r}")
    if len(text) <= 7:
        yy = int(text[:2])
        digits = ("20" if yy <= 30 else "19") + text[:6]
    else:
        digits = text[:8]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        raise ValueError(f"bad date {text!r}") from None


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
        start, until = _date(a), _date(b)
        if until < start:
            raise ValueError(f"interval {rule!r} ends before it starts")
        return code, start, until
    return code, _date(rule), _date(rule)


def _phrase(text: str) -> str:
    text = text.split(";", 1)[0].split("#", 1)[0]
    text = _CODE.sub("", text)
    return " ".join(text.replace("_", " ").split())


def _comment(text: str) -> str:
    cut = [i for i in (text.find(";"), text.find("#")) if i >= 0]
    return text[min(cut) + 1:].strip(" #;\t") if cut else ""


def _add_codes(entry: DictEntry, text: str, lineno: int, warn: Warn | None, primary: bool) -> None:
    for body in _CODE.findall(text.split(";", 1)[0].split("#", 1)[0]):
        try:
            code, start, until = _restriction(body)
        except ValueError as exc:
            if warn is None:
                raise DictionaryError(f"line {lineno}: {exc}") from None
            warn(f"line {lineno}: {exc}; restriction skipped")
            continue
        if start or until:
            entry.spans.append((code, start, until))
        elif primary and entry.default:
            continue  # a second bare code on the primary line adds nothing
        else:
            entry.default = code  # a bare [CODE] line replaces the primary line's default


def parse_actor_dictionary(text: str, warn: Warn | None = None) -> Iterator[DictEntry]:
    """Records of an actors dictionary. Raises DictionaryError for an agents file or other text.

    A bad date raises DictionaryError unless `warn` is given, which is then told about it (one line
    naming the line number) and the restriction is skipped; a record left with no code is dropped. As in
    PETRARCH, a primary phrase with no [code] at all followed by another primary phrase shares that
    record's codes (it is a synonym).
    """
    entry: DictEntry | None = None
    bracketed = False  # the current record has [codes], even ones whose dates could not be read
    seen_record = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!"):
            continue
        if stripped.startswith("!") and "=" in stripped:
            raise DictionaryError("this is an agents dictionary (roles), not an actors dictionary")
        if raw.startswith(("\t", " ")) and stripped.startswith("["):
            if entry is not None:
                bracketed = True
                _add_codes(entry, stripped, lineno, warn, primary=False)
                if _comment(stripped):
                    entry.comments.append(_comment(stripped))
            continue
        if stripped.startswith("+"):
            if entry is not None:
                for part in stripped[1:].split(";", 1)[0].split("#", 1)[0].split("+"):
                    name = _phrase(part)
                    if name:
                        entry.names.append(name)
                if _comment(stripped):
                    entry.comments.append(_comment(stripped))
            continue
        codes = _CODE.findall(stripped.split(";", 1)[0].split("#", 1)[0])
        if codes and codes[0].startswith("~"):
            raise DictionaryError("this is an agents dictionary (roles), not an actors dictionary")
        if entry is not None and (entry.has_codes or bracketed):
            if entry.has_codes:
                yield entry
            entry = None
        name = _phrase(stripped)
        if entry is None:
            entry = DictEntry(names=[], line=lineno)
            bracketed = False
        bracketed = bracketed or bool(codes)
        if name:
            entry.names.append(name)
        if _comment(stripped):
            entry.comments.append(_comment(stripped))
        _add_codes(entry, stripped, lineno, warn, primary=True)
        seen_record = True
    if entry is not None and entry.has_codes:
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


def _plural(phrase: str) -> str | None:
    """The regular plural of a phrase's last word: PETRARCH's rule, except that -ay/-ey/-oy take an s,
    -man becomes -men and a phrase already ending in a single s gets none."""
    if phrase.endswith("Y") and not phrase.endswith(("AY", "EY", "OY", "UY")):
        return phrase[:-1] + "IES"
    if phrase.endswith(("SS", "SH", "CH", "X", "US")):
        return phrase + "ES"
    if phrase.endswith("S"):
        return None  # already plural ("FUNDAMENTALIST_MUSLIMS")
    if phrase.endswith("MAN"):
        return phrase[:-3] + "MEN"
    return phrase + "S"


def _agent_forms(body: str, markers: dict[str, list[str]]) -> list[str]:
    """Every surface form of one agent line's phrase part (before the code)."""
    plural_given = None
    if "{" in body:
        if "}" not in body:
            raise ValueError("missing '}'")
        plural_given = body[body.find("{") + 1:body.find("}")]
        body = body[:body.find("{")]
    phrase = " ".join(body.replace("_", " ").split())
    if not phrase:
        return []
    found = _MARKER.search(phrase)
    if found:
        subs = markers.get(found.group(1).upper())
        if subs is None:
            raise ValueError(f"substitution set !{found.group(1)}! is not defined")
        forms = [phrase[:found.start()] + s + phrase[found.end():] for s in subs]
        return [" ".join(f.split()) for f in forms]  # no plurals are made from a substitution
    if plural_given is not None:
        plural = " ".join(plural_given.replace("_", " ").split())
        return [phrase, plural] if plural else [phrase]
    plural = _plural(phrase)
    return [phrase, plural] if plural else [phrase]


def parse_agent_dictionary(text: str, warn: Warn | None = None) -> list[AgentPhrase]:
    """Every phrase of an agents dictionary, in file order, singular and plural forms expanded.

    Bad lines raise DictionaryError unless `warn` is given (then it is told, and the line skipped).
    """
    markers: dict[str, list[str]] = {}
    out: list[AgentPhrase] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<"):
            continue
        stripped = stripped.split("#", 1)[0].strip()
        if stripped.startswith("!") and "=" in stripped:
            name, _, items = stripped.partition("=")
            markers[name.strip().strip("!").upper()] = [" ".join(i.split()) for i in items.split(",") if i.strip()]
            continue
        try:
            if "[" not in stripped:
                raise ValueError("no [code]")
            body, _, rest = stripped.partition("[")
            code = rest.split("]", 1)[0].strip()
            if "~" not in code or not code.strip("~"):
                raise ValueError(f"agent code {code!r} has no '~'")
            forms = _agent_forms(body, markers)
        except ValueError as exc:
            if warn is None:
                raise DictionaryError(f"line {lineno}: {exc}") from None
            warn(f"line {lineno}: {exc}; line skipped")
            continue
        prefix = code.endswith("~")
        for form in forms:
            out.append(AgentPhrase(form, code.strip("~"), prefix, lineno))
    if not out:
        raise DictionaryError("no agent records found")
    return out
