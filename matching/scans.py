"""Matching's due work for the minute scan (registered from apps.py), each reminder once:

- "request-reminders": a mentor is reminded once, in their own time zone, when a request waits too long for an
  answer. Expiry itself (and the note to the mentee) is services.expire_overdue_requests, which beat runs every
  minute (matching.tasks.expire_overdue_requests).
- "request-ladder": matching's rung of the reminder ladder before pairs exist (see programs.scans): a mentee
  who has not requested anyone some days after matching opened, where mentees choose their mentors.
"""

import zoneinfo
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from matching.models import MentorOffer, Mentorship, MentorshipRequest
from matching.services.offers import expire_overdue_offers
from mentoring.accounts.models import person_name
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft
from programs.models import Cohort, Enrollment, MatchingMode
from programs.scans import ladder_step, unsent

# The reminder goes this long before the request expires, and never before half its window has passed.
REMIND_BEFORE = timedelta(days=2)
# Days after matching opened that a mentee with no request and no mentor is reminded.
REQUEST_STEPS = (3, 7)


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
            "mentee__email",
            "created_at",
            "expires_at",
            "mentor__profile__time_zone",
        )  # fmt: skip
        .order_by()
    )
    drafts = []
    for pk, mentor_id, first, last, email, created_at, expires_at, time_zone in rows:
        if now < created_at + (expires_at - created_at) / 2:
            continue
        local = expires_at.astimezone(_zone(time_zone))
        drafts.append(
            Draft(
                recipient_id=mentor_id,
                kind=Kind.REQUEST,
                title=f"{person_name(first, last, email)} is waiting for your answer",
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


def _cohorts_in_matching(today: date) -> dict[int, Cohort]:
    cohorts = Cohort.objects.open_on(today, opens="matching_opens", closes="matching_closes")
    return {pk: cohort for pk, cohort in cohorts.items() if cohort.rule("matching_mode") != MatchingMode.COORDINATOR}


def due_request_nudges(now: datetime) -> list[Draft]:
    """Mentees in a cohort open for matching with no request sent and no mentor yet, at each step."""
    today = timezone.localdate(now)
    cohorts = _cohorts_in_matching(today)
    if not cohorts:
        return []
    requested = MentorshipRequest.objects.filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"))
    paired = Mentorship.objects.filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"))
    rows = (
        Enrollment.objects.active()
        .mentees()
        .filter(cohort_id__in=cohorts)
        .filter(~Exists(requested), ~Exists(paired))
        .values_list("pk", "user_id", "cohort_id", "enrolled_at")
    )
    drafts = []
    for pk, user_id, cohort_id, enrolled_at in rows:
        cohort = cohorts[cohort_id]
        since = max(cohort.matching_opens, timezone.localdate(enrolled_at))
        step = ladder_step((today - since).days, REQUEST_STEPS)
        if step is None:
            continue
        drafts.append(
            Draft(
                recipient_id=user_id,
                kind=Kind.PROGRAM,
                title=f"Choose a mentor in {cohort.name}",
                body=(
                    f"Matching is open until {cohort.matching_closes:%d %b}. Look through your suggested mentors, "
                    "each with the reasons they fit, and send a request to one or two: you own the relationship, "
                    "and mentors expect to hear from you first."
                ),
                url=reverse("matching:find_mentor", args=[cohort_id]),
                dedupe_key=f"enrollment:{pk}:no_request:{step}d",
            )
        )
    return unsent(drafts)


def due_offer_reminders(now: datetime) -> list[Draft]:
    """A mentee is reminded once of an offer waiting for their answer, as a mentor is of a request: one query."""
    key = Concat(Value("offer:"), Cast("pk", CharField()), Value(":reminder"), output_field=CharField())
    rows = (
        MentorOffer.objects.pending()
        .filter(expires_at__gt=now, expires_at__lte=now + REMIND_BEFORE)
        .filter(~Exists(Notification.objects.filter(dedupe_key=key)))
        .values_list(
            "pk", "mentee_id", "mentor__first_name", "mentor__last_name", "mentor__email", "created_at", "expires_at"
        )  # fmt: skip
        .order_by()
    )
    return [
        Draft(
            recipient_id=mentee_id,
            kind=Kind.REQUEST,
            title=f"{person_name(first, last, email)}'s offer to mentor you is waiting for your answer",
            body=f"The offer expires on {expires_at:%d %B}. Accept, ask a question or decline.",
            dedupe_key=f"offer:{pk}:reminder",
            url=reverse("matching:offer_detail", args=[pk]),
        )
        for pk, mentee_id, first, last, email, created_at, expires_at in rows
        if now >= created_at + (expires_at - created_at) / 2
    ]


def expire_offers(now: datetime) -> list[Draft]:
    """Offers past their answer window expire; the service tells the mentors itself."""
    expire_overdue_offers(now=now)
    return []


FINDERS = {
    "request-reminders": due_request_reminders,
    "request-ladder": due_request_nudges,
    "offer-reminders": due_offer_reminders,
    "offer-expiry": expire_offers,
}
