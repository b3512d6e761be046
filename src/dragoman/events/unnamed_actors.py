"""Who acts when the text names no one: the draft rule `needs_an_actor` and the finders it tries in order (the one
armed group a sentence names behind a blast, people of no stated kind, an unnamed crowd, the one crowd a sentence
names), and the acts only an authority does, kept with no source."""

from __future__ import annotations

from dataclasses import replace

from ..model import ActorRef
from .coder import Coder
from .context import Context
from .drafts import Draft
from .grammar import children
from .vocab import vocab

V = vocab()


def needs_an_actor(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Two soldiers were killed on Monday', 'reports suggested': no one identifiable acts, so there is no event.
    When the sentence names one armed group, it acts, and its own fighters among the dead are not its targets
    ('eleven soldiers and four militants were killed after militants stormed a camp')."""
    if any(s is not None and s.code for s in d.sources):
        return d
    if any(s is not None and s.name and _named(ctx, s) for s in d.sources):
        return d  # a person or organisation the knowledge bases do not know is still someone
    for find, note in ((_armed_group_behind, "armed-group"), (_anonymous_attackers, "anonymous-attackers"),
                       (_anonymous_crowd, "crowd"), (crowd_the_sentence_names, "crowd-named")):
        found = find(d, ctx, coder)
        if found is not None:
            d.sources = [found]
            d.note(note)
            if note == "armed-group":  # 'soldiers and four militants were killed after IS attacked': the
                # group's own dead are not its victims
                d.targets = [t for t in d.targets if t is None or t.code != found.code] or [None]
            return d
    if _done_by_an_authority(d):
        d.note("unnamed-authority")
        return d
    return None


def _done_by_an_authority(d: Draft) -> bool:
    """'Two SAS officers were arrested', 'the minister was charged with fraud': an arrest, a charge, an
    expulsion or a release is done by an authority even when the text does not say which; the event is kept
    with no source when whom it was done to is an identifiable actor."""
    if not d.match.passive or d.source is not None and d.source.code:
        return False
    if not any(d.info.code.startswith(prefix) for prefix in V.authority_codes):
        return False
    return any(t is not None and t.code for t in d.targets)


def _unnamed_source(d: Draft, ctx: Context, roots: tuple[str, ...], words: frozenset[str]):
    """(source, its span) when the draft's root is one of `roots` and its uncoded source is headed by one of
    `words` ('men', 'a roadside bomb', 'thousands'); else None."""
    src = d.source
    if d.info.root not in roots or src is None or src.code:
        return None
    span = ctx.doc.char_span(src.start, src.end, alignment_mode="expand")
    if span is None or span.root.lemma_.lower() not in words:
        return None
    return src, span


VIOLENT = ("18", "19", "20")


def _anonymous_attackers(d: Draft, ctx: Context, coder: Coder) -> ActorRef | None:
    """'Men claiming to be police kidnapped a reporter': people the text does not name who use violence are coded
    by the country where it happens, with no sector (who they are is not said)."""
    unnamed = _unnamed_source(d, ctx, VIOLENT, V.anonymous_people)
    if unnamed is None:
        return None
    src, span = unnamed
    found = ctx.resolver.context.country_for(span.root, local=True)
    if found is None:
        return None
    return replace(src, code=found[0], country=found[0], sector=None)


def _armed_group_behind(d: Draft, ctx: Context, coder: Coder) -> ActorRef | None:
    """'A roadside bomb killed four soldiers as insurgents pressed their campaign': a weapon or blast that
    kills is the one armed group the sentence names; none or several, and nobody is guessed."""
    unnamed = _unnamed_source(d, ctx, VIOLENT, V.weapon_subjects)
    if unnamed is not None:
        # neither the weapon nor those it hit ('an air strike killed five al-Qaeda militants')
        skip = {t.i for t in unnamed[1]} | {t.i for o in children(d.token, "dobj") for t in o.subtree}
    elif d.info.root in VIOLENT and d.match.passive and d.source is None and d.token.dep_ != "relcl":
        # 'seventeen people were killed as insurgents pressed their campaign'; but not the dead themselves ('said
        # the rebel leader had been killed'), nor those who report the toll ('separatist leaders said dozens of their
        # men had been killed'), nor the toll of fighting between sides ('clashes in which 100 died')
        skip = {t.i for s in children(d.token, "nsubjpass") for t in s.subtree}
        if d.token.dep_ == "ccomp":
            skip |= {t.i for s in children(d.token.head, "nsubj") for t in s.subtree}
    else:
        return None
    reporter = _force_that_reports(d, ctx)
    if reporter is not None:
        return reporter  # 'US forces said an air strike had killed an Islamic State leader': their own strike
    sent = ctx.resolver.sent_of(d.token)
    groups = {}
    for tok in sent:
        # 'shot down over rebel-held territory': who holds a place says where, not who did the act
        held = tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and tok.doc[tok.i + 2].lower_ in V.holding_words
        # nor does a group that only names a place ('killed 14 marines in an insurgent stronghold')
        held = held or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() in V.ground_nouns)
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in skip and not held:
            ref = ctx.resolver.resolve(tok)
            if ref is not None and ref.code and ref.sector in ("INS", "REB", "SEP"):
                groups.setdefault(ref.code, ref)
    return next(iter(groups.values())) if len(groups) == 1 else None


def _force_that_reports(d: Draft, ctx: Context) -> ActorRef | None:
    """The armed force (MIL) whose statement the unattributed violence is reported in, if any."""
    head = d.token.head
    if d.token.dep_ != "ccomp" or head.lemma_.lower() not in V.say_verbs:
        return None
    speaker = next(iter(children(head, "nsubj")), None)
    ref = ctx.resolver.resolve(speaker) if speaker is not None else None
    return ref if ref is not None and ref.code and ref.sector == "MIL" else None


def _anonymous_crowd(d: Draft, ctx: Context, coder: Coder) -> ActorRef | None:
    """'Thousands rallied in Cairo': an unnamed crowd that demonstrates is the opposition where it marches."""
    unnamed = _unnamed_source(d, ctx, ("14",), V.anonymous_crowds)
    if unnamed is None:
        return None
    src, span = unnamed
    found = ctx.resolver.context.country_for(span.root, local=True)
    country = found[0] if found is not None else ""
    return replace(src, code=country + "OPP", country=country or None, sector="OPP")


def crowd_the_sentence_names(d: Draft, ctx: Context, coder: Coder) -> ActorRef | None:
    """'Police detained dozens of demonstrators as protests continued': a protest no one is said to hold is held
    by the one opposition crowd the sentence names."""
    if d.info.root != "14":
        return None
    crowds = {}
    for tok in ctx.resolver.sent_of(d.token):
        if tok.pos_ == "NOUN" and tok.i != d.token.i and not any(
                t.code.startswith("14") for t in coder.lex.noun_entries(tok.lemma_.lower())):  # the crowd, not the rally
            ref = ctx.resolver.resolve(tok)
            if ref is not None and ref.code and ref.sector == "OPP" and ref.country:
                crowds.setdefault(ref.code, ref)
    return next(iter(crowds.values())) if len(crowds) == 1 else None


def _named(ctx: Context, ref: ActorRef) -> bool:
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and span.root.ent_type_ in ("PERSON", "ORG") and span.root.pos_ == "PROPN"
