"""Due work for the minute scan: remind a mentor once when a request nears its answer deadline."""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from matching.models import MentorshipRequest
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft

REMIND_BEFORE = timedelta(days=2)


def due_request_reminders(now: datetime) -> Iterator[Draft]:
    content_type = ContentType.objects.get_for_model(MentorshipRequest)
    rows = (
        MentorshipRequest.objects.pending()
        .filter(expires_at__gt=now, expires_at__lte=now + REMIND_BEFORE)
        .values_list("pk", "mentor_id", "mentee__first_name", "mentee__last_name", "expires_at")
    )
    for pk, mentor_id, first, last, expires_at in rows:
        yield Draft(
            recipient_id=mentor_id,
            kind=Kind.REQUEST,
            title=f"{first} {last}".strip() + " is waiting for your answer",
            body=f"The request expires on {expires_at:%d %b %Y %H:%M} UTC. Accept, decline or say you need time.",
            dedupe_key=f"request:{pk}:reminder",
            url=reverse("matching:request_detail", args=[pk]),
            content_type_id=content_type.pk,
            object_id=pk,
        )
