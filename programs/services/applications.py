"""Applications through a program's join page, the coordinator's decisions, and the waiting list.

A person applies to a cohort as mentor or mentee, answering the program's questions. The coordinator approves or
declines, one by one or in bulk, with a message. An approved person is enrolled while the cohort has a seat for the
role (Cohort.mentor_seats / mentee_seats; no limit when empty); otherwise they wait on the list, first approved first,
and are enrolled as seats free (a withdrawal, more seats). Invitations work beside it: an accepted invitation is
never refused for seats, and takes one. Every change is told to the applicant through notify.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify_many
from programs.figures import cohorts_changed
from programs.models import Application, Cohort, Enrollment, Phase, Program, Question, Role

from .questions import save_answers

# The phases in which a cohort takes applications: people can still find a pair before it starts closing.
OPEN_PHASES = (Phase.UPCOMING, Phase.ENROLLING, Phase.MATCHING, Phase.ACTIVE)
# Enrollments that hold a seat.
SEATED = (Enrollment.Status.INVITED, Enrollment.Status.ACTIVE)


def open_cohorts(program: Program) -> list[Cohort]:
    """The program's cohorts that take applications now, soonest start first."""
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(program=program, ends_on__gte=today).select_related("program").order_by("starts_on")
    return [cohort for cohort in cohorts if cohort.phase_on(today) in OPEN_PHASES]


def application_problem(program: Program, user: AbstractBaseUser | None = None) -> str:
    """Why nobody (or this person) can apply to the program now, in the applicant's words; "" when they can."""
    if not program.applications_open:
        return f"{program.name} is not taking applications."
    limited = program.application_domains and user is not None and user.is_authenticated
    if limited and not any(map(program.admits, verified_addresses(user))):
        domains = ", ".join(program.application_domains)
        return (
            f"{program.name} takes applications from addresses at {domains}; you are signed in as {user.email}. "
            "Add and verify such an address under E-mail addresses to apply."
        )
    if not open_cohorts(program):
        return f"{program.name} has no cohort taking applications just now."
    return ""


def verified_addresses(user: AbstractBaseUser) -> list[str]:
    """The addresses a person has proved they read: a domain limit looks at these, not at whatever they typed."""
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def seats_left(cohort: Cohort, role: str) -> int | None:
    """Seats still free for a role in the cohort; None when it takes anyone."""
    seats = cohort.seats(role)
    if seats is None:
        return None
    taken = Enrollment.objects.filter(cohort=cohort, role=role, status__in=SEATED).count()
    return max(seats - taken, 0)


def waiting_position(application: Application) -> int | None:
    """Where an approved person stands on their cohort's waiting list (1 is next), or None when not waiting."""
    if not application.is_waiting:
        return None
    since = application.waiting_since
    ahead = Application.objects.waiting().filter(cohort=application.cohort_id, role=application.role)
    return ahead.filter(Q(waiting_since__lt=since) | Q(waiting_since=since, pk__lt=application.pk)).count() + 1


@transaction.atomic
def apply(
    *,
    user: AbstractBaseUser,
    cohort: Cohort,
    role: str,
    note: str = "",
    answers: dict[Question, object] | None = None,
) -> Application:
    """An application, with the person's answers to the program's questions for the role. Refused, with nothing
    saved: a program not taking applications, an address outside its domains, a cohort not open for them, someone
    already taking part or with an open application, a required question left empty."""
    program = cohort.program
    if problem := application_problem(program, user):
        raise ValidationError(problem)
    if cohort.pk not in {c.pk for c in open_cohorts(program)}:
        raise ValidationError(f"{cohort} is not taking applications.")
    if role not in Role.values:
        raise ValidationError("Apply as a mentor or as a mentee.")
    label = Role(role).label.lower()
    if Enrollment.objects.filter(cohort=cohort, user=user, role=role, status__in=SEATED).exists():
        raise ValidationError(f"You already take part in {cohort} as {label}.")
    if Application.objects.for_user(user).open().filter(cohort=cohort, role=role).exists():
        raise ValidationError(f"You have already applied to {cohort} as {label}.")
    application = Application.objects.create(cohort=cohort, user=user, role=role, note=note.strip())
    save_answers(user=user, program=program, answers=answers or {})
    _tell([application], "received", title=f"Your application to {cohort} is in",
          body=f"The coordinators of {program.name} will answer it; you will be told here.")  # fmt: skip
    coordinators = program.coordinators.all()
    notify_many(
        Draft(
            recipient_id=coordinator.pk,
            kind=Kind.PROGRAM,
            title=f"{user.display_name} applies to {cohort} as {label}",
            url=reverse("programs:application_review", args=[cohort.pk, application.pk]),
            dedupe_key=f"application:{application.pk}:received:{coordinator.pk}",
        )
        for coordinator in coordinators
    )
    return application


@dataclass
class Decided:
    enrolled: list[Application] = field(default_factory=list)
    waiting: list[Application] = field(default_factory=list)
    declined: list[Application] = field(default_factory=list)
    skipped: list[Application] = field(default_factory=list)  # already decided, or withdrawn, meanwhile


