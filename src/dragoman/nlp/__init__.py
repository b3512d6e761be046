"""Language processing: the spaCy pipeline, sentences, times, quotes."""
