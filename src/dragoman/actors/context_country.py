"""The country of a mention that names only a sector ('separatists', 'security forces', 'a court'):
from the phrase itself, from whom it is loyal to, from the dateline, or from the article's main country.

Each answer carries its evidence: 'phrase:Istanbul', 'loyal-to', 'dateline:GOMA', 'article'.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.symbols import dobj as dobj_dep
from spacy.symbols import pobj as pobj_dep
from spacy.tokens import Token

from ..data import load_yaml
from ..nlp.datelines import USER_DATA_KEY as DATELINES_KEY
from .kb import words_of
from .mentions import is_thing, sympathy_only
from .places import resolve_place
from .world_lookup import STATE_OFFICES, plain_code, split_code

if TYPE_CHECKING:
    from ..model import ActorRef
    from .resolver import ArticleResolver

POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
PLACE_PREPS = {"in", "from", "of", "at", "near", "inside", "across"}
# a proper noun after these is a place even when the tagger called it a person ('in central Mali')
NAMED_BEFORE_WINDOW = 400  # tokens: about the length of a news update
MISSED_PLACE_PREPS = frozenset({"in", "near", "outside", "inside"})
NEVER_PLACES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW", "NORP"})
POSSESSOR = re.compile(r"^(?:the )?(.+?)['’]s ")
NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG", "MNC"})  # code prefixes of actors that belong to no country
SYMPATHY_PREFIXES = ("pro-", "anti-")  # "pro-Russian protesters" sympathise; they are not Russia's
# A state's forces and officials with no country said anywhere are the story's own, where a clear one exists even
# among foreign reactions; not a legislature ('Congress' is the US's) nor businesses, which the story may not own.
LOCAL_FALLBACK_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD"})


@cache
def _place_words() -> dict[str, frozenset[str]]:
    """The word lists of data/actors/place_words.yaml."""
    return {k: frozenset(v) for k, v in (load_yaml("actors/place_words.yaml") or {}).items()}


def _weight(ent) -> float:
    """How much a mention says about where the story is: a place (2), a people or nationality (1), a nationality
    on troops, envoys or officials ("US marines", "British envoy") a little (0.5): they are often abroad."""
    head = ent.root.head
    if ent.root.dep_ in ("compound", "amod", "nmod", "poss") and head.lemma_.lower() in _place_words()["foreign_presence"] \
            and not any(c.lower_ in _place_words()["home_guards"] for c in head.children):
        return 0.5
    return 1.0 if ent.label_ == "NORP" else 2.0


def _acting(ent) -> bool:
    """'The United States condemned the crackdown', 'condemnation from the EU and the United States', 'US
    intelligence concluded', 'the White House said': a country or its seat named as the one who acts or reacts
    stands for its government, which says nothing of where the story's crowds and armed groups are."""
    if ent.label_ not in ("GPE", "NORP", "FAC"):
        return False
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if _of_an_acting_body(root):
        return True  # "US intelligence concluded", "a Kremlin aide said": a state body acts; "Syrian rebels" stay
    if ent.label_ == "NORP":
        return False
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("from", "by")


def _of_an_acting_body(tok: Token) -> bool:
    """Whether a name qualifies the subject of a clause that is a state body or its people ('US intelligence
    concluded', 'a Kremlin aide said'), not people who belong where the story is ('Syrian rebels said')."""
    return tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head.dep_ in ("nsubj", "nsubjpass") \
        and tok.head.lemma_.lower() not in _place_words()["local_nouns"]


