"""The hard exclusions, enforced where the state changes: a request, an accepted request, a coordinator's lock or
swap and a published run all ask engine.pair_exclusion about the two people as they are now (profiles, the
program's reporting lines and their answers to its questions, under the program's rules: the same rule that keeps
them out of suggestions and proposals), and refuse with words meant for whoever acts."""

import enum
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from matching.engine import Exclusion, Person, Rule, pair_exclusion
from matching.engine.reasons import rule_exclusion_text
from matching.selectors.people import NO_RULES, ProgramRules, cohort_rules, load_people
from programs.models import Cohort


class Audience(enum.Enum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    COORDINATOR = "coordinator"


REFUSALS = {
    Audience.MENTEE: {
        Exclusion.SAME_PERSON: "You cannot request yourself as a mentor.",
        Exclusion.MANAGER: "You cannot ask your own line manager to be your mentor.",
        Exclusion.MANAGEMENT_CHAIN: (
            "This mentor is above you in your reporting line, and this program keeps mentees and their management "
            "chain apart."
        ),
        Exclusion.PEER: "This mentor reports to the same manager as you, and this program keeps peers apart.",
        Exclusion.AVOIDED_ORGANISATION: "This mentor works at an organisation your profile asks to avoid.",
        Exclusion.AVOIDS_YOUR_ORGANISATION: "This mentor prefers not to mentor people from your organisation.",
        Exclusion.RULE: "This program's rules keep you and this mentor apart.",
    },
    Audience.MENTOR: {
        Exclusion.SAME_PERSON: "You cannot mentor yourself.",
        Exclusion.MANAGER: "You are this mentee's line manager: a mentor is never the mentee's own manager.",
        Exclusion.MANAGEMENT_CHAIN: (
            "You are above this mentee in their reporting line, and this program keeps mentees and their management "
            "chain apart."
        ),
        Exclusion.PEER: "You and this mentee report to the same manager, and this program keeps peers apart.",
        Exclusion.AVOIDED_ORGANISATION: "This mentee's profile rules out mentors from your organisation.",
        Exclusion.AVOIDS_YOUR_ORGANISATION: (
            "Your profile says you prefer not to mentor people from this mentee's organisation."
        ),
        Exclusion.RULE: "This program's rules keep you and this mentee apart.",
    },
}
# For coordinators the reason is a clause: it is shown after a pair's names or in a sentence of the page's own.
COORDINATOR_REASONS = {
    Exclusion.SAME_PERSON: "the mentee and the mentor are the same person",
    Exclusion.MANAGER: "the mentor is the mentee's line manager",
    Exclusion.MANAGEMENT_CHAIN: "the mentor is above the mentee in their reporting line",
    Exclusion.PEER: "the mentee and the mentor report to the same manager",
    Exclusion.AVOIDED_ORGANISATION: "the mentee avoids the mentor's organisation",
    Exclusion.AVOIDS_YOUR_ORGANISATION: "the mentor avoids the mentee's organisation",
    Exclusion.RULE: "the program's rules keep them apart",
}


def _people(pairs: set, rules: ProgramRules, people: Mapping[int, Person] | None) -> Mapping[int, Person]:
    if people is not None:
        return people
    return load_people(
        sorted({user_id for pair in pairs for user_id in pair}), skills=False, features=False, rules=rules
    )


def exclusions_of(
    pairs: Iterable[tuple[int, int]], *, rules: ProgramRules = NO_RULES, people: Mapping[int, Person] | None = None
) -> dict[tuple[int, int], Exclusion]:
    """The hard exclusion of each (mentee id, mentor id) pair that has one, from the people as they are now (loaded
    in at most four queries whatever the number of pairs, unless the caller has them as `people` already), under the
    program's `rules` (cohort_rules)."""
    pairs = set(pairs)
    if not pairs:
        return {}
    people = _people(pairs, rules, people)
    policy = rules.policy
    return {
        (mentee, mentor): why
        for mentee, mentor in pairs
        if (why := pair_exclusion(_person(people, mentee), _person(people, mentor), policy))
    }


def _person(people: Mapping[int, Person], user_id: int) -> Person:
    return people.get(user_id) or Person(id=user_id)


def coordinator_reason(exclusion: Exclusion, rule: Rule | None = None) -> str:
    if exclusion is Exclusion.RULE and rule is not None:
        return f"the program's rule on “{rule.label}” keeps them apart"
    return COORDINATOR_REASONS[exclusion]


def refusal(exclusion: Exclusion, audience: Audience, rule: Rule | None = None) -> str:
    """Why a pair is refused, for whoever acts; a hard rule, when given, says which and what it found."""
    if audience is Audience.COORDINATOR:
        return f"These two cannot be paired: {coordinator_reason(exclusion, rule)}."
    if exclusion is Exclusion.RULE and rule is not None:
        found = rule_exclusion_text(rule) if audience is Audience.MENTEE else f"the rule on “{rule.label}”"
        return f"{REFUSALS[audience][exclusion][:-1]}: {found}."
    return REFUSALS[audience][exclusion]


def broken_rule(pair: tuple[int, int], *, rules: ProgramRules, people: Mapping[int, Person]) -> Rule | None:
    """The hard rule that keeps a pair apart (for the words of a refusal)."""
    mentee, mentor = pair
    return rules.policy.broken_rule(_person(people, mentee), _person(people, mentor))


def refusal_of(
    pairs: Iterable[tuple[int, int]], *, rules: ProgramRules, audience: Audience, people: Mapping[int, Person] | None
) -> str | None:
    """The words refusing the first excluded pair of these, or None when every one is allowed."""
    pairs = set(pairs)
    people = _people(pairs, rules, people)
    excluded = exclusions_of(pairs, rules=rules, people=people)
    if not excluded:
        return None
    pair, exclusion = min(excluded.items())
    return refusal(exclusion, audience, broken_rule(pair, rules=rules, people=people))


def ensure_allowed(*, cohort: Cohort, mentee_id: int, mentor_id: int, audience: Audience) -> None:
    """Raise ValidationError, in words for `audience`, when the two can never be paired in this cohort."""
    words = refusal_of([(mentee_id, mentor_id)], rules=cohort_rules(cohort), audience=audience, people=None)
    if words:
        raise ValidationError(words)
