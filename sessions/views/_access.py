"""Every view starts here: the object this person may see, or a 404 that does not confirm it exists."""

from django.db.models import F
from django.shortcuts import get_object_or_404

from matching.models import Mentorship
from mentoring import kept
from sessions.models import ActionItem, AgendaItem, Goal, Meeting

PAIR = ("mentee", "mentor", "cohort__program")
MEETING = ("mentorship__mentee", "mentorship__mentor", "mentorship__cohort__program")


def pair_for(request, pk: int) -> Mentorship:
    return get_object_or_404(Mentorship.objects.for_user(request.user).select_related(*PAIR, "request"), pk=pk)


# Where pages are kept (mentoring.kept), the pair page and the meeting page first read only what their frame needs
# (the two people's names, the program's id for the scope, `program_id`: half the cost of the whole pair), and
# the whole pair only if they draw their content (`whole`). Drawn every time, they read it whole at once.
def _names(pair: str = "") -> list[str]:
    """Of each side of the pair (at `pair`, a path ending in "__"), only what a name is made of (display_name)."""
    return [f"{pair}{side}__{field}" for side in ("mentee", "mentor") for field in ("first_name", "last_name", "email")]


def whole(row, read):
    """`row`, or `read()` if `row` was read only in part."""
    return read() if row.get_deferred_fields() else row


def pair_page_for(request, pk: int) -> Mentorship:
    """The viewer's pair for its page."""
    if not kept.keeps_pages():
        return pair_for(request, pk)
    pairs = Mentorship.objects.for_user(request.user).select_related("mentee", "mentor")
    pairs = pairs.only(*_names())
    return get_object_or_404(pairs.annotate(program_id=F("cohort__program_id")), pk=pk)


def meeting_page_for(request, pk: int) -> Meeting:
    """A meeting of the viewer's pair for its page."""
    if not kept.keeps_pages():
        return meeting_for(request, pk)
    meetings = Meeting.objects.for_user(request.user).select_related("mentorship__mentee", "mentorship__mentor")
    meetings = meetings.only("starts_at", *_names("mentorship__"))
    return get_object_or_404(meetings.annotate(program_id=F("mentorship__cohort__program_id")), pk=pk)


def meeting_for(request, pk: int, *, role: str | None = None) -> Meeting:
    """A meeting of the viewer's pair; with role="mentor" or "mentee", only if they are that side of it."""
    meetings = Meeting.objects.for_user(request.user).select_related(*MEETING)
    if role:
        meetings = meetings.filter(**{f"mentorship__{role}": request.user})
    return get_object_or_404(meetings, pk=pk)


def agenda_item_for(request, pk: int, *, role: str | None = None) -> AgendaItem:
    items = AgendaItem.objects.filter(meeting__in=Meeting.objects.for_user(request.user).values("pk")).select_related(
        *(f"meeting__{path}" for path in MEETING)
    )
    if role:
        items = items.filter(**{f"meeting__mentorship__{role}": request.user})
    return get_object_or_404(items, pk=pk)


def action_item_for(request, pk: int) -> ActionItem:
    return get_object_or_404(ActionItem.objects.for_user(request.user).select_related("mentorship"), pk=pk)


def goal_for(request, pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.for_user(request.user).select_related("enrollment__cohort__program", "enrollment__user"), pk=pk
    )


def own_goal_for(request, pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.owned_by(request.user).select_related("enrollment__cohort__program", "enrollment__user"), pk=pk
    )


def mentored_goal_for(request, pk: int) -> Goal:
    """A goal of one of the viewer's mentees (not their own)."""
    return get_object_or_404(
        Goal.objects.for_user(request.user)
        .exclude(enrollment__user=request.user)
        .select_related("enrollment__cohort__program", "enrollment__user"),
        pk=pk,
    )
