"""The hard exclusions, enforced where the state changes: a request, an accepted request, a coordinator's lock or
swap and a published run all ask engine.pair_exclusion about the two people's current profiles (the same rule that
keeps them out of suggestions and proposals), and refuse with words meant for whoever acts."""

import enum
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from matching.engine import Exclusion, Person, pair_exclusion
from matching.selectors.people import load_people


class Audience(enum.Enum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    COORDINATOR = "coordinator"


REFUSALS = {
    Audience.MENTEE: {
        Exclusion.SAME_PERSON: "You cannot request yourself as a mentor.",
        Exclusion.MANAGER: "You cannot ask your own line manager to be your mentor.",
        Exclusion.AVOIDED_ORGANISATION: "This mentor works at an organisation your profile asks to avoid.",
        Exclusion.AVOIDS_YOUR_ORGANISATION: "This mentor prefers not to mentor people from your organisation.",
    },
    Audience.MENTOR: {
        Exclusion.SAME_PERSON: "You cannot mentor yourself.",
        Exclusion.MANAGER: "You are this mentee's line manager: a mentor is never the mentee's own manager.",
        Exclusion.AVOIDED_ORGANISATION: "This mentee's profile rules out mentors from your organisation.",
        Exclusion.AVOIDS_YOUR_ORGANISATION: (
            "Your profile says you prefer not to mentor people from this mentee's organisation."
        ),
    },
}
# For coordinators the reason is a clause: it is shown after a pair's names or in a sentence of the page's own.
COORDINATOR_REASONS = {
    Exclusion.SAME_PERSON: "the mentee and the mentor are the same person",
    Exclusion.MANAGER: "the mentor is the mentee's line manager",
    Exclusion.AVOIDED_ORGANISATION: "the mentee avoids the mentor's organisation",
    Exclusion.AVOIDS_YOUR_ORGANISATION: "the mentor avoids the mentee's organisation",
}


def exclusions_of(
    pairs: Iterable[tuple[int, int]], *, people: Mapping[int, Person] | None = None
) -> dict[tuple[int, int], Exclusion]:
    """The hard exclusion of each (mentee id, mentor id) pair that has one, from the profiles as they are now (loaded
    in at most two queries whatever the number of pairs, unless the caller has them as `people` already)."""
    pairs = set(pairs)
    if not pairs:
        return {}
    if people is None:
        people = load_people(sorted({user_id for pair in pairs for user_id in pair}), skills=False)
    return {
        (mentee, mentor): why
        for mentee, mentor in pairs
        if (why := pair_exclusion(people.get(mentee) or Person(id=mentee), people.get(mentor) or Person(id=mentor)))
    }


def refusal(exclusion: Exclusion, audience: Audience) -> str:
    if audience is Audience.COORDINATOR:
        return f"These two cannot be paired: {COORDINATOR_REASONS[exclusion]}."
    return REFUSALS[audience][exclusion]


def ensure_allowed(*, mentee_id: int, mentor_id: int, audience: Audience) -> None:
    """Raise ValidationError, in words for `audience`, when the two can never be paired."""
    exclusion = exclusions_of([(mentee_id, mentor_id)]).get((mentee_id, mentor_id))
    if exclusion:
        raise ValidationError(refusal(exclusion, audience))
