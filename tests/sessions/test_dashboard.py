"""The cohort health dashboard: its figures against a cohort built to known numbers, the page, its filters and
sorting, the CSV export, the nudge, and a query count that does not grow with the cohort."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from programs.models import Role
from sessions.health import Level
from sessions.selectors.dashboard import figures
from sessions.selectors.dashboard.pages import COLUMNS
from sessions.selectors.dashboard.pairs import SORTS, pair_rows, triage
from sessions.services.nudges import nudge_pair
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions import dashboard_scene
from tests.sessions.factories import MentorshipFactory, person


@pytest.fixture
def started_cohort(program):
    today = timezone.localdate()
    return CohortFactory(program=program, starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=110))


@pytest.fixture
def scene(started_cohort):
    # Ten pairs: two of each kind (on track, watch, at risk, proposed, completed); six mentees without a mentor.
    return dashboard_scene.build(started_cohort, pairs=10, unmatched=6)


def _by_kind(rows):
    kinds = {}
    for i, pair in enumerate(sorted(rows, key=lambda r: r.pk)):
        kinds.setdefault(dashboard_scene.KINDS[i % 5], []).append(pair)
    return kinds


def test_pairs_carry_their_counts_and_a_health_that_matches_their_signs(scene):
    kinds = _by_kind(pair_rows(scene.cohort))
    on_track, watch, at_risk = kinds["on_track"][0], kinds["watch"][0], kinds["at_risk"][0]
    assert on_track.meetings_held == 3 and on_track.agenda_rate == 100 and on_track.next_meeting is not None
    assert on_track.level == Level.ON_TRACK and on_track.score == 100
    assert watch.level == Level.WATCH
    assert "Last meeting 20 days ago, behind the rhythm (agreed every 14 days)" in watch.health.summary
    assert at_risk.level == Level.AT_RISK and at_risk.agenda_rate == 0
    concerns = [reason.text for reason in at_risk.health.concerns]
    assert "Last meeting 45 days ago (agreed every 14 days)" in concerns
    assert "1 action item overdue" in concerns
    assert "Mentoring agreement not yet confirmed by both" in concerns
    assert kinds["proposed"][0].level == Level.AT_RISK
    assert (at_risk.nudge, kinds["proposed"][0].nudge) == ("meet", "follow_up")  # the message fits the worst sign
    assert kinds["completed"][0].health is None and kinds["completed"][0].meetings_held == 3


def test_the_triage_queue_lists_the_at_risk_pairs_worst_first(scene):
    queue = triage(pair_rows(scene.cohort))
    assert len(queue) == 4
    assert [r.score for r in queue] == sorted(r.score for r in queue)
    assert all(r.level == Level.AT_RISK for r in queue)


def test_the_funnel_counts_each_step_from_invitation_to_goal(scene):
    stages = {s.label: s for s in figures.funnel(scene.cohort)}
    assert stages["Invited"].mentees == 16 + 1  # sixteen enrolled and one open invitation
    assert stages["Enrolled"].mentees == 16 and stages["Enrolled"].mentors == 10
    assert stages["Profile complete"].mentees == 8
    assert stages["Orientation done"].mentees == 12
    assert stages["Matched"].mentees == 8  # the proposed pairs are not matched yet
    assert stages["First meeting held"].mentees == 8
    assert stages["Goal set"].mentees == 8 and stages["Goal set"].mentors is None


def test_the_weekly_series_count_meetings_agendas_and_goals(scene):
    series = figures.weekly(scene.cohort)
    assert sum(series.values["held"]) == 24
    assert sum(series.values["prepared"]) == 18  # every held meeting but the at-risk pairs'
    assert sum(series.values["reviewed"]) == 6 + 2
    assert sum(series.values["set"]) == 16
    assert (sum(series.values["achieved"]), sum(series.values["dropped"])) == (4, 3)
    assert len(series.weeks) >= 10 and series.weeks[0] <= scene.cohort.starts_on


def test_matching_quality_explains_the_unmatched_and_the_mentor_load(scene):
    matching = figures.matching_quality(scene.cohort)
    # Unmatched: the six without pairs (pending, declined, none, twice each) and the two with proposed pairs.
    assert matching.unmatched == {"pending": 2, "proposed": 2, "ended": 0, "declined": 2, "none": 2}
    assert matching.unmatched_total == 8 and len(matching.unmatched_people) == 8
    assert matching.scored_pairs == 10 and 0.6 <= matching.average_score <= 0.95
    assert matching.load == 8  # active and proposed pairs take a place
    assert matching.mentors["room"] == 8 and matching.mentors["idle"] == 2


def test_the_history_puts_earlier_cohorts_beside_this_one(scene, program):
    today = timezone.localdate()
    earlier = CohortFactory(program=program, starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=200))
    MentorshipFactory(cohort=earlier, status=Mentorship.Status.CONVERTED)
    MentorshipFactory(cohort=earlier, status=Mentorship.Status.COMPLETED)
    EnrollmentFactory(cohort=earlier, role=Role.MENTEE, user=person())
    history = figures.cohort_history(scene.cohort)
    assert [f.cohort for f in history] == [earlier, scene.cohort]
    before, now = history
    assert (before.mentees, before.matched, before.match_rate) == (3, 2, 67)
    assert before.converted_rate == 50
    assert now.match_rate == 50 and now.goal_attainment == 25  # 4 achieved of the 16 goals set
    assert now.days_to_first_meeting is not None and now.days_to_first_meeting > 0


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


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
    everything = list(csv.reader(io.StringIO(_get(client, coordinator, url).content.decode())))
    at_risk = list(csv.reader(io.StringIO(_get(client, coordinator, url, health="at_risk").content.decode())))
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


def test_a_nudge_needs_a_known_template_and_a_working_pair(coordinator, scene):
    completed = next(m for m in scene.pairs if m.status == Mentorship.Status.COMPLETED)
    with pytest.raises(Exception, match="still working together"):
        nudge_pair(mentorship=completed, by=coordinator, template="meet")
    with pytest.raises(Exception, match="Choose one of the nudge messages"):
        nudge_pair(mentorship=scene.pairs[0], by=coordinator, template="anything")
    assert not Notification.objects.exists()


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


def test_the_closing_shows_while_the_cohort_closes(client, coordinator, program):
    today = timezone.localdate()
    closing = CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=5))
    dashboard_scene.build(closing, pairs=5)
    page = _get(client, coordinator, reverse("sessions:dashboard", args=[closing.pk])).content.decode()
    assert "End of the program" in page and "Thank-you notes sent" in page
    report = _get(client, coordinator, reverse("sessions:dashboard_report", args=[closing.pk])).content.decode()
    assert "css/dashboard.css" in report and "<style" not in report and "End of the program" in report
    assert "@media print" in (settings.BASE_DIR / "static/css/dashboard.css").read_text()


QUERY_BUDGET = 32


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["sessions:dashboard", "sessions:dashboard_pairs_csv", "sessions:dashboard_report"])
def test_the_number_of_queries_does_not_grow_with_the_cohort(
    client, coordinator, program, name, django_assert_max_num_queries
):
    today = timezone.localdate()
    small, large = (
        CohortFactory(program=program, starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=5))
        for _ in range(2)
    )
    dashboard_scene.build(small, pairs=3, unmatched=2)
    dashboard_scene.build(large, pairs=30, unmatched=20)
    client.force_login(coordinator)
    few = _queries(client, reverse(name, args=[small.pk]))
    assert _queries(client, reverse(name, args=[large.pk])) == few
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(reverse(name, args=[large.pk]))


def test_an_upcoming_cohort_without_anyone_still_shows_its_page(client, coordinator, program):
    today = timezone.localdate()
    upcoming = CohortFactory(program=program, starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=200))
    client.force_login(coordinator)
    for name in ("sessions:dashboard", "sessions:dashboard_pairs_csv", "sessions:dashboard_report"):
        assert client.get(reverse(name, args=[upcoming.pk])).status_code == 200
    page = client.get(reverse("sessions:dashboard", args=[upcoming.pk])).content.decode()
    assert "No pair is at risk right now." in page and "No pairs match." in page


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


def test_an_ended_cohort_still_counts_the_mentees_who_never_got_a_mentor(program):
    today = timezone.localdate()
    ended = CohortFactory(program=program, starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=200))
    completed = EnrollmentFactory.create_batch(3, cohort=ended, role=Role.MENTEE, status="completed")
    EnrollmentFactory(cohort=ended, role=Role.MENTEE, status="withdrawn")
    MentorshipFactory(cohort=ended, mentee=completed[0].user, status=Mentorship.Status.COMPLETED)
    matching = figures.matching_quality(ended)
    assert matching.unmatched_total == 2 and matching.unmatched["none"] == 2


def test_the_pairs_export_neutralises_every_formula_trigger(client, coordinator, cohort):
    for first_name in ("=1+1", "|calc", "%0A", "@SUM(A1)"):
        MentorshipFactory(cohort=cohort, mentee=person(first_name=first_name, last_name=""))
    exported = _get(client, coordinator, reverse("sessions:dashboard_pairs_csv", args=[cohort.pk])).content.decode()
    mentees = sorted(row["mentee"] for row in csv.DictReader(io.StringIO(exported)))
    assert mentees == ["'%0A", "'=1+1", "'@SUM(A1)", "'|calc"]
