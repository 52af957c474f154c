"""The end of a program: each side's blind answer (continue, keep in touch, close with thanks), the closing
when the cohort ends (converted on a mutual "continue", completed otherwise), the survey and the thank-you note.

Answers are blind. Nothing here tells one side what the other chose, or even whether they answered, except a
mutual "continue", which both are told the moment it happens.
"""

from datetime import date, datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify
from programs.figures import figures_changed
from programs.models import Survey, SurveyAsk, SurveyQuestion
from programs.services.surveys import answer_survey, closing_occasion
from sessions.models import ClosingAnswer, Meeting, Side, ThankYouNote, side_of
from sessions.services._common import require_pair

# Pairs the end of the cohort closes: those still working when the program ends, and what they became.
CLOSED = (Mentorship.Status.COMPLETED, Mentorship.Status.CONVERTED)
CLOSING_BATCH = 500


def closing_url(mentorship_id: int) -> str:
    return reverse("sessions:closing_detail", args=[mentorship_id])


def prompt_is_open(mentorship: Mentorship, *, today: date | None = None) -> bool:
    """The pair is active and the cohort is within its last `closing_prompt_days` days."""
    today = today or timezone.localdate()
    cohort = mentorship.cohort
    return mentorship.status == Mentorship.Status.ACTIVE and cohort.closing_starts <= today <= cohort.ends_on


def is_closed(mentorship: Mentorship) -> bool:
    return mentorship.status in CLOSED


def answers_of(mentorship: Mentorship, user: AbstractBaseUser) -> tuple[ClosingAnswer | None, bool]:
    """This person's own answer, and whether both chose to continue: never the partner's answer itself."""
    side = side_of(mentorship, user)
    mine, continuing = None, 0
    for answer in ClosingAnswer.objects.filter(mentorship=mentorship):
        continuing += answer.choice == ClosingAnswer.Choice.CONTINUE
        if answer.side == side:
            mine = answer
    return mine, continuing == 2


def _side(mentorship: Mentorship, by: AbstractBaseUser) -> Side:
    require_pair(mentorship, by)
    return side_of(mentorship, by)


@transaction.atomic
def answer_closing_question(
    *, mentorship: Mentorship, by: AbstractBaseUser, choice: str, now: datetime | None = None
) -> ClosingAnswer:
    """Record (or change) one side's private answer while the prompt is open. A mutual "continue" settles it:
    both are told at once, and neither answer changes after that."""
    side = _side(mentorship, by)
    now = now or timezone.now()
    # Locking the pair makes the two sides' answers take turns, so a mutual "continue" is seen exactly once.
    mentorship = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor", "cohort__program")
        .get(pk=mentorship.pk)
    )
    if not prompt_is_open(mentorship, today=timezone.localdate(now)):
        raise ValidationError("The closing question is not open for this mentorship.")
    if choice not in ClosingAnswer.Choice.values:
        raise ValidationError({"choice": "Choose one of the three answers."})
    answers = {a.side: a for a in ClosingAnswer.objects.filter(mentorship=mentorship)}
    if len(answers) == 2 and all(a.choice == ClosingAnswer.Choice.CONTINUE for a in answers.values()):
        raise ValidationError("You have both chosen to continue: that is settled.")
    answer = answers.get(side)
    if answer is None:
        answer = ClosingAnswer.objects.create(
            mentorship=mentorship, side=side, choice=choice, answered_at=now, updated_at=now
        )
    elif answer.choice != choice:
        answer.choice, answer.updated_at = choice, now
        answer.save(update_fields=["choice", "updated_at"])
    other = answers.get(Side.MENTOR if side == Side.MENTEE else Side.MENTEE)
    if choice == ClosingAnswer.Choice.CONTINUE and other and other.choice == ClosingAnswer.Choice.CONTINUE:
        _tell_mutual_continue(mentorship)
    return answer


def _tell_mutual_continue(mentorship: Mentorship) -> None:
    ends = f"{mentorship.cohort.ends_on:%d %b %Y}"
    for user, partner, side in (
        (mentorship.mentee, mentorship.mentor, Side.MENTEE),
        (mentorship.mentor, mentorship.mentee, Side.MENTOR),
    ):
        notify(
            recipient=user,
            kind=Kind.PROGRAM_END,
            title=f"You and {partner.display_name} both want to continue",
            body=(
                f"You both chose to carry on informally after the program. When the cohort ends on {ends}, your "
                "mentorship stays open with its goals, shared notes and action items, at whatever rhythm suits you."
            ),
            dedupe_key=f"mentorship:{mentorship.pk}:mutual_continue:{side}",
            about=mentorship,
            url=closing_url(mentorship.pk),
        )


def _survey_or_thanks_open(mentorship: Mentorship, now: datetime) -> bool:
    return prompt_is_open(mentorship, today=timezone.localdate(now)) or is_closed(mentorship)


def _once_per_side(model, refusal: str, *, mentorship: Mentorship, side: Side, **fields):
    """Create the side's row, or refuse: a second one is caught here, or by the unique constraint in a race."""
    if model.objects.filter(mentorship=mentorship, side=side).exists():
        raise ValidationError(refusal)
    try:
        with transaction.atomic():
            return model.objects.create(mentorship=mentorship, side=side, **fields)
    except IntegrityError:
        raise ValidationError(refusal) from None


