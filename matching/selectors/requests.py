"""What the request pages show: a person's requests inbox (received as a mentor, sent as a mentee) and one request."""

from matching.models import MentorOffer, MentorshipRequest
from mentoring.profiles.models import Profile
from programs.models import Enrollment, Role

RECENT = 50


def inbox_page(*, user) -> dict:
    """The mentor's pending requests first, then the recent answers; the mentee's sent requests; paused cohorts."""
    received = MentorshipRequest.objects.filter(mentor=user).select_related("mentee", "cohort__program")
    roles = set(Enrollment.objects.filter(user=user, status=Enrollment.Status.ACTIVE).values_list("role", flat=True))
    sent = list(MentorshipRequest.objects.filter(mentee=user).select_related("mentor", "cohort__program")[:RECENT])
    pending = list(received.pending())
    answered = list(received.exclude(status=MentorshipRequest.Status.PENDING)[:RECENT])
    offers = list(MentorOffer.objects.for_user(user).select_related("mentor", "mentee", "cohort__program")[:RECENT])
    return {
        "offers_received": [o for o in offers if o.mentee_id == user.pk],
        "offers_made": [o for o in offers if o.mentor_id == user.pk],
        "mentor_cohorts": Enrollment.objects.active()
        .filter(user=user, role=Role.MENTOR, paused_at__isnull=True)
        .select_related("cohort__program"),
        "pending": pending,
        "answered": answered,
        "sent": sent,
        "paused": Enrollment.objects.filter(user=user, role=Role.MENTOR, paused_at__isnull=False).select_related(
            "cohort__program"
        ),
        # Each side sees its own sections: a mentee is not shown an empty mentor's inbox, and the other way round.
        "as_mentor": Role.MENTOR in roles or bool(pending or answered),
        "as_mentee": Role.MENTEE in roles or bool(sent),
    }


def request_page(*, request: MentorshipRequest, user) -> dict:
    is_mentor = request.mentor_id == user.pk
    # The mentor decides better knowing who asks: the parts of the profile that serve matching.
    profile = Profile.objects.with_skills().filter(user_id=request.mentee_id).first() if is_mentor else None
    return {"req": request, "is_mentor": is_mentor, "mentee_profile": profile}
