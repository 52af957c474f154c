"""What the navigation shows on every page: the unread notifications and the pages of the roles a person holds,
read in one query (the page budgets count it once)."""

from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from mentoring import kept
from mentoring.notifications.models import Notification
from programs.models import Enrollment, Role


@cache
def _navigation_facts():
    """Every user's (unread count, is a mentee, is a mentor), built once per process: resolving the subqueries
    cost 3-5 ms of Python on every page, and none of it depends on the person or the time. A request filters it
    to one person."""
    unread = (
        Notification.objects.for_user(OuterRef("pk"))
        .unread()
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    enrolled = Enrollment.objects.current().filter(user=OuterRef("pk"))
    return (
        get_user_model()
        .objects.annotate(
            unread=Coalesce(Subquery(unread), 0),
            mentee=Exists(enrolled.filter(role=Role.MENTEE)),
            mentor=Exists(enrolled.filter(role=Role.MENTOR)),
        )
        .values_list("unread", "mentee", "mentor")
    )


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Read once per request (a page kept drawn renders its content apart from its frame), and kept with the
    # person's pages (mentoring.kept): a notification, an enrollment or the user changed replaces them.
    if not hasattr(request, "navigation_facts"):
        request.navigation_facts = kept.keep(
            f"navigation:{user.pk}", lambda: _navigation_facts().filter(pk=user.pk).get(), scopes=[kept.person(user.pk)]
        )
    unread_count, mentee, mentor = request.navigation_facts
    return {
        "unread_notification_count": unread_count,
        "nav": {"mentee": mentee, "mentor": mentor, "coordinator": user.is_coordinator},
    }
