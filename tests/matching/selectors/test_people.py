"""What the engine sees of a program: its rules as a Policy, people's answers encoded for them (that program's only),
and managers from the program's reporting lines, up the chain."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.engine import Effect, Operator
from matching.selectors.people import load_people, program_rules
from programs.kinds import QuestionKind
from programs.models import MatchRule, ReportingLine
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import AnswerFactory, MatchRuleFactory, ProgramFactory, QuestionFactory, choices

pytestmark = pytest.mark.django_db


def test_a_programs_rules_become_the_engines_policy():
    program = ProgramFactory(exclude_management_chain=True)
    where = QuestionFactory(program=program, text="Where do you work?")
    years = QuestionFactory(program=program, kind=QuestionKind.NUMBER, choices=[], text="Years?")
    MatchRuleFactory(mentee_question=where, weight=8)
    MatchRuleFactory(mentee_question=years, operator=MatchRule.Operator.ABOVE, effect=MatchRule.Effect.MUST, weight=0)
    policy = program_rules(program).policy
    same, above = policy.rules
    assert (same.operator, same.effect, same.weight, same.mentee_labels) == (
        Operator.SAME, Effect.WEIGHT, 0.8, ("Remote", "Office", "Hybrid"),
    )  # fmt: skip
    assert (above.operator, above.effect, above.numeric, above.mentee_text) == (
        Operator.ABOVE, Effect.MUST, True, "Years?",
    )  # fmt: skip
    assert policy.management_chain and not policy.peers


def test_people_carry_their_answers_to_the_questions_the_rules_compare_and_no_others():
    program = ProgramFactory()
    topics = QuestionFactory(program=program, kind=QuestionKind.MULTIPLE, choices=choices("A", "B", "C"))
    years = QuestionFactory(program=program, kind=QuestionKind.NUMBER, choices=[])
    unused = QuestionFactory(program=program)
    elsewhere = QuestionFactory(program=ProgramFactory())
    MatchRuleFactory(mentee_question=topics, operator=MatchRule.Operator.OVERLAP)
    MatchRuleFactory(mentee_question=years, operator=MatchRule.Operator.ABOVE)
    person = ProfileFactory().user
    AnswerFactory(question=topics, user=person, value=[1, 3])
    AnswerFactory(question=years, user=person, value=7)
    AnswerFactory(question=unused, user=person, value=2)
    AnswerFactory(question=elsewhere, user=person, value=2)
    loaded = load_people([person.pk], rules=program_rules(program))[person.pk]
    assert loaded.answers == {topics.pk: 0b101, years.pk: 7.0}
    assert load_people([person.pk])[person.pk].answers == {}


def test_managers_come_from_the_imported_reporting_lines_then_profiles_up_the_chain():
    program = ProgramFactory(exclude_management_chain=True)
    ceo, director, manager, other = (UserFactory(email=f"{n}@example.org") for n in ("ceo", "dir", "mgr", "other"))
    ProfileFactory(user=director, manager_email="ceo@example.org")
    # The import says who the manager is, whatever the profile says.
    person = ProfileFactory(user=UserFactory(email="ada@example.org"), manager_email="other@example.org").user
    ReportingLine.objects.create(program=program, email="ada@example.org", manager_email="mgr@example.org")
    ReportingLine.objects.create(program=program, email="mgr@example.org", manager_email="DIR@example.org")
    # A loop in the data stops.
    ReportingLine.objects.create(program=program, email="ceo@example.org", manager_email="ada@example.org")
    rules = program_rules(program)
    loaded = load_people([person.pk], rules=rules)[person.pk]
    assert (loaded.manager_id, loaded.higher_managers[:2]) == (manager.pk, (director.pk, ceo.pk))
    assert other.pk not in (loaded.manager_id, *loaded.higher_managers)
    users = get_user_model().objects.filter(pk=person.pk)
    assert load_people(users, rules=rules)[person.pk].manager_id == manager.pk
    without_chain = program_rules(ProgramFactory())
    assert load_people([person.pk], rules=without_chain)[person.pk].manager_id == other.pk
    assert load_people([person.pk], rules=without_chain)[person.pk].higher_managers == ()


def test_loading_people_with_a_programs_rules_takes_the_same_few_queries_for_many():
    program = ProgramFactory(exclude_management_chain=True)
    question = QuestionFactory(program=program)
    MatchRuleFactory(mentee_question=question)
    rules = program_rules(program)
    counts = []
    for size in (2, 30):
        people = [ProfileFactory(manager_email="boss@example.org").user for _ in range(size)]
        for person in people:
            AnswerFactory(question=question, user=person)
        with CaptureQueriesContext(connection) as queries:
            loaded = load_people([p.pk for p in people], rules=rules)
        assert all(loaded[p.pk].answers == {question.pk: 1} for p in people)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5
