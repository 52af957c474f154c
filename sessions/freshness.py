"""What makes kept copies stale: the dashboard's cohort figures (sessions.selectors.dashboard.snapshot, versioned
per program by programs.figures) and pages kept drawn (mentoring.kept, versioned per site, person and program).
A saved or deleted row of a model they are drawn from replaces the tokens of its program, and of its person where
it belongs to one, after commit.

Signals, because the rows come from every app below this one (enrollments, invitations, profiles, requests) and
from the admin, and the copies are copies: no domain rule hangs on them. The writes that bypass signals (a
QuerySet's update, bulk_create) call programs.figures.figures_changed themselves, and every recomputed pair health
does too (sessions.services.health), which also catches pairs created in bulk or changed in status.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from matching.models import (
    BannedPair,
    MatchRun,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
    ProposedPair,
    UnmatchedMentee,
)
from mentoring import kept
from mentoring.accounts.models import User
from mentoring.notifications.models import Notification, NotificationSettings
from mentoring.profiles.models import Profile, Skill, SoughtSkill
from programs import models as programs
from programs.figures import figures_changed
from programs.models import Cohort, Enrollment, Program
from sessions import models as sessions
from sessions.models import ClosingAnswer, Goal, Meeting, ThankYouNote

# The cohort figures count these (a complete profile is a step of the funnel in every cohort of its person).
COUNTED = (
    Program, Cohort, Enrollment, programs.Invitation, Profile, MentorshipRequest, Mentorship, Meeting, Goal,
    ClosingAnswer, ThankYouNote, programs.Survey, programs.SurveyAsk,
)  # fmt: skip

# Every other row a page draws from, by the path from it to its program's id: the first step is a foreign key
# (read off the row, so that a deleted row still finds its program), the rest a lookup from there.
PROGRAM_PATHS = {
    Program: "pk",
    Cohort: "program",
    **dict.fromkeys(
        (
            Enrollment, programs.Invitation, programs.OrientationItem, programs.Application, programs.Survey,
            MentorshipRequest, Mentorship, MatchRun, MentorOffer,
        ),
        "cohort__program_id",
    ),
    **dict.fromkeys(
        (programs.ReportingLine, programs.Question, programs.MatchRule, programs.Resource, programs.AgendaTemplate),
        "program",
    ),
    programs.AgendaTemplateItem: "template__program_id",
    programs.SurveyQuestion: "survey__cohort__program_id",
    programs.SurveyAsk: "survey__cohort__program_id",
    programs.OrientationCheck: "enrollment__cohort__program_id",
    programs.Answer: "question__program_id",
    **dict.fromkeys((ProposedPair, BannedPair, UnmatchedMentee), "run__cohort__program_id"),
    **dict.fromkeys(
        (
            Meeting, ClosingAnswer, ThankYouNote, sessions.RelationshipCheck, sessions.Note, sessions.ActionItem,
            sessions.SafetyReport, sessions.MeetingSeries, sessions.NextTopic, sessions.Agreement,
            sessions.PairHealth,
        ),
        "mentorship__cohort__program_id",
    ),
    sessions.AgendaItem: "meeting__mentorship__cohort__program_id",
    Goal: "enrollment__cohort__program_id",
    sessions.GoalCheckIn: "goal__enrollment__cohort__program_id",
    sessions.GoalComment: "goal__enrollment__cohort__program_id",
}  # fmt: skip

# Rows of one person, by the field naming them: what the person sees changes, and what everyone in their programs
# sees of them (names, profiles) too, but a notification is the recipient's alone.
PERSON_FIELDS = {
    User: "pk",
    Profile: "user",
    SoughtSkill: "profile__user_id",
    sessions.Availability: "user",
    NotificationSettings: "user",
}
OWN_ONLY = {Notification: "recipient"}
# Rows of a program that also change what their person sees everywhere (the navigation's roles, home's programs).
ALSO_PERSON = {Enrollment: "user", programs.Application: "user"}


def _follow(instance, path: str):
    """The ids at the end of `path` from this row, as a list or a QuerySet read later."""
    if path == "pk":
        return [instance.pk]
    first, _, rest = path.partition("__")
    field = instance._meta.get_field(first)
    value = getattr(instance, field.attname)
    if not rest:
        return [value]
    return field.related_model.objects.filter(pk=value).values_list(rest, flat=True)


def _programs(instance):
    """The program ids a row belongs to (a QuerySet read after commit)."""
    model = type(instance)
    if model in PROGRAM_PATHS:
        return _follow(instance, PROGRAM_PATHS[model])
    if model in PERSON_FIELDS:  # a person's profile is shown in every cohort they are in
        return Enrollment.objects.filter(user_id__in=_follow(instance, PERSON_FIELDS[model])).values_list(
            "cohort__program_id", flat=True
        )
    return []


def _people(instance) -> list[int]:
    model = type(instance)
    path = PERSON_FIELDS.get(model) or OWN_ONLY.get(model) or ALSO_PERSON.get(model)
    return list(_follow(instance, path)) if path else []


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    if sender is Skill:  # the taxonomy shows on every profile and filter
        kept.changed([kept.SITE])
        return
    program_ids = _programs(instance)
    if isinstance(instance, COUNTED):  # replaces the program's kept pages as well
        figures_changed(program_ids=program_ids)
        program_ids = []
    kept.changed(lambda: [kept.program(pk) for pk in program_ids] + [kept.person(pk) for pk in _people(instance)])


def _members_changed(sender, instance, action, model, pk_set, **kwargs):
    """A program's coordinators, or a profile's offered skills: as if the rows on both sides changed."""
    if not action.startswith("post_"):
        return
    rows = [instance, *model.objects.filter(pk__in=pk_set or ())]
    for row in rows:
        if not isinstance(row, Skill):
            _changed(type(row), row)


def connect() -> None:
    for model in {*COUNTED, *PROGRAM_PATHS, *PERSON_FIELDS, *OWN_ONLY, Skill}:
        post_save.connect(_changed, sender=model, dispatch_uid=f"kept-{model._meta.label}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"kept-{model._meta.label}-deleted")
    for through in (Program.coordinators.through, Profile.skills_offered.through):
        m2m_changed.connect(_members_changed, sender=through, dispatch_uid=f"kept-{through._meta.label}-changed")
