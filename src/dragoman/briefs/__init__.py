"""Briefs: headline, credit, key facts, quotes, background, gaps and what to watch."""
