"""Draft rules about force: violence by the state or by crowds, protests, taking ground and captives, places
under attack, force authorised, deployed or used from the air. Each sees one draft event at a time and corrects its
code, actors or status.

The order they run in is decided in events/rules.py."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ..actors.kb import words_of
from ..actors.mentions import is_war_hardware
from ..actors.resolver import GOVERNMENT_SUPPORTERS
from ..model import ActorRef
from .coder import Coder
from .context import Context
from .drafts import Draft
from .grammar import children, pobj, with_conjuncts
from .vocab import vocab

V = vocab()
VIOLENT = ("18", "19", "20")
# acts done to a place when they name one: violence, protests on it, forces posted in it, sieges and curfews on it
PLACE_BOUND = (*VIOLENT, "14", "15", "17")


def repression_is_not_war(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Police fired tear gas at protesters', 'security forces shot demonstrators': force by the state against
    its own protesters or civilians is violent repression (175), not military force (190); and what a crowd's
    storming would be (145) is repression when police or soldiers do it ('riot police stormed the camps')."""
    src, tgt = d.source, d.targets[0]
    armed = src is not None and (src.sector in ("MIL", "REB", "INS", "SEP", "UAF") or (
        d.info.code == "170" and src.country and src.sector is None))  # a country raids with its forces
    if d.info.code in ("145", "170") and armed and not (src.sector == "MIL" and _aimed_at_protest(d)):
        d.info = coder.book.info("190")  # 'armed men stormed the consulate', 'warplanes kept up their raids'
        d.note("armed-assault")
        return d
    if d.info.code == "145" and src is not None and src.sector in ("COP", "MIL", "SPY"):
        d.info = coder.book.info("175")  # 'security forces stormed the protest camps': the state does not riot
        d.note("repression")
        return d
    if d.info.code not in ("190", "180") or src is None or tgt is None or not (src.sector and tgt.sector):
        return d
    if _aerial(d):
        return d  # 'a coalition air strike hit a bus': war from the air, not the police's repression
    if src.sector in V.repression_sources and tgt.sector in V.repression_targets and (
            not src.country or not tgt.country or src.country == tgt.country):
        d.info = coder.book.info("175")
        d.note("repression")
    return d


def _crowd_acting(d: Draft) -> bool:
    """'Crowds attacked and set fire to the embassies': a crowd of people (no armed group) acting violently."""
    src = d.source
    if src is None or src.sector not in ("OPP", "CVL"):
        return False
    words = set((src.text or "").lower().replace("-", " ").split())
    return bool(words & V.crowd_words)


def _aimed_at_protest(d: Draft) -> bool:
    """Whether the act's object or target is a protest or protesters ('stormed the protest camps')."""
    obj = d.match.obj if d.match.obj is not None else next(iter(children(d.token, "dobj")), None)
    words = {t.lemma_.lower() for t in (obj.subtree if obj is not None else [])}
    return bool(words & {"protest", "protester", "demonstrator", "sit-in", "camp", "rally", "crowd"}) or any(
        t is not None and t.sector == "OPP" for t in d.targets)


