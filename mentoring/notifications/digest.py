"""The daily digest: for people who chose it, one e-mail a day at their local hour."""

import zoneinfo
from collections import defaultdict
from datetime import datetime, timedelta

from django.urls import reverse

from .models import Kind, Notification, NotificationSettings
from .services import Draft


def due_digests(now: datetime) -> list[Draft]:
    """A digest for everyone whose local digest hour has come today and who had news in the last day."""
    due = {}
    for user_id, hour, tz_name in NotificationSettings.objects.filter(daily_digest=True).values_list(
        "user_id", "digest_hour", "user__profile__time_zone"
    ):
        local = now.astimezone(_zone(tz_name))
        if local.hour >= hour:
            due[user_id] = local.date()
    if not due:
        return []
    news = defaultdict(list)
    recent = (
        Notification.objects.filter(recipient_id__in=due, created_at__gte=now - timedelta(days=1))
        .exclude(kind=Kind.DIGEST)
        .order_by("created_at")
        .values_list("recipient_id", "title")
    )
    for recipient_id, title in recent:
        news[recipient_id].append(title)
    return [
        Draft(
            recipient_id=user_id,
            kind=Kind.DIGEST,
            title=f"Your day in Mentoring: {len(titles)} update{'s' if len(titles) != 1 else ''}",
            body="\n".join(f"• {title}" for title in titles),
            url=reverse("notifications:list"),
            dedupe_key=f"digest:{user_id}:{due[user_id].isoformat()}",
        )
        for user_id, titles in news.items()
    ]


def _zone(name: str | None):
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
