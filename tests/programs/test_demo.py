import random

import pytest

from mentoring.profiles import demo as profiles_demo
from programs import demo
from programs.models import (
    Answer,
    Application,
    Cohort,
    Enrollment,
    Invitation,
    MatchRule,
    OrientationItem,
    Phase,
    ReportingLine,
)

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


def test_demo_has_questions_with_rules_reporting_lines_a_pending_application_and_a_waiting_list():
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    demo.seed(context)
    leadership = context["programs"]["leadership"]
    counts = (Answer.objects.count(), Application.objects.count(), ReportingLine.objects.count())
    demo.seed({**context, "rng": random.Random(1)})
    assert (Answer.objects.count(), Application.objects.count(), ReportingLine.objects.count()) == counts
    assert MatchRule.objects.filter(program=leadership, effect=MatchRule.Effect.WEIGHT).count() >= 2
    assert MatchRule.objects.filter(program=leadership, effect=MatchRule.Effect.MUST).exists()
    assert Answer.objects.filter(question__program=leadership).count() > 100
    assert ReportingLine.objects.filter(program=leadership).exists() and leadership.exclude_management_chain
    assert Application.objects.pending().exists() and Application.objects.waiting().count() == 2
    upcoming = context["cohorts"]["upcoming"]
    assert Enrollment.objects.filter(cohort=upcoming, role="mentee").count() == upcoming.mentee_seats == 2


def test_demo_publishes_a_guide_a_pdf_and_an_agenda_template_once():
    from programs.files import check_upload
    from programs.models import AgendaTemplate, Resource

    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    demo.seed(context)
    demo.seed({**context, "rng": random.Random(1)})
    leadership = context["programs"]["leadership"]
    guide = Resource.objects.get(program=leadership, kind="guide")
    pdf = Resource.objects.get(program=leadership, kind="file")
    with pdf.file.open("rb") as stream:
        assert check_upload(name=pdf.file_name, size=pdf.size, stream=stream).extension == "pdf"
    assert AgendaTemplate.objects.get(program=leadership).items.count() == 4
    assert OrientationItem.objects.filter(resource=guide).exists()
