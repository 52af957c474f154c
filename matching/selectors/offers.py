"""What a mentor sees to make an offer: the cohort's active mentees not yet theirs, and their own open offers."""

from matching.models import MentorOffer, Mentorship
from mentoring.web import person_name
from programs.models import Cohort, Enrollment, Role


def offer_mentees(*, cohort: Cohort, mentor) -> dict:
    """Three queries, however many mentees."""
    mine = Mentorship.objects.current().filter(cohort=cohort, mentor=mentor).values("mentee_id")
    offered = set(
        MentorOffer.objects.pending().filter(cohort=cohort, mentor=mentor).values_list("mentee_id", flat=True)
    )
    mentees = (
        Enrollment.objects.active()
        .filter(cohort=cohort, role=Role.MENTEE)
        .exclude(user=mentor)
        .exclude(user_id__in=mine)
        .order_by("user__first_name", "user__last_name", "pk")
        .values_list("user_id", "user__first_name", "user__last_name", "user__email", "user__profile__headline")
    )
    rows = [
        {"pk": pk, "name": person_name(first, last, email), "headline": headline or "", "offered": pk in offered}
        for pk, first, last, email, headline in mentees
    ]
    return {"cohort": cohort, "mentees": rows}
