"""What the navigation shows on every page: the unread notifications and the pages of the roles a person holds,
read in one query (the page budgets count it once)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from mentoring.notifications.models import Notification
from programs.models import Enrollment, Role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = (
        Notification.objects.for_user(OuterRef("pk"))
        .unread()
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    enrolled = Enrollment.objects.current().filter(user=OuterRef("pk"))
    unread_count, mentee, mentor = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            unread=Coalesce(Subquery(unread), 0),
            mentee=Exists(enrolled.filter(role=Role.MENTEE)),
            mentor=Exists(enrolled.filter(role=Role.MENTOR)),
        )
        .values_list("unread", "mentee", "mentor")
        .get()
    )
    return {
        "unread_notification_count": unread_count,
        "nav": {"mentee": mentee, "mentor": mentor, "coordinator": user.is_coordinator},
    }
