"""What a coordinator's cohort page shows: its timeline, who is enrolled, orientation progress, open invitations."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from programs.models import Application, Cohort, Enrollment, Invitation, OrientationItem, Phase, Role

from .programs import TAKING_PART

INVITATIONS_SHOWN = 50


@dataclass(frozen=True)
class Segment:
    phase: Phase
    starts: date
    ends: date
    width: float  # per cent of the strip
    current: bool


@dataclass(frozen=True)
class Timeline:
    segments: list[Segment]
    today: date
    marker: float | None  # where today falls on the strip, per cent; None outside the cohort's span
    phase: Phase


@dataclass(frozen=True)
class CohortPage:
    cohort: Cohort
    timeline: Timeline
    # (role label, [count per enrollment status, in Enrollment.Status order])
    count_rows: list[tuple[str, list[int]]]
    orientation_items: list[OrientationItem]  # annotated with done_count
    orientation_finished: list[tuple[str, int]]  # (role label, people who finished)
    invitations: list[Invitation]  # the first INVITATIONS_SHOWN not accepted nor revoked (expired ones too)
    invitation_count: int  # open: pending, unexpired, not accepted
    pending_applications: int
    waiting_applications: int


def timeline(cohort: Cohort, today: date | None = None) -> Timeline:
    """The phases as segments of the cohort's span, for the strip on the cohort page."""
    today = today or timezone.localdate()
    start = min(cohort.enrollment_opens, cohort.starts_on)
    active_ends = max(cohort.closing_starts, cohort.matching_closes)
    bounds = [
        (Phase.ENROLLING, cohort.enrollment_opens, cohort.enrollment_closes),
        (Phase.MATCHING, cohort.enrollment_closes, cohort.matching_closes),
        (Phase.ACTIVE, cohort.matching_closes, active_ends),
        (Phase.CLOSING, active_ends, cohort.ends_on),
    ]
    span = max((cohort.ends_on - start).days, 1)
    phase = cohort.phase_on(today)
    segments = [
        Segment(
            phase=segment_phase,
            starts=begin,
            ends=end,
            width=round(100 * max((end - begin).days, 0) / span, 2),
            current=phase == segment_phase,
        )
        for segment_phase, begin, end in bounds
    ]
    marker = round(100 * (today - start).days / span, 2) if start <= today <= cohort.ends_on else None
    return Timeline(segments=segments, today=today, marker=marker, phase=phase)


def cohort_page(cohort: Cohort) -> CohortPage:
    counts = {
        (row["role"], row["status"]): row["n"]
        for row in cohort.enrollments.order_by().values("role", "status").annotate(n=Count("pk"))
    }
    finished = {
        row["role"]: row["n"]
        for row in cohort.enrollments.filter(status__in=TAKING_PART, orientation_completed_at__isnull=False)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
    }
    items = OrientationItem.objects.filter(cohort=cohort).annotate(
        done_count=Count("checks", filter=Q(checks__enrollment__status__in=TAKING_PART))
    )
    invitations = cohort.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    # An open invitation (pending, unexpired, not accepted) counts as someone invited to the cohort.
    open_count = 0
    for row in cohort.invitations.pending().order_by().values("role").annotate(n=Count("pk")):
        key = (row["role"], Enrollment.Status.INVITED)
        counts[key] = counts.get(key, 0) + row["n"]
        open_count += row["n"]
    applications = cohort.applications.aggregate(
        pending=Count("pk", filter=Q(status=Application.Status.PENDING)),
        waiting=Count("pk", filter=Q(status=Application.Status.WAITING)),
    )
    return CohortPage(
        cohort=cohort,
        timeline=timeline(cohort),
        count_rows=[
            (label, [counts.get((role, status), 0) for status in Enrollment.Status.values])
            for role, label in Role.choices
        ],
        orientation_items=list(items),
        orientation_finished=[(label, finished.get(role, 0)) for role, label in Role.choices],
        invitations=list(invitations[:INVITATIONS_SHOWN]),
        invitation_count=open_count,
        pending_applications=applications["pending"],
        waiting_applications=applications["waiting"],
    )
