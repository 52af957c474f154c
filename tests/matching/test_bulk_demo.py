import random

from matching import demo
from matching.models import MatchRun
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from programs.models import MatchingMode


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
