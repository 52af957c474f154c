"""A proposed match as the two matched people see it: confirm it, or decline it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from matching import services
from matching.forms import DeclineForm
from matching.selectors.bulk import match_page
from matching.views._access import REFUSED, act, attempt, own_match, posted_text
from mentoring.web import refuse


@login_required
def match_detail(request, pk):
    context = match_page(mentorship=own_match(request, pk), user=request.user)
    return render(request, "matching/bulk_match.html", {**context, "decline_form": DeclineForm()})


@require_POST
@login_required
def match_confirm(request, pk):
    mentorship = own_match(request, pk)
    confirmed = attempt(request, services.confirm_match, mentorship=mentorship)
    if confirmed is not REFUSED and confirmed.is_active:
        messages.success(request, "You have both confirmed: your mentorship has started.")
        return redirect(confirmed)
    if confirmed is not REFUSED:
        messages.success(request, "Confirmed. We will tell you when your partner confirms too.")
    return redirect("matching:match_detail", pk=mentorship.pk)


@require_POST
@login_required
def match_decline(request, pk):
    mentorship = own_match(request, pk)
    back = reverse("matching:match_detail", args=[mentorship.pk])
    try:
        message = posted_text(DeclineForm, request, "message")
    except ValidationError as exc:
        refuse(request, exc)
        return redirect(back)
    success = "You declined the match; your coordinator is told."
    return act(request, back, services.decline_match, success, mentorship=mentorship, message=message)
