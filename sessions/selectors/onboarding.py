"""The guided setup after joining a cohort. Each step's done-ness is read from the data (profile fields, a goal,
a request or a pair; for a mentor skills offered, capacity and meeting preferences); only "skipped or finished"
is stored, on the enrollment. Two queries for one enrollment; `open_setups` serves the home page in one."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.models import Profile
from mentoring.web import pk_url
from programs.models import Enrollment, Role
from sessions.models import Goal


@dataclass(frozen=True)
class SetupStep:
    title: str
    detail: str
    url: str
    action: str
    done: bool


@dataclass(frozen=True)
class Setup:
    enrollment: Enrollment
    steps: list[SetupStep]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.steps))

    @property
    def current(self) -> int:
        """The 1-based number of the first step not done (the last when all are)."""
        return next((n for n, step in enumerate(self.steps, 1) if not step.done), len(self.steps))

    @property
    def is_done(self) -> bool:
        return self.done_count == len(self.steps)

    @property
    def url(self) -> str:
        return pk_url("sessions:onboarding", self.enrollment.pk)


def _essentials_done(profile: Profile | None) -> bool:
    return profile is not None and profile.is_complete


def _steps(enrollment: Enrollment, profile, skills: int, goals: set, paired: set, links: dict) -> list[SetupStep]:
    back = f"?next={pk_url('sessions:onboarding', enrollment.pk)}"
    profile_url = links["profile"] + back
    cohort = enrollment.cohort
    if enrollment.role == Role.MENTOR:
        return [
            SetupStep(
                "Your expertise",
                "The skills you can offer, so mentees find you",
                profile_url,
                "Add skills",
                skills > 0,
            ),
            SetupStep(
                "Your capacity",
                f"How many mentees you can take in {cohort} (the cohort's rule applies until you say)",
                "#capacity",
                "Set capacity",
                enrollment.capacity_override is not None,
            ),
            SetupStep(
                "Your meeting preferences",
                "How you like to meet: video, phone or in person",
                profile_url,
                "Set preferences",
                bool(profile and profile.meeting_channels),
            ),
        ]
    return [
        SetupStep(
            "Profile essentials",
            "Headline, a short bio, your organisation, level, track, style, languages and how you like to meet",
            profile_url,
            "Fill in your profile",
            _essentials_done(profile),
        ),
        SetupStep(
            "A first SMART goal",
            "What you want to achieve, how you will measure it, and by when",
            links["goal"] + back,
            "Set a goal",
            enrollment.pk in goals,
        ),
        SetupStep(
            "Find a mentor",
            f"Browse the mentors of {cohort}, ranked for you, and send a request",
            pk_url("matching:find_mentor", cohort.pk) + back,
            "Find a mentor",
            cohort.pk in paired,
        ),
    ]


def setups(user, enrollments: list[Enrollment], *, profile: Profile | None = None) -> list[Setup]:
    """The setup of each of these enrollments of `user`, in two queries whatever their number; one when the
    caller has read the profile already (the home page: the request's, from UserTimezoneMiddleware)."""
    if not enrollments:
        return []
    if profile is None:
        profile = Profile.objects.filter(user=user).first()
    in_cohort = {"mentee": user, "cohort": OuterRef("cohort")}
    offered = Profile.skills_offered.through.objects.filter(profile__user=user).order_by().values("profile")
    progress = (
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments])
        .annotate(
            has_goal=Exists(Goal.objects.filter(enrollment=OuterRef("pk"))),
            requested=Exists(MentorshipRequest.objects.filter(**in_cohort)),
            paired=Exists(Mentorship.objects.filter(**in_cohort)),
            skills=Coalesce(Subquery(offered.annotate(n=Count("pk")).values("n")), 0),
        )
        .values_list("pk", "cohort_id", "has_goal", "requested", "paired", "skills")
    )
    rows = list(progress)
    goals = {pk for pk, _, has_goal, *_ in rows if has_goal}
    paired = {cohort_id for _, cohort_id, _, requested, is_paired, _ in rows if requested or is_paired}
    skills = rows[0][-1] if rows else 0
    links = {"profile": reverse("profiles:edit"), "goal": reverse("sessions:goal_create")}  # once, not per row
    return [Setup(e, _steps(e, profile, skills, goals, paired, links)) for e in enrollments]


def setup_for(user, enrollment: Enrollment) -> Setup:
    return setups(user, [enrollment])[0]


def open_setups(user, enrollments: list[Enrollment], *, profile: Profile | None = None) -> list[Setup]:
    """The setups home offers to resume: not skipped nor finished, and with a step left."""
    waiting = [e for e in enrollments if e.onboarding_closed_at is None]
    return [setup for setup in setups(user, waiting, profile=profile) if not setup.is_done]
