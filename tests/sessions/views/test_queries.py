"""The pages people live in do not slow down as a pair accumulates meetings, items, notes and check-ins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import Goal
from tests.sessions.factories import busy_pair

PAGES = {
    "pair_page": lambda pair: pair["mentorship"].get_absolute_url(),
    "meeting_page": lambda pair: pair["meeting"].get_absolute_url(),
    "mentee_home": lambda pair: reverse("sessions:mentorship_list"),
    "goal_page": lambda pair: pair["goal"].get_absolute_url(),
}


# Counted with sessions in the database (no REDIS_URL); with Redis they are read from the cache, one query fewer.
# Drawn, not kept (tests/test_kept_pages.py counts them kept).
BUDGETS = {"pair_page": 12, "meeting_page": 13, "mentee_home": 20, "goal_page": 20}


def _count(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", sorted(PAGES))
@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_query_count_does_not_grow_with_the_data(db, client, page_name, side, django_assert_max_num_queries):
    small, large = busy_pair(3), busy_pair(300)
    # Warm the process-wide caches (content types, for one) so that both counts are of the page alone.
    _count(client, small[side], PAGES[page_name](small))
    counts = [_count(client, pair[side], PAGES[page_name](pair)) for pair in (small, large)]
    assert counts[0] == counts[1], f"{page_name} as {side}: {counts[0]} queries with 3, {counts[1]} with 300"
    with django_assert_max_num_queries(BUDGETS[page_name]):
        client.get(PAGES[page_name](large))


def test_the_coordinators_activity_page_is_constant_in_the_number_of_pairs(client, cohort, coordinator):
    busy_pair(3, cohort=cohort)
    url = reverse("sessions:cohort_activity", args=[cohort.pk])
    few = _count(client, coordinator, url)
    for _ in range(5):
        busy_pair(3, cohort=cohort)
    assert _count(client, coordinator, url) == few
    assert Goal.objects.count() == 18