def _a_venue(tok: Token) -> bool:
    """A place where talks or a meeting were held ('ended a round of talks in Kuwait', 'met in Geneva')."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("in", "at"):
        return False
    return prep.head.lemma_.lower() in _place_words()["meeting_words"]


def local_sectors() -> frozenset[str]:
    """Sectors that belong where the story happens (data/actors/place_words.yaml)."""
    return _place_words()["local_sectors"]


def _named_settlement(tok: Token) -> bool:
    """'Goma' in 'the eastern city of Goma' or 'stormed a police station in Kramatorsk' (tagged a person, an
    organisation, or nothing): a proper noun after a place preposition or '<settlement> of'."""
    if tok.pos != PROPN:  # integer checks first: this runs on every token
        return False
    if tok.dep == dobj_dep:  # 'rebels entered Timbuktu', 'militias attacked Bangui'
        return tok.ent_type_ not in NEVER_PLACES and tok.head.lemma_.lower() in _place_words()["place_taking_verbs"]
    if tok.dep != pobj_dep:
        return False
    prep = tok.head.lower_
    if prep in MISSED_PLACE_PREPS:
        return tok.ent_type_ not in NEVER_PLACES  # not 'in March' (a town in England)
    return prep == "of" and tok.head.head.lemma_.lower() in _place_words()["settlements"]


def _place_name(tok: Token) -> str:
    """The whole name a place token ends ('Beit Hanoun' for 'Hanoun')."""
    first = tok
    for left in reversed(list(tok.lefts)):
        if left.dep_ == "compound" and left.pos_ == "PROPN" and left.i == first.i - 1:
            first = left
    return tok.doc[first.i:tok.i + 1].text


class ContextCountry:
    """Answers 'which country?' for one article."""

    def __init__(self, r: ArticleResolver):
        self.r = r
        self.dateline: str | None = None
        self.places: Counter[str] = Counter()  # country → mentions of it or of its places
        self.local: Counter[str] = Counter()  # the same, leaving out troops, envoys and officials abroad
        self.first_seen: dict[str, int] = {}

    def prime(self, doc, text: str, ents: tuple | None = None) -> None:
        """Count the countries the article talks about (names, adjectives, seats, towns) and read its dateline.
        `ents` is doc.ents when the caller has it (spaCy rebuilds the entity spans on each access)."""
        ents = doc.ents if ents is None else ents
        for d in doc.user_data.get(DATELINES_KEY, ()):
            name = text[d.place_start:d.place_end]
            country = self.place_country(name.title() if name.isupper() else name)
            if country:
                self.dateline = country
                break
        for ent in ents:
            if ent.label_ not in ("GPE", "NORP", "LOC", "FAC"):
                continue
            if any(t.text.lower().startswith(SYMPATHY_PREFIXES) for t in ent) or sympathy_only(ent[0]) \
                    or sympathy_only(ent[-1]):
                continue
            name = text[ent.start_char:ent.end_char]  # Span.text joins its tokens anew
            if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of" and doc[ent.end + 1].pos_ == "PROPN" \
                    and self.place_country(_place_name(doc[ent.end + 1])):
                continue  # "the Old City of Homs": the place after 'of' says where; 'Old City' alone is Jerusalem's
            if _a_venue(ent.root):
                continue  # "signed the deal in Pretoria", "talks in Geneva": where they met, not the story's country
            country = self.place_country(name)
            if country is None and ent.label_ in ("FAC", "LOC") and POSSESSOR.match(name):
                country = self.place_country(POSSESSOR.match(name).group(1))  # "Kiev's Independence Square"
            if country:
                # a place where things happen ("in Basra", "Baghdad") says more about the story's country than a
                # nationality adjective ("US soldiers" serve abroad)
                weight = _weight(ent)
                if _acted_on(ent.root):
                    weight = min(weight, 1.0)  # "linking Iran to the unrest": talked about, not where it happens
                if _on_a_name(ent.root):
                    weight = min(weight, 0.5)  # "US President Barack Obama said": whose he is, not where
                self.places[country] += weight
                if weight >= 1.0 and not _acting(ent) and country not in self.r.kb.regions \
                        and not _acted_on(ent.root) and not _on_a_name(ent.root):
                    # "a Gulf-brokered deal", "no evidence linking Iran", "US President Barack Obama"
                    self.local[country] += weight
                self.first_seen.setdefault(country, ent.start)
        for ent in ents:  # "Kiev's Independence Square" with 'Kiev' taken for a person: a capital or a country
            if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and ent.root.dep_ in ("poss", "compound", "pobj"):
                country = self.kb_country(text[ent.start_char:ent.end_char])  # names, adjectives and seats only
                if country:
                    self.places[country] += 2.0
                    if not _of_an_acting_body(ent.root):
                        self.local[country] += 2.0
                    self.first_seen.setdefault(country, ent.start)
        for ent in ents:  # "the Federal Reserve", "Nuri al-Maliki": a national body or office-holder the
            if ent.label_ in ("ORG", "PERSON"):  # world KB knows says which country the story is about, a little
                # (a one-word name the world KB has, 'Abdullah', says nothing on its own; 'Mubarak', a name
                # the project's KB gives one person, does)
                name = text[ent.start_char:ent.end_char]
                if ent.label_ == "PERSON" and len(ent) == 1:
                    country = self.person_country(name)
                else:
                    country = self.kb_country(name, bodies=True) or self.named_country(name) or (
                        self.person_country(name) if ent.label_ == "PERSON" else self._city_named(ent))
                if country:
                    self.places[country] += 1.0
                    self.first_seen.setdefault(country, ent.start)
        for tok in doc:  # "the city of Goma" when the tagger did not see a place in Goma
            if _named_settlement(tok) and tok.ent_type_ not in ("GPE", "LOC", "FAC", "NORP"):
                country = self.place_country(_place_name(tok))
                if country:
                    self.places[country] += 2.0
                    self.local[country] += 2.0
                    self.first_seen.setdefault(country, tok.i)

    def acted_on_only(self, head: Token, found: tuple[str, str]) -> bool:
        """'Felix Tshisekedi accused Rwanda of backing the rebels', 'President X accused Moscow': the article's
        country, when this sentence names it (or its capital) only as the one the actor acts on, says nothing of
        where the actor is from."""
        if found[1] not in ("article", "dateline") or head.dep_ not in ("nsubj", "nsubjpass"):
            return False
        mine = {t.i for t in head.subtree}
        sentence = self.r.sent_of(head)
        hits = [t for t in sentence if t.ent_type_ == "GPE" and t.pos_ == "PROPN" and t.i not in mine
                and self.kb_country(t.text) == found[0]]  # the country or its capital, not a town in it
        clause = {x.i for x in head.head.subtree}
        return bool(hits) and all(t.i in clause and _acted_on(t) for t in hits)

    def place_country(self, name: str) -> str | None:
        """The country a place, country name or nationality adjective belongs to ("South Africa's" too: the
        tagger often keeps the possessive inside the entity)."""
        name = POSSESSIVE.sub("", name.strip())
        known = self.kb_country(name)
        if known:
            return known
        found = resolve_place(name, self.r.kb)
        if found is not None:
            return found.country
        return self._world_place(name)

    def _world_place(self, name: str) -> str | None:
        """A region or town the world KB lists under its country ('Assam', 'Borno'): the world dictionaries code
        such names as the country itself (a bare country code)."""
        words = list(words_of(name))
        if words and words[0] == "the":
            words = words[1:]
        m = self.r.world.match_at(words, 0) if words else None
        if not m or m[0] != len(words):
            return None
        codes = {plain_code(code) for e in m[1] if (code := e.code_on(self.r.published))}
        return codes.pop() if len(codes) == 1 and len(next(iter(codes))) == 3 else None

    def kb_country(self, name: str, bodies: bool = False) -> str | None:
        """The country the project's KB says a name is, or whose seat or legislature it is ('Capitol Hill');
        with `bodies`, also the country of a national body or person it knows ('the Federal Reserve')."""
        words = list(words_of(POSSESSIVE.sub("", name.strip())))
        if words and words[0] == "the":
            words = words[1:]
        m = self.r.kb.names.match_at(words, 0) if words else None
        if m and m[0] == len(words):
            for entry in m[1]:
                if entry.kind in ("country", "adjective", "people", "seat", "legislature", "govterm"):
                    return entry.ref.code
                if bodies and entry.kind == "org" and entry.ref.country and entry.ref.sector != "IGO":
                    return entry.ref.country
        return None

    def _city_named(self, ent) -> str | None:
        """'Sanaa University', 'Cairo airport': an institution or site named after its city is in that city's
        country."""
        first = ent[0]
        if len(ent) < 2 or first.pos_ != "PROPN" or not first.text[:1].isupper():
            return None
        if first.head != ent.root:
            return None  # 'Mine Safety and Health Administration': the word begins a name, it names no town
        found = resolve_place(first.text, self.r.kb)
        return found.country if found is not None and found.country not in self.r.kb.regions else None

    def person_country(self, name: str) -> str | None:
        """The country of the office a person the project's KB knows holds on the article's date, found anywhere
        in the name ('his deputy Abd-Rabbu Mansour Hadi' holds Yemen's vice-presidency in 2011)."""
        words = list(words_of(POSSESSIVE.sub("", name.strip())))
        for i in range(len(words)):
            m = self.r.kb.names.match_at(words, i)
            for entry in (m[1] if m else ()):
                if entry.kind == "person" and (role := entry.ref.role_on(self.r.published)) is not None \
                        and self.r.published is not None and role.code[:3] not in NOT_COUNTRIES:
                    return role.code[:3]
        return None

    def named_country(self, name: str) -> str | None:
        """The country of a body or person the world KB knows by exactly this name, on the article's date."""
        words = list(words_of(POSSESSIVE.sub("", name.strip())))
        if words and words[0] == "the":
            words = words[1:]
        m = self.r.world.match_at(words, 0) if words else None
        if not m or m[0] != len(words):
            return None
        countries = {split_code(plain_code(code))[0] for e in m[1] if (code := e.code_on(self.r.published))}
        countries.discard(None)
        return countries.pop() if len(countries) == 1 else None

    def main_country(self) -> str | None:
        """The country the article is about: at least half of its country and place mentions (the first
        named, on a tie); None when several countries share the article."""
        if not self.places:
            return None
        total = sum(self.places.values())
        top = max(self.places.values())
        if top * 2 < total:
            return None
        return min((c for c, n in self.places.items() if n == top), key=lambda c: self.first_seen.get(c, 0))

    def share(self, country: str) -> float:
        total = sum(self.places.values())
        return self.places[country] / total if total else 0.0

    def country_for(self, head: Token, local: bool = False, sector: str | None = None) -> tuple[str, str] | None:
        """(country, evidence) for the phrase headed by `head`, or None when nothing says. A `local` group
        (insurgents, protesters, residents) belongs where the story happens, never to the troops sent there;
        with its `sector`, it is first the group of that sector the article named with a country before."""
        for rule in (self._owners, self._of_a_group, self._in_phrase, self._loyal_to):
            found = rule(head)
            if found:
                return found
        if local:
            found = self._where_it_acts(head)  # "thousands of people marched in Goma"
            if found:
                return found
        if sector and (local or sector == "MIL"):
            # "Syrian rebels ... the rebels", "Israeli troops ... the army"
            found = self._named_before(head, sector)
            if found:
                return found
        found = self._first_conjuncts(head, possessive_only=local)
        if found:
            return found
        if local and sector in ("INS", "REB", "SEP", "UAF"):
            found = self._in_sentence(head)  # armed groups are where they fight
            if found:
                return found
        if local and self.local:
            top = max(self.local.values())
            return min((c for c, n in self.local.items() if n == top),
                       key=lambda c: self.first_seen.get(c, 0)), "article:local"
        main = self.main_country()
        if main:
            return main, "article"
        if sector in LOCAL_FALLBACK_SECTORS and self.local:  # "urging the military to ..." amid foreign reactions
            ranked = sorted(self.local.values(), reverse=True)
            if len(ranked) == 1 or ranked[0] >= 2 * ranked[1]:
                top = ranked[0]
                return min((c for c, n in self.local.items() if n == top),
                           key=lambda c: self.first_seen.get(c, 0)), "article:local"
        if self.dateline and (not self.places or self.share(self.dateline) >= 0.3):
            return self.dateline, "dateline"
        return self._officials_country(head, sector)

    def _officials_country(self, head: Token, sector: str | None) -> tuple[str, str] | None:
        """'President Maduro accused the opposition': with no place named at all, the one country whose office
        holders the article has named so far ('Maduro' is Venezuela's president); and 'government forces' are
        the forces of the one government the article names, wherever else it goes."""
        if self.places and sector not in ("GOV", "MIL", "COP"):
            return None
        found = {ref.country: ref.text for i, ref, _ in self.r.recent
                 if i < head.i and head.i - i <= NAMED_BEFORE_WINDOW and ref.country and ref.sector in STATE_OFFICES and ref.country not in self.r.kb.regions}
        if len(found) != 1:
            return None
        country, text = next(iter(found.items()))
        return country, f"office:{text}"

    def _where_it_acts(self, head: Token) -> tuple[str, str] | None:
        """'Thousands of people marched in Goma', 'residents in Kidal said': the place where the local group's own
        verb happens ('in' or 'at' a named place) is where the group is."""
        while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "NUM", "PRON"):
            head = head.head.head  # 'people' in 'thousands of people'
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        for prep in head.head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for tok in prep.children:
                if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and (tok.ent_type_ in ("GPE", "LOC", "FAC")
                                                                   or _named_settlement(tok)):
                    country = self.place_country(_place_name(tok))
                    if country and country not in self.r.kb.regions:
                        return country, f"acts-in:{tok.text}"
        return None

    def _in_sentence(self, head: Token) -> tuple[str, str] | None:
        """'Islamic State fighters seized the ancient city of Palmyra': the one country the sentence's places are in
        (named places and '<settlement> of X'), for a local group the phrase itself does not place."""
        countries: dict[str, str] = {}
        for tok in self.r.sent_of(head):
            if tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.pos_ == "PROPN" and not sympathy_only(tok):
                ent = self.r.ent_of.get(tok.i)
                if ent is None or tok.i != ent.root.i or tok.dep_ in ("compound", "amod", "poss", "nmod") \
                        or _acting(ent) or _a_venue(tok):
                    continue  # "a US marine", "Israel said": who, not where; "talks in Kuwait": where they met
                owner = next((c for c in tok.children if c.dep_ == "poss" and c.ent_type_ == "GPE"), None)
                country = self.place_country(owner.text if owner is not None else ent.text)  # "Mosul's Old City"
            elif _named_settlement(tok):
                country = self.place_country(_place_name(tok))
            else:
                continue
            if country and country not in self.r.kb.regions:
                countries.setdefault(country, tok.text)
        if len(countries) != 1:
            return None
        country, name = next(iter(countries.items()))
        return country, f"sentence:{name}"

    def _named_before(self, head: Token, sector: str) -> tuple[str, str] | None:
        """'Syrian rebels ... The rebels said they had taken the town': the same kind of group, named with its
        country earlier in the article (the nearest such mention)."""
        for i, ref, _ in reversed(self.r.recent):
            if i >= head.i:
                continue
            if head.i - i > NAMED_BEFORE_WINDOW:
                break
            if ref.sector == sector and ref.country and ref.country not in self.r.kb.regions:
                return ref.country, f"earlier:{ref.text}"
        return None

    def _first_conjuncts(self, head: Token, possessive_only: bool = False) -> tuple[str, str] | None:
        """'US diplomats and army commanders': a nationality before the first of two coordinated state
        actors is the second's too; for local groups only a country's possessive ("Syria's government and
        opposition"), not an adjective ('British troops and insurgents')."""
        first = head.head
        if head.dep_ != "conj" or first.pos_ not in ("NOUN", "PROPN") or first.i >= head.i:
            return None
        if any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE") for c in head.children):
            return None
        deps = ("poss",) if possessive_only else ("amod", "compound", "nmod", "poss")
        for c in first.children:
            if c.i < first.i and c.dep_ in deps and c.ent_type_ in ("NORP", "GPE"):
                country = self.place_country(c.text)
                if country:
                    return country, "conjunct"
        return None

    def _owners(self, head: Token) -> tuple[str, str] | None:
        """'Aliyev said his forces had taken several villages': whose forces a possessive pronoun says."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        ref = self.r.resolve(owner) if owner is not None else None
        if ref is None or not ref.country or ref.country in NOT_COUNTRIES:
            return None
        return ref.country, f"owner:{ref.text}"

    def _of_a_group(self, head: Token) -> tuple[str, str] | None:
        """'two envoys of the rebel council in Paris', 'members of the Syrian opposition': people of a group
        belong where the group does, wherever they are."""
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if group is None or group.pos_ != "NOUN" or group.ent_type_ in ("GPE", "LOC", "FAC") \
                or _named_settlement(group) or is_thing(group):
            return None
        ref = self.r.resolve(group)
        if ref is None or not ref.country or ref.country in NOT_COUNTRIES or ref.sector is None:
            return None
        return ref.country, f"of:{ref.text}"

    def _in_phrase(self, head: Token) -> tuple[str, str] | None:
        """'a court in Istanbul' → TUR, 'police from Kosovo' → KSV, 'rebels in the eastern city of Goma' → COD,
        'insurgents in a town on Iraq's border' → IRQ: the first place inside the phrase's place preposition."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                continue
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = self._place_within(obj, depth=3) if obj is not None else None
            if found:
                return found
        return None

    def _place_within(self, tok: Token, depth: int) -> tuple[str, str] | None:
        """A place named by `tok` or, through 'of'/'on'/'near'-type prepositions and possessives, by the nouns
        it governs ('the city of Goma', "Iraq's border"); not through clauses."""
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or _named_settlement(tok):
            ent = self.r.ent_of.get(tok.i) if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP") else None
            name = ent.text if ent is not None else _place_name(tok)
            country = self.place_country(name)
            if country:
                return country, f"phrase:{name}"
        elif tok.pos_ == "PROPN" and (country := self.kb_country(_place_name(tok))):
            return country, f"phrase:{tok.text}"  # "troops from Niger" with 'Niger' tagged a date
        if depth == 0:
            return None
        for child in tok.children:
            nxt = None
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP")):
                nxt = child
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"on", "near", "outside", "along"}:
                nxt = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = self._place_within(nxt, depth - 1) if nxt is not None else None
            if found:
                return found
        return None

    def _loyal_to(self, head: Token) -> tuple[str, str] | None:
        """'security forces loyal to the president' → the president's country."""
        ref = self.loyal_to(head)
        return (ref.country, "loyal-to") if ref is not None and ref.country else None

    def loyal_to(self, head: Token) -> ActorRef | None:
        """Whom the phrase headed by `head` is loyal to, allied or linked to ('forces loyal to the president')."""
        for child in head.children:
            if child.dep_ in ("amod", "acl") and child.lemma_.lower() in ("loyal", "allied", "linked", "close"):
                for prep in child.children:
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
                    ref = self.r.resolve(obj) if obj is not None else None
                    if ref is not None and ref.country:
                        return ref
        return None


def _on_a_name(tok: Token) -> bool:
    """'US' in 'US President Barack Obama', 'the United States' in 'the defence chiefs of the United States,
    Britain and Japan': a nationality on a person's name or office says whose he is, not where the story's crowds
    are."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.tag_ == "NNS" \
            and tok.head.head.lemma_.lower() in _place_words()["offices_abroad"]:
        return True
    if tok.dep_ not in ("compound", "amod", "nmod"):  # not "Vietnam's prime minister": the story's own country
        return False
    node = tok.head
    for _ in range(3):  # through the title: 'US' → 'President' → 'Obama'
        if node.ent_type_ == "PERSON":
            return True
        if node.dep_ != "compound" or node.head is node:
            return False
        node = node.head
    return False


def _acted_on(tok: Token) -> bool:
    """'accused Rwanda', 'talks with Rwanda', 'sanctions against Russia': the one acted on, not a place
    ('met in Brussels')."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ in ("dobj", "dative"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("against", "with", "to", "toward", "towards")
