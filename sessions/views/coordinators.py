from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from mentoring.accounts.second_factor import second_factor_required
from programs.models import Cohort
from sessions import pages
from sessions.closeout import closeout_summary


@login_required
@second_factor_required
def cohort_activity(request, pk):
    """For the cohort's coordinators: counts and dates per pair, and the notes raised with them; never the rest."""
    cohort = get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)
    context = {**pages.cohort_activity(cohort=cohort), "closeout": closeout_summary(cohort)}
    return render(request, "sessions/cohort_activity.html", context)
