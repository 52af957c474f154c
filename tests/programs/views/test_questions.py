import pytest
from django.urls import reverse

from programs.models import Answer, MatchRule, Question, Role
from tests.programs.conftest import queries
from tests.programs.factories import AnswerFactory, EnrollmentFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_adds_a_question_and_sees_how_many_answered(signed_in, cohort):
    program = cohort.program
    response = signed_in.post(
        reverse("programs:question_create", args=[program.slug]),
        {"text": "Where do you work?", "kind": "single", "choices_text": "Remote\nOffice", "audience": "both"},
    )
    assert response.status_code == 302
    question = Question.objects.get(program=program)
    for _ in range(2):
        AnswerFactory(question=question, user=EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user)
    EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    AnswerFactory(question=question)  # someone who no longer takes part
    body = signed_in.get(reverse("programs:question_list", args=[program.slug])).content.decode()
    assert "Where do you work?" in body and "Remote · Office" in body
    assert "<td>2 of 3</td>" in body


def test_a_question_with_bad_choices_saves_nothing_and_says_why(signed_in, program):
    response = signed_in.post(
        reverse("programs:question_create", args=[program.slug]),
        {"text": "Where?", "kind": "single", "choices_text": "Remote\nremote", "audience": "both"},
    )
    assert response.status_code == 200
    assert "“remote” is listed twice." in response.content.decode()
    response = signed_in.post(
        reverse("programs:question_create", args=[program.slug]),
        {"text": "Where?", "kind": "single", "choices_text": "Remote", "audience": "both"},
    )
    assert "A choice question needs at least two choices" in response.content.decode()
    assert not Question.objects.exists()


def test_removing_a_chosen_choice_is_refused_with_how_many_chose_it(signed_in, program):
    question = QuestionFactory(program=program, text="Where?")
    AnswerFactory.create_batch(2, question=question, value=1)
    url = reverse("programs:question_edit", args=[program.slug, question.pk])
    response = signed_in.post(url, {"text": "Where?", "kind": "single", "choices_text": "Office\nHybrid",
                                    "audience": "both"})  # fmt: skip
    assert "2 people chose “Remote”: it cannot be removed while their answers stand." in response.content.decode()
    question.refresh_from_db()
    assert question.labels == ["Remote", "Office", "Hybrid"]


def post_rule(client, program, mentee_question, mentor_question, effect="weight", weight="5"):
    data = {"mentee_question": mentee_question.pk, "mentor_question": mentor_question.pk, "operator": "same",
            "effect": effect, "weight": weight}  # fmt: skip
    return client.post(reverse("programs:rule_create", args=[program.slug]), data)


def test_a_rule_between_incompatible_questions_saves_nothing_and_says_why(signed_in, program):
    choice = QuestionFactory(program=program, text="Where?")
    number = QuestionFactory(program=program, text="Years?", kind="number", choices=[])
    response = post_rule(signed_in, program, choice, number)
    assert response.status_code == 200
    assert "a rule compares answers of the same type" in response.content.decode()
    assert not MatchRule.objects.exists()
    assert post_rule(signed_in, program, choice, choice, effect="must", weight="0").status_code == 302
    body = signed_in.get(reverse("programs:question_list", args=[program.slug])).content.decode()
    assert "“Where?” on both sides: same answer" in body and "must hold" in body


def test_removing_a_question_a_rule_uses_is_refused(signed_in, program):
    question = QuestionFactory(program=program)
    post_rule(signed_in, program, question, question)
    response = signed_in.post(reverse("programs:question_delete", args=[program.slug, question.pk]), follow=True)
    assert "1 matching rule compares this question: remove them first." in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_the_question_list_takes_the_same_queries_whatever_the_questions_and_answers(
    signed_in, cohort, django_assert_max_num_queries
):
    program = cohort.program
    for size in (2, 20):
        for _ in range(size):
            question = QuestionFactory(program=program)
            AnswerFactory(question=question, user=EnrollmentFactory(cohort=cohort).user)
        with django_assert_max_num_queries(9):  # +1: the second-factor check on coordinator pages
            assert signed_in.get(reverse("programs:question_list", args=[program.slug])).status_code == 200


def test_a_participant_answers_the_programs_questions_for_their_role(client, cohort):
    program = cohort.program
    where = QuestionFactory(program=program, text="Where do you work?", required=True)
    QuestionFactory(program=program, text="Mentors only?", audience="mentors")
    person = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
    client.force_login(person)
    url = reverse("programs:answers", args=[program.slug])
    body = client.get(url).content.decode()
    assert "Where do you work?" in body and "Mentors only?" not in body
    response = client.post(url, {})
    assert "This field is required." in response.content.decode()
    assert not Answer.objects.exists()
    assert client.post(url, {f"q{where.pk}": "3"}).status_code == 302
    assert Answer.objects.get(user=person).words == "Hybrid"
    listing = client.get(reverse("programs:my_answers")).content.decode()
    assert f"Your answers for {program.name}" in listing and "1 of 1 answered" in listing


def test_another_programs_people_never_see_its_questions(client, cohort):
    QuestionFactory(program=cohort.program)
    stranger = EnrollmentFactory().user
    client.force_login(stranger)
    assert client.get(reverse("programs:answers", args=[cohort.program.slug])).status_code == 404


def test_my_programs_points_to_the_questions_still_to_answer(client, cohort):
    program = cohort.program
    QuestionFactory(program=program, required=True)
    person = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
    client.force_login(person)
    body = client.get(reverse("programs:my_programs")).content.decode()
    assert f"Answer {program.name}'s questions" in body
    assert f"Your answers for {program.name}</a> (0 of 1 answered)" in body


def test_the_answer_pages_take_the_same_queries_whatever_the_questions(client, cohort):
    program = cohort.program
    person = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
    client.force_login(person)
    counts = []
    for size in (2, 20):
        for _ in range(size):
            AnswerFactory(question=QuestionFactory(program=program), user=person)
        counts.append([queries(client, reverse(name, args=args)) for name, args in
                       (("programs:answers", [program.slug]), ("programs:my_answers", []))])  # fmt: skip
    assert counts[0] == counts[1] and counts[0][0] <= 10 and counts[0][1] <= 8
