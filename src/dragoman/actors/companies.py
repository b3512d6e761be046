"""Companies from the knowledge base (data/actors/companies.yaml) in running text: which of the entries a matched
name has count here. A company's name counts only as it is written — an acronym exactly ('ANA', not 'Ana'), the
capitals of a name where it has them ('Korean Air', not 'the Korean air force') — and not as part of a longer
person's name ('Trevor McDonald's') or as a product ('a Toyota'); an ordinary-word alias ('Shell', 'Apple',
'Ford') only when it is plainly the company; of two dated entries for one name, the one in force on the article's
date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .kb import Entry, Org, is_acronym

if TYPE_CHECKING:
    from .resolver import ArticleResolver

# A word alias that modifies another noun ('Shell fire', 'Apple farmers', 'Total casualties') is that word.
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod"}
INDEFINITE = {"a", "an"}


def is_company(org: object) -> bool:
    """A company or business body: an organisation with a home country and the BUS sector."""
    return isinstance(org, Org) and org.sector == "BUS" and org.country is not None


def company_entries(r: ArticleResolver, entries: list[Entry], toks: list[Token], start: int,
                    end: int) -> list[Entry]:
    """The entries of the name toks[start:end] that count in this article (entries of other kinds unchanged;
    when the words begin in lower case, only a company written that way, 'easyJet', counts)."""
    if not any(e.form is not None for e in entries):
        return _in_force(entries, r.published)
    words = toks[start:end]
    lower = not (words[0].text[:1].isupper() or words[0].text[:1].isdigit())
    out = []
    for e in _in_force(entries, r.published):
        if e.form is None:
            if not lower:
                out.append(e)
            continue
        if not _written_as(e.form, words) or _inside_a_person_name(r, words) or _a_product(words):
            continue
        if e.kind == "company_word":
            if not (e.ref.name in r.named_firms or _plainly_an_organisation(words)):
                continue
            e = Entry("org", e.ref, e.form)
        out.append(e)
    return out


def _in_force(entries: list[Entry], day) -> list[Entry]:
    """Of entries that share a name, those in force on `day` (all of them when none is): Royal Dutch Shell
    before 2022, Shell plc after; the Taliban in power (a dated entry) rather than the insurgency (undated)."""
    dated = [e for e in entries if isinstance(e.ref, Org) and not is_company(e.ref) and (e.ref.since or e.ref.until)]
    if dated:  # with no date, the group's usual code (the undated entry)
        now = [e for e in dated if e.ref.current_on(day)] if day is not None else []
        rest = [e for e in entries if e not in dated and not (now and isinstance(e.ref, Org) and e.kind == "org")]
        entries = now + rest
    if not any(is_company(e.ref) and (e.ref.since or e.ref.until) for e in entries):
        return entries
    current = [e for e in entries if not is_company(e.ref) or e.ref.current_on(day)]
    return current or entries


def _written_as(form: str, words: list[Token]) -> bool:
    """'ANA' only as 'ANA'; 'Korean Air' not as 'Korean air'; 'easyJet' as 'easyJet'."""
    surface = "".join(t.text_with_ws for t in words).split()
    if is_acronym(form):
        return "".join(surface) == form.replace(" ", "")
    if form[:1].islower():
        return " ".join(surface) == form
    written = form.split()
    if len(written) != len(surface):
        return True  # spelt differently ('AT&T' as one word, a hyphen rejoined): nothing to compare
    return all(s[:1].isupper() or not w[:1].isupper() for w, s in zip(written, surface, strict=True))


def _inside_a_person_name(r: ArticleResolver, words: list[Token]) -> bool:
    """'Trevor McDonald's', 'Gerald Ford': the words are part of a longer person's name."""
    first, last = words[0], words[-1]
    if first.ent_type_ != "PERSON":
        return False
    ent = r._ent(first)
    return ent is not None and (ent.start < first.i or any(t.tag_ != "POS" for t in first.doc[last.i + 1:ent.end]))


def _a_product(words: list[Token]) -> bool:
    """'a Toyota', 'an Airbus': a company's name after an indefinite article, heading its phrase, is a thing it
    made ('a BP spokesman' is the company's)."""
    first, last = words[0], words[-1]
    return first.i > 0 and first.doc[first.i - 1].lower_ in INDEFINITE and last.dep_ not in MODIFIER_DEPS | {"poss"}


def _plainly_an_organisation(words: list[Token]) -> bool:
    """'Shell said', "Apple's chief executive": the tagger marks the words as an organisation's name, they do
    not modify another noun and take no preposition of their own ('Reliance on Russian gas' is the word), so
    they are the company."""
    if any(t.ent_type_ != "ORG" for t in words):
        return False
    last = words[-1]
    return last.dep_ not in MODIFIER_DEPS and not any(c.dep_ == "prep" for c in last.children)
