"""The coordinators' pair activity page: counts, dates, raised notes and the closing totals, never the rest."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.notifications.services import notify_many
from sessions.models import ClosingAnswer, Goal, Meeting, Note
from sessions.services.closing import close_ended_cohorts
from tests.sessions.closing_scene import answered_cohort, closing_cohort_fixture, pair_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory, NoteFactory


def test_coordinators_see_counts_and_raised_notes_never_the_rest(
    client, mentorship, enrollment, mentee, mentor, coordinator
):
    meeting = MeetingFactory(
        mentorship=mentorship,
        starts_at=timezone.now() - timedelta(days=1),
        status=Meeting.Status.HELD,
        objective="Secret objective",
        agenda_reviewed_at=timezone.now() - timedelta(days=2),
    )
    AgendaItemFactory(meeting=meeting, text="Secret agenda item")
    NoteFactory(mentorship=mentorship, body="Secret shared note")
    NoteFactory(mentorship=mentorship, body="Please help: we never meet", visibility=Note.Visibility.COORDINATORS)
    GoalFactory(
        enrollment=enrollment, title="Secret goal title", status=Goal.Status.ACHIEVED, confirmed_at=timezone.now()
    )
    client.force_login(coordinator)
    page = client.get(reverse("sessions:cohort_activity", args=[mentorship.cohort_id])).content.decode()
    assert "Please help: we never meet" in page
    for secret in ("Secret objective", "Secret agenda item", "Secret shared note", "Secret goal title"):
        assert secret not in page
    row = re.search(rf"<td>{mentee.display_name}</td>.*?</tr>", page, re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "0", "1", "1", "1"]


def closing(pair, name="closing_detail"):
    return reverse(f"sessions:{name}", args=[pair.pk])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_activity_page_stays_constant_with_closing_data(client, closing_cohort, coordinator):
    answered_cohort(closing_cohort, 3)  # enough answers for the survey's figures (below, they are not even read)
    url = reverse("sessions:cohort_activity", args=[closing_cohort.pk])
    client.force_login(coordinator)
    few = _queries(client, url)
    answered_cohort(closing_cohort, 20)
    assert _queries(client, url) == few


def test_the_coordinator_sees_totals_and_never_who_answered_what(client, closing_cohort, coordinator):
    made = answered_cohort(closing_cohort, 4)
    client.force_login(coordinator)
    url = reverse("sessions:cohort_activity", args=[closing_cohort.pk])
    page = client.get(url).content.decode()
    assert "6 of 8 people" in page
    assert "3.8 out of 5" in page
    for label in (*ClosingAnswer.Choice.labels, "Continues informally"):
        assert label not in page
    assert "Secret thanks" not in page

    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    closing_cohort.ends_on = timezone.localdate() - timedelta(days=1)
    closing_cohort.save()
    page = client.get(url).content.decode()
    assert "25% (1 of 4 pairs)" in page
    assert "Continues informally" not in page
    assert page.count("Program completed") == len(made)
    for pair in made:
        assert closing(pair) not in page
