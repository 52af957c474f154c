"""What the coordinators' pair activity page shows: counts and dates per pair, never what was said."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Cohort, Role
from sessions.models import Goal, Meeting, Note, agenda_due, with_state
from sessions.selectors.closing import closing_summary


def cohort_activity(*, cohort: Cohort) -> dict:
    """Counts and dates per pair, never what was said; the notes their authors chose to raise; the closing totals."""
    hours = cohort.rule("agenda_deadline_hours")
    # A pair that continues informally leaves the cohort's reporting when the cohort ends: what it does after
    # that is its own (and would tell which pairs chose to continue).
    cohort_over = timezone.make_aware(datetime.combine(cohort.ends_on + timedelta(days=1), time.min))
    meetings = (
        Meeting.objects.filter(mentorship=OuterRef("pk"), starts_at__lt=cohort_over).order_by().values("mentorship")
    )

    def count(queryset):
        return Subquery(queryset.annotate(n=Count("pk")).values("n"))

    goals = (
        Goal.objects.filter(
            enrollment__cohort_id=cohort.pk, enrollment__user=OuterRef("mentee"), enrollment__role=Role.MENTEE
        )
        .order_by()
        .values("enrollment")
    )
    pairs = (
        Mentorship.objects.filter(cohort=cohort)
        .select_related("mentee", "mentor")
        .annotate(
            meetings_held=count(meetings.filter(status=Meeting.Status.HELD)),
            agendas_prepared=count(
                meetings.exclude(status=Meeting.Status.CANCELLED).filter(
                    agenda_prepared_at__lte=agenda_due(timedelta(hours=hours))
                )
            ),
            agendas_reviewed=count(meetings.filter(agenda_reviewed_at__isnull=False)),
            last_meeting=Subquery(
                meetings.filter(status=Meeting.Status.HELD).order_by("-starts_at").values("starts_at")[:1]
            ),
            next_meeting=Subquery(
                meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now())
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
            goals_set=count(goals),
            goals_achieved=count(goals.filter(status=Goal.Status.ACHIEVED, confirmed_at__isnull=False)),
            raised=Exists(Note.objects.raised().filter(mentorship=OuterRef("pk"))),
        )
        .order_by("mentee__first_name", "mentee__last_name", "pk")
    )
    raised = (
        Note.objects.raised()
        .filter(mentorship__cohort=cohort)
        .select_related("author", "mentorship__mentee", "mentorship__mentor")
        .order_by("-created_at")
    )
    return {
        "cohort": cohort,
        "pairs": [with_state(pair) for pair in pairs],
        "raised": list(raised),
        "closing": closing_summary(cohort),
    }