@transaction.atomic
def submit_closing_survey(
    *, mentorship: Mentorship, by: AbstractBaseUser, answers: dict[SurveyQuestion, object], now: datetime | None = None
) -> SurveyAsk:
    """One side's answers to the cohort's close-out survey, once per pair (a mentee with several mentors answers
    for each). Coordinators only ever see the totals (programs.selectors.surveys)."""
    side = _side(mentorship, by)
    now = now or timezone.now()
    if not _survey_or_thanks_open(mentorship, now):
        raise ValidationError("The closing survey opens near the end of the program.")
    survey = Survey.objects.closing().filter(cohort_id=mentorship.cohort_id).first()
    if survey is None or not survey.asks_role(side):
        raise ValidationError("This program has no closing survey for you to answer.")
    if any(question.survey_id != survey.pk for question in answers):
        raise ValidationError("Answer the questions of this program's closing survey.")
    ask, _ = SurveyAsk.objects.get_or_create(
        survey=survey, user=by, occasion=closing_occasion(mentorship.pk), defaults={"asked_at": now}
    )
    if ask.is_answered:
        raise ValidationError("You have already answered the survey for this mentorship. Thank you!")
    return answer_survey(ask=ask, answers=answers, now=now)


@transaction.atomic
def send_thank_you_note(
    *, mentorship: Mentorship, by: AbstractBaseUser, body: str, now: datetime | None = None
) -> ThankYouNote:
    """One note per side naming what helped; the partner gets it as a notification."""
    side = _side(mentorship, by)
    now = now or timezone.now()
    if not _survey_or_thanks_open(mentorship, now):
        raise ValidationError("Thank-you notes open near the end of the program.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Say what helped: a sentence is enough."})
    note = _once_per_side(
        ThankYouNote,
        "You have already sent your thank-you note.",
        mentorship=mentorship,
        side=side,
        author=by,
        body=body,
        sent_at=now,
    )
    notify(
        recipient=mentorship.other_side(by),
        kind=Kind.PROGRAM_END,
        title=f"A thank-you note from {by.display_name}",
        body=f"{by.display_name} wrote about what helped:\n\n{body}",
        dedupe_key=f"mentorship:{mentorship.pk}:thanks:{side}",
        about=mentorship,
        url=closing_url(mentorship.pk),
    )
    return note


@transaction.atomic
def close_ended_cohorts(*, now: datetime | None = None, limit: int = CLOSING_BATCH) -> list[Draft]:
    """Close every active pair whose cohort has ended: converted on a mutual "continue", completed otherwise.

    Exactly once: the rows are locked (skipping those another scan holds) and updated only while still active,
    and the notifications returned carry one dedupe key per pair and side. The caller creates them in the same
    transaction (the minute scan does), so a crash undoes both together and the next scan does the work again.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(
        Mentorship.objects.filter(status=Mentorship.Status.ACTIVE, cohort__ends_on__lt=today)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not due:
        return []
    mutual = set(
        ClosingAnswer.objects.continuing()
        .filter(mentorship_id__in=due)
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .filter(n=2)
        .values_list("mentorship_id", flat=True)
    )
    completed = [pk for pk in due if pk not in mutual]
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
    active.filter(pk__in=mutual).update(status=Mentorship.Status.CONVERTED)
    figures_changed(program_ids=Mentorship.objects.filter(pk__in=due).values_list("cohort__program_id", flat=True))
    active.filter(pk__in=completed).update(status=Mentorship.Status.COMPLETED, ended_at=now)
    Meeting.objects.filter(mentorship_id__in=completed, status=Meeting.Status.SCHEDULED, starts_at__gte=now).update(
        status=Meeting.Status.CANCELLED,
        cancelled_at=now,
        cancel_reason="The program has ended.",
        sequence=F("sequence") + 1,
    )
    return list(_closing_drafts(due, mutual))


def _closing_drafts(ids: list[int], mutual: set[int]):
    content_type = ContentType.objects.get_for_model(Mentorship)
    pairs = Mentorship.objects.filter(pk__in=ids).select_related("mentee", "mentor", "cohort").order_by("pk")
    for mentorship in pairs:
        pk, cohort_name = mentorship.pk, mentorship.cohort.name
        mentee, mentor = mentorship.mentee.display_name, mentorship.mentor.display_name
        for recipient_id, partner, side in (
            (mentorship.mentee_id, mentor, Side.MENTEE),
            (mentorship.mentor_id, mentee, Side.MENTOR),
        ):
            if pk in mutual:
                title = f"Your mentorship with {partner} continues"
                body = (
                    f"{cohort_name} has ended, and as you both chose, your mentorship carries on informally. "
                    "Your goals, shared notes and action items stay where they are; reminders now follow your own "
                    "notification preferences. If you have a minute, tell us how the match worked."
                )
            else:
                title = f"Your mentorship with {partner} is complete"
                body = (
                    f"{cohort_name} has ended. Thank you for the time and care you gave. Leave {partner} a short "
                    "thank-you note naming what helped, and answer two questions about the match: coordinators "
                    "only ever see the totals."
                )
            yield Draft(
                recipient_id=recipient_id,
                kind=Kind.PROGRAM_END,
                title=title,
                body=body,
                url=closing_url(pk),
                # "closeout", the first version's word, stays: a new key would send these again after a deploy.
                dedupe_key=f"mentorship:{pk}:closeout:{side}",
                content_type_id=content_type.pk,
                object_id=pk,
            )
