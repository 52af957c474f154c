import pytest
from django.core import mail

from programs import services
from programs.models import Role
from programs.services.importing import Row
from programs.tasks import send_invitation_emails, send_pending_invitations

pytestmark = pytest.mark.django_db


def rows(*emails, role=Role.MENTEE):
    return [Row(line=i, email=e, role=role) for i, e in enumerate(emails, start=2)]


def test_the_invitation_email_is_sent_once_even_when_the_task_runs_twice(cohort, coordinator):
    invitation = services.invite_people(cohort=cohort, rows=rows("new@example.org"), invited_by=coordinator).created[0]
    send_invitation_emails([invitation.pk])
    send_invitation_emails([invitation.pk])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert invitation.get_absolute_url() in mail.outbox[0].body


def test_a_batch_skips_revoked_invitations_and_missing_rows(cohort, coordinator):
    first, second = services.invite_people(
        cohort=cohort, rows=rows("a@example.org", "b@example.org"), invited_by=coordinator
    ).created
    services.revoke_invitation(invitation=second, by=coordinator)
    send_invitation_emails([first.pk, second.pk, 999_999])
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_sweep_sends_invitations_whose_task_was_lost_and_only_those(cohort, coordinator, time_machine):
    time_machine.move_to("2026-11-02 09:00Z")
    lost, revoked, sent = services.invite_people(
        cohort=cohort, rows=rows("lost@example.org", "revoked@example.org", "sent@example.org"), invited_by=coordinator
    ).created
    services.revoke_invitation(invitation=revoked, by=coordinator)
    send_invitation_emails([sent.pk])
    mail.outbox.clear()
    assert send_pending_invitations() == 0, "a fresh invitation is left to the task queued on commit"

    time_machine.move_to("2026-11-02 09:01Z")
    assert send_pending_invitations() == 1
    assert [m.to for m in mail.outbox] == [["lost@example.org"]]
    assert send_pending_invitations() == 0
