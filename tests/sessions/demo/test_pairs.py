import random

from django.db.models import Count

from matching import demo as matching_demo
from matching.models import Mentorship
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from sessions import demo
from sessions.models import ActionItem, Agreement, Goal, GoalCheckIn, Meeting, Note


def _counts():
    return [model.objects.count() for model in (Agreement, Meeting, Note, ActionItem, Goal, GoalCheckIn)]


def _seed_up_to_matching(with_pairs: bool) -> dict:
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    programs_demo.seed(context)
    if with_pairs:
        matching_demo.seed(context)
    return context


def test_demo_gives_the_matching_pairs_a_life_and_is_idempotent(db):
    context = _seed_up_to_matching(with_pairs=True)
    demo.seed(context)
    counts = _counts()
    demo.seed(context)
    assert _counts() == counts
    pairs = Mentorship.objects.filter(status="active").count()
    assert Agreement.objects.count() == pairs
    assert Meeting.objects.filter(status=Meeting.Status.HELD, mentorship__status="active").count() == 3 * pairs
    upcoming = Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
    assert upcoming.filter(agenda_reviewed_at__isnull=False).exists()
    assert upcoming.filter(agenda_prepared_at__isnull=False, agenda_reviewed_at__isnull=True).exists()
    assert upcoming.filter(agenda_prepared_at__isnull=True).exists()
    assert Note.objects.filter(visibility="private").exists() and ActionItem.objects.open().exists()
    assert Goal.objects.annotate(n=Count("check_ins")).filter(n__gt=0).count() == Goal.objects.count() > 0
    assert Goal.objects.filter(status="achieved", confirmed_at__isnull=False).exists()


def test_demo_makes_its_own_pairs_when_matching_made_none(db):
    context = _seed_up_to_matching(with_pairs=False)
    demo.seed(context)
    assert Mentorship.objects.filter(cohort=context["cohorts"]["active"]).count() == 4
    assert Meeting.objects.exists() and Goal.objects.exists()
