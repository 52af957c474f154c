"""Safety reports: made privately by one side of a pair, acted on by the program's coordinators.

Whatever happens, the reported person is never told who reported, nor that a report exists: the reporter's own
ending of the pair reads as any early ending, and the coordinators' actions are told in neutral words.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Mentorship
from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Enrollment, Role
from sessions.models import Meeting, SafetyReport
from sessions.services._common import require_pair
from sessions.services.mentorships import end_mentorship_early

# What the partner reads when the reporter ends the pair with their report: the words of any early ending.
ENDED_WITH_REPORT = "They felt it was time to stop, and preferred not to say more."
ENDED_BY_COORDINATORS = "Your program's coordinators have ended this mentorship."


@transaction.atomic
def report_concern(
    *, mentorship: Mentorship, by: AbstractBaseUser, reason: str, details: str, end_now: bool = False
) -> SafetyReport:
    """Tell the program's coordinators, privately, of a concern about the other side; end the pair at once if asked."""
    require_pair(mentorship, by)
    if reason not in SafetyReport.Reason.values:
        raise ValidationError({"reason": "Choose what the concern is about."})
    if not details.strip():
        raise ValidationError({"details": "Say what happened, so the coordinators can help."})
    about = mentorship.other_side(by)
    report = SafetyReport.objects.create(
        mentorship=mentorship, reporter=by, about=about, reason=reason, details=details.strip(), ended_pair=end_now
    )
    if end_now:
        end_mentorship_early(mentorship=mentorship, by=by, reason=ENDED_WITH_REPORT)
    coordinators = mentorship.cohort.program.coordinators.exclude(pk__in=[by.pk, about.pk])
    for coordinator in coordinators:
        notify(
            recipient=coordinator,
            kind=Kind.COORDINATOR,
            title=f"A safety report in {mentorship.cohort}",
            body="Someone in the cohort has reported a concern about their pair. Open the report to read it and act.",
            dedupe_key=f"safety:{report.pk}:{coordinator.pk}",
            about=report,
            url=report.get_absolute_url(),
        )
    return report


def _open_report(report: SafetyReport, by: AbstractBaseUser) -> SafetyReport:
    report = (
        SafetyReport.objects.for_coordinator(by)
        .select_for_update(of=("self",))
        .select_related("mentorship__cohort", "mentorship__mentor", "mentorship__mentee")
        .filter(pk=report.pk)
        .first()
    )
    if report is None:
        raise ValidationError("Only the program's coordinators act on its reports.")
    if not report.is_open:
        raise ValidationError("This report is closed.")
    return report


def _close(report: SafetyReport, by: AbstractBaseUser, outcome: str) -> SafetyReport:
    report.closed_at, report.closed_by, report.outcome = timezone.now(), by, outcome
    report.save(update_fields=["closed_at", "closed_by", "outcome"])
    return report


def _audit(report: SafetyReport, by: AbstractBaseUser, action: Action, target) -> None:
    record(
        actor=by,
        action=action,
        target=target,
        program_id=report.mentorship.cohort.program_id,
        changes={"report": report.pk, "reason": report.reason},
    )


@transaction.atomic
def pause_reported_mentor(*, report: SafetyReport, by: AbstractBaseUser) -> SafetyReport:
    """Stop new requests to the reported mentor in this cohort (their pairs go on until the coordinators decide)."""
    report = _open_report(report, by)
    mentorship = report.mentorship
    if not report.about_mentor:
        raise ValidationError("Only a reported mentor can be paused.")
    enrollment = Enrollment.objects.select_for_update().get(
        user_id=mentorship.mentor_id, cohort_id=mentorship.cohort_id, role=Role.MENTOR
    )
    now = timezone.now()
    enrollment.paused_at = now
    enrollment.save(update_fields=["paused_at"])
    notify(
        recipient=mentorship.mentor,
        kind=Kind.PROGRAM,
        title=f"New requests to you are paused in {mentorship.cohort}",
        body="Your program's coordinators have paused new mentee requests to you for now; they will be in touch.",
        dedupe_key=f"enrollment:{enrollment.pk}:paused:{now:%Y%m%d%H%M%S}",
        about=enrollment,
    )
    _audit(report, by, Action.MENTOR_PAUSED, enrollment)
    return _close(report, by, SafetyReport.Outcome.MENTOR_PAUSED)


@transaction.atomic
def end_reported_pair(*, report: SafetyReport, by: AbstractBaseUser) -> SafetyReport:
    """End the pair now; both sides read the same neutral words, and upcoming meetings are cancelled."""
    report = _open_report(report, by)
    mentorship = Mentorship.objects.select_for_update().get(pk=report.mentorship_id)
    if mentorship.status not in (Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED):
        raise ValidationError(f"This mentorship is already {mentorship.get_status_display().lower()}.")
    now = timezone.now()
    mentorship.status, mentorship.ended_at, mentorship.ended_by = Mentorship.Status.ENDED_EARLY, now, by
    mentorship.end_reason = ENDED_BY_COORDINATORS
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    Meeting.objects.upcoming(now).filter(mentorship=mentorship).update(
        status=Meeting.Status.CANCELLED, cancelled_at=now, cancel_reason="The mentorship ended."
    )
    for person in (report.mentorship.mentee, report.mentorship.mentor):
        notify(
            recipient=person,
            kind=Kind.MENTORSHIP,
            title=f"Your mentorship in {report.mentorship.cohort} has ended",
            body=f"{ENDED_BY_COORDINATORS} They can help you find what comes next.",
            dedupe_key=f"mentorship:{mentorship.pk}:ended_by_coordinators:{person.pk}",
            about=mentorship,
            url=mentorship.get_absolute_url(),
        )
    _audit(report, by, Action.PAIR_ENDED, mentorship)
    return _close(report, by, SafetyReport.Outcome.PAIR_ENDED)


@transaction.atomic
def close_report(*, report: SafetyReport, by: AbstractBaseUser) -> SafetyReport:
    report = _open_report(report, by)
    _audit(report, by, Action.REPORT_CLOSED, report)
    return _close(report, by, SafetyReport.Outcome.NO_ACTION)
