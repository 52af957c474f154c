"""Surveys asked after meetings: after a pair's first held meeting, or after each one. The surveys themselves, and
those asked on a date or at close-out, are programs' (programs.scans)."""

from datetime import datetime, timedelta

from django.db.models import Min
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.services import Draft
from programs.models import Role, Survey, Trigger
from programs.scans import survey_url
from programs.services.surveys import ask_people
from sessions.models import Meeting

LOOK_BACK_DAYS = 14  # a meeting held longer ago than this is no longer asked about (a survey added late)


def due_meeting_survey_asks(now: datetime) -> list[Draft]:
    """Both sides of each pair (as the survey's audience says) once a meeting is held: at most five queries,
    however many meetings (the surveys, first meetings, each meeting, the asks already made, the new asks)."""
    today = timezone.localdate(now)
    surveys = list(
        Survey.objects.filter(
            trigger__in=[Trigger.FIRST_MEETING, Trigger.EACH_MEETING],
            cohort__starts_on__lte=today,
            cohort__ends_on__gte=today,
        ).select_related("cohort__program")
    )
    if not surveys:
        return []
    since = now - timedelta(days=LOOK_BACK_DAYS)
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        mentorship__status=Mentorship.Status.ACTIVE,
        mentorship__cohort_id__in={s.cohort_id for s in surveys},
    ).order_by()
    columns = ("mentorship__cohort_id", "mentorship__mentee_id", "mentorship__mentor_id")
    occasions: dict[str, list[tuple]] = {}
    if any(s.trigger == Trigger.FIRST_MEETING for s in surveys):
        firsts = (
            held.values("mentorship_id", *columns)
            .annotate(first=Min("starts_at"))
            .filter(first__gte=since, first__lte=now)
            .values_list("mentorship_id", *columns)
        )
        occasions[Trigger.FIRST_MEETING] = [(f"mentorship:{pk}", *rest) for pk, *rest in firsts]
    if any(s.trigger == Trigger.EACH_MEETING for s in surveys):
        each = held.filter(starts_at__gte=since, starts_at__lte=now).values_list("pk", *columns)
        occasions[Trigger.EACH_MEETING] = [(f"meeting:{pk}", *rest) for pk, *rest in each]
    wanted = []
    for survey in surveys:
        for occasion, cohort_id, mentee_id, mentor_id in occasions.get(survey.trigger, ()):
            if cohort_id != survey.cohort_id:
                continue
            for user_id, role in ((mentee_id, Role.MENTEE), (mentor_id, Role.MENTOR)):
                if survey.asks_role(role):
                    wanted.append((survey, user_id, occasion))
    return ask_people(wanted=wanted, now=now, url=survey_url)
