import random

from django.db.models import Count

from matching import demo
from matching.models import MatchRun, Mentorship, MentorshipRequest
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from programs.models import MatchingMode, MatchRule


def test_demo_has_pairs_a_board_of_three_and_pending_requests_and_is_idempotent(db):
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    programs_demo.seed(context)
    demo.seed(context)
    counts = (Mentorship.objects.count(), MentorshipRequest.objects.count())
    demo.seed(context)
    assert (Mentorship.objects.count(), MentorshipRequest.objects.count()) == counts
    assert MentorshipRequest.objects.pending().exists()
    boards = Mentorship.objects.values("mentee").annotate(n=Count("pk")).order_by("-n")
    assert boards[0]["n"] == 3


def test_demo_has_a_coordinator_matched_cohort_with_a_draft_run_and_seeding_twice_adds_nothing(db):
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    programs_demo.seed(context)
    demo.seed(context)
    demo.seed(context)

    run = MatchRun.objects.get()
    assert run.is_draft and run.cohort.rule("matching_mode") == MatchingMode.COORDINATOR
    assert run.pairs.count() > 10
    assert run.pairs.filter(locked=True).count() == 1
    assert run.unmatched.exists(), "more mentees than seats: the proposal shows who is left and why"
    assert all(pair.reasons for pair in run.pairs.all())
    rules = {f"rule:{pk}" for pk in MatchRule.objects.filter(program=run.cohort.program).values_list("pk", flat=True)}
    assert all(rules & set(pair.contributions) for pair in run.pairs.all()), "the program's rules are terms of scores"
    assert any("“What would you like to talk about?”" in reason for pair in run.pairs.all() for reason in pair.reasons)
