"""Coordinators see that pairs meet and goals move, never what was said: a known secret string, written into every
kind of text a pair keeps, appears in none of the dashboard's pages or exports."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from sessions.models import Note
from tests.programs.factories import CohortFactory
from tests.sessions import dashboard_scene
from tests.sessions.factories import NoteFactory

SECRET = dashboard_scene.SECRET


@pytest.fixture
def secret_cohort(program):
    today = timezone.localdate()
    # Closing, so that the closing figures are on the pages too.
    cohort = CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=5))
    scene = dashboard_scene.build(cohort, pairs=10, unmatched=6, secret=SECRET)
    pair = scene.pairs[0]
    NoteFactory(mentorship=pair, body=f"{SECRET} raised", visibility=Note.Visibility.COORDINATORS)
    Mentorship.objects.filter(pk=pair.pk).update(purpose=SECRET, end_reason=SECRET, thank_you_note=SECRET)
    MentorshipRequest.objects.filter(cohort=cohort).update(help_wanted=SECRET, why_this_mentor=SECRET)
    return cohort


def test_the_secret_is_in_the_data(secret_cohort):
    assert Note.objects.filter(body__contains=SECRET).count() == 21
    assert secret_cohort.mentorships.filter(meetings__agenda_items__text__contains=SECRET).exists()
    assert secret_cohort.mentorships.filter(goals__title__contains=SECRET).exists()


@pytest.mark.parametrize(
    "name, params",
    [
        ("sessions:dashboard", {}),
        ("sessions:dashboard", {"health": "at_risk", "sort": "-health"}),
        ("sessions:dashboard_pairs_csv", {}),
        ("sessions:dashboard_report", {}),
        ("programs:enrollment_export", {}),
    ],
)
def test_no_text_a_pair_wrote_reaches_the_coordinator(client, coordinator, secret_cohort, name, params):
    client.force_login(coordinator)
    response = client.get(reverse(name, args=[secret_cohort.pk]), params)
    assert response.status_code == 200
    body = response.getvalue().decode()  # the CSV export is streamed
    assert len(body) > 500
    assert SECRET not in body


def test_nor_the_htmx_table(client, coordinator, secret_cohort):
    client.force_login(coordinator)
    response = client.get(
        reverse("sessions:dashboard", args=[secret_cohort.pk]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pairs"
    )
    assert response.status_code == 200 and "<table" in response.content.decode()
    assert SECRET not in response.content.decode()
