"""The navigation's facts (unread notifications, the roles held) come from a query built once per process: every page
still reads each person's own facts as they are now."""

from django.test import RequestFactory
from django.utils import timezone

from programs.context_processors import navigation
from programs.models import Enrollment, Role
from tests.factories import NotificationFactory, UserFactory
from tests.programs.factories import EnrollmentFactory


def _nav(user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return navigation(request)


def test_each_page_reads_the_persons_own_facts_as_they_are_now(db):
    sam, kim = UserFactory(), UserFactory()
    assert _nav(sam) == {
        "unread_notification_count": 0,
        "nav": {"mentee": False, "mentor": False, "coordinator": False},
    }
    NotificationFactory(recipient=sam)
    NotificationFactory(recipient=sam)
    NotificationFactory(recipient=sam, read_at=timezone.now())
    NotificationFactory(recipient=kim)
    mentoring = EnrollmentFactory(user=sam, role=Role.MENTOR)
    assert _nav(sam) == {"unread_notification_count": 2, "nav": {"mentee": False, "mentor": True, "coordinator": False}}
    assert _nav(kim)["unread_notification_count"] == 1 and not _nav(kim)["nav"]["mentor"]
    Enrollment.objects.filter(pk=mentoring.pk).update(status=Enrollment.Status.WITHDRAWN)
    EnrollmentFactory(user=sam, role=Role.MENTEE)
    assert _nav(sam)["nav"] == {"mentee": True, "mentor": False, "coordinator": False}


def test_signed_out_there_is_no_navigation_to_read(db):
    from django.contrib.auth.models import AnonymousUser

    assert _nav(AnonymousUser()) == {}
