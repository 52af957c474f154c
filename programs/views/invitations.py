"""Invitations: the page behind the link, for whoever holds it, and the coordinator's invite, resend and revoke."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs import services
from programs.forms import InviteForm
from programs.models import Invitation
from programs.selectors.invitations import invitation_page

from ._access import cohort_for, invitation_for


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("cohort__program"), token=token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            enrollment = services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            refuse(request, exc)
            return redirect("programs:invitation_accept", token=token)
        messages.success(request, f"Welcome to {enrollment.cohort} as {enrollment.get_role_display().lower()}.")
        # The guided setup lives with sessions (it reads goals, requests and pairs); a URL name, not an import.
        return redirect("sessions:onboarding", pk=enrollment.pk)
    page = invitation_page(invitation, request.user)
    if not page.problem and not request.user.is_authenticated:
        # The link was mailed to this address, so whoever holds it has proved they read that
        # mailbox: allauth pre-fills the sign-up form with a stashed address and marks it verified
        # when the person signs up with it, so they skip the confirmation e-mail and come straight
        # back here. Signing up with another address still goes through verification.
        # The way back here is the `next` of the sign-up and log-in links on the page.
        get_adapter(request).stash_verified_email(request, invitation.email)
    return render(
        request,
        "programs/invitation_accept.html",
        {
            "invitation": invitation,
            "cohort": invitation.cohort,
            "problem": page.problem,
            "wrong_account": page.wrong_account,
        },
    )


@login_required
def invite(request, pk):
    cohort = cohort_for(request, pk)
    form = InviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_people(cohort=cohort, rows=form.cleaned_data["rows"], invited_by=request.user)
        except ValidationError as exc:
            refuse(request, exc)
            return redirect(cohort)
        sent = len(result.created)
        messages.success(request, f"{sent} invitation{'' if sent == 1 else 's'} sent.")
        if not result.skipped:
            return redirect(cohort)
        return render(request, "programs/invitation_result.html", {"cohort": cohort, "result": result})
    return render(request, "programs/invitation_form.html", {"cohort": cohort, "form": form})


@login_required
@require_POST
def invitation_resend(request, pk, invitation_pk):
    return _change_invitation(
        request, pk, invitation_pk, services.resend_invitation, "The invitation to {} is sent again, with a new link."
    )


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    return _change_invitation(
        request,
        pk,
        invitation_pk,
        services.revoke_invitation,
        "The invitation to {} is revoked; its link no longer works.",
    )


def _change_invitation(request, pk, invitation_pk, change, done: str):
    """Resend or revoke: the coordinator's invitation, the service, and back to the cohort page either way."""
    invitation = invitation_for(request, pk, invitation_pk)
    try:
        change(invitation=invitation, by=request.user)
        messages.success(request, done.format(invitation.email))
    except ValidationError as exc:
        refuse(request, exc)
    return redirect(invitation.cohort)
