"""Quotes and attributions: who said what, in their own words or reported, and according to whom.

Rule-based over the spaCy parse (nothing trained; the lexicon is data/quotes.yaml); about 3% of the parse time.

1. Quotation marks are paired by scanning each paragraph: straight and curly double quotes, two apostrophes
   used as a double quote, curly single quotes at top level. Whether a mark opens or closes is read from its
   neighbours first and its shape second. A quote left open at a paragraph end continues when the next
   paragraph opens with the same kind of mark; a run that never closes is a stray mark and is ignored.
2. Attribution candidates come from the parse: a reporting verb from a hand-written lexicon with its
   complement clause (ccomp, a that-clause the parser hung elsewhere, an infinitive for "urge"/"ask"/...,
   the object of "announce"/"deny"/..., "called X Y"), beliefs and findings with a clause ("believes that",
   "the poll found that"), "according to X" with the clause it modifies, statement nouns with a that-clause
   ("his claim that ..."), and transcript or headline labels ("PENCE: ...").
   The speaker is the verb's subject, its passive agent ("it was reported by X"), the subject of the verb it
   hangs on ("..., saying that ..."), the antecedent of "who", or the source behind a medium
   ("a press release from the Ministry" -> the Ministry).
3. A candidate whose content is all inside quotation marks attributes those quotes ("direct"); otherwise its
   clause is the content ("indirect"), partial quotes included. With "according to", quoted words of more
   than four words are the content even inside a longer clause.
4. Quotes the parse did not reach are attributed by adjacency (", X said" after the closing mark; "X said:"
   or "X said," before the opening one; a lead-in sentence ending with a colon; "― Name" after it), then
   along split quotes ('"...," he said, "..."'), continued paragraphs and the next sentence of the same
   paragraph. A paragraph that is only a quote, after a paragraph ending on an attributed quote, keeps
   that speaker but gets no cue of its own.
5. Quotes of four words or fewer with no cue are scare quotes or titles and are dropped; longer ones are kept
   without speaker.
6. A speaker is a span of the text; who it is (code, name, role; the person a he/she refers to) is the
   actor resolver's job (dragoman.actors.speakers), the same resolver the event coder uses.

The package, by concern: `vocab` (data/quotes.yaml), `marks` (quotation marks), `parse` (candidates from the
parse), `adjacency` (quotes attributed by their neighbours) and `attribute` (find_quotes).
"""

from .attribute import find_quotes
from .marks import quote_segments

__all__ = ["find_quotes", "quote_segments"]