def protest_turned_violent(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Opposition supporters clashed with police in the capital', 'demonstrators set fire to the party's offices',
    'rival crowds clashed': protesters fighting the police, burning property or fighting each other are a violent
    protest (145), not military force (190) or destruction (1712)."""
    src, tgt = d.source, d.targets[0]
    if src is None or not src.sector:
        return d
    if d.info.code in ("1712", "171") and src.sector == "OPP" or (
            d.info.code in ("190", "1712", "171") and _crowd_acting(d)):
        d.info = coder.book.info("145")
        d.note("violent-protest")
        return d
    if d.info.code not in ("190", "193") or tgt is None or not tgt.sector:
        return d
    crowds = src.sector in ("OPP", "CVL") and tgt.sector in ("OPP", "CVL")
    if (src.sector in V.repression_targets and tgt.sector in V.repression_sources) or crowds:
        d.info = coder.book.info("145")
        d.note("violent-protest")
    return d


def protest_aims_at_its_purpose(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Thousands marched in Goma to denounce Rwanda': a protest with no target of its own is aimed at the one its
    purpose clause denounces, condemns or opposes."""
    if not d.info.code.startswith(tuple(V.protest_codes)) or any(t is not None and t.code for t in d.targets):
        return d
    for c in d.token.children:
        if c.dep_ not in ("advcl", "xcomp") or c.lemma_.lower() not in V.protest_purpose_verbs \
                or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        for obj in children(c, "dobj"):
            ref = ctx.resolver.resolve(obj)
            if ref is not None and ref.code:
                d.targets = [ref]
                d.note("purpose")
                return d
    return d


VIOLENT_PROTEST = "145"


def protesters_are_opposition(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Thousands of people protested against the constitution': people demonstrating against a government are
    the opposition (OPP), not bystanders (CVL); workers or a country keep their own code (students: see
    students_in_protest)."""
    violent = d.info.code.startswith(VIOLENT_PROTEST)
    if not (violent or d.info.code.startswith(tuple(V.protest_codes))):
        return d
    abroad = {t.country for t in d.targets if t is not None and t.code and t.country}
    sources = []
    for src in d.sources:
        if src is not None and src.country and abroad and src.country not in abroad:
            # "Congolese protesters denounced Rwanda": against another state, not their own: its civilians (a crowd
            # word such as 'protesters', not a named opposition)
            if src.sector == "OPP" and (not src.name or src.name == src.role):
                src = replace(src, code=src.country + "CVL", sector="CVL")
            sources.append(src)
            continue
        if violent:  # a riot at home keeps its rioters' own code ('farmers stormed a court')
            sources.append(src)
            continue
        if src is not None and src.role == GOVERNMENT_SUPPORTERS:
            sources.append(src)  # "the president's supporters rallied": a crowd for the government is CVL
            continue
        if src is not None and src.code and src.sector in (None, "CVL") and src.code != src.country \
                or (src is not None and src.country and src.sector is None and _a_crowd(ctx, src)):
            country = src.country or ""
            if country in ctx.resolver.kb.regions:  # "Arab Sunnis": who they are, not where; the story says where
                span = ctx.doc.char_span(src.start, src.end, alignment_mode="expand")
                found = ctx.resolver.context.country_for(span.root, local=True) if span is not None else None
                country = found[0] if found and found[0] not in ctx.resolver.kb.regions else country
            src = replace(src, code=country + "OPP", country=country or None, sector="OPP")
            d.note("protesters")
        sources.append(src)
    d.sources = sources
    return d


STUDENTS = "EDU"
REPRESSION = "175"
STRIKE = "143"
STATE_AT_HOME = frozenset({"GOV", "COP", "MIL", "LEG", "JUD"})


def students_in_protest(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Students clashed with police and ruling party activists', 'police shot dead a student coordinator':
    students protesting against their own state, or met by its force, act as protesters (OPP), not as the
    education sector; students on strike, or protesting with no one named, keep their own code."""
    def protester(ref: ActorRef | None) -> ActorRef | None:
        if ref is None or ref.sector != STUDENTS or not ref.country:
            return ref
        d.note("students-protesting")
        return replace(ref, code=ref.country + "OPP", sector="OPP")
    if d.info.code.startswith("14") and not d.info.code.startswith(STRIKE) and d.source is not None and any(
            t is not None and t.sector in STATE_AT_HOME and t.country == d.source.country for t in d.targets):
        d.sources = [protester(s) for s in d.sources]
    elif d.info.code == REPRESSION and d.source is not None and d.source.sector in V.repression_sources:
        d.targets = [protester(t) if t is not None and t.country == d.source.country else t for t in d.targets]
    return d


ARREST = "173"


def people_met_in_a_protest(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Police fired tear gas and arrested more than 200 people as protesters marched on parliament': people whom
    the state's force meets or arrests in a protest are the protesters (OPP), not bystanders."""
    src = d.source
    if d.info.code not in (REPRESSION, ARREST) or src is None or src.sector not in V.repression_sources:
        return d
    if not any(t is not None and t.sector == "CVL" for t in d.targets) \
            or not any(w.lemma_.lower() in V.protest_words for w in d.token.sent):
        return d
    d.targets = [replace(t, code=t.country + "OPP", sector="OPP")
                 if t is not None and t.sector == "CVL" and t.country and t.country == src.country else t
                 for t in d.targets]
    d.note("met-in-protest")
    return d


def protests_aim_at_the_rulers_they_name(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Tens of thousands took to the streets calling for an end to President Mubarak's rule', 'protests continued
    over the election of the former president': protesters who name a ruler protest against that government."""
    src = d.source
    if not d.info.code.startswith("14") or src is None or src.sector not in ("OPP", "CVL", "LAB", "EDU") \
            or any(t is not None and t.code for t in d.targets):
        return d
    subject = {t.i for s in children(d.token, "nsubj") for t in s.subtree}
    demanded = {t.i for c in d.token.children if c.dep_ in ("advcl", "acl", "xcomp") and c.tag_ == "VBG"
                and c.lemma_.lower() in V.request_heads for t in c.subtree}  # "marched, demanding action from ..."
    for tok in d.token.subtree:
        if tok.i in subject or tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in ("compound", "amod"):
            continue
        ref = ctx.resolver.resolve(tok)
        if ref is not None and ref.code and ref.sector in ("GOV", "ELI") and ref.country == src.country \
                and (ctx.resolver._is_person(ref) or tok.i in demanded):
            d.targets = [replace(ref, code=ref.country + "GOV", sector="GOV")]
            d.note("against-ruler")
            break
    return d


def _a_crowd(ctx: Context, ref: ActorRef) -> bool:
    """'Thousands of Arab Sunnis', 'Serbs': a people or a crowd, not a country's name."""
    span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and span.root.ent_type_ != "GPE" and span.root.pos_ in ("NOUN", "PROPN") \
        and span.root.tag_ in ("NNS", "NNPS", "NN")


def taking_ground(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The army seized three pumping stations', 'rebels captured the airport': armed forces taking a place or
    a facility occupy territory (192); seizing a person stays an arrest or an abduction."""
    src = d.source
    if d.info.code not in V.seizure_codes or src is None or src.sector not in V.combatant_sectors:
        return d
    obj = d.match.obj if d.match.obj is not None else next(
        (c for c in d.token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None or obj.ent_type_ == "NORP":
        return d
    if obj.lemma_.lower() in V.ground_nouns or _a_place_taken(obj, d, ctx):
        d.info = coder.book.info("192")
        d.note("taking-ground")
        # the place taken is no actor (guidelines: a place is not a target); it stays as the object text
        d.targets = [replace(t, code=None, country=None, sector=None)
                     if t is not None and t.start <= obj.idx < t.end else t for t in d.targets]
    return d


def armed_men_entering_take_ground(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Taliban fighters entered Kabul', 'rebels swept into Aleppo': armed men going into a place take it (192);
    anyone else entering anything ('the minister entered the hall') does no act."""
    if d.info.code != "192" or d.token.lemma_.lower() not in V.entering_lemmas:
        return d
    src = d.source
    if src is None or src.sector not in V.combatant_sectors:
        return None
    where = [c for c in d.token.children if c.dep_ == "dobj"] + [
        o for c in d.token.children if c.dep_ == "prep" and c.lower_ == "into" for o in (pobj(c),) if o is not None]
    if not any(o.lemma_.lower() in V.ground_nouns or o.ent_type_ in ("GPE", "LOC", "FAC") or _a_place_taken(o, d, ctx)
               or _a_part_of_a_place(o, d, ctx) for o in where):
        return None
    # the place entered is no actor (guidelines: a place is not a target); it stays as the object text
    d.targets = [replace(t, code=None, country=None, sector=None) if t is not None and t.sector in (None, "GOV")
                 else t for t in d.targets]
    d.note("entered")
    return d


def _a_part_of_a_place(o: Token, d: Draft, ctx: Context) -> bool:
    """'most of Aleppo': a part of a named place."""
    return o.lemma_.lower() in V.container_nouns and any(_a_place_taken(x, d, ctx) for x in o.subtree if x is not o)


def military_strikes_are_not_walkouts(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Israel said it would suspend its strikes during the visit': a state or an armed force that ends its
    strikes halts an attack (087); only workers end a walkout (082)."""
    src, obj = d.source, d.match.obj
    if d.info.code != "082" or src is None or obj is None or obj.lemma_.lower() != "strike":
        return d
    if src.sector in V.combatant_sectors or src.sector in (None, "GOV"):
        d.info = coder.book.info("087")
        d.note("military-strikes")
    return d


def posture_needs_force(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The World Health Organization raised the pandemic alert level': only those who command armed force take a
    military posture (15x); a health body, a company or a newspaper that raises an alert makes a statement (010)."""
    src = d.source
    if d.info.root != "15" or src is None or not src.code:
        return d
    blocks = {src.code[i:i + 3] for i in range(0, len(src.code), 3)}
    if src.sector in V.private_sectors or blocks & V.unarmed_code_blocks:
        d.info = coder.book.info("010")
        d.note("no-force")
    return d


def captives_of_armed_groups(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Hamas's armed wing said it had captured an Israeli soldier', 'rebels detained two aid workers': people
    seized by a non-state armed group are abducted or taken hostage (181); only a state arrests (173). A ship or
    an aircraft a non-state group seizes is hijacked (181), not confiscated."""
    src = d.source
    if src is None or src.sector not in ("REB", "INS", "SEP", "UAF", "CRM"):
        return d
    obj = d.match.obj if d.match.obj is not None else next((c for c in d.token.children if c.dep_ == "dobj"), None)
    taken_people = d.info.code == "171" and any(t is not None and t.code for t in d.targets)
    hijacked = d.info.code in ("171", "1711") and obj is not None and obj.lemma_.lower() in V.hijacked_things
    if d.info.code != "173" and not taken_people and not hijacked:
        return d
    d.info = coder.book.info("181")  # 'the militants seized scores of people', 'the Houthis seized a cargo ship'
    d.note("captive")
    return d


def _a_place_taken(obj: Token, d: Draft, ctx: Context) -> bool:
    """'seized Bangui', 'captured Kunduz': a named place, even one whose name stands for its government elsewhere
    ('Bangui said') or that the tagger took for a person; not a person the KB knows."""
    if obj.pos_ != "PROPN" or ctx.resolver.context.place_country(obj.text) is None:
        return False
    if obj.ent_type_ == "PERSON" and d.token.lemma_.lower() not in V.place_taking_lemmas:
        return False  # 'arrested Jackson': a person, whatever town shares the name
    taken = next((t for t in d.targets if t is not None and t.start <= obj.idx < t.end), None)
    return taken is None or taken.sector in (None, "GOV")


def places_attacked_are_no_actors(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Militants fired rockets at Jerusalem', 'militias attacked Bangui at dawn': a city or region under attack is
    where the violence fell (guidelines: a place is not a target), not its government; the name stays as the object
    text. So is a city marched on, put under curfew or besieged ('protesters marched on Dhaka', 'a curfew on
    central Cairo'). A country attacked ('shelled Syria') stays the target."""
    if d.info.root not in PLACE_BOUND:
        return d
    targets = [_place_only(t, ctx) for t in d.targets]
    if len(targets) > 1 and not any(t is not None and t.code for t in targets):
        targets = targets[:1]  # "fired rockets at Tel Aviv and Jerusalem": one act, no actor hit
    d.targets = targets
    return d


POSSESSIVE_OR_ARTICLE = re.compile(r"^(?:the|The)\s+|(?:'s|’s|'|’)$")


PART_OF_A_PLACE = re.compile(r"^(?:the\s+|most\s+of\s+(?:the\s+)?)?(?:[a-z][\w-]*\s+)?(?:parts?|areas?|control|outskirts|"
                             r"cent(?:re|er)|north|south|east|west|rest|streets|suburbs)\s+of\s+(.+)$", re.IGNORECASE)
# 'rebel-held Idlib city', 'besieged eastern Ghouta', 'Rwandan territory': lower-case words before a place's name,
# and the kind of place after it, say which part or what kind of place
LOWER_WORDS_BEFORE = re.compile(r"^(?:[a-z][\w-]*\s+)+")
KIND_OF_PLACE_AFTER = re.compile(r"\s+(?:city|town|village|province|region|district|governorate|county|oblast|state|"
                                 r"territory)$")


def _place_only(t: ActorRef | None, ctx: Context) -> ActorRef | None:
    if t is None or not t.code or t.sector not in (None, "GOV") or not t.text or t.role:
        return t  # a role names people ('a man in Santiago'), not the place they are in
    part = PART_OF_A_PLACE.match(t.text.strip())  # 'parts of Khartoum', 'control of the town of Wad Madani'
    name = POSSESSIVE_OR_ARTICLE.sub("", (part.group(1) if part else t.text).strip())
    if part and name.lower().startswith(("town of ", "city of ")):
        name = name.split(" of ", 1)[1]
    name = KIND_OF_PLACE_AFTER.sub("", LOWER_WORDS_BEFORE.sub("", name))
    if not name[:1].isupper() or ctx.resolver.context.place_country(name) is None:
        return t
    words = list(words_of(name))
    known = ctx.resolver.kb.names.match_at(words, 0) if words else None
    if known and known[0] == len(words) and any(e.kind == "country" for e in known[1]):
        return t  # the country itself
    return replace(t, code=None, country=None, sector=None)


def approving_force(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The upper house approved a request by the president to use the armed forces abroad' threatens force (138);
    'the cabinet approved the call-up of 75,000 reservists' mobilises (154): what is approved decides the act."""
    if d.info.code[:2] not in ("03", "05") or d.token.lemma_.lower() not in V.authorising_lemmas:
        return d
    obj = d.match.obj if d.match.obj is not None else next(iter(children(d.token, "dobj")), None)
    if obj is None:
        return d
    words = {t.lower_ for t in obj.subtree} | {t.lemma_.lower() for t in obj.subtree}
    if words & V.mobilisation_words:
        code, why = "154", "mobilisation"
    elif words & V.approved_force_words and ("use" in words or "authority" in words or words & {"intervention",
                                                                                                "invasion"}):
        code, why = "138", "force"
    else:
        return d
    d.info = coder.book.info(code)
    d.targets = [None]  # the request's author is not threatened; whom the force is for stays in the object text
    d.note(f"approves-{why}")
    return d


def forces_deployed_show_force(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Troops and police were deployed across the capital', 'tanks were sent to the border': forces deployed by
    nobody named are the ones showing force (15x), not a target of it."""
    if d.info.root != "15" or not d.match.passive or (d.source is not None and d.source.code):
        return d
    deployed = [h for s in children(d.token, "nsubjpass") for h in with_conjuncts(s)]
    forces = [ref for ref in (_force(coder, ctx, h) for h in deployed) if ref is not None]
    if not forces:
        return d
    d.sources = forces
    d.targets = [t if t is None or not any(t.start == f.start for f in forces) else None for t in d.targets]
    d.note("deployed")
    return d


def _force(coder: Coder, ctx: Context, head: Token) -> ActorRef | None:
    """The armed force a deployed noun names: 'troops', 'riot police', or tanks and warships of the story's country."""
    ref = coder.actor(head, ctx.resolver)
    if ref.sector in ("MIL", "COP"):
        return ref
    if is_war_hardware(head) and not ref.sector:
        found = ctx.resolver.context.country_for(head)
        if found is not None:
            return replace(ref, code=found[0] + "MIL", country=found[0], sector="MIL")
    return None


def peacekeeping_deployment(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Nigeria deployed 230 troops to Liberia on a peacekeeping mission', 'USAID deployed search-and-rescue
    teams': forces sent to keep the peace provide military protection (074), teams sent to rescue provide
    humanitarian aid (073); neither is a show of force (154), nor are troops or police arriving to do so, or on a
    mission, a visit (042)."""
    troops_travel = d.info.root == "04" and any(s is not None and s.sector in ("MIL", "COP") for s in d.sources)
    force_authorised = d.info.code == "138" and d.token.lemma_.lower() in V.authorising_lemmas
    if not (d.info.code.startswith("15") or troops_travel or force_authorised):
        return d  # "peacekeepers arrived in Juba", "authorised a peacekeeping force" are deployments too
    words = [t.lower_ for t in ctx.resolver.sent_of(d.token)]
    purposes = {**V.deployment_purposes, **({"mission": "074"} if troops_travel else {})}
    for cue, code in purposes.items():
        if any(w.startswith(cue) for w in words):
            d.info = coder.book.info(code)
            d.note("peacekeeping" if code == "074" else "relief")
            break
    return d


def joint_exercise(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'The armies of Brazil and Argentina held joint war games', 'Russia held drills with China': an exercise
    held together is military cooperation (062), not a show of force (150)."""
    if d.info.code != "150":
        return d
    obj = d.match.obj
    joint = d.joint or len([s for s in d.sources if s is not None and s.code]) > 1 or (
        obj is not None and any(c.lower_ in ("joint", "combined", "bilateral", "multinational")
                                for c in obj.children)) or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in d.token.children)
    if joint:
        d.info = coder.book.info("062")
        d.note("joint")
        named = [s for s in d.sources if s is not None and s.code]
        if len(named) > 1 and not any(t is not None and t.code for t in d.targets):
            d.sources, d.targets, d.joint = [named[0]], [named[1]], True  # the armies of Brazil and Argentina
    return d


CYBER_ATTACK = "176"


def cyber_attack(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Hackers launched cyber attacks on government websites': an attack by keyboard is a cyber attack (176), not
    armed force (19x) nor an assault (18x)."""
    if d.info.root not in ("18", "19") or not _cyber(d):
        return d
    d.info = coder.book.info(CYBER_ATTACK)
    d.note("cyber")
    return d


def _cyber(d: Draft) -> bool:
    """Whether the trigger, its object, its source or whom it is aimed at names computers or hackers."""
    return bool(_words_of_the_act(d, with_targets=True) & V.cyber_cues)


def aerial_attack(d: Draft, ctx: Context, coder: Coder) -> Draft | None:
    """'Israeli jets carried out 30 air strikes', 'warplanes bombed the town': aerial weapons (195)."""
    if d.info.root != "19" or d.info.code.startswith("195") or d.info.code in ("192", "193", "194", "196"):
        return d
    if _aerial(d):
        d.info = coder.book.info("195")
        d.note("aerial")
    return d


def _aerial(d: Draft) -> bool:
    """Whether the trigger, its object or its source names aircraft or air strikes."""
    return bool(_words_of_the_act(d) & V.aerial_cues)


def _words_of_the_act(d: Draft, with_targets: bool = False) -> set[str]:
    """The lower-cased words of a draft's trigger, object and source (and targets), hyphenated words also split."""
    words = set(d.trigger.text.lower().replace("-", " ").split())
    if d.match.obj is not None:
        words |= {t.lower_ for t in d.match.obj.subtree}
    for actor in (d.source, *(d.targets if with_targets else ())):
        if actor is not None:
            words |= set(actor.text.lower().replace("-", " ").split())
    return words
