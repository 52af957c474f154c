"""The end of a program in the minute scan: the private question, its last call, the closing."""

from datetime import timedelta

from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.scanning import run_scan
from mentoring.notifications.services import notify_many
from sessions.scans.closing import due_closing_prompts, due_closings, due_last_calls
from sessions.services.closing import answer_closing_question
from tests.sessions.closing_scene import CLOSE, after_the_end_fixture, closing_cohort_fixture, keys, pair_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import MentorshipFactory


def test_the_scan_asks_each_side_of_each_active_pair_once(pair, closing_cohort):
    ended_early = MentorshipFactory(cohort=closing_cohort, status=Mentorship.Status.ENDED_EARLY)
    MentorshipFactory()  # a pair in a cohort that is not closing
    now = timezone.now()
    drafts = due_closing_prompts(now)
    assert {(d.recipient_id, d.dedupe_key) for d in drafts} == {
        (pair.mentee_id, f"mentorship:{pair.pk}:conversion_prompt:mentee"),
        (pair.mentor_id, f"mentorship:{pair.pk}:conversion_prompt:mentor"),
    }
    assert all(d.kind == Kind.PROGRAM_END for d in drafts)
    notify_many(drafts)
    assert due_closing_prompts(now) == []
    run_scan(now)
    run_scan(now)
    assert len(keys(f"mentorship:{pair.pk}:conversion_prompt")) == 2
    assert not keys(f"mentorship:{ended_early.pk}:")


def test_the_prompt_waits_for_the_lead_time(closing_cohort, pair):
    closing_cohort.closing_prompt_days = 3
    closing_cohort.save()
    assert due_closing_prompts(timezone.now()) == []


def test_a_side_that_has_not_answered_gets_one_last_call_in_the_last_days(pair, mentee, mentor):
    run_scan(timezone.now())  # the question goes out ten days before the end
    answer_closing_question(mentorship=pair, by=mentor, choice=CLOSE)
    assert due_last_calls(timezone.now()) == [], "not yet: the last call waits for the last three days"

    three_days_before = timezone.now() + timedelta(days=7)
    [draft] = due_last_calls(three_days_before)
    assert (draft.recipient_id, draft.dedupe_key) == (mentee.pk, f"mentorship:{pair.pk}:conversion_last_call:mentee")
    run_scan(three_days_before)
    run_scan(three_days_before)
    assert keys(f"mentorship:{pair.pk}:conversion_last_call") == [f"mentorship:{pair.pk}:conversion_last_call:mentee"]
    assert due_last_calls(three_days_before) == []


def test_no_last_call_where_the_question_itself_came_late(closing_cohort, pair):
    closing_cohort.closing_prompt_days = 2
    closing_cohort.save()
    two_days_before = timezone.now() + timedelta(days=8)
    run_scan(two_days_before)
    assert len(keys(f"mentorship:{pair.pk}:conversion_prompt")) == 2
    assert due_last_calls(two_days_before) == []


def test_closing_happens_once_however_often_the_scan_runs(pair, closing_cohort, after_the_end):
    others = [MentorshipFactory(cohort=closing_cohort) for _ in range(3)]
    assert run_scan(after_the_end) >= 8  # two closing notifications per pair (and nothing else is due)
    run_scan(after_the_end)
    run_scan(after_the_end + timedelta(minutes=1))
    assert due_closings(after_the_end) == []
    for mentorship in (pair, *others):
        assert len(keys(f"mentorship:{mentorship.pk}:closeout")) == 2
    assert Mentorship.objects.filter(status=Mentorship.Status.COMPLETED).count() == 4
