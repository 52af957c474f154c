"""Audited access to a pair's notes and agendas, for the program's coordinators where the program allows it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render

from matching.models import Mentorship
from mentoring.accounts.second_factor import second_factor_required
from sessions import services
from sessions.forms import AccessReasonForm
from sessions.selectors.access import pair_content


@second_factor_required
def _audited_pair(request, pk) -> Mentorship:
    """A pair of a program this person coordinates and that allows audited access; anyone else: 404, as today."""
    pairs = Mentorship.objects.filter(
        cohort__program__coordinators=request.user, cohort__program__audited_access=True
    ).select_related("mentee", "mentor", "cohort__program")
    return get_object_or_404(pairs, pk=pk)


@login_required
def pair_content_view(request, pk):
    """GET asks for the reason; a POST with one records it and shows the content, once: every look is recorded."""
    mentorship = _audited_pair(request, pk)
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_pair_content(mentorship=mentorship, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "sessions/pair_content.html", pair_content(mentorship))
    return render(request, "sessions/pair_content_reason.html", {"form": form, "mentorship": mentorship})
