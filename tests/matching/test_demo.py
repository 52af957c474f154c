import random

from django.db.models import Count

from matching import demo
from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo


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
