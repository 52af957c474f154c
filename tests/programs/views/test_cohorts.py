from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Cohort

pytestmark = pytest.mark.django_db


def _cohort_data(**extra):
    today = timezone.localdate()
    return {"name": "Spring", "starts_on": today, "ends_on": today + timedelta(days=180), **extra}


def test_a_cohort_must_end_after_it_starts(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]), _cohort_data(ends_on=today - timedelta(days=1))
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_short_cohort_is_saved_with_a_warning_and_overrides_apply(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]),
        _cohort_data(ends_on=today + timedelta(days=10), mentor_capacity=5),
        follow=True,
    )
    cohort = Cohort.objects.get()
    assert "less than a month" in response.content.decode()
    assert cohort.rule("mentor_capacity") == 5
    assert cohort.rule("request_expiry_days") == program.request_expiry_days


def test_the_enrollment_window_must_lie_inside_the_cohort(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]),
        _cohort_data(enrollment_opens_on=today - timedelta(days=3)),
    )
    assert "between the cohort" in response.content.decode()


def test_the_cohort_page_shows_the_timeline_with_a_text_alternative(client, coordinator, cohort):
    client.force_login(coordinator)
    body = client.get(cohort.get_absolute_url()).content.decode()
    assert "Timeline" in body and "(now)" in body and "the cohort is <strong>enrolling</strong>" in body


def test_a_cohort_override_of_zero_mentors_per_mentee_is_refused(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]), _cohort_data(max_mentors_per_mentee=0)
    )
    assert "max_mentors_per_mentee" in response.context["form"].errors
    assert not Cohort.objects.exists()


def test_a_new_cohort_starts_with_its_close_out_survey_in_the_surveys_list(client, coordinator, program):
    client.force_login(coordinator)
    client.post(reverse("programs:cohort_create", args=[program.slug]), _cohort_data())
    cohort = Cohort.objects.get()
    survey = cohort.surveys.get()
    assert survey.is_closing and survey.trigger == "close_out" and survey.audience == "both"
    assert [q.text for q in survey.questions.order_by("order")] == ["How well did the match work?", "What helped most?"]
    page = client.get(reverse("programs:survey_list", args=[cohort.pk])).content.decode()
    assert "Close-out survey" in page and "each pair&#x27;s closing page" in page
