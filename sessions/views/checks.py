"""The early relationship check, for one side of a pair: three private questions, answered once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sessions.forms import RelationshipCheckForm
from sessions.models import RelationshipCheck, side_of
from sessions.services.checks import answer_relationship_check
from sessions.views._access import pair_for


@login_required
def relationship_check(request, pk):
    mentorship = pair_for(request, pk)
    answered = RelationshipCheck.objects.filter(mentorship=mentorship, side=side_of(mentorship, request.user)).exists()
    form = RelationshipCheckForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            answer_relationship_check(mentorship=mentorship, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Thank you. Your answers stay private; coordinators hear if help is needed.")
            return redirect("sessions:mentorship_detail", pk=mentorship.pk)
    return render(
        request, "sessions/relationship_check.html", {"mentorship": mentorship, "form": form, "answered": answered}
    )
