"""What the pair's pages show: each person's list of mentorships and the pair's home page, fetched in a fixed
number of queries however many meetings, items or notes there are."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Cohort
from sessions.models import WORKING_STATUSES, ActionItem, Agreement, Goal, Meeting, Note, with_state
from sessions.selectors.access import accesses_of
from sessions.selectors.closing import closing_banner
from sessions.selectors.goals import mentee_goals
from sessions.selectors.rows import first_rows

RECENT = 10
OPEN_ITEMS_SHOWN = 20


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str
    action: str


def next_step(*, user, mentorship: Mentorship, agreement, upcoming: Meeting | None, to_wrap_up: Meeting | None):
    """The one thing this person should do next for the pair: a meeting that took place comes first (memories
    fade), then the agreement, then the rhythm of scheduling, preparing and reviewing."""
    pair_url = mentorship.get_absolute_url()
    is_mentor = mentorship.is_mentor(user)
    if mentorship.status == Mentorship.Status.PROPOSED:
        confirmed = mentorship.mentor_confirmed_at if is_mentor else mentorship.mentee_confirmed_at
        if confirmed is None:
            return NextStep(
                "Your coordinator proposed this match: see why, then confirm it or decline.",
                reverse("matching:match_detail", args=[mentorship.pk]),
                "Review the match",
            )
        return None
    if mentorship.status not in WORKING_STATUSES:
        return None
    if to_wrap_up is not None:
        return NextStep(
            "Your last meeting has taken place: mark it held, record progress and write notes.",
            # The meeting page marks it held in place (or opens the wrap-up form when goals are to be checked in).
            to_wrap_up.get_absolute_url(),
            "Wrap up the meeting",
        )
    if agreement.proposal and agreement.proposed_by_id != user.pk:
        return NextStep("Your partner proposed a change to your agreement.", f"{pair_url}#agreement", "Review it")
    if not agreement.confirmed_by(user):
        return NextStep("Read and confirm your mentoring agreement.", f"{pair_url}#agreement", "Confirm the agreement")
    if upcoming is None:
        return NextStep(
            f"No meeting planned. You agreed to meet every {agreement.cadence_days} days.",
            reverse("sessions:meeting_create", args=[mentorship.pk]),
            "Schedule the next meeting",
        )
    if not is_mentor and upcoming.agenda_prepared_at is None:
        # An agenda prepared after its deadline counts as late, but it is there: no need to ask for it again.
        deadline = timezone.localtime(upcoming.agenda_deadline)
        if upcoming.agenda_deadline > timezone.now():
            text = f"Prepare the agenda: set the objective and add items by {deadline:%a %d %b, %H:%M}."
        else:
            text = "The agenda is not ready yet: set the objective and add items before the meeting."
        return NextStep(text, upcoming.get_absolute_url(), "Prepare the agenda")
    if is_mentor and upcoming.agenda_prepared_at and not upcoming.is_agenda_reviewed:
        return NextStep("The agenda is ready for your review.", upcoming.get_absolute_url(), "Review the agenda")
    return NextStep(
        f"You are ready for your meeting on {timezone.localtime(upcoming.starts_at):%a %d %b at %H:%M}.",
        upcoming.get_absolute_url(),
        "Open the meeting",
    )


# What a meeting's row (sessions/_meeting_row.html) and the next step read: a row of every column cost a third more.
MEETING_ROW = ("mentorship_id", "starts_at", "duration_minutes", "status", "agenda_prepared_at", "agenda_reviewed_at",
               "agenda_due_at")  # fmt: skip


def _pair_meetings(mentorship: Mentorship):
    return Meeting.objects.filter(mentorship=mentorship).only(*MEETING_ROW).with_agenda_counts()


def agreement_of(mentorship: Mentorship) -> Agreement:
    """The pair's agreement as it stands, or, before anyone changed or confirmed it, its unsaved draft:
    reading a page never writes."""
    agreement = Agreement.objects.filter(mentorship=mentorship).first() or Agreement.draft_for(mentorship)
    agreement.mentorship = mentorship
    return agreement


def pair_page(*, mentorship: Mentorship, agreement: Agreement, user, all_items: bool = False) -> dict:
    now = timezone.now()
    meetings = _pair_meetings(mentorship)
    upcoming = list(meetings.upcoming(now)[:RECENT])
    # The most recent past meetings, each carrying how many there are and how many were held (every held meeting
    # is past): no separate COUNT query.
    past = list(
        meetings.past(now).annotate(
            past_in_all=Window(Count("pk")),
            held_in_all=Window(Count("pk", filter=Q(status=Meeting.Status.HELD))),
        )[:RECENT]
    )
    for meeting in (*upcoming, *past):
        meeting.mentorship = mentorship
    to_wrap_up = next((m for m in past if m.status == Meeting.Status.SCHEDULED), None)
    counts = {"past": past[0].past_in_all, "held": past[0].held_in_all} if past else {"past": 0, "held": 0}
    open_items, open_count = first_rows(
        ActionItem.objects.open().filter(mentorship=mentorship).select_related("owner"),
        None if all_items else OPEN_ITEMS_SHOWN,
    )
    goals = list(mentee_goals(mentorship).exclude(status=Goal.Status.DROPPED))
    notes = list(
        Note.objects.filter(mentorship=mentorship)
        .visible_to(user)
        .select_related("author", "meeting")
        .order_by("-created_at", "-pk")[:RECENT]
    )
    return {
        "mentorship": with_state(mentorship),
        "agreement": agreement,
        "closing_banner": closing_banner(mentorship=mentorship, user=user),
        "is_mentor": mentorship.is_mentor(user),
        "partner": mentorship.other_side(user),
        "upcoming": upcoming,
        "past": past,
        "meeting_counts": counts,
        "open_items": open_items,
        "open_count": open_count,
        "note_visibilities": Note.Visibility.choices,
        "goals": goals,
        "notes": notes,
        "accesses": accesses_of(mentorship),
        "next_step": next_step(
            user=user,
            mentorship=mentorship,
            agreement=agreement,
            upcoming=upcoming[0] if upcoming else None,
            to_wrap_up=to_wrap_up,
        ),
    }


def my_mentorships(*, user) -> dict:
    """Each person's working home: as a mentee, mentors, meetings, items and goals; as a mentor, agendas to review."""
    now = timezone.now()
    next_meeting = Meeting.objects.filter(mentorship=OuterRef("pk")).upcoming(now)
    mentorships = list(
        Mentorship.objects.for_user(user)
        .select_related("mentee", "mentor", "cohort__program")
        .annotate(
            next_meeting_at=Subquery(next_meeting.values("starts_at")[:1]),
            next_meeting_id=Subquery(next_meeting.values("pk")[:1]),
            open_items=Count("action_items", filter=Q(action_items__done_at__isnull=True), distinct=True),
        )
        .order_by("status", "-started_at", "-pk")
    )
    for mentorship in mentorships:
        with_state(mentorship)
    working = [m for m in mentorships if m.state.is_working or m.state.is_proposed]
    mine = Meeting.objects.for_user(user).select_related(
        "mentorship__mentee", "mentorship__mentor", "mentorship__cohort__program"
    )
    reviewing = mine.filter(mentorship__mentor=user, agenda_reviewed_at__isnull=True).upcoming(now).with_agenda_counts()
    return {
        "as_mentee": [m for m in working if m.mentee_id == user.pk],
        "as_mentor": [m for m in working if m.mentor_id == user.pk],
        "ended": [m for m in mentorships if m not in working],
        "upcoming": list(mine.upcoming(now).with_agenda_counts()[:RECENT]),
        "to_review": list(reviewing[:RECENT]),
        "my_items": list(
            ActionItem.objects.for_user(user)
            .open()
            .filter(owner=user)
            .select_related("owner", "mentorship__mentee", "mentorship__mentor")[:RECENT]
        ),
        "goals": list(
            Goal.objects.owned_by(user).active().select_related("enrollment__cohort__program").with_latest_value()
        ),
        "coordinated": list(
            Cohort.objects.for_coordinator(user).select_related("program").order_by("-starts_on")[:RECENT]
        ),
    }