@transaction.atomic
def decide_applications(
    *, cohort: Cohort, applications: list[Application], approve: bool, message: str = "", by: AbstractBaseUser
) -> Decided:
    """Approve (enrol, or put on the waiting list when the role's seats are full) or decline these applications,
    oldest first, with one message to each. Pending ones may be approved; pending or waiting ones declined."""
    if not cohort.program.is_coordinated_by(by):
        raise ValidationError("Only the program's coordinators decide on applications.")
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()  # one decision or seat change at a time
    locked = Application.objects.select_for_update().filter(cohort=cohort, pk__in=[a.pk for a in applications])
    now, result = timezone.now(), Decided()
    free = {role: seats_left(cohort, role) for role in Role.values}
    seated = set(Enrollment.objects.filter(cohort=cohort, status__in=SEATED).values_list("user_id", "role"))
    for application in locked.select_related("user").order_by("created_at", "pk"):
        if not (application.is_pending or (application.is_waiting and not approve)):
            result.skipped.append(application)
            continue
        application.decided_at, application.decided_by, application.decision_message = now, by, message.strip()
        if not approve:
            application.status = Application.Status.DECLINED
            result.declined.append(application)
        elif (application.user_id, application.role) in seated:  # invited and enrolled meanwhile: no new seat
            result.enrolled.append(application)
        elif free[application.role] == 0:
            application.status, application.waiting_since = Application.Status.WAITING, now
            result.waiting.append(application)
        else:
            free[application.role] = None if free[application.role] is None else free[application.role] - 1
            result.enrolled.append(application)
    fields = ["status", "decided_at", "decided_by", "decision_message", "waiting_since"]
    Application.objects.bulk_update([*result.waiting, *result.declined], fields)
    _enrol(cohort, result.enrolled, now, extra_fields=fields)
    said = f"\n\n{message.strip()}" if message.strip() else ""
    _tell(result.declined, "declined", title=f"Your application to {cohort} was declined", body=said.strip())
    _tell(result.waiting, "waiting", title=f"You are on the waiting list of {cohort}",
          body=f"Your application is approved; the cohort is full just now. You will be enrolled as soon as a "
               f"seat frees.{said}")  # fmt: skip
    record(
        actor=by,
        action=Action.APPLICATIONS_DECIDED,
        target=cohort,
        program_id=cohort.program_id,
        changes={
            "enrolled": [a.user_id for a in result.enrolled],
            "waiting": [a.user_id for a in result.waiting],
            "declined": [a.user_id for a in result.declined],
        },
    )
    return result


def _enrol(cohort: Cohort, applications: list[Application], now, *, extra_fields=()) -> None:
    """Enrol approved applicants (taking up a withdrawn enrollment again) and tell them."""
    if not applications:
        return
    existing = {
        (e.user_id, e.role): e
        for e in Enrollment.objects.filter(cohort=cohort, user__in=[a.user_id for a in applications])
    }
    fresh, revived = [], []
    for application in applications:
        application.status, application.enrolled_at = Application.Status.ENROLLED, now
        enrollment = existing.get((application.user_id, application.role))
        if enrollment is None:
            fresh.append(Enrollment(cohort=cohort, user_id=application.user_id, role=application.role, enrolled_at=now))
        else:
            enrollment.status, enrollment.withdrawn_at = Enrollment.Status.ACTIVE, None
            revived.append(enrollment)
    Enrollment.objects.bulk_create(fresh)
    Enrollment.objects.bulk_update(revived, ["status", "withdrawn_at"])
    cohorts_changed(cohort_ids=[cohort.pk])
    Application.objects.bulk_update(applications, ["status", "enrolled_at", *extra_fields])
    # Each person is led to the guided setup of their enrollment, as accepting an invitation does (a URL name of
    # sessions, not an import).
    setup = {(e.user_id, e.role): reverse("sessions:onboarding", args=[e.pk]) for e in fresh + revived}
    body = "You are enrolled. A few short steps get you set up."
    _tell(applications, "enrolled", title=f"Welcome to {cohort}", body=body, urls=setup)


@transaction.atomic
def fill_seats(*, cohort: Cohort) -> list[Application]:
    """Enrol people from the waiting list, first in line first, while the cohort has seats for their role."""
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    cohort = Cohort.objects.select_related("program").get(pk=cohort.pk)
    enrolled = []
    for role in Role.values:
        free = seats_left(cohort, role)
        queue = Application.objects.select_for_update().waiting().filter(cohort=cohort, role=role)
        enrolled += list(queue if free is None else queue[:free])
    _enrol(cohort, enrolled, timezone.now())
    return enrolled


@transaction.atomic
def withdraw_application(*, application: Application, by: AbstractBaseUser) -> Application:
    """The applicant takes back a pending application or their place on the waiting list."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.user_id != by.pk:
        raise ValidationError("Only the applicant withdraws an application.")
    if not application.is_open:
        raise ValidationError(f"This application is {application.get_status_display().lower()}: it is closed.")
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


def _tell(
    applications: list[Application], event: str, *, title: str, body: str = "", url: str = "", urls: dict | None = None
) -> None:
    """One notification to each applicant about their application (once per event); `urls` by (user id, role)
    overrides `url`, which defaults to the application's page."""
    content_type = ContentType.objects.get_for_model(Application)
    notify_many(
        Draft(
            recipient_id=application.user_id,
            kind=Kind.PROGRAM,
            title=title,
            body=body,
            url=(urls or {}).get((application.user_id, application.role)) or url or application.get_absolute_url(),
            content_type_id=content_type.pk,
            object_id=application.pk,
            dedupe_key=f"application:{application.pk}:{event}",
        )
        for application in applications
    )
