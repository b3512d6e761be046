"""The quote finder's lexicon, from data/quotes.yaml: reporting verbs and nouns, media, speaker pronouns."""

from __future__ import annotations

from dragoman.data import load_yaml

_V = load_yaml("quotes.yaml")

SPEECH_VERBS = frozenset(_V["speech_verbs"])
INFINITIVE_VERBS = frozenset(_V["infinitive_verbs"])
COGNITION_VERBS = frozenset(_V["cognition_verbs"])
PHRASAL_CUES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _V["phrasal_cues"].items()}
OBJECT_VERBS = frozenset(_V["object_verbs"])
NOUN_CUES = frozenset(_V["noun_cues"])
NAMING_VERBS = frozenset(_V["naming_verbs"])
MEDIUM_NOUNS = frozenset(_V["medium_nouns"])
SUBORDINATORS = frozenset(_V["subordinators"])
SPEAKER_PRONOUNS = frozenset(_V["speaker_pronouns"])
NON_SPEAKERS = frozenset(_V["non_speakers"])
LABEL_STOP = frozenset(_V["label_stop"])
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})  # spaCy's subject labels
