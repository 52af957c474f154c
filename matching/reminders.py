"""Due work for the minute scan: remind a mentor once when a request waits too long for an answer.

Expiry itself (and the note to the mentee) is services.expire_overdue_requests, which beat runs every
minute (matching.tasks.expire_overdue_requests).
"""

import zoneinfo
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from matching.models import MentorshipRequest
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft

# The reminder goes this long before the request expires, and never before half its window has passed.
REMIND_BEFORE = timedelta(days=2)


def due_request_reminders(now: datetime) -> list[Draft]:
    content_type = ContentType.objects.get_for_model(MentorshipRequest)
    key = Concat(Value("request:"), Cast("pk", CharField()), Value(":reminder"), output_field=CharField())
    rows = (
        MentorshipRequest.objects.pending()
        .filter(expires_at__gt=now, expires_at__lte=now + REMIND_BEFORE)
        .filter(~Exists(Notification.objects.filter(dedupe_key=key)))
        .values_list(
            "pk",
            "mentor_id",
            "mentee__first_name",
            "mentee__last_name",
            "created_at",
            "expires_at",
            "mentor__profile__time_zone",
        )  # fmt: skip
        .order_by()
    )
    drafts = []
    for pk, mentor_id, first, last, created_at, expires_at, time_zone in rows:
        if now < created_at + (expires_at - created_at) / 2:
            continue
        local = expires_at.astimezone(_zone(time_zone))
        drafts.append(
            Draft(
                recipient_id=mentor_id,
                kind=Kind.REQUEST,
                title=(f"{first} {last}".strip() or "A mentee") + " is waiting for your answer",
                body=f"The request expires on {local:%A %d %B at %H:%M %Z}. Accept, decline or say you need time.",
                dedupe_key=f"request:{pk}:reminder",
                url=reverse("matching:request_detail", args=[pk]),
                content_type_id=content_type.pk,
                object_id=pk,
            )
        )
    return drafts


def _zone(name: str | None):
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
