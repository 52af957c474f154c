"""The pairs table filtered, sorted, counted and paged by the database (table) gives what the same filters and sorts
give over every pair in memory (pairs.filter_and_sort, pairs.triage), once the stored rows are fresh."""

from datetime import timedelta

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from sessions.models import PairHealth
from sessions.selectors.dashboard import table
from sessions.selectors.dashboard.pairs import FILTERS, SORTS, filter_and_sort, pair_rows, triage
from sessions.services.health import refresh_stale_health
from tests.sessions import dashboard_scene
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import MeetingFactory, person


@pytest.fixture
def fresh(scene):
    # Names that sort differently by case and by full name, and a person known by e-mail alone.
    Mentorship.objects.filter(pk=scene.pairs[1].pk).update(mentee=person(first_name="ada", last_name="Zed"))
    Mentorship.objects.filter(pk=scene.pairs[2].pk).update(mentor=person(first_name="", last_name="", email="q@x.org"))
    refresh_stale_health(cohort=scene.cohort)
    return scene


def _pks(rows) -> list[int]:
    return [r.pk for r in rows]


@pytest.mark.parametrize("sort", [s for key in SORTS for s in (key, f"-{key}")])
@pytest.mark.parametrize("health", list(FILTERS))
def test_every_filter_and_sort_gives_the_order_of_the_rows_in_memory(fresh, health, sort):
    expected = _pks(filter_and_sort(pair_rows(fresh.cohort), health=health, sort=sort))
    shown = table.filter_and_sort(table.cohort_pairs(fresh.cohort), health=health, sort=sort)
    assert _pks(table.rows(shown)) == expected


@pytest.mark.parametrize("query", ["ada", "ADA zed", "q", "Mentor1", "nobody"])
def test_a_name_search_keeps_the_same_pairs(fresh, query):
    expected = _pks(filter_and_sort(pair_rows(fresh.cohort), query=query, sort="-mentor"))
    shown = table.filter_and_sort(table.cohort_pairs(fresh.cohort), query=query, sort="-mentor")
    assert _pks(table.rows(shown)) == expected and shown.count() == len(expected)


def test_the_triage_queue_and_the_counts_match_the_rows_in_memory(fresh):
    rows = pair_rows(fresh.cohort)
    assert _pks(table.rows(table.at_risk(table.cohort_pairs(fresh.cohort)))) == _pks(triage(rows))
    counts = table.counts(fresh.cohort)
    assert {key: counts[key] for key in table.LEVELS} == {k: sum(r.level == k for r in rows) for k in table.LEVELS}
    assert counts["pairs"] == len(rows) and counts["working"] == sum(r.status == "active" for r in rows)


def test_a_page_is_a_slice_of_the_whole_order(fresh):
    shown = table.filter_and_sort(table.cohort_pairs(fresh.cohort), sort="mentor")
    everything = _pks(table.rows(shown))
    assert _pks(table.rows(shown, start=3, stop=7)) == everything[3:7]


def test_the_dashboard_refreshes_stale_rows_before_it_filters_them(client, coordinator, scene):
    on_track = scene.pairs[0]  # the scene's first pair is on track, with 3 meetings held
    refresh_stale_health(cohort=scene.cohort)
    for _ in range(2):
        MeetingFactory(mentorship=on_track, starts_at=timezone.now() - timedelta(hours=2), status="held")  # no event
    PairHealth.objects.filter(mentorship=on_track).update(valid_until=timezone.now() - timedelta(seconds=1))
    other = scene.pairs[3]
    PairHealth.objects.filter(mentorship=other).delete()
    client.force_login(coordinator)
    response = client.get(reverse("sessions:dashboard", args=[scene.cohort.pk]), {"sort": "-meetings"})
    assert response.context["pairs"][0].pk == on_track.pk and response.context["pairs"][0].meetings_held == 5
    assert PairHealth.objects.get(mentorship=on_track).meetings_held == 5
    assert PairHealth.objects.filter(mentorship=other).exists()
    assert refresh_stale_health(cohort=scene.cohort) == 0


def test_the_pairs_export_streams_every_pair_the_filter_keeps(client, coordinator, started_cohort):
    dashboard_scene.build(started_cohort, pairs=55)
    client.force_login(coordinator)
    url = reverse("sessions:dashboard_pairs_csv", args=[started_cohort.pk])
    response = client.get(url)
    assert isinstance(response, StreamingHttpResponse)
    assert len(response.getvalue().decode().splitlines()) == 56
    at_risk = client.get(url, {"health": "at_risk"}).getvalue().decode().splitlines()
    assert len(at_risk) == 1 + table.counts(started_cohort)["at_risk"]


@pytest.mark.parametrize("health", list(FILTERS))
def test_the_counts_say_how_many_pairs_each_filter_keeps(fresh, health):
    shown = table.filter_and_sort(table.cohort_pairs(fresh.cohort), health=health)
    assert table.shown_count(table.counts(fresh.cohort), health=health) == shown.count()
    assert table.shown_count(table.counts(fresh.cohort), health=health, query="ada") is None  # a search counts itself


def test_the_rows_cells_read_as_the_template_filters_wrote_them(fresh):
    from django.template import Context, Template

    written = Template(
        '{{ r.since|date:"j M Y"|default:"—" }}|{{ r.last_meeting|date:"j M Y"|default:"—" }}|{{ r.meetings_held }}|'
        '{% if r.agenda_rate is None %}—{% else %}{{ r.agenda_rate }}%{% endif %}|{{ r.goals_progress|default:"—" }}'
        "{% if r.health %}|{{ r.score }} · {{ r.level.label }}{% if r.health.reasons %}|"
        '{{ r.health.summary|default:"Why this score"|truncatechars:60 }}{% endif %}{% endif %}'
    )
    pairs = table.cohort_pairs(fresh.cohort)
    chosen = table.ids(table.filter_and_sort(pairs))
    rows = table.table_rows(table.read(pairs, chosen), chosen)
    assert [r.pk for r in rows] == chosen and any(r.reason_lines for r in rows) and any(not r.badge for r in rows)
    for r in rows:
        cells = [r.since_shown, r.last_shown, r.meetings_shown, r.agenda_shown, r.goals_shown]
        cells += [r.badge_text] if r.badge else []
        cells += [r.summary] if r.reason_lines else []
        assert "|".join(cells) == written.render(Context({"r": r}))
        reasons = r.health.reasons if r.health else []
        assert [text for _, text in r.reason_lines] == [reason.text for reason in reasons]
