"""What makes the dashboard's kept cohort figures (sessions.selectors.dashboard.snapshot) stale: a saved or deleted
row of any model they are counted from replaces its program's figures version (programs.figures), after commit.

Signals, because the rows come from every app below this one (enrollments, invitations, profiles, requests) and
from the admin, and the figures are a copy: no domain rule hangs on them. The writes that bypass signals (a
QuerySet's update, bulk_create) call programs.figures.figures_changed themselves, and every recomputed pair health
does too (sessions.services.health), which also catches pairs created in bulk or changed in status.
"""

from django.db.models.signals import post_delete, post_save

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.models import Profile
from programs.figures import figures_changed
from programs.models import Cohort, Enrollment, Invitation, Program, Survey, SurveyAsk
from sessions.models import ClosingAnswer, Goal, Meeting, ThankYouNote


def _programs(instance):
    """The program ids a row's figures belong to, as a QuerySet read after commit (none for a program itself)."""
    if isinstance(instance, Program):
        return [instance.pk]
    if isinstance(instance, Cohort):
        return [instance.program_id]
    if isinstance(instance, (Enrollment, Invitation, MentorshipRequest, Mentorship, Survey)):
        return Cohort.objects.filter(pk=instance.cohort_id).values_list("program_id", flat=True)
    if isinstance(instance, (Meeting, ClosingAnswer, ThankYouNote)):
        return Mentorship.objects.filter(pk=instance.mentorship_id).values_list("cohort__program_id", flat=True)
    if isinstance(instance, Goal):
        return Enrollment.objects.filter(pk=instance.enrollment_id).values_list("cohort__program_id", flat=True)
    if isinstance(instance, SurveyAsk):
        return Survey.objects.filter(pk=instance.survey_id).values_list("cohort__program_id", flat=True)
    if isinstance(instance, Profile):  # a complete profile is a step of the funnel in every cohort of its person
        return Enrollment.objects.filter(user_id=instance.user_id).values_list("cohort__program_id", flat=True)
    raise TypeError(instance)


COUNTED = (
    Program, Cohort, Enrollment, Invitation, Profile, MentorshipRequest, Mentorship, Meeting, Goal, ClosingAnswer,
    ThankYouNote, Survey, SurveyAsk,
)  # fmt: skip


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    figures_changed(program_ids=_programs(instance))


def connect() -> None:
    for model in COUNTED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"figures-{model._meta.label}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"figures-{model._meta.label}-deleted")
