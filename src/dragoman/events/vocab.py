"""The coder's vocabulary (data/coding.yaml), loaded once: word lists as frozensets, code maps as dicts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_yaml


@dataclass(frozen=True)
class Vocab:
    particles: frozenset[str]
    container_nouns: frozenset[str]
    support_verbs: frozenset[str]
    default_target_preps: tuple[str, ...]
    noun_target_preps: tuple[str, ...]
    aiming_preps: frozenset[str]
    carrying_verbs: frozenset[str]
    from_source_roots: frozenset[str]
    helping_roots: frozenset[str]
    helping_preps: frozenset[str]
    helping_verbs: frozenset[str]
    intent_codes: dict[str, str]
    threat_codes: dict[str, str]
    reject_codes: dict[str, str]
    refusal_heads: frozenset[str]
    consent_lemmas: frozenset[str]
    promise_heads: frozenset[str]
    threat_heads: frozenset[str]
    aspect_verbs: frozenset[str]
    plan_heads: frozenset[str]
    raising_heads: frozenset[str]
    request_heads: frozenset[str]
    negating_heads: frozenset[str]
    modal_hypothetical: frozenset[str]
    future_auxiliaries: frozenset[str]
    condition_marks: frozenset[str]
    symmetric_roots: frozenset[str]
    shared_codes: frozenset[str]
    object_as_target_roots: frozenset[str]
    claim_answer_codes: frozenset[str]
    claim_nouns: frozenset[str]
    object_control_preps: frozenset[str]
    topic_preps: frozenset[str]
    topic_nouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    say_verbs: frozenset[str]
    time_words: frozenset[str]
    authoring_verbs: frozenset[str]
    disowning_verbs: frozenset[str]
    labelling_verbs: frozenset[str]
    place_taking_lemmas: frozenset[str]
    dispersing_lemmas: frozenset[str]
    describing_participles: frozenset[str]
    approved_force_words: frozenset[str]
    mobilisation_words: frozenset[str]
    idiom_nouns: dict[str, str]
    idle_objects: dict[str, frozenset[str]]
    channel_nouns: frozenset[str]
    crowd_words: frozenset[str]
    protest_words: frozenset[str]
    symmetric_lemmas: frozenset[str]
    yielding_verbs: frozenset[str]
    reacting_verbs: frozenset[str]
    holding_words: frozenset[str]
    authorising_lemmas: frozenset[str]
    entering_lemmas: frozenset[str]
    ordering_verbs: frozenset[str]
    unrealised_modifiers: frozenset[str]
    force_nouns: frozenset[str]
    escalation_verbs: frozenset[str]
    paying_verbs: frozenset[str]
    plan_nouns: frozenset[str]
    killing_labels: frozenset[str]
    unconventional_sectors: frozenset[str]
    killing_lemmas: frozenset[str]
    combatant_sectors: frozenset[str]
    fleeing_lemmas: frozenset[str]
    hijacked_things: frozenset[str]
    own_forces_codes: tuple[str, ...]
    state_sectors: frozenset[str]
    apolitical_speakers: frozenset[str]
    apolitical_organisations: frozenset[str]
    market_words: frozenset[str]
    private_sectors: frozenset[str]
    attack_kinds: dict[str, str]
    stative_lemmas: frozenset[str]
    qualified_stative_lemmas: frozenset[str]
    standing_markers: frozenset[str]
    standing_claims: frozenset[str]
    reversal_verbs: frozenset[str]
    intention_nouns: frozenset[str]
    repression_sources: frozenset[str]
    repression_targets: frozenset[str]
    aerial_cues: frozenset[str]
    cyber_cues: frozenset[str]
    small_clause_words: frozenset[str]
    refugee_words: frozenset[str]
    unarmed_code_blocks: frozenset[str]
    seizure_codes: frozenset[str]
    ground_nouns: frozenset[str]
    deployment_purposes: dict[str, str]
    protest_codes: tuple[str, ...]
    protest_purpose_verbs: frozenset[str]
    obligation_codes: dict[str, str]
    weapon_subjects: frozenset[str]
    warning_lemmas: frozenset[str]
    asked_act_nouns: frozenset[str]
    stative_heads: frozenset[str]
    call_making_verbs: frozenset[str]
    threat_content_words: frozenset[str]
    anonymous_people: frozenset[str]
    anonymous_crowds: frozenset[str]
    authority_codes: tuple[str, ...]
    time_anchor_preps: frozenset[str]
    anchor_nouns: frozenset[str]
    charge_nouns: dict[str, str]
    envoy_nouns: frozenset[str]

    def code_for(self, table: str, code: str) -> str | None:
        """The mapped code of `code` in one of the code tables (most specific key first: 087, then 08)."""
        mapping: dict[str, str] = getattr(self, table)
        return mapping.get(code[:3]) or mapping.get(code[:2])


@cache
def vocab() -> Vocab:
    """The coder's vocabulary, loaded once per process."""
    raw = load_yaml("coding.yaml")
    fields = {}
    for name, kind in Vocab.__annotations__.items():
        value = raw[name]
        if kind.startswith("dict[str, frozenset"):
            fields[name] = {str(k): frozenset(str(x) for x in v) for k, v in value.items()}
        elif kind.startswith("dict"):
            fields[name] = {str(k): str(v) for k, v in value.items()}
        elif kind.startswith("tuple"):
            fields[name] = tuple(str(x) for x in value)
        else:
            fields[name] = frozenset(str(x) for x in value)
    return Vocab(**fields)
