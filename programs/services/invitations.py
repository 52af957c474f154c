"""Inviting people to a cohort, e-mailing the invitations, and using them up."""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date

from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify, notify_many, queue_after_commit
from programs.figures import cohorts_changed
from programs.models import Cohort, Enrollment, Invitation, Phase, default_invitation_expiry, new_invitation_token

from .importing import Row

EMAIL_TASK_BATCH = 200
# Long enough for the task queued on commit to have run; the sweep only picks up what it missed.
INVITATION_SETTLE = timedelta(seconds=30)
INSERT_BATCH = 2500  # rows per INSERT where the backend has no parameter limit


@dataclass
class InviteResult:
    created: list[Invitation] = field(default_factory=list)
    skipped: list[tuple[Row, str]] = field(default_factory=list)


@transaction.atomic
def invite_people(*, cohort: Cohort, rows: list[Row], invited_by: AbstractBaseUser) -> InviteResult:
    """Invite everyone on an already validated list, in one transaction and a constant number of queries.

    Duplicates in the list, people with an open invitation and people already enrolled are
    reported in `skipped`, never invited twice. People who already have an account get an in-app
    notification (with its e-mail); the others a plain e-mail, queued in batches after commit.
    """
    if cohort.phase == Phase.ENDED:
        raise ValidationError("This cohort has ended: nobody can join it any more.")
    # One import at a time per cohort, so two coordinators cannot both pass the duplicate checks.
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    result = InviteResult()
    open_invitations = set(
        Invitation.objects.filter(cohort=cohort, accepted_at__isnull=True, revoked_at__isnull=True).values_list(
            "email", "role"
        )
    )
    enrolled = {
        (email.lower(), role)
        for email, role in Enrollment.objects.filter(cohort=cohort).current().values_list("user__email", "role")
    }
    seen = set()
    fresh = []
    for row in rows:
        key = (row.email, row.role)
        if key in seen:
            result.skipped.append((row, "listed twice"))
        elif key in enrolled:
            result.skipped.append((row, f"already enrolled as {row.role}"))
        elif key in open_invitations:
            result.skipped.append((row, "already invited (resend it from the invitation list)"))
        else:
            seen.add(key)
            fresh.append(row)
    if not fresh:
        return result
    users = {
        u.email.lower(): u
        for u in get_user_model().objects.filter(email__in={row.email for row in fresh}).only("pk", "email")
    }
    now = timezone.now()
    expiry = default_invitation_expiry()
    invitations = [
        Invitation(
            cohort=cohort,
            email=row.email,
            role=row.role,
            first_name=row.first_name,
            last_name=row.last_name,
            token=new_invitation_token(),
            invited_by=invited_by,
            created_at=now,
            expires_at=expiry,
            # People with an account are told through a notification, which has its own e-mail.
            sent_at=now if row.email in users else None,
        )
        for row in fresh
    ]
    result.created = _insert_many(invitations)
    cohorts_changed(cohort_ids=[cohort.pk])  # the funnel counts open invitations
    ids = dict(Invitation.objects.filter(cohort=cohort, created_at=now).values_list("token", "pk"))
    for inv in result.created:
        inv.pk = ids[inv.token]
    content_type = ContentType.objects.get_for_model(Invitation)
    notify_many(
        Draft(
            recipient_id=users[inv.email].pk,
            kind=Kind.INVITATION,
            title=f"You are invited to {cohort} as {inv.get_role_display().lower()}",
            body=_invitation_text(inv, cohort),
            url=inv.get_absolute_url(),
            content_type_id=content_type.pk,
            object_id=inv.pk,
            dedupe_key=f"invitation:{inv.token}",
        )
        for inv in result.created
        if inv.email in users
    )
    queue_invitation_emails([inv.pk for inv in result.created if inv.email not in users])
    record(
        actor=invited_by,
        action=Action.INVITED,
        target=cohort,
        program_id=cohort.program_id,
        changes={"invited": len(result.created), "roles": sorted({inv.role for inv in result.created})},
    )
    return result


