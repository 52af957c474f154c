"""The reminder ladder before pairs exist: a profile still incomplete some days after enrolling, each step once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.scanning import registered, run_scan
from mentoring.notifications.services import notify_many
from programs import scans
from programs.models import Enrollment, Role
from programs.scans import PROFILE_STEPS, due_profile_reminders, ladder_step
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory


def enrolled(cohort, *, days_ago: int, user=None, **fields) -> Enrollment:
    return EnrollmentFactory(
        cohort=cohort,
        user=user or ProfileFactory(headline="", bio="").user,
        enrolled_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def ladder_keys(user) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=user, dedupe_key__contains="profile_incomplete").values_list(
            "dedupe_key", flat=True
        )
    )


@pytest.mark.parametrize(("days", "step"), [(0, None), (2, None), (3, 3), (9, 3), (10, 10), (40, 10)])
def test_ladder_step_is_the_latest_step_reached(days, step):
    assert ladder_step(days, PROFILE_STEPS) == step


def test_an_incomplete_profile_is_reminded_at_each_step_once(cohort):
    person = enrolled(cohort, days_ago=4).user
    now = timezone.now()
    drafts = due_profile_reminders(now)
    assert [(d.recipient_id, d.dedupe_key, d.kind) for d in drafts] == [
        (person.pk, f"cohort:{cohort.pk}:user:{person.pk}:profile_incomplete:3d", Kind.PROGRAM)
    ]
    assert "a headline, a short bio" in drafts[0].body
    notify_many(drafts)
    assert due_profile_reminders(now) == []
    run_scan(now)
    assert len(ladder_keys(person)) == 1

    later = now + timedelta(days=7)
    run_scan(later)
    run_scan(later + timedelta(minutes=1))
    assert ladder_keys(person) == [
        f"cohort:{cohort.pk}:user:{person.pk}:profile_incomplete:10d",
        f"cohort:{cohort.pk}:user:{person.pk}:profile_incomplete:3d",
    ]


def test_someone_first_seen_late_gets_only_the_latest_step(cohort):
    person = enrolled(cohort, days_ago=12).user
    assert [d.dedupe_key for d in due_profile_reminders(timezone.now())] == [
        f"cohort:{cohort.pk}:user:{person.pk}:profile_incomplete:10d"
    ]


def test_no_reminder_for_a_complete_profile_a_recent_enrollment_or_a_withdrawal(cohort):
    enrolled(cohort, days_ago=5, user=ProfileFactory().user)
    enrolled(cohort, days_ago=1)
    enrolled(cohort, days_ago=5, status=Enrollment.Status.WITHDRAWN)
    enrolled(cohort, days_ago=5, status=Enrollment.Status.INVITED)
    assert due_profile_reminders(timezone.now()) == []


def test_a_person_without_any_profile_is_reminded_of_every_part(cohort):
    person = enrolled(cohort, days_ago=4, user=UserFactory()).user
    (draft,) = due_profile_reminders(timezone.now())
    assert draft.recipient_id == person.pk
    assert "how you like to meet" in draft.body


def test_one_reminder_for_someone_enrolled_in_both_roles(cohort):
    person = enrolled(cohort, days_ago=4, role=Role.MENTOR).user
    enrolled(cohort, days_ago=4, user=person, role=Role.MENTEE)
    drafts = due_profile_reminders(timezone.now())
    assert [d.recipient_id for d in drafts] == [person.pk]
    assert "mentors find you" in drafts[0].body


def test_no_reminder_once_matching_has_closed(program):
    today = timezone.localdate()
    cohort = CohortFactory(program=program, starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=120))
    enrolled(cohort, days_ago=50)
    assert due_profile_reminders(timezone.now()) == []


def test_the_finder_takes_a_fixed_number_of_queries(cohort, django_assert_max_num_queries):
    for _ in range(2):
        enrolled(cohort, days_ago=4)
    with django_assert_max_num_queries(4) as few:
        due_profile_reminders(timezone.now())
    for _ in range(20):
        enrolled(cohort, days_ago=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(due_profile_reminders(timezone.now())) == 22


def test_the_app_registers_its_finders_with_the_scan_under_their_names():
    assert {"profile-ladder": due_profile_reminders, "survey-asks": scans.due_survey_asks,
            "survey-reminders": scans.due_survey_reminders} == scans.FINDERS  # fmt: skip
    assert registered()["profile-ladder"] is due_profile_reminders
