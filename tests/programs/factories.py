from datetime import timedelta

import factory
from django.utils import timezone

from programs.kinds import QuestionKind
from programs.models import (
    AgendaTemplate,
    AgendaTemplateItem,
    Answer,
    Application,
    Audience,
    Cohort,
    Enrollment,
    Invitation,
    MatchRule,
    OrientationItem,
    Program,
    Question,
    Resource,
    Role,
    Survey,
    SurveyQuestion,
    Trigger,
)
from tests.factories import UserFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")

    @factory.post_generation
    def coordinators(program, create, extracted, **kwargs):
        if create and extracted:
            program.coordinators.add(*extracted)


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort that started a week ago: enrolling today."""

    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + timedelta(days=180))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = Role.MENTEE


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    cohort = factory.SubFactory(CohortFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.MENTEE


class OrientationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationItem

    cohort = factory.SubFactory(CohortFactory)
    role = Role.MENTEE
    title = factory.Sequence(lambda n: f"Step {n}")


def choices(*labels: str) -> list[dict]:
    return [{"id": i, "label": label} for i, label in enumerate(labels, start=1)]


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question asked of both sides: Remote (id 1), Office (2), Hybrid (3)."""

    class Meta:
        model = Question

    program = factory.SubFactory(ProgramFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    audience = Audience.BOTH
    choices = factory.LazyFunction(lambda: choices("Remote", "Office", "Hybrid"))
    order = factory.Sequence(lambda n: n)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)
    value = 1


class MatchRuleFactory(factory.django.DjangoModelFactory):
    """The same answer to one question on both sides, weight 5."""

    class Meta:
        model = MatchRule

    mentee_question = factory.SubFactory(QuestionFactory)
    mentor_question = factory.SelfAttribute("mentee_question")
    program = factory.SelfAttribute("mentee_question.program")
    operator = MatchRule.Operator.SAME
    effect = MatchRule.Effect.WEIGHT
    weight = 5


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory, program__applications_open=True)
    user = factory.SubFactory(UserFactory)
    role = Role.MENTEE


class SurveyFactory(factory.django.DjangoModelFactory):
    """A survey on the cohort's first day, for mentors and mentees."""

    class Meta:
        model = Survey

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Survey {n}")
    trigger = Trigger.TIMELINE
    send_on = factory.LazyAttribute(lambda s: s.cohort.starts_on if s.trigger == Trigger.TIMELINE else None)


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    kind = "scale"
    text = factory.Sequence(lambda n: f"Survey question {n}?")
    order = factory.Sequence(int)


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    program = factory.SubFactory(ProgramFactory)
    kind = Resource.Kind.GUIDE
    title = factory.Sequence(lambda n: f"Guide {n}")
    body = "How to prepare: see https://example.org/prepare"


class FileResourceFactory(factory.django.DjangoModelFactory):
    """A small text file, stored as an upload is."""

    class Meta:
        model = Resource

    program = factory.SubFactory(ProgramFactory)
    kind = Resource.Kind.FILE
    title = factory.Sequence(lambda n: f"File {n}")
    file = factory.django.FileField(filename="notes.txt", data=b"Bring your goals.\n")
    file_name = "notes.txt"
    content_type = "text/plain; charset=utf-8"
    size = 18


class AgendaTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaTemplate
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Template {n}")

    @factory.post_generation
    def items(template, create, extracted, **kwargs):
        if create:
            lines = extracted if extracted is not None else [("question", "What went well?"), ("discussion", "Next")]
            for order, (category, text) in enumerate(lines, start=1):
                AgendaTemplateItem.objects.create(template=template, category=category, text=text, order=order)
