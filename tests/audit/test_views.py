"""The audit log as coordinators read it (their own programs only) and as site admins do (read-only)."""

import pytest
from django.urls import reverse

from mentoring.audit.models import Action, AuditEntry
from mentoring.audit.services import record
from tests.factories import ProfileFactory, UserFactory
from tests.programs.conftest import queries
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(coordinator):
    return ProgramFactory(coordinators=[coordinator])


def log(program, actor, n: int, action=Action.NUDGE_SENT) -> None:
    for _ in range(n):
        record(actor=actor, action=action, target=program, program_id=program.pk, changes={"template": "meet"})


def test_a_coordinator_reads_their_programs_log_and_their_coordinators_sign_ins(client, program, coordinator):
    other = ProgramFactory()
    log(program, coordinator, 1)
    log(other, UserFactory(first_name="Zed", last_name="Other"), 1)
    record(actor=coordinator, action=Action.SIGNED_IN)
    record(actor=UserFactory(first_name="Yan", last_name="Stranger"), action=Action.SIGNED_IN)
    client.force_login(coordinator)
    page = client.get(reverse("programs:audit_log", args=[program.slug])).content.decode()
    assert page.count("<td>Nudged a pair") == 1 and page.count("<td>Signed in") == 1
    assert "Zed Other" not in page and "Yan Stranger" not in page


def test_the_log_filters_by_action_and_by_person(client, program, coordinator):
    co = ProfileFactory(user=UserFactory(first_name="Co", last_name="Ordinator")).user
    program.coordinators.add(co)
    log(program, coordinator, 2)
    log(program, co, 1, action=Action.EXPORTED)
    client.force_login(coordinator)
    url = reverse("programs:audit_log", args=[program.slug])
    page = client.get(url, {"action": Action.EXPORTED}).content.decode()
    assert "<td>Exported a list" in page and "<td>Nudged a pair" not in page
    page = client.get(url, {"actor": coordinator.pk}).content.decode()
    assert "<td>Nudged a pair" in page and "<td>Exported a list" not in page
    assert client.get(url, {"actor": "nonsense", "since": "no"}).status_code == 200


def test_the_log_is_paginated_in_a_fixed_number_of_queries(client, program, coordinator):
    client.force_login(coordinator)
    url = reverse("programs:audit_log", args=[program.slug])
    log(program, coordinator, 3)
    small = queries(client, url)
    log(program, coordinator, 120)
    assert queries(client, url) == small
    page = client.get(url, {"page": 3}).content.decode()
    assert "Page 3 of 3 (123 entries)" in page


def test_a_coordinator_sign_in_writes_an_audit_row(client, coordinator):
    coordinator.set_password("a long pass phrase")
    coordinator.save()
    client.post(reverse("account_login"), {"login": coordinator.email, "password": "a long pass phrase"})
    entry = AuditEntry.objects.get(action=Action.SIGNED_IN)
    assert entry.actor == coordinator and entry.changes == {"methods": ["password"]}


def test_a_participant_sign_in_writes_none(client, user):
    user.set_password("a long pass phrase")
    user.save()
    client.post(reverse("account_login"), {"login": user.email, "password": "a long pass phrase"})
    assert not AuditEntry.objects.exists()


def test_site_admins_read_the_log_and_cannot_change_it(admin_client, program, coordinator):
    log(program, coordinator, 1)
    entry = AuditEntry.objects.get()
    assert admin_client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
