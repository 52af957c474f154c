"""The Django admin is for support: states, dates and counts, never what people wrote in confidence.

The demo organisation is built, a secret is planted in every free-text field of every confidential model, and every
page of every registered admin is opened: the index, each changelist (and a search for the secret), and the change,
history and delete pages of its first objects. The secret must never appear.
"""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from mentoring.notifications.models import Notification
from tests.factories import UserFactory

SECRET = "zqsecret7"
OUR_APPS = ("accounts", "profiles", "notifications", "home", "audit", "programs", "matching", "mentoring_sessions")

# What a pair, a person or a mentor wrote, and what only the pair may know.
CONFIDENTIAL = {
    "notifications.Notification",
    "matching.MentorshipRequest",
    "matching.Mentorship",
    "mentoring_sessions.Agreement",
    "mentoring_sessions.Meeting",
    "mentoring_sessions.AgendaItem",
    "mentoring_sessions.Note",
    "mentoring_sessions.ActionItem",
    "mentoring_sessions.Goal",
    "mentoring_sessions.GoalCheckIn",
    "mentoring_sessions.GoalComment",
    "mentoring_sessions.ClosingAnswer",
    "mentoring_sessions.ThankYouNote",
    "programs.Answer",
    "programs.Application",
    "mentoring_sessions.SafetyReport",
    "mentoring_sessions.MeetingSeries",
    "mentoring_sessions.NextTopic",
    "mentoring_sessions.RelationshipCheck",
    "mentoring_sessions.Availability",
    "programs.SurveyAsk",
    "matching.MentorOffer",
}
# Text fields of confidential models that support needs and that say nothing of what was written.
NOT_SECRET = {
    "notifications.Notification": {"kind", "url", "dedupe_key"},
    "programs.SurveyAsk": {"occasion"},  # "mentorship:<pk>", "meeting:<pk>": ids, never words
}
PUBLIC = {
    "accounts.User",
    "audit.AuditEntry",
    "programs.Survey",
    "programs.SurveyQuestion",
    "programs.Resource",
    "programs.AgendaTemplate",
    "programs.AgendaTemplateItem",
    "mentoring_sessions.PairHealth",
    "profiles.Skill",
    "profiles.Profile",
    "profiles.SoughtSkill",
    "notifications.NotificationSettings",
    "notifications.ScanMark",
    "programs.Program",
    "programs.Cohort",
    "programs.Enrollment",
    "programs.Invitation",
    "programs.OrientationItem",
    "programs.OrientationCheck",
    "programs.Question",
    "programs.MatchRule",
    "programs.ReportingLine",
    "matching.MatchRun",
    "matching.ProposedPair",
    "matching.BannedPair",
    "matching.UnmatchedMentee",
}
PAGES_PER_ADMIN = 2


def our_models() -> set[str]:
    return {model._meta.label for model in apps.get_models() if model._meta.app_label in OUR_APPS}


def secret_fields(model) -> list[models.Field]:
    """Every free-text field of a confidential model; a field with choices holds no free text."""
    allowed = NOT_SECRET.get(model._meta.label, set())
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.choices
        and field.name not in allowed
    ]


def plant_secrets() -> None:
    for label in CONFIDENTIAL:
        model = apps.get_model(label)
        values = {f.name: {"text": SECRET} if isinstance(f, models.JSONField) else SECRET for f in secret_fields(model)}
        if values:
            model._default_manager.update(**values)


def test_every_model_is_classified_as_confidential_or_not():
    """A new model makes its author decide whether the admin may show its text."""
    assert our_models() == CONFIDENTIAL | PUBLIC


def test_no_admin_lists_filters_or_searches_a_confidential_field():
    assert [error for error in checks.run_checks(tags=[checks.Tags.admin]) if error.id.startswith("mentoring.")] == []


@pytest.fixture
def organisation(db):
    call_command("seed_demo", stdout=io.StringIO())
    someone = UserFactory()
    Notification.objects.create(recipient=someone, kind="agenda", title="x", body="x", dedupe_key="admin-test")
    plant_secrets()


def admin_pages(model, model_admin) -> list[str]:
    opts = model._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    for obj in model._default_manager.order_by("pk")[:PAGES_PER_ADMIN]:
        urls += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk])
            for page in ("change", "history", "delete")
        ]
    return urls


def test_no_admin_page_shows_a_confidential_text(organisation, admin_client):
    confidential_admins = [m for m in admin.site._registry if m._meta.label in CONFIDENTIAL]
    assert confidential_admins and all(m._default_manager.exists() for m in confidential_admins)
    leaks, opened = [], 0
    for model, model_admin in admin.site._registry.items():
        for url in admin_pages(model, model_admin):
            response = admin_client.get(url)
            opened += 1
            assert response.status_code in (200, 403), url
            if SECRET in response.content.decode():
                leaks.append(url)
        if model_admin.search_fields:
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            if admin_client.get(changelist, {"q": SECRET}).context["cl"].result_count:
                leaks.append(f"{changelist}?q=")
    assert opened > 3 * len(admin.site._registry)
    assert admin_client.get(reverse("admin:index")).status_code == 200
    assert leaks == []


def test_an_object_named_by_its_text_is_named_by_number_and_only_viewed(organisation, admin_client):
    goal = apps.get_model("mentoring_sessions.Goal").objects.order_by("pk").first()
    for page in ("change", "history"):
        body = admin_client.get(reverse(f"admin:mentoring_sessions_goal_{page}", args=[goal.pk])).content.decode()
        assert f"Goal #{goal.pk}" in body
    assert admin_client.get(reverse("admin:mentoring_sessions_goal_delete", args=[goal.pk])).status_code == 403
