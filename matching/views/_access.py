"""Every matching view starts here: the object this person may act on, or a 404 that does not confirm it exists;
and one way to call a service and say how it went."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from matching.models import MatchRun, MentorOffer, Mentorship, MentorshipRequest, ProposedPair
from mentoring.accounts.second_factor import second_factor_required
from mentoring.web import refuse
from programs.models import Cohort, Enrollment, Role


def mentee_cohort(request, cohort_pk: int) -> Cohort:
    """A cohort the viewer is an active mentee of."""
    return get_object_or_404(
        Cohort.objects.filter(
            enrollments__user=request.user, enrollments__role=Role.MENTEE, enrollments__status=Enrollment.Status.ACTIVE
        ).select_related("program"),
        pk=cohort_pk,
    )


def cohort_mentor(cohort: Cohort, user_pk: int):
    """An active mentor of this cohort."""
    return get_object_or_404(
        get_user_model().objects.filter(
            enrollments__cohort=cohort, enrollments__role=Role.MENTOR, enrollments__status=Enrollment.Status.ACTIVE
        ),
        pk=user_pk,
    )


def mentor_cohort(request, cohort_pk: int) -> Cohort:
    """A cohort the viewer is an active mentor of."""
    return get_object_or_404(
        Cohort.objects.filter(
            enrollments__user=request.user, enrollments__role=Role.MENTOR, enrollments__status=Enrollment.Status.ACTIVE
        ).select_related("program"),
        pk=cohort_pk,
    )


def own_offer(request, pk: int) -> MentorOffer:
    """An offer the viewer made or received."""
    return get_object_or_404(
        MentorOffer.objects.for_user(request.user).select_related("mentee", "mentor", "cohort__program"), pk=pk
    )


def own_request(request, pk: int) -> MentorshipRequest:
    """A request the viewer sent or received."""
    return get_object_or_404(
        MentorshipRequest.objects.for_user(request.user).select_related("mentee", "mentor", "cohort__program"), pk=pk
    )


@second_factor_required
def coordinated_cohort(request, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


@second_factor_required
def coordinated_run(request, pk: int) -> MatchRun:
    return get_object_or_404(MatchRun.objects.for_coordinator(request.user).select_related("cohort__program"), pk=pk)


def run_pair(request, pk: int, pair_pk: int) -> ProposedPair:
    run = coordinated_run(request, pk)
    pair = get_object_or_404(ProposedPair.objects.select_related("mentee", "mentor"), run=run, pk=pair_pk)
    pair.run = run
    return pair


def own_match(request, pk: int) -> Mentorship:
    """A mentorship the viewer is half of (the matched people's confirmation pages)."""
    return get_object_or_404(
        Mentorship.objects.for_user(request.user).select_related("mentee", "mentor", "cohort__program"), pk=pk
    )


# What `attempt` returns when the service refused (a service may return None when it succeeds).
REFUSED = object()


def attempt(http_request, action, /, **kwargs):
    """Call a service as this person and return what it returns; when it refuses, show why and return REFUSED.
    Positional-only, since services take a `request=` of their own (a mentorship request)."""
    try:
        return action(by=http_request.user, **kwargs)
    except ValidationError as exc:
        refuse(http_request, exc)
        return REFUSED


def act(http_request, back, action, success: str, /, **kwargs):
    """Call a service as this person, say how it went, and go back to `back` (an object, a URL or a URL name)."""
    if attempt(http_request, action, **kwargs) is not REFUSED:
        messages.success(http_request, success)
    return redirect(back)


def posted_text(form_class, request, field: str) -> str:
    """A posted form's one text field: "" when left empty (the service then says what is missing). Text the form
    refuses for any other reason (a NUL byte, too long) raises its ValidationError: nothing is done with the post."""
    form = form_class(request.POST)
    if form.is_valid():
        return form.cleaned_data[field]
    refusals = [error for error in form.errors.as_data().get(field, ()) if error.code != "required"]
    if refusals:
        raise ValidationError(refusals)
    return ""
