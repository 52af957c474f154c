"""Demo people for each state of the home page: a new mentee mid-way through the guided setup, a mentee with a full
board, a mentor with requests and agendas to review, a coordinator of two programs, and a person holding both roles
(mentee in one cohort, mentor in another). `accounts()` names them for seed_demo's summary. Idempotent."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Exists, OuterRef
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.demo import COORDINATOR_EMAIL, DOMAIN, _build_profile
from mentoring.profiles.models import Skill
from programs.models import Enrollment, Program, Role
from sessions.models import AgendaItem, Goal, Meeting

NEWCOMER_EMAIL = f"newcomer@{DOMAIN}"
BOTH_ROLES_EMAIL = f"both-roles@{DOMAIN}"


def _person(email: str, first: str, last: str, role: str, context: dict):
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "password": make_password(context["password"])}
    )
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if created:
        _build_profile(user, role, context["rng"], list(Skill.objects.filter(is_active=True)))
    return user


def seed(context: dict) -> None:
    cohorts = context["cohorts"]
    # Mid-way through the setup: the profile is filled in (step 1), no goal yet (step 2 of 3), no mentor.
    newcomer = _person(NEWCOMER_EMAIL, "Noor", "Newcomer", "mentee", context)
    Enrollment.objects.get_or_create(user=newcomer, cohort=cohorts["enrolling"], role=Role.MENTEE)
    both = _person(BOTH_ROLES_EMAIL, "Bo", "Bothroles", "mentor", context)
    Enrollment.objects.get_or_create(user=both, cohort=cohorts["active"], role=Role.MENTOR)
    Enrollment.objects.get_or_create(user=both, cohort=cohorts["enrolling"], role=Role.MENTEE)
    _mentor_to_review(timezone.now())


def _mentor_to_review(now) -> None:
    """Make sure one mentor of a working pair has a request to answer and an upcoming agenda to review."""
    meeting = (
        Meeting.objects.scheduled()
        .filter(
            starts_at__gt=now, mentorship__status=Mentorship.Status.ACTIVE, mentorship__mentor__email__endswith=DOMAIN
        )
        .select_related("mentorship")
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return
    pair = meeting.mentorship
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        AgendaItem.objects.create(meeting=meeting, text="How my first month went", author=pair.mentee)
    meeting.agenda_reviewed_at = None
    meeting.save(update_fields=["agenda_reviewed_at"])
    if not MentorshipRequest.objects.filter(mentor=pair.mentor).pending().exists():
        paired = Mentorship.objects.filter(cohort=pair.cohort, mentee=OuterRef("user"))
        asked = MentorshipRequest.objects.filter(cohort=pair.cohort, mentee=OuterRef("user"))
        waiting = (
            Enrollment.objects.filter(cohort=pair.cohort, role=Role.MENTEE, status=Enrollment.Status.ACTIVE)
            .exclude(Exists(paired))
            .exclude(Exists(asked))
            .select_related("user")
            .first()
        )
        if waiting is not None:
            MentorshipRequest.objects.create(
                cohort=pair.cohort,
                mentee=waiting.user,
                mentor=pair.mentor,
                help_wanted="Help me prepare for my first team lead role.",
                why_this_mentor="You led a team through the same change.",
                expires_at=now + timedelta(days=7),
            )


def full_board_mentee():
    """A mentee with a working pair, goals and an upcoming meeting."""
    now = timezone.now()
    return (
        get_user_model()
        .objects.filter(email__endswith=DOMAIN)
        .filter(
            Exists(Mentorship.objects.filter(mentee=OuterRef("pk"), status=Mentorship.Status.ACTIVE)),
            Exists(Goal.objects.filter(enrollment__user=OuterRef("pk"))),
            Exists(Meeting.objects.scheduled().filter(mentorship__mentee=OuterRef("pk"), starts_at__gt=now)),
        )
        .order_by("email")
        .first()
    )


def reviewing_mentor():
    """A mentor with a request to answer and an upcoming agenda with items not reviewed yet."""
    now = timezone.now()
    unreviewed = Meeting.objects.scheduled().filter(
        mentorship__mentor=OuterRef("pk"),
        starts_at__gt=now,
        agenda_reviewed_at__isnull=True,
        agenda_items__isnull=False,
    )
    return (
        get_user_model()
        .objects.filter(email__endswith=DOMAIN)
        .filter(Exists(MentorshipRequest.objects.pending().filter(mentor=OuterRef("pk"))), Exists(unreviewed))
        .order_by("email")
        .first()
    )


def accounts() -> list[tuple[str, str]]:
    """(home state, e-mail) for seed_demo's summary."""
    User = get_user_model()
    found = [
        ("new mentee mid-setup", User.objects.filter(email=NEWCOMER_EMAIL).first()),
        ("mentee with a full board", full_board_mentee()),
        ("mentor to review", reviewing_mentor()),
        ("both roles", User.objects.filter(email=BOTH_ROLES_EMAIL).first()),
    ]
    rows = [(label, user.email) for label, user in found if user is not None]
    if Program.objects.filter(coordinators__email=COORDINATOR_EMAIL).count() >= 2:
        rows.insert(0, ("coordinator of two programs", COORDINATOR_EMAIL))
    return rows
