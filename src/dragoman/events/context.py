"""What the coder knows about the article it is coding: the parse, the resolver, times, quotes, dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..actors.places import resolve_place
from ..actors.resolver import ArticleResolver
from ..model import Place, Quote, TimeExpr
from ..nlp.datelines import USER_DATA_KEY as DATELINES_KEY


@dataclass
class Context:
    doc: Doc
    resolver: ArticleResolver
    times: list[TimeExpr]
    quotes: list[Quote]
    published: date | None
    heading_background: set[int]  # sentence indexes under a "Background" heading
    text: str = ""  # doc.text, once (spaCy rebuilds it on every access)

    time_starts: list[int] = field(default_factory=list)
    dropped: list[tuple[str, object]] = field(default_factory=list)  # (rule name, draft) for tracing
    dateline_places: dict[int, Place] = field(default_factory=dict)  # lead sentence start → dateline place
    _past: bool | None = None

    @property
    def told_in_the_past(self) -> bool:
        """Whether the article tells its news in the past tense (most sentences' main verbs are past): then a
        present-tense accusation or denial is a standing position, not the day's news. Timelines told in the
        present ('The Arab League backs a no-fly zone') are not."""
        if self._past is None:
            roots = [s.root for s in self.doc.sents if s.root.pos_ in ("VERB", "AUX")]
            past = sum(1 for r in roots if r.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass")
                                                                 for c in r.children))
            present = sum(1 for r in roots if r.tag_ in ("VBZ", "VBP"))
            self._past = past >= 2 and past >= 2 * present
        return self._past

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        self.times = sorted(self.times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        for d in self.doc.user_data.get(DATELINES_KEY, ()):
            place = _dateline_place(self.text, d.place_start, d.place_end, self.resolver)
            if place is not None:
                self.dateline_places[d.end] = place


def _dateline_place(text: str, start: int, end: int, resolver: ArticleResolver) -> Place | None:
    name = text[start:end]
    found = resolve_place(name if not name.isupper() else name.title(), resolver.kb)
    if found is None:
        return None
    return Place(name, start, end, found.name, found.country, found.lat, found.lon)
