from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.engine import Exclusion
from matching.services.exclusions import COORDINATOR_REASONS, REFUSALS, Audience, exclusions_of, refusal
from mentoring.profiles.models import Profile
from tests.factories import ProfileFactory

PERSONAL = {Exclusion.SAME_PERSON, Exclusion.MANAGER, Exclusion.MANAGEMENT_CHAIN, Exclusion.PEER,
            Exclusion.AVOIDED_ORGANISATION, Exclusion.AVOIDS_YOUR_ORGANISATION, Exclusion.RULE}  # fmt: skip


def test_every_rule_about_two_people_has_words_for_whoever_acts():
    assert all(set(words) == PERSONAL for words in REFUSALS.values()) and set(COORDINATOR_REASONS) == PERSONAL
    assert refusal(Exclusion.MANAGER, Audience.COORDINATOR) == (
        "These two cannot be paired: the mentor is the mentee's line manager."
    )


def test_exclusions_of_many_pairs_take_the_same_few_queries(db):
    counts = []
    for size in (2, 20):
        mentors = [ProfileFactory(organisation="Globex").user for _ in range(size)]
        mentees = [ProfileFactory(avoid_organisations=["globex"]).user for _ in range(size)]
        Profile.objects.filter(user=mentees[0]).update(manager_email=mentors[0].email)
        with CaptureQueriesContext(connection) as queries:
            found = exclusions_of((mentee.pk, mentor.pk) for mentee in mentees for mentor in mentors)
        counts.append(len(queries))
        assert len(found) == size * size
        assert found[(mentees[0].pk, mentors[0].pk)] == Exclusion.MANAGER
        assert found[(mentees[1].pk, mentors[0].pk)] == Exclusion.AVOIDED_ORGANISATION
    assert counts[0] == counts[1] <= 2
