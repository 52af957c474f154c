from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.notifications.models import Kind, Notification
from programs import services
from programs.models import Enrollment, Invitation, Role
from programs.services.importing import Row
from programs.tasks import send_invitation_emails
from tests.factories import UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def rows(*emails, role=Role.MENTEE):
    return [Row(line=i, email=e, role=role) for i, e in enumerate(emails, start=2)]


def test_invite_people_skips_duplicates_open_invitations_and_enrolled_people(
    cohort, coordinator, django_capture_on_commit_callbacks
):
    enrolled = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
    InvitationFactory(cohort=cohort, email="open@example.org", role=Role.MENTEE)
    with django_capture_on_commit_callbacks() as callbacks:
        result = services.invite_people(
            cohort=cohort,
            rows=rows("new@example.org", "new@example.org", "open@example.org", enrolled.email),
            invited_by=coordinator,
        )
    assert [i.email for i in result.created] == ["new@example.org"]
    assert [(row.line, reason.split(" ")[0]) for row, reason in result.skipped] == [
        (3, "listed"),
        (4, "already"),
        (5, "already"),
    ]
    assert Invitation.objects.filter(cohort=cohort).count() == 2
    # One e-mail task for the batch of new people (beside the new figures version of the cohort's program).
    assert len([c for c in callbacks if not c.__qualname__.startswith("figures_changed")]) == 1


def test_the_same_person_may_be_invited_as_mentor_and_as_mentee(cohort, coordinator):
    result = services.invite_people(
        cohort=cohort,
        rows=rows("x@example.org") + rows("x@example.org", role=Role.MENTOR),
        invited_by=coordinator,
    )
    assert len(result.created) == 2


def test_people_with_an_account_get_a_notification_instead_of_a_plain_email(cohort, coordinator, user):
    result = services.invite_people(cohort=cohort, rows=rows(user.email), invited_by=coordinator)
    invitation = result.created[0]
    notification = Notification.objects.get(recipient=user, kind=Kind.INVITATION)
    assert notification.url == invitation.get_absolute_url()
    assert invitation.sent_at is not None
    assert services.send_invitation_email(invitation_id=invitation.pk) is False


def test_nobody_is_invited_to_an_ended_cohort(coordinator):
    cohort = CohortFactory(starts_on=timezone.localdate() - timedelta(days=400))
    with pytest.raises(ValidationError, match="ended"):
        services.invite_people(cohort=cohort, rows=rows("a@example.org"), invited_by=coordinator)


def test_resend_gives_a_new_link_and_the_old_one_stops_working(cohort, coordinator):
    invitation = InvitationFactory(cohort=cohort, sent_at=timezone.now())
    old_token = invitation.token
    services.resend_invitation(invitation=invitation, by=coordinator)
    invitation.refresh_from_db()
    assert invitation.token != old_token and invitation.sent_at is None
    assert not Invitation.objects.filter(token=old_token).exists()
    send_invitation_emails([invitation.pk])
    assert invitation.token in mail.outbox[0].body


def test_a_revoked_invitation_cannot_be_revoked_resent_or_accepted(cohort, coordinator):
    invitation = InvitationFactory(cohort=cohort)
    services.revoke_invitation(invitation=invitation, by=coordinator)
    with pytest.raises(ValidationError):
        services.revoke_invitation(invitation=invitation, by=coordinator)
    with pytest.raises(ValidationError):
        services.resend_invitation(invitation=invitation, by=coordinator)
    person = UserFactory(email=invitation.email)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.accept_invitation(invitation=invitation, user=person)


def test_accepting_activates_the_enrollment_and_uses_the_invitation_up(cohort):
    invitation = InvitationFactory(cohort=cohort, role=Role.MENTOR, first_name="Ada", last_name="Okafor")
    person = UserFactory(email=invitation.email, first_name="", last_name="")
    enrollment = services.accept_invitation(invitation=invitation, user=person)
    assert (enrollment.status, enrollment.role) == (Enrollment.Status.ACTIVE, Role.MENTOR)
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    person.refresh_from_db()
    assert person.get_full_name() == "Ada Okafor"
    with pytest.raises(ValidationError, match="already been used"):
        services.accept_invitation(invitation=invitation, user=person)


def test_an_expired_invitation_explains_itself(cohort):
    invitation = InvitationFactory(cohort=cohort)
    person = UserFactory(email=invitation.email)
    with time_machine.travel(timezone.now() + timedelta(days=15)), pytest.raises(ValidationError, match="expired"):
        services.accept_invitation(invitation=invitation, user=person)


def test_only_the_invited_address_may_accept(cohort, user):
    invitation = InvitationFactory(cohort=cohort)
    with pytest.raises(ValidationError, match="signed in as"):
        services.accept_invitation(invitation=invitation, user=user)
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True)
    assert services.accept_invitation(invitation=invitation, user=user).user == user


def test_accepting_brings_back_a_withdrawn_enrollment(cohort, coordinator):
    enrollment = EnrollmentFactory(cohort=cohort)
    services.withdraw_enrollment(enrollment=enrollment, by=coordinator)
    invitation = InvitationFactory(cohort=cohort, email=enrollment.user.email, role=enrollment.role)
    again = services.accept_invitation(invitation=invitation, user=enrollment.user)
    assert again.pk == enrollment.pk and again.status == Enrollment.Status.ACTIVE


def _big_csv(n: int, *, offset: int = 0) -> bytes:
    lines = ["email,role,first name,last name"]
    lines += [
        f"person{offset + i}@bulk.example.org,{'mentor' if i % 5 == 0 else 'mentee'},First{i},Last{i}" for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_5000_row_csv_imports_in_seconds_with_as_many_queries_as_100_rows(
    coordinator, django_capture_on_commit_callbacks
):
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programs.services.importing import parse_csv

    counts = {}
    for n in (100, 5000):
        cohort = CohortFactory()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks():
            result = services.invite_people(cohort=cohort, rows=parse_csv(_big_csv(n)), invited_by=coordinator)
        elapsed = time.perf_counter() - started
        assert len(result.created) == n
        counts[n] = len(queries)
    assert elapsed < 10
    assert counts[5000] - counts[100] <= 2  # at most an INSERT batch more on PostgreSQL: nothing per row
    assert counts[5000] < 50
