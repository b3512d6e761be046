"""News datelines: "BRUSSELS -", "BELGRADE, Feb 24 (Reuters) -", "PRISTINA (AP) —", "Brussels, 19 April 2013 –".

A dateline names where a story was filed; it is not part of the first sentence. Left in, the parser takes
"BRUSSELS (Adriatic Wire) - Serbian Prime Minister ..." as one noun phrase and the dateline city becomes
the subject. Datelines are found at the start of the text or of a line (a paragraph), by their shape:
a capitalised place, an optional region, date and credit in brackets, then a dash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import is_place

USER_DATA_KEY = "dragoman_datelines"

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'’\-]+(?:[ \t]+[A-Z][a-z'’\-]+){0,2}"
_REGION = r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?"
_CREDIT = r"(?:[ \t]*\((?P<credit>[^()\n]{1,40})\))?"
_SEP = r"(?:[ \t]*[—–][ \t]*|[ \t]+-{1,2}[ \t]+|[ \t]*--[ \t]*)"
_LEAD = r"(?=[\"“‘'(]?[A-Z0-9])"  # the story starts like a sentence
_DATELINE = re.compile(
    rf"^[ \t]*(?:(?P<caps>{_CAPS_PLACE}){_REGION}(?:,?[ \t]*(?P<cdate>{_DATE}))?"
    rf"|(?P<title>{_TITLE_PLACE}){_REGION}(?:,?[ \t]*(?P<tdate>{_DATE}))?){_CREDIT}{_SEP}{_LEAD}",
    re.MULTILINE)


@dataclass(frozen=True)
class Dateline:
    """A dateline: its whole extent and its place name, as character offsets into the text."""

    start: int
    end: int  # where the story's first sentence begins
    place_start: int
    place_end: int


def find_datelines(text: str, is_place: Callable[[str], bool] | None = None) -> list[Dateline]:
    """Datelines at the start of `text` or of a line.

    An all-capitals place with a date or a credit ("(Reuters)") is a dateline by its shape alone; without
    them ("BRUSSELS -") the name must be a place `is_place` knows. A place in ordinary capitalisation
    needs a date or a credit ("Brussels, 19 April 2013 –"), since "Brussels - the city ..." is prose.
    """
    out: list[Dateline] = []
    for m in _DATELINE.finditer(text):
        marked = bool(m.group("credit") or m.group("cdate") or m.group("tdate"))
        if m.group("caps"):
            key = "caps"
            if not marked and (is_place is None or not is_place(m.group("caps"))):
                continue
        else:
            key = "title"
            if not marked:
                continue
        out.append(Dateline(m.start(key), m.end(), m.start(key), m.end(key)))
    return out


@Language.component("dragoman_datelines")
def dateline_breaks(doc: Doc) -> Doc:
    """The first sentence of a story starts after its dateline; the datelines are kept in doc.user_data."""
    found = find_datelines(doc.text, is_place)
    if not found:
        return doc
    starts = {t.idx: t for t in doc}
    kept = []
    for d in found:
        tok = starts.get(d.end)
        if tok is None or tok.i == 0:
            continue
        tok.is_sent_start = True
        kept.append(d)
    doc.user_data[USER_DATA_KEY] = kept
    return doc
