from datetime import timedelta

from django.utils import timezone

from programs.models import Enrollment
from sessions.forms import GoalForm, MeetingForm
from sessions.models import Goal


def _goal_form(enrollment, **overrides):
    data = {
        "enrollment": enrollment.pk,
        "title": "Run budget reviews",
        "specific": "Lead the quarterly budget review on my own.",
        "measure": "Reviews led",
        "baseline": "0",
        "target": "4",
        "unit": "reviews",
        "ambition": "attainable",
        "relevance": "It is the path to finance lead.",
        "target_date": (enrollment.cohort.ends_on - timedelta(days=3)).isoformat(),
        **overrides,
    }
    return GoalForm(
        data, enrollments=Enrollment.objects.filter(pk=enrollment.pk), mentorships=enrollment.user.mentorships_as_mentee
    )


def test_a_complete_goal_form_is_valid(enrollment):
    assert _goal_form(enrollment).is_valid()


def test_each_missing_part_gets_its_own_message(enrollment):
    form = _goal_form(enrollment, specific="", measure="", ambition="", relevance="", target_date="")
    assert not form.is_valid()
    assert form.errors["specific"] == ["Specific: say exactly what you will achieve."]
    assert form.errors["measure"] == ["Measurable: say how you will measure progress."]
    assert form.errors["ambition"] == ["Choose aggressive or attainable."]
    assert form.errors["relevance"] == ["Relevant: say why this goal matters for your career."]
    assert form.errors["target_date"] == ["Time-bound: choose the date you will achieve it by."]
    assert set(form.errors) == {"specific", "measure", "ambition", "relevance", "target_date"}


def test_a_target_date_after_the_cohort_is_refused(enrollment):
    form = _goal_form(enrollment, target_date=(enrollment.cohort.ends_on + timedelta(days=1)).isoformat())
    assert not form.is_valid()
    assert "inside your cohort" in form.errors["target_date"][0]
    assert not Goal.objects.exists()


def test_meeting_time_is_read_in_the_viewers_time_zone(db):
    import zoneinfo

    tomorrow = timezone.localdate() + timedelta(days=2)
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        form = MeetingForm({"starts_at": f"{tomorrow}T09:30", "duration_minutes": 45, "location": ""})
        assert form.is_valid(), form.errors
    starts_at = form.cleaned_data["starts_at"]
    assert starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York")).hour == 9
    assert starts_at.astimezone(zoneinfo.ZoneInfo("UTC")).hour in (13, 14)


def test_a_meeting_in_the_past_is_refused(db):
    past = timezone.localtime() - timedelta(hours=1)
    form = MeetingForm({"starts_at": past.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 45})
    assert not form.is_valid() and "future" in form.errors["starts_at"][0]


def test_a_meeting_more_than_two_years_ahead_is_refused(db):
    for value in ("9999-12-31T10:00", (timezone.localtime() + timedelta(days=800)).strftime("%Y-%m-%dT%H:%M")):
        form = MeetingForm({"starts_at": value, "duration_minutes": 45})
        assert not form.is_valid() and form.errors["starts_at"] == ["Choose a time within the next two years."]
