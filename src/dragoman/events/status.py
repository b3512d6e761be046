"""Event status: reported, planned, negated, hypothetical or background."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from ..model import TimeExpr
from .vocab import vocab

V = vocab()
PLAN_HEADS = V.plan_heads | V.promise_heads | V.threat_heads
MODAL_HYPO = V.modal_hypothetical
FUTURE_AUX = V.future_auxiliaries
NEG_HEADS = V.negating_heads
REFUSAL_VERBS = V.refusal_heads
CONDITION_MARKS = V.condition_marks
BACKGROUND_DAYS = 45


def _aux(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def is_negated(v: Token) -> bool:
    if any(c.dep_ == "neg" for c in v.children):
        return True
    if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass", "aux")
                                                                for c in v.children):
        return is_negated(v.head)  # "will not recognise Kosovo or support its membership"
    if v.pos_ == "NOUN" and any(c.lower_ in ("no", "without") for c in v.children):
        return True
    head = v.head
    if v.dep_ == "xcomp" and head.lemma_ in NEG_HEADS:
        return True
    if v.dep_ in ("acl", "xcomp", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in V.intention_nouns \
            and any(c.lower_ == "no" and c.dep_ in ("det", "neg") for c in head.children):
        return True  # "no plans to invade", "no need to send troops"
    if v.dep_ == "pobj" and head.lower_ == "without":
        return True
    return False


def is_conditional(v: Token) -> bool:
    """'if Serbia recognises Kosovo', 'unless talks resume'."""
    node = v
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            break
        node = node.head
    return False


def is_hypothetical(v: Token) -> bool:
    return is_conditional(v) or (any(a.lower_ in MODAL_HYPO for a in _aux(v)) and not is_reported_will(v))


def is_reported_will(v: Token) -> bool:
    """'Trump said he would call on the Council': in reported speech 'would' is the speaker's 'will' told in the
    past — a plan, not a condition (unless an 'if' says otherwise)."""
    if [a.lower_ for a in _aux(v) if a.lower_ in MODAL_HYPO] != ["would"] or is_conditional(v) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
            for c in v.children):
        return False
    node = v
    for _ in range(3):
        if node.dep_ == "ccomp":
            return node.head.lemma_.lower() in V.say_verbs and node.head.tag_ == "VBD"
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return False
        node = node.head
    return False


def is_planned(v: Token) -> bool:
    auxes = _aux(v)
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return True
    node = v
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            break
        head = node.head
        if node.dep_ == "xcomp" and (head.lemma_ in PLAN_HEADS or any(a.lower_ in FUTURE_AUX for a in _aux(head))):
            return True
        node = head
    # "is to meet", "are due to"
    if v.dep_ == "xcomp" and v.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return True
    return False


def is_perfect_background(v: Token) -> bool:
    """Past perfect ("had declared") or present perfect progressive ("has been mediating")."""
    auxes = [a.lower_ for a in _aux(v)]
    if "had" in auxes and v.tag_ in ("VBN",):
        return not _told_in_the_past(v)
    if any(a in ("has", "have") for a in auxes) and "been" in auxes and v.tag_ == "VBG":
        return True
    return False


def _told_in_the_past(v: Token) -> bool:
    """'The ministry said Azerbaijan had shelled the town': in reported speech the past perfect is the speaker's
    past tense told in the past — the news itself, not history."""
    node = v
    for _ in range(3):
        if node.dep_ == "ccomp":
            return node.head.lemma_.lower() in V.say_verbs and node.head.tag_ == "VBD"
        if node.dep_ != "conj" or node.head is node:
            return False
        node = node.head
    return False


REQUEST_HEADS = V.request_heads


def is_requested(v: Token) -> bool:
    """'X urged Y to use its influence': what is asked for has not happened."""
    node = v
    for _ in range(3):
        if node.dep_ in ("xcomp", "ccomp", "advcl") and node.head.lemma_ in REQUEST_HEADS:
            # "insisted that it will not ...": a stated intention, not something asked of another
            return not (node.dep_ == "ccomp" and any(a.lower_ in FUTURE_AUX for a in _aux(node)))
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return False
        node = node.head
    return False


def status_of(v: Token, event_time: TimeExpr | None, published: date | None, in_background_section: bool) -> str:
    """The status of the event whose trigger is `v`."""
    if is_negated(v):
        return "negated"
    if is_hypothetical(v) or is_requested(v):
        return "hypothetical"
    if is_planned(v) or is_reported_will(v):
        return "planned"
    gov = governing_verb(v)
    if gov is not None:
        # "will hold talks", "is expected to issue recommendations on opening negotiations": the event noun
        # or gerund shares the tense and mood of the verb it depends on
        if v.pos_ == "NOUN" and v.head is gov and is_negated(gov):
            return "negated"
        if is_hypothetical(gov) or is_requested(gov):
            return "hypothetical"
        if is_planned(gov):
            return "planned"
    return _when(v, event_time, published, in_background_section)


GOVERNED_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "pcomp", "prep", "conj"}


def governing_verb(v: Token) -> Token | None:
    """The verb an event noun ("held talks") or a gerund after a preposition ("on opening talks") depends on."""
    if not (v.pos_ == "NOUN" or (v.dep_ == "pcomp" and v.tag_ == "VBG")):
        return None
    node = v
    for _ in range(4):
        if node.dep_ not in GOVERNED_DEPS or node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def refusal_status(v: Token, event_time: TimeExpr | None, published: date | None,
                   in_background_section: bool) -> str:
    """The status of a refusal coded as a rejection (12): 'refused to lift', 'will not recognise'.

    The refusal itself is what happened, so its negation is not a negation of the event, and the modal
    of 'will not' / 'cannot' says the refusal is firm, not that it lies in the future.
    """
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in REFUSAL_VERBS:
        head = v.head  # "refused to lift": the refusing verb carries the status
        if is_negated(head):
            return "negated"
        return status_of(head, event_time, published, in_background_section)
    if is_conditional(v) or is_requested(v):
        return "hypothetical"
    node = v  # "is expected to reject": a refusal only planned
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            break
        if node.dep_ == "xcomp" and node.head.lemma_ in PLAN_HEADS and node.head.lemma_ != "be":
            return "planned"
        node = node.head
    return _when(v, event_time, published, in_background_section)


def _when(v: Token, event_time: TimeExpr | None, published: date | None, in_background_section: bool) -> str:
    """Reported, background (long before publication) or planned (a day after it) by the event's time."""
    if event_time is not None and published is not None and event_time.value:
        day = _earliest_day(event_time.value)
        if day is not None and day < published - timedelta(days=BACKGROUND_DAYS):
            return "background"
        if day is not None and day > published + timedelta(days=1) and event_time.precision == "day":
            return "planned"
        first = _first_day(event_time.value)
        if first is not None and first > published and event_time.precision != "day":
            return "planned"  # "next week", "next month", "in 2027": a period that has not begun
    if is_perfect_background(v):
        return "background"
    if in_background_section:
        return "background"
    return "reported"


def _earliest_day(value: str) -> date | None:
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:])
            # the last day of that month: a month-precise event is background only when all of it is
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _first_day(value: str) -> date | None:
    """The first day of a week ('2013-W17'), month or year value; None for days and other values."""
    try:
        if len(value) == 8 and value[4:6] == "-W" and value[6:].isdigit():
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return date(int(value[:4]), int(value[5:]), 1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None
