"""What the end of a program shows: to each side of a pair its own closing page, to coordinators totals only.

`closing_summary(cohort)` is the one place the coordinator figures come from (the cohort activity page and the
coordinator dashboard both read it): counts and averages aggregated in the database, in a fixed number of
queries, never a row that says who answered what.
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Cohort
from sessions.models import ClosingAnswer, ClosingSurvey, ThankYouNote, side_of, with_state
from sessions.services.closing import CLOSED, answers_of, is_closed, prompt_is_open

# Pairs the closing concerns: still working near the end, or what they became when it came.
IN_CLOSING = (Mentorship.Status.ACTIVE, *CLOSED)
# Below this many surveys an average would point at a person: the figures wait until there are more.
MIN_SURVEYS_SHOWN = 3


def closing_summary(cohort: Cohort) -> dict:
    """The cohort's end-of-program figures, in four queries whatever its size.

    Keys: prompt_open, ended (bool); pairs (active, completed or converted), sides, answered (sides of those
    pairs that answered the private question); working (still active), converted, completed, ended_early,
    closed; converted_rate (per cent of closed pairs that converted, an int; None before the end or
    with none closed out); surveys, survey_average (None under MIN_SURVEYS_SHOWN), helped_most
    ([(label, count)] by count, empty under MIN_SURVEYS_SHOWN); thank_you_notes; min_surveys_shown.
    """
    today = timezone.localdate()
    pairs = Mentorship.objects.filter(cohort=cohort)
    counts = pairs.aggregate(
        pairs=Count("pk", filter=Q(status__in=IN_CLOSING)),
        converted=Count("pk", filter=Q(status=Mentorship.Status.CONVERTED)),
        completed=Count("pk", filter=Q(status=Mentorship.Status.COMPLETED)),
        working=Count("pk", filter=Q(status=Mentorship.Status.ACTIVE)),
        ended_early=Count("pk", filter=Q(status=Mentorship.Status.ENDED_EARLY)),
    )
    answered = ClosingAnswer.objects.filter(mentorship__cohort=cohort, mentorship__status__in=IN_CLOSING).count()
    helped = ClosingSurvey.HelpedMost
    surveys = ClosingSurvey.objects.filter(mentorship__cohort=cohort).aggregate(
        surveys=Count("pk"),
        average=Avg("match_rating"),
        **{f"helped_{value}": Count("pk", filter=Q(helped_most=value)) for value in helped.values},
    )
    thank_you_notes = ThankYouNote.objects.filter(mentorship__cohort=cohort).count()
    ended = cohort.ends_on < today
    closed = counts["converted"] + counts["completed"]
    enough = surveys["surveys"] >= MIN_SURVEYS_SHOWN
    return {
        "prompt_open": cohort.closing_starts <= today,
        "ended": ended,
        "pairs": counts["pairs"],
        "sides": 2 * counts["pairs"],
        "answered": answered,
        "converted": counts["converted"],
        "completed": counts["completed"],
        "working": counts["working"],
        "ended_early": counts["ended_early"],
        "closed": closed,
        "converted_rate": round(100 * counts["converted"] / closed) if ended and closed else None,
        "surveys": surveys["surveys"],
        "survey_average": round(float(surveys["average"]), 1) if enough else None,
        "helped_most": sorted(
            (
                (label, surveys[f"helped_{value}"])
                for value, label in helped.choices
                if enough and surveys[f"helped_{value}"]
            ),
            key=lambda pair: -pair[1],
        ),
        "thank_you_notes": thank_you_notes,
        "min_surveys_shown": MIN_SURVEYS_SHOWN,
    }


def closing_page(*, mentorship: Mentorship, user) -> dict:
    """One side's view of the end of its program: its own answer, survey and note, the note it received, and
    the partner's choice only when both chose to continue."""
    side = side_of(mentorship, user)
    mine, mutual = answers_of(mentorship, user)
    notes = {note.side: note for note in ThankYouNote.objects.filter(mentorship=mentorship)}
    prompt_open = prompt_is_open(mentorship)
    closed = is_closed(mentorship)
    return {
        "mentorship": with_state(mentorship),
        "partner": mentorship.other_side(user),
        "side": side,
        "prompt_open": prompt_open,
        "closed": closed,
        "cohort_ended": mentorship.cohort.ends_on < timezone.localdate(),
        "answer": mine,
        "mutual_continue": mutual,
        "survey": ClosingSurvey.objects.filter(mentorship=mentorship, side=side).first(),
        "survey_open": prompt_open or closed,
        "my_note": notes.get(side),
        "received_note": next((note for s, note in notes.items() if s != side), None),
    }


def closing_banner(*, mentorship: Mentorship, user) -> dict | None:
    """For the pair's home page: the open question (or what came of it), in at most one query."""
    if not (prompt_is_open(mentorship) or is_closed(mentorship)):
        return None
    mine, mutual = answers_of(mentorship, user)
    return {
        "mentorship": mentorship,
        "prompt_open": mentorship.status == Mentorship.Status.ACTIVE,
        "answered": mine is not None,
        "mutual_continue": mutual,
    }
