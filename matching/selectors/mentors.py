"""The pages where a mentee looks for a mentor: the ranked, filtered list of a cohort's mentors, and one mentor's
profile with why they fit."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

from matching.models import Mentorship, MentorshipRequest
from matching.selectors.board import board_seats
from matching.selectors.suggestions import explanation_for, fill_display, suggestions_for
from mentoring.profiles.models import Language, Profile, Skill
from programs.models import Cohort, Enrollment, Role

SUGGESTIONS_PER_PAGE = 20


def find_mentor_page(*, cohort: Cohort, mentee, filters: dict, page_number=None) -> dict:
    """One page of the cohort's mentors ranked for the mentee; `filters` are a MentorFilterForm's cleaned data."""
    suggestions = suggestions_for(
        cohort=cohort,
        mentee=mentee,
        skill=filters.get("skill"),
        department=filters.get("department", ""),
        language=filters.get("language", ""),
        available=filters.get("available", False),
    )
    page = Paginator(suggestions, SUGGESTIONS_PER_PAGE).get_page(page_number)
    fill_display(page.object_list)
    query = urlencode(
        {name: "1" if value is True else value for name, value in filters.items() if value not in (None, "", False)}
    )
    # An empty list says why: the filters, or nobody has joined as a mentor yet, or every mentor is ruled out.
    mentors_enrolled = None
    if not page.object_list and not query:
        mentors_enrolled = Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR).active().count()
    return {
        "cohort": cohort,
        "page": page,
        "skills": Skill.objects.order_by("name").values_list("pk", "name"),
        "languages": Language.choices,
        "filters": filters,
        # The filters again, for the links to the other pages.
        "query": query,
        "mentors_enrolled": mentors_enrolled,
        "seats": board_seats(cohort=cohort, mentee_id=mentee.pk),
    }


def mentor_profile_page(*, cohort: Cohort, mentee, mentor) -> dict:
    """A mentor's profile as a mentee of the cohort sees it: why they fit, and whether a request is possible."""
    return {
        "cohort": cohort,
        "mentor": mentor,
        "profile": Profile.objects.filter(user=mentor).prefetch_related("skills_offered").first(),
        "match": explanation_for(cohort=cohort, mentee=mentee, mentor=mentor),
        "paired": Mentorship.objects.current().filter(cohort=cohort, mentee=mentee, mentor=mentor).exists(),
        "asked": MentorshipRequest.objects.pending().filter(cohort=cohort, mentee=mentee, mentor=mentor).first(),
        "seats": board_seats(cohort=cohort, mentee_id=mentee.pk),
    }