def _insert_many(invitations: list[Invitation]) -> list[Invitation]:
    """Insert the rows in a number of statements that does not grow with the list (up to MAX_ROWS).

    PostgreSQL takes thousands of rows in one INSERT, so bulk_create does it in a few batches.
    On SQLite bulk_create would split by the 999-parameter limit (about 70 invitations a
    statement); there one executemany runs the prepared INSERT in-process, with no round trips.
    The caller reads the ids back with one SELECT either way.
    """
    if connection.features.max_query_params is None:
        return Invitation.objects.bulk_create(invitations, batch_size=INSERT_BATCH)
    fields = [f for f in Invitation._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Only table and column names from the model, quoted by the backend; values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(Invitation._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [[f.get_db_prep_save(getattr(inv, f.attname), connection) for f in fields] for inv in invitations]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return invitations


def _invitation_text(invitation: Invitation, cohort: Cohort) -> str:
    return (
        f"{invitation.invited_by or 'The coordinator'} invites you to join {cohort} as a "
        f"{invitation.get_role_display().lower()}, from {_day(cohort.starts_on)} to {_day(cohort.ends_on)}. "
        f"The invitation is valid until {_day(timezone.localtime(invitation.expires_at))}."
    )


def _day(value) -> str:
    """6 December 2026, as the pages write dates (no leading zero)."""
    return format_date(value, "j F Y")


def queue_invitation_emails(invitation_ids: list[int]) -> None:
    from programs.tasks import send_invitation_emails

    for start in range(0, len(invitation_ids), EMAIL_TASK_BATCH):
        chunk = invitation_ids[start : start + EMAIL_TASK_BATCH]
        queue_after_commit(send_invitation_emails, chunk)


def pending_invitation_ids(*, limit: int = 500) -> list[int]:
    """Invitations that should have been e-mailed by now: their task was lost or the broker was down."""
    unsent = Invitation.objects.pending().filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - INVITATION_SETTLE
    )
    return list(unsent.order_by("pk").values_list("pk", flat=True)[:limit])


def send_invitation_email(*, invitation_id: int) -> bool:
    """Claim the invitation's e-mail with a conditional UPDATE, then send it: a redelivered task
    finds nothing to claim and sends nothing twice. Returns False when there was nothing to send."""
    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("cohort__program", "invited_by").get(pk=invitation_id)
    context = {
        "invitation": invitation,
        "cohort": invitation.cohort,
        "text": _invitation_text(invitation, invitation.cohort),
        "link": f"{settings.SITE_URL}{invitation.get_absolute_url()}",
    }
    message = EmailMultiAlternatives(
        subject=f"[Mentoring] You are invited to {invitation.cohort}",
        body=render_to_string("programs/email/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("programs/email/invitation.html", context), "text/html")
    try:
        message.send()
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by: AbstractBaseUser) -> Invitation:
    """A fresh link and a fresh expiry; the old link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError("This invitation has been accepted already.")
    if invitation.revoked_at:
        raise ValidationError("This invitation was revoked; invite the person again instead.")
    invitation.token = new_invitation_token()
    invitation.expires_at = default_invitation_expiry()
    invitation.sent_at = None
    invitation.save(update_fields=["token", "expires_at", "sent_at"])
    person = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if person:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        notify(
            recipient=person,
            kind=Kind.INVITATION,
            title=f"Reminder: you are invited to {invitation.cohort}",
            body=_invitation_text(invitation, invitation.cohort),
            url=invitation.get_absolute_url(),
            about=invitation,
            dedupe_key=f"invitation:{invitation.token}",
        )
    else:
        queue_invitation_emails([invitation.pk])
    record(actor=by, action=Action.INVITATION_RESENT, target=invitation, program_id=invitation.cohort.program_id)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: AbstractBaseUser) -> Invitation:
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ValidationError("Only an open invitation can be revoked.")
    cohorts_changed(cohort_ids=[invitation.cohort_id])
    invitation.refresh_from_db()
    record(actor=by, action=Action.INVITATION_REVOKED, target=invitation, program_id=invitation.cohort.program_id)
    return invitation


def invitation_problem(invitation: Invitation) -> str:
    """Why this invitation cannot be used any more, in words for the person holding the link."""
    if invitation.accepted_at:
        return "This invitation has already been used. If it was you, the cohort is on your “My programs” page."
    if invitation.revoked_at:
        return "This invitation was withdrawn by the program's coordinator."
    if invitation.is_expired:
        return (
            f"This invitation expired on {_day(timezone.localtime(invitation.expires_at))}. "
            "Ask the program's coordinator to send it again."
        )
    if invitation.cohort.phase == Phase.ENDED:
        return "This cohort has ended."
    return ""


def user_owns_address(user: AbstractBaseUser, email: str) -> bool:
    return user.email.lower() == email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: AbstractBaseUser) -> Enrollment:
    """Use the invitation up and make the enrollment active.

    Only the invited address may accept: the link is a secret mailed to that address, and a
    forwarded link must not enrol someone else. A person who signed up through the link had the
    address pre-filled and already verified by allauth (see views.invitation_accept).
    """
    invitation = Invitation.objects.select_for_update().select_related("cohort__program").get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if not user_owns_address(user, invitation.email):
        raise ValidationError(
            f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
            "Log out and sign in with the invited address."
        )
    enrollment, created = Enrollment.objects.select_for_update().get_or_create(
        user=user, cohort=invitation.cohort, role=invitation.role, defaults={"status": Enrollment.Status.ACTIVE}
    )
    if not created and enrollment.status != Enrollment.Status.ACTIVE:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.withdrawn_at = None
        enrollment.save(update_fields=["status", "withdrawn_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    changed = []
    if not user.first_name and invitation.first_name:
        user.first_name = invitation.first_name
        changed.append("first_name")
    if not user.last_name and invitation.last_name:
        user.last_name = invitation.last_name
        changed.append("last_name")
    if changed:
        user.save(update_fields=changed)
    return enrollment
