"""The cohort health dashboard's pages: sections, filters and sorting, the CSV export, the nudge, query counts."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.audit.models import AuditEntry
from mentoring.notifications.models import Notification
from programs.models import Role
from sessions.health import Level
from sessions.selectors.dashboard.pages import COLUMNS
from sessions.selectors.dashboard.pairs import SORTS, pair_rows, triage
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions import dashboard_scene
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import MentorshipFactory, person


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


QUERY_BUDGET = 35  # the relationship checks (one query) and the survey results (up to three) included
KEPT_QUERY_BUDGET = {"sessions:dashboard": 14, "sessions:dashboard_report": 10}  # the cohort figures kept


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        response.getvalue()  # a streamed export reads its rows as it is written out
    return len(queries)


def test_the_page_shows_every_section(client, coordinator, scene):
    response = _get(client, coordinator, reverse("sessions:dashboard", args=[scene.cohort.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "From invitation to first goal",
        "Meetings held per week",
        "Agendas prepared and reviewed in time, per week",
        "Goals set, achieved and dropped per week",
        "At-risk pairs (4)",
        "Matching quality",
        "Cohort over cohort",
    ):
        assert heading in page
    assert page.count("<svg") == 5 and page.count("as a table</summary>") == 3
    assert reverse("programs:enrollment_export", args=[scene.cohort.pk]) in page
    assert "Nudge both" in page
    queue = triage(pair_rows(scene.cohort))
    assert f'action="{reverse("sessions:dashboard_nudge", args=[queue[0].pk])}"' in page


def test_filtering_to_at_risk_and_sorting_by_mentee(client, coordinator, scene):
    url = reverse("sessions:dashboard", args=[scene.cohort.pk])
    response = _get(client, coordinator, url, health="at_risk", sort="-mentee")
    pairs = response.context["pairs"]
    assert len(pairs) == 4 and all(p.level == Level.AT_RISK for p in pairs)
    assert [p.mentee for p in pairs] == sorted((p.mentee for p in pairs), key=str.lower, reverse=True)
    assert 'aria-sort="descending"' in response.content.decode()


def test_an_htmx_filter_swaps_only_the_pairs_table(client, coordinator, scene):
    client.force_login(coordinator)
    response = client.get(
        reverse("sessions:dashboard", args=[scene.cohort.pk]),
        {"health": "watch"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="pairs",
    )
    page = response.content.decode()
    assert page.startswith('<div id="pairs">') and "Matching quality" not in page
    assert len(response.context["pairs"]) == 2
    assert all(p.level == Level.WATCH for p in response.context["pairs"])


def test_the_pairs_export_has_a_row_per_pair_and_follows_the_filter(client, coordinator, scene):
    url = reverse("sessions:dashboard_pairs_csv", args=[scene.cohort.pk])
    everything = list(csv.reader(io.StringIO(_get(client, coordinator, url).getvalue().decode())))
    at_risk = list(csv.reader(io.StringIO(_get(client, coordinator, url, health="at_risk").getvalue().decode())))
    assert everything[0][:3] == ["mentee", "mentor", "since"] and len(everything) == 11
    assert len(at_risk) == 5 and {row[13] for row in at_risk[1:]} == {"At risk"}


def test_a_nudge_reaches_both_sides_once_a_day(client, coordinator, scene):
    pair = next(r for r in triage(pair_rows(scene.cohort)))
    mentorship = Mentorship.objects.get(pk=pair.pk)
    client.force_login(coordinator)
    url = reverse("sessions:dashboard_nudge", args=[mentorship.pk])
    response = client.post(url, {"template": "meet"})
    assert response.status_code == 302 and response["Location"].endswith("#triage")
    assert set(Notification.objects.values_list("recipient", flat=True)) == {mentorship.mentee_id, mentorship.mentor_id}
    assert Notification.objects.filter(title="Time to meet again").count() == 2
    client.post(url, {"template": "goals"})
    assert Notification.objects.count() == 2
    page = client.get(reverse("sessions:dashboard", args=[scene.cohort.pk])).content.decode()
    assert "Nudged today" in page


def test_a_coordinator_of_another_program_cannot_nudge_this_cohorts_pairs(client, scene):
    other = MentorshipFactory()
    stranger = person(is_coordinator=True)
    other.cohort.program.coordinators.add(stranger)
    client.force_login(stranger)
    assert (
        client.post(reverse("sessions:dashboard_nudge", args=[scene.pairs[0].pk]), {"template": "meet"}).status_code
        == 404
    )


def test_people_of_the_cohort_do_not_see_its_dashboard(client, scene):
    for user in (scene.pairs[0].mentee, scene.pairs[0].mentor):
        client.force_login(user)
        for name in ("sessions:dashboard", "sessions:dashboard_pairs_csv", "sessions:dashboard_report"):
            assert client.get(reverse(name, args=[scene.cohort.pk])).status_code == 404


def _figures(page: str) -> str:
    return page[page.index('<section aria-labelledby="funnel-heading"') : page.index('id="triage"')]


def _enrolled_mentees(page: str) -> int:
    return int(re.search(r'<th scope="row">Enrolled</th><td>(\d+)</td>', page)[1])


def test_the_figures_drawn_once_are_drawn_again_after_a_change(
    client, coordinator, scene, django_capture_on_commit_callbacks
):
    url = reverse("sessions:dashboard", args=[scene.cohort.pk])
    first = _get(client, coordinator, url).content.decode()
    again = client.get(url).content.decode()
    assert _figures(again) == _figures(first) and "Meetings held per week" in _figures(again)  # kept, whole
    with django_capture_on_commit_callbacks(execute=True):
        EnrollmentFactory(cohort=scene.cohort, role=Role.MENTEE, user=person())
    assert _enrolled_mentees(client.get(url).content.decode()) == _enrolled_mentees(first) + 1


def test_the_closing_shows_while_the_cohort_closes(client, coordinator, program):
    today = timezone.localdate()
    closing = CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=5))
    dashboard_scene.build(closing, pairs=5)
    page = _get(client, coordinator, reverse("sessions:dashboard", args=[closing.pk])).content.decode()
    assert "End of the program" in page and "Thank-you notes sent" in page
    report = _get(client, coordinator, reverse("sessions:dashboard_report", args=[closing.pk])).content.decode()
    assert "css/dashboard.css" in report and "<style" not in report and "End of the program" in report
    assert "@media print" in (settings.BASE_DIR / "static/css/dashboard.css").read_text()


def _small_and_large(program):
    """Two cohorts of the program, of 3 and of 30 pairs, for the query counts."""
    today = timezone.localdate()
    small, large = (
        CohortFactory(program=program, starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=5))
        for _ in range(2)
    )
    dashboard_scene.build(small, pairs=3, unmatched=2)
    dashboard_scene.build(large, pairs=30, unmatched=20)
    return small, large


@pytest.mark.parametrize("name", ["sessions:dashboard", "sessions:dashboard_pairs_csv", "sessions:dashboard_report"])
def test_the_number_of_queries_does_not_grow_with_the_cohort(
    client, coordinator, program, name, django_assert_max_num_queries
):
    small, large = _small_and_large(program)
    client.force_login(coordinator)
    few = _queries(client, reverse(name, args=[small.pk]))
    assert _queries(client, reverse(name, args=[large.pk])) == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        _queries(client, reverse(name, args=[large.pk]))


@pytest.mark.parametrize("name", ["sessions:dashboard", "sessions:dashboard_report"])
def test_a_visit_with_the_figures_kept_costs_fewer_queries_and_as_many_at_any_size(
    client, coordinator, program, name, django_assert_max_num_queries
):
    small, large = _small_and_large(program)
    client.force_login(coordinator)
    computing = _queries(client, reverse(name, args=[small.pk]))
    _queries(client, reverse(name, args=[large.pk]))
    kept = _queries(client, reverse(name, args=[small.pk]))
    assert _queries(client, reverse(name, args=[large.pk])) == kept < computing
    with django_assert_max_num_queries(KEPT_QUERY_BUDGET[name]):
        _queries(client, reverse(name, args=[large.pk]))
    page = client.get(reverse(name, args=[large.pk])).content.decode()
    assert re.search(r"figures as of (<time [^>]+>)?\d\d:\d\d", page)  # the page says when they were computed


def test_an_upcoming_cohort_without_anyone_still_shows_its_page(client, coordinator, program):
    today = timezone.localdate()
    upcoming = CohortFactory(program=program, starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=200))
    client.force_login(coordinator)
    for name in ("sessions:dashboard", "sessions:dashboard_pairs_csv", "sessions:dashboard_report"):
        assert client.get(reverse(name, args=[upcoming.pk])).status_code == 200
    page = client.get(reverse("sessions:dashboard", args=[upcoming.pk])).content.decode()
    assert "No pair is at risk right now." in page and "No pairs yet: pairs appear here once" in page


@pytest.mark.parametrize("column", [key for key, _ in COLUMNS])
def test_every_column_sorts_both_ways(client, coordinator, scene, column):
    client.force_login(coordinator)
    url = reverse("sessions:dashboard", args=[scene.cohort.pk])
    ascending = client.get(url, {"sort": column, "health": ""}).context["pairs"]
    descending = client.get(url, {"sort": f"-{column}", "health": ""}).context["pairs"]
    assert len(ascending) == len(descending) == 10
    key = SORTS[column]
    assert [key(r) for r in ascending] == sorted(key(r) for r in ascending)
    assert [key(r) for r in descending] == sorted((key(r) for r in descending), reverse=True)


def test_an_export_with_filters_that_do_not_hold_exports_nothing_and_records_nothing(client, coordinator, scene):
    url = reverse("sessions:dashboard_pairs_csv", args=[scene.cohort.pk])
    response = _get(client, coordinator, url, sort="<script>", health="x")
    assert response.status_code == 302 and response["Location"] == reverse("sessions:dashboard", args=[scene.cohort.pk])
    assert not AuditEntry.objects.exists()


def test_an_unknown_sort_or_filter_falls_back_to_health(client, coordinator, scene):
    client.force_login(coordinator)
    response = client.get(reverse("sessions:dashboard", args=[scene.cohort.pk]), {"sort": "secret", "health": "x"})
    scores = [r.score for r in response.context["pairs"] if r.score is not None]
    assert response.status_code == 200 and scores == sorted(scores) and len(response.context["pairs"]) == 10


def test_long_pair_lists_come_in_pages_that_keep_the_filter(client, coordinator, started_cohort):
    dashboard_scene.build(started_cohort, pairs=55)
    client.force_login(coordinator)
    url = reverse("sessions:dashboard", args=[started_cohort.pk])
    first = client.get(url, {"sort": "mentee"})
    second = client.get(url, {"sort": "mentee", "page": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pairs")
    assert len(first.context["pairs"]) == 50 and len(second.context["pairs"]) == 5
    assert "?sort=mentee&page=2" in first.content.decode()
    names = [r.mentee.lower() for r in first.context["pairs"]] + [r.mentee.lower() for r in second.context["pairs"]]
    assert names == sorted(names)


def test_the_pairs_export_neutralises_every_formula_trigger(client, coordinator, cohort):
    for first_name in ("=1+1", "|calc", "%0A", "@SUM(A1)"):
        MentorshipFactory(cohort=cohort, mentee=person(first_name=first_name, last_name=""))
    exported = _get(client, coordinator, reverse("sessions:dashboard_pairs_csv", args=[cohort.pk])).getvalue().decode()
    mentees = sorted(row["mentee"] for row in csv.DictReader(io.StringIO(exported)))
    assert mentees == ["'%0A", "'=1+1", "'@SUM(A1)", "'|calc"]
