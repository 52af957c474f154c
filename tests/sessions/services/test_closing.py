"""The end of a program: blind answers, the closing when the cohort ends, the survey and the thank-you note."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from mentoring.notifications.services import notify_many
from programs.models import Survey, SurveyAsk
from programs.services.surveys import add_closing_survey
from sessions.models import ClosingAnswer, Meeting, Side, ThankYouNote
from sessions.selectors.pairs import my_mentorships
from sessions.services.closing import (
    answer_closing_question,
    answers_of,
    close_ended_cohorts,
    prompt_is_open,
    send_thank_you_note,
    submit_closing_survey,
)
from tests.programs.factories import CohortFactory
from tests.sessions.closing_scene import (  # noqa: F401 (fixtures)
    ADVICE,
    CLOSE,
    CONTINUE,
    FEEDBACK,
    KEEP_IN_TOUCH,
    PERSPECTIVE,
    TIME,
    after_the_end_fixture,
    answer_closing_survey,
    closing_cohort_fixture,
    keys,
    pair_fixture,
)
from tests.sessions.factories import MeetingFactory, MentorshipFactory


def _in_threads(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results = []

    def run(i):
        try:
            barrier.wait()
            results.append(work(i))
        except ValidationError as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_prompt_opens_the_cohorts_closing_prompt_days_before_its_end(pair):
    cohort = pair.cohort
    assert prompt_is_open(pair, today=cohort.ends_on - timedelta(days=21))
    assert not prompt_is_open(pair, today=cohort.ends_on - timedelta(days=22))
    assert prompt_is_open(pair, today=cohort.ends_on)
    assert not prompt_is_open(pair, today=cohort.ends_on + timedelta(days=1))


def test_a_cohort_override_of_the_lead_time_wins_over_the_program_default(pair):
    cohort = pair.cohort
    cohort.closing_prompt_days = 5
    cohort.save()
    assert not prompt_is_open(pair, today=cohort.ends_on - timedelta(days=6))
    assert prompt_is_open(pair, today=cohort.ends_on - timedelta(days=5))


def test_an_answer_is_private_until_both_choose_to_continue(pair, mentee, mentor):
    answer_closing_question(mentorship=pair, by=mentee, choice=CONTINUE)
    assert answers_of(pair, mentee) == (ClosingAnswer.objects.get(side=Side.MENTEE), False)
    mine, mutual = answers_of(pair, mentor)
    assert mine is None and mutual is False
    assert not keys(f"mentorship:{pair.pk}:mutual_continue")

    answer_closing_question(mentorship=pair, by=mentor, choice=CONTINUE)
    assert answers_of(pair, mentor)[1] is True
    assert answers_of(pair, mentee)[1] is True
    told = Notification.objects.filter(dedupe_key__startswith=f"mentorship:{pair.pk}:mutual_continue")
    assert {n.recipient_id for n in told} == {mentee.pk, mentor.pk}


@pytest.mark.parametrize(
    ("mentee_choice", "mentor_choice"),
    [(CONTINUE, KEEP_IN_TOUCH), (CONTINUE, CLOSE), (KEEP_IN_TOUCH, CONTINUE), (CLOSE, CLOSE)],
)
def test_anything_short_of_a_mutual_continue_tells_nobody_anything(pair, mentee, mentor, mentee_choice, mentor_choice):
    answer_closing_question(mentorship=pair, by=mentee, choice=mentee_choice)
    answer_closing_question(mentorship=pair, by=mentor, choice=mentor_choice)
    assert answers_of(pair, mentee) == (ClosingAnswer.objects.get(side=Side.MENTEE), False)
    assert answers_of(pair, mentor) == (ClosingAnswer.objects.get(side=Side.MENTOR), False)
    assert not Notification.objects.filter(recipient__in=[mentee, mentor]).exists()


def test_an_answer_can_change_until_the_end(pair, mentee):
    answer_closing_question(mentorship=pair, by=mentee, choice=CLOSE)
    answer_closing_question(mentorship=pair, by=mentee, choice=KEEP_IN_TOUCH)
    assert list(ClosingAnswer.objects.values_list("side", "choice")) == [(Side.MENTEE, KEEP_IN_TOUCH)]


def test_a_mutual_continue_is_settled(pair, mentee, mentor):
    answer_closing_question(mentorship=pair, by=mentee, choice=CONTINUE)
    answer_closing_question(mentorship=pair, by=mentor, choice=CONTINUE)
    with pytest.raises(ValidationError, match="settled"):
        answer_closing_question(mentorship=pair, by=mentee, choice=CLOSE)


def test_only_the_pair_answers_and_only_while_the_prompt_is_open(pair, mentee, other_mentor, coordinator):
    with pytest.raises(ValidationError):
        answer_closing_question(mentorship=pair, by=other_mentor, choice=CONTINUE)
    with pytest.raises(ValidationError):
        answer_closing_question(mentorship=pair, by=coordinator, choice=CONTINUE)
    with pytest.raises(ValidationError, match="not open"):
        answer_closing_question(mentorship=pair, by=mentee, choice=CONTINUE, now=timezone.now() - timedelta(days=30))
    with pytest.raises(ValidationError):
        answer_closing_question(mentorship=pair, by=mentee, choice="maybe")
    assert not ClosingAnswer.objects.exists()


def test_the_database_keeps_one_answer_per_side(pair):
    ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTEE, choice=CLOSE)
    with pytest.raises(IntegrityError):
        ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTEE, choice=CONTINUE)


def _close_after_answers(pair, answers: dict, after_the_end):
    """Each side's answer (None: no answer), then the cohort's end: the pair, its meeting planned after the end, and
    the closing notices."""
    for person, choice in answers.items():
        if choice:
            answer_closing_question(mentorship=pair, by=person, choice=choice)
    upcoming = MeetingFactory(mentorship=pair, starts_at=after_the_end + timedelta(days=5))
    notify_many(close_ended_cohorts(now=after_the_end))
    pair.refresh_from_db()
    upcoming.refresh_from_db()
    return upcoming, Notification.objects.filter(dedupe_key__startswith=f"mentorship:{pair.pk}:closeout")


def test_a_mutual_continue_converts_the_pair_when_the_cohort_ends(pair, mentee, mentor, after_the_end):
    upcoming, closings = _close_after_answers(pair, {mentee: CONTINUE, mentor: CONTINUE}, after_the_end)
    assert pair.status == Mentorship.Status.CONVERTED
    assert upcoming.status == Meeting.Status.SCHEDULED
    assert {n.recipient_id for n in closings} == {mentee.pk, mentor.pk}
    assert all("continues" in n.title for n in closings)


@pytest.mark.parametrize(
    ("mentee_choice", "mentor_choice"), [(CONTINUE, KEEP_IN_TOUCH), (CONTINUE, None), (None, None)]
)
def test_anything_else_completes_the_pair_and_invites_a_thank_you(
    pair, mentee, mentor, after_the_end, mentee_choice, mentor_choice
):
    upcoming, closings = _close_after_answers(pair, {mentee: mentee_choice, mentor: mentor_choice}, after_the_end)
    assert pair.status == Mentorship.Status.COMPLETED
    assert pair.ended_at == after_the_end
    assert upcoming.status == Meeting.Status.CANCELLED
    assert {n.recipient_id for n in closings} == {mentee.pk, mentor.pk}
    for notification in closings:
        assert "thank-you note" in notification.body
        assert "continue" not in notification.title.lower()


def test_closing_waits_for_the_day_after_the_last_day(pair):
    last_day = timezone.make_aware(datetime.combine(pair.cohort.ends_on, time.min))
    assert close_ended_cohorts(now=last_day + timedelta(hours=23)) == []
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ACTIVE


def test_closing_leaves_pairs_that_are_not_active_alone(closing_cohort, after_the_end):
    ended = MentorshipFactory(cohort=closing_cohort, status=Mentorship.Status.ENDED_EARLY)
    proposed = MentorshipFactory(cohort=closing_cohort, status=Mentorship.Status.PROPOSED)
    assert close_ended_cohorts(now=after_the_end) == []
    assert Mentorship.objects.get(pk=ended.pk).status == Mentorship.Status.ENDED_EARLY
    assert Mentorship.objects.get(pk=proposed.pk).status == Mentorship.Status.PROPOSED


def test_a_converted_pair_stays_on_both_sides_pages(pair, mentee, mentor, after_the_end, client):
    answer_closing_question(mentorship=pair, by=mentee, choice=CONTINUE)
    answer_closing_question(mentorship=pair, by=mentor, choice=CONTINUE)
    notify_many(close_ended_cohorts(now=after_the_end))
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.CONVERTED
    for person in (mentee, mentor):
        client.force_login(person)
        assert client.get(pair.get_absolute_url()).status_code == 200
        assert pair.get_absolute_url() in client.get(reverse("sessions:mentorship_list")).content.decode()
    assert [m.pk for m in my_mentorships(user=mentee)["as_mentee"]] == [pair.pk]
    assert [m.pk for m in my_mentorships(user=mentor)["as_mentor"]] == [pair.pk]


def test_each_side_answers_the_survey_once(pair, mentee, mentor):
    ask = answer_closing_survey(pair, mentee, 4, FEEDBACK)
    survey = Survey.objects.closing().get(cohort=pair.cohort)
    rated, helped = survey.questions.order_by("order", "pk")
    assert (ask.survey, ask.user, ask.occasion) == (survey, mentee, f"mentorship:{pair.pk}")
    assert ask.answers == {str(rated.pk): 4, str(helped.pk): FEEDBACK} and ask.is_answered
    answer_closing_survey(pair, mentor, 5, PERSPECTIVE)
    with pytest.raises(ValidationError, match="already"):
        answer_closing_survey(pair, mentee, 1, ADVICE)
    assert SurveyAsk.objects.answered().count() == 2


def test_a_mentee_with_two_mentors_answers_for_each_pair(pair, mentee, closing_cohort):
    second = MentorshipFactory(cohort=closing_cohort, mentee=mentee)
    answer_closing_survey(pair, mentee, 4)
    answer_closing_survey(second, mentee, 2)
    assert SurveyAsk.objects.filter(user=mentee).count() == 2


@pytest.mark.parametrize(("rating", "helped"), [(0, ADVICE), (6, ADVICE), (3, 99), (None, ADVICE), (4, None)])
def test_the_survey_refuses_answers_outside_its_scale(pair, mentee, rating, helped):
    with pytest.raises(ValidationError):
        answer_closing_survey(pair, mentee, rating, helped)
    assert not SurveyAsk.objects.answered().exists()


def test_the_survey_refuses_questions_of_another_survey(pair, mentee):
    other = add_closing_survey(cohort=CohortFactory())
    with pytest.raises(ValidationError, match="questions of this program"):
        submit_closing_survey(mentorship=pair, by=mentee, answers=dict.fromkeys(other.questions.all()[:1], 3))
    assert not SurveyAsk.objects.exists()


def test_a_cohort_without_a_close_out_survey_has_nothing_to_answer(pair, mentee):
    Survey.objects.closing().filter(cohort=pair.cohort).delete()
    with pytest.raises(ValidationError, match="no closing survey"):
        submit_closing_survey(mentorship=pair, by=mentee, answers={})


def test_the_survey_is_closed_in_the_middle_of_a_program_and_to_outsiders(mentorship, pair, other_mentee):
    add_closing_survey(cohort=mentorship.cohort)
    with pytest.raises(ValidationError, match="opens near the end"):
        submit_closing_survey(mentorship=mentorship, by=mentorship.mentee, answers={})
    with pytest.raises(ValidationError):
        answer_closing_survey(pair, other_mentee, 4)


def test_the_survey_stays_open_after_the_closing(pair, mentee, after_the_end):
    notify_many(close_ended_cohorts(now=after_the_end))
    pair.refresh_from_db()
    answer_closing_survey(pair, mentee, 3, TIME, now=after_the_end)
    assert SurveyAsk.objects.answered().filter(occasion=f"mentorship:{pair.pk}").count() == 1


def test_a_thank_you_note_reaches_the_partner_once(pair, mentee, mentor, after_the_end):
    notify_many(close_ended_cohorts(now=after_the_end))
    pair.refresh_from_db()
    note = send_thank_you_note(mentorship=pair, by=mentee, body="  Your questions about my budget plan.  ")
    assert (note.side, note.author, note.body) == (Side.MENTEE, mentee, "Your questions about my budget plan.")
    received = Notification.objects.get(dedupe_key=f"mentorship:{pair.pk}:thanks:mentee")
    assert received.recipient == mentor
    assert "Your questions about my budget plan." in received.body
    with pytest.raises(ValidationError, match="already"):
        send_thank_you_note(mentorship=pair, by=mentee, body="Again")
    send_thank_you_note(mentorship=pair, by=mentor, body="Your preparation.")
    assert ThankYouNote.objects.filter(mentorship=pair).count() == 2


def test_a_thank_you_note_needs_words_and_the_right_moment(mentorship, pair, mentee, other_mentor):
    with pytest.raises(ValidationError):
        send_thank_you_note(mentorship=pair, by=mentee, body="   ")
    with pytest.raises(ValidationError):
        send_thank_you_note(mentorship=pair, by=other_mentor, body="Thanks")
    with pytest.raises(ValidationError, match="open near the end"):
        send_thank_you_note(mentorship=mentorship, by=mentorship.mentee, body="Thanks")
    assert not ThankYouNote.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_scans_close_each_pair_out_once():
    today = timezone.localdate()
    cohort = CohortFactory(starts_on=today - timedelta(days=200), ends_on=today - timedelta(days=1))
    pairs = [MentorshipFactory(cohort=cohort) for _ in range(12)]
    for pair in pairs[:4]:
        for side in Side.values:
            ClosingAnswer.objects.create(mentorship=pair, side=side, choice=CONTINUE)

    def scan(i):
        with transaction.atomic():
            return len(notify_many(close_ended_cohorts(limit=5)))

    assert sum(_in_threads(4, scan)) + sum(_in_threads(4, scan)) == 24
    assert Notification.objects.filter(dedupe_key__contains=":closeout:").count() == 24
    assert Mentorship.objects.filter(status=Mentorship.Status.CONVERTED).count() == 4
    assert Mentorship.objects.filter(status=Mentorship.Status.COMPLETED).count() == 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_both_sides_answering_continue_at_once_are_told_once():
    today = timezone.localdate()
    cohort = CohortFactory(starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=10))
    pair = MentorshipFactory(cohort=cohort)
    people = [pair.mentee, pair.mentor]

    results = _in_threads(2, lambda i: answer_closing_question(mentorship=pair, by=people[i], choice=CONTINUE))
    assert not [r for r in results if isinstance(r, ValidationError)]
    told = Notification.objects.filter(dedupe_key__startswith=f"mentorship:{pair.pk}:mutual_continue")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(p.pk for p in people)
