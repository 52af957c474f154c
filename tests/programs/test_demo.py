import random

import pytest

from mentoring.profiles import demo as profiles_demo
from programs import demo
from programs.models import Cohort, Enrollment, Invitation, OrientationItem, Phase

pytestmark = pytest.mark.django_db


def test_demo_has_two_programs_with_cohorts_in_different_phases_and_is_idempotent():
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    demo.seed(context)
    counts = (Enrollment.objects.count(), Invitation.objects.count(), OrientationItem.objects.count())
    demo.seed({**context, "rng": random.Random(1)})
    assert (Enrollment.objects.count(), Invitation.objects.count(), OrientationItem.objects.count()) == counts
    assert {c.phase for c in Cohort.objects.all()} >= {Phase.UPCOMING, Phase.ENROLLING, Phase.ACTIVE, Phase.ENDED}
    assert len(context["programs"]) == 2
    assert Invitation.objects.pending().count() >= 5
    assert context["enrollments"]["active"]["mentees"]
