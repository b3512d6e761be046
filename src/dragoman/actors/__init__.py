"""Actors: the knowledge base, the resolver (mention → code), the memory across articles, dictionary import."""
