"""Find a mentor: a cohort's mentors ranked for me, and one mentor's profile with why they fit."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from matching.forms import MentorFilterForm
from matching.selectors.mentors import find_mentor_page, mentor_profile_page
from matching.views._access import cohort_mentor, mentee_cohort
from mentoring import kept


@login_required
def find_mentor(request, cohort_pk):
    """The cohort's mentors ranked for me, with reasons and filters; only the current page is rendered."""
    cohort = mentee_cohort(request, cohort_pk)
    filters = MentorFilterForm(request.GET).filters()
    content = kept.draw(
        request,
        "matching/_mentor_suggestions_page.html",
        lambda: find_mentor_page(
            cohort=cohort, mentee=request.user, filters=filters, page_number=request.GET.get("page")
        ),
        scopes=[kept.program(cohort.program_id)],
    )
    return render(request, "matching/mentor_suggestions.html", {"content": content, "cohort": cohort})


@login_required
def mentor_profile(request, cohort_pk, user_pk):
    cohort = mentee_cohort(request, cohort_pk)
    mentor = cohort_mentor(cohort, user_pk)
    return render(
        request, "matching/mentor_profile.html", mentor_profile_page(cohort=cohort, mentee=request.user, mentor=mentor)
    )
