"""The coding rules, in the order they run — the one place where the order is decided.

DRAFT_RULES (events/draft_rules.py; the rules about force in events/force_rules.py; who acts when the text names
no one in events/unnamed_actors.py) see one draft at a time and return it (changed or not) or None to drop it.
SENTENCE_RULES (events/sentence_rules.py) see all the drafts of a sentence and return the ones to keep (and any
they add). Each rule is a small function whose docstring gives its example, in the project's own words; each has
a test in tests/test_coding_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable

from .coder import Coder
from .context import Context
from .draft_rules import (
    a_call_to_someone_is_a_phone_call,
    a_warning_about_others_is_pessimism,
    acts_on_someone_need_someone,
    aid_to_business,
    borders_opened_to_refugees,
    calls_for_something_are_appeals,
    conditional_force_is_a_threat,
    event_noun_names_someone,
    expulsion_by_whom_it_sends_away,
    force_foretold,
    label_decides,
    labelled_things_are_not_acts,
    leaving_office_is_done_in_office,
    markets_do_not_act,
    modifiers_are_not_acts,
    neither_confirmed_nor_denied,
    not_aimed_at_itself,
    private_comings_and_goings,
    promise_is_intent,
    refusal_foretold,
    refusal_is_rejection,
    should_is_an_appeal,
    standing_position,
    statements_outside_politics,
    threat_is_threat,
    time_anchors_are_not_acts,
    topics_are_not_acts,
    unconventional_violence,
    visitors_come_from_elsewhere,
)
from .drafts import Draft
from .force_rules import (
    aerial_attack,
    approving_force,
    armed_men_entering_take_ground,
    captives_of_armed_groups,
    cyber_attack,
    forces_deployed_show_force,
    joint_exercise,
    military_strikes_are_not_walkouts,
    peacekeeping_deployment,
    people_met_in_a_protest,
    places_attacked_are_no_actors,
    posture_needs_force,
    protest_aims_at_its_purpose,
    protest_turned_violent,
    protesters_are_opposition,
    protests_aim_at_the_rulers_they_name,
    repression_is_not_war,
    students_in_protest,
    taking_ground,
)
from .sentence_rules import (
    claim_of_responsibility,
    content_stays_in_the_demand,
    denied_charges_were_made,
    no_duplicates,
    no_wrapper_statement,
    one_violent_act,
    reported_criticism,
    statements_inside_other_acts,
)
from .unnamed_actors import needs_an_actor

DraftRule = Callable[[Draft, Context, Coder], Draft | None]
SentenceRule = Callable[[list[Draft], Context, Coder], list[Draft]]

DRAFT_RULES: list[DraftRule] = [
    modifiers_are_not_acts,
    topics_are_not_acts,
    labelled_things_are_not_acts,
    time_anchors_are_not_acts,
    markets_do_not_act,
    refusal_is_rejection,  # what is refused becomes a rejection (12x) first, so later rules see the 12x
    promise_is_intent,
    threat_is_threat,
    a_warning_about_others_is_pessimism,
    conditional_force_is_a_threat,
    label_decides,
    a_call_to_someone_is_a_phone_call,  # after label_decides: a call that labels is no phone call
    calls_for_something_are_appeals,
    expulsion_by_whom_it_sends_away,
    force_foretold,
    refusal_foretold,
    event_noun_names_someone,
    acts_on_someone_need_someone,
    forces_deployed_show_force,  # before needs_an_actor: the forces are the actor
    needs_an_actor,
    not_aimed_at_itself,
    visitors_come_from_elsewhere,
    leaving_office_is_done_in_office,
    statements_outside_politics,
    private_comings_and_goings,
    should_is_an_appeal,
    neither_confirmed_nor_denied,
    unconventional_violence,
    repression_is_not_war,  # after unconventional_violence: police violence is repression whatever the verb
    protest_turned_violent,
    protest_aims_at_its_purpose,  # before protesters_are_opposition: a foreign target keeps the crowd CVL
    protesters_are_opposition,
    students_in_protest,
    people_met_in_a_protest,
    protests_aim_at_the_rulers_they_name,  # after protesters_are_opposition: needs the crowd's country
    taking_ground,
    armed_men_entering_take_ground,
    captives_of_armed_groups,  # after taking_ground: what remains seized is people
    military_strikes_are_not_walkouts,
    posture_needs_force,
    approving_force,
    peacekeeping_deployment,
    joint_exercise,
    aid_to_business,
    borders_opened_to_refugees,
    cyber_attack,
    aerial_attack,
    places_attacked_are_no_actors,  # after the rules that set a violent code
    standing_position,  # last: a code rule above may have made it a rejection that is a standing position
]

SENTENCE_RULES: list[SentenceRule] = [
    reported_criticism,  # adds 111s from reported words before the wrappers around them are removed
    denied_charges_were_made,
    claim_of_responsibility,
    content_stays_in_the_demand,  # before the wrappers: a statement that only hopes or denies keeps its 01x
    no_wrapper_statement,
    statements_inside_other_acts,
    one_violent_act,
    no_duplicates,
]
