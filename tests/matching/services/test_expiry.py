from datetime import timedelta

from django.utils import timezone

from matching import services
from matching.models import MentorshipRequest
from mentoring.notifications.models import Notification
from programs.models import Enrollment, Role

Status = MentorshipRequest.Status


def ask(cohort, mentee, mentor, **kwargs):
    return services.request_mentor(
        mentee=mentee, mentor=mentor, cohort=cohort, help_wanted="Budgeting", why_this_mentor="Finance lead", **kwargs
    )


def test_expiry_expires_overdue_requests_only(cohort, enrol, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    fresh = ask(cohort, enrol(Role.MENTEE).user, mentor)
    MentorshipRequest.objects.filter(pk=fresh.pk).update(expires_at=timezone.now() + timedelta(days=30))
    assert services.expire_overdue_requests(now=timezone.now() + timedelta(days=8)) == 1
    request.refresh_from_db()
    fresh.refresh_from_db()
    assert (request.status, fresh.status) == (Status.EXPIRED, Status.PENDING)
    assert Notification.objects.filter(recipient=mentee, dedupe_key=f"request:{request.pk}:expired").exists()


def test_two_expiries_in_a_row_pause_the_mentor(cohort, enrol, mentor):
    enrollment = Enrollment.objects.get(cohort=cohort, user=mentor, role=Role.MENTOR)
    ask(cohort, enrol(Role.MENTEE).user, mentor)
    services.expire_overdue_requests(now=timezone.now() + timedelta(days=8))
    enrollment.refresh_from_db()
    assert enrollment.paused_at is None
    ask(cohort, enrol(Role.MENTEE).user, mentor)
    services.expire_overdue_requests(now=timezone.now() + timedelta(days=9))
    enrollment.refresh_from_db()
    assert enrollment.paused_at is not None
    assert Notification.objects.filter(recipient=mentor, title__startswith="You are paused").exists()
    services.resume_mentor(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.paused_at is None


def test_an_answer_between_expiries_prevents_the_pause(cohort, enrol, mentor):
    enrollment = Enrollment.objects.get(cohort=cohort, user=mentor, role=Role.MENTOR)
    ask(cohort, enrol(Role.MENTEE).user, mentor)
    services.expire_overdue_requests(now=timezone.now() + timedelta(days=8))
    declined = ask(cohort, enrol(Role.MENTEE).user, mentor)
    services.decline_request(request=declined, by=mentor)
    MentorshipRequest.objects.filter(pk=declined.pk).update(answered_at=timezone.now() + timedelta(days=8, hours=1))
    ask(cohort, enrol(Role.MENTEE).user, mentor)
    services.expire_overdue_requests(now=timezone.now() + timedelta(days=9))
    enrollment.refresh_from_db()
    assert enrollment.paused_at is None
