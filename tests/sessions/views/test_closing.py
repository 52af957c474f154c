"""Each side's closing page, and the closing banner on the pair's page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.notifications.services import notify_many
from programs.models import Survey, SurveyAsk
from sessions.models import ClosingAnswer, Side, ThankYouNote
from sessions.services.closing import answer_closing_question, close_ended_cohorts
from tests.sessions.closing_scene import closing_cohort_fixture, pair_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import MentorshipFactory

ROLES = ("mentee", "mentor", "other_mentor", "other_mentee", "coordinator")


@pytest.fixture
def people(pair, closing_cohort, coordinator):
    return {
        "mentee": pair.mentee,
        "mentor": pair.mentor,
        "other_mentor": MentorshipFactory(cohort=closing_cohort).mentor,
        "other_mentee": MentorshipFactory(cohort=closing_cohort).mentee,
        "coordinator": coordinator,
    }


def closing(pair, name="closing_detail"):
    return reverse(f"sessions:{name}", args=[pair.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_sees_its_closing_page(client, pair, people, role):
    client.force_login(people[role])
    assert client.get(closing(pair)).status_code == (200 if role in ("mentee", "mentor") else 404)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("closing_answer", {"choice": "continue"}),
        ("closing_survey", {"answer_1": "5", "answer_2": "2"}),
        ("thank_you_send", {"body": "Thank you"}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_may_answer(client, pair, people, role, name, data):
    client.force_login(people[role])
    response = client.post(closing(pair, name), data)
    if role in ("mentee", "mentor"):
        assert response.status_code == 302
        assert response["Location"].startswith(closing(pair))
    else:
        assert response.status_code == 404
        assert not ClosingAnswer.objects.exists()
        assert not SurveyAsk.objects.exists()
        assert not ThankYouNote.objects.exists()


def test_the_closing_page_rejects_get_on_its_forms(client, pair, mentee):
    client.force_login(mentee)
    for name in ("closing_answer", "closing_survey", "thank_you_send"):
        assert client.get(closing(pair, name)).status_code == 405


def test_a_side_answers_privately_and_sees_only_its_own_answer(client, pair, mentee, mentor):
    client.force_login(mentee)
    client.post(closing(pair, "closing_answer"), {"choice": "continue"})
    assert ClosingAnswer.objects.get(mentorship=pair).side == Side.MENTEE
    mine = client.get(closing(pair))
    assert mine.context["answer"].choice == "continue"
    assert "Your answer now" in mine.content.decode()

    client.force_login(mentor)
    theirs = client.get(closing(pair))
    page = theirs.content.decode()
    assert theirs.context["answer"] is None
    assert theirs.context["mutual_continue"] is False
    assert "Your answer now" not in page
    assert "both chose" not in page
    assert "checked" not in page


def test_a_mutual_continue_is_shown_to_both(client, pair, mentee, mentor):
    answer_closing_question(mentorship=pair, by=mentee, choice="continue")
    client.force_login(mentor)
    client.post(closing(pair, "closing_answer"), {"choice": "continue"})
    for person in (mentee, mentor):
        client.force_login(person)
        assert "You and" in client.get(closing(pair)).content.decode()
        assert "both chose to continue" in client.get(pair.get_absolute_url()).content.decode()


def test_the_pairs_page_shows_the_question_while_it_is_open(client, pair, mentorship, mentee):
    client.force_login(mentee)
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "Answer privately" in page
    assert closing(pair) in page
    assert closing(mentorship) not in client.get(mentorship.get_absolute_url()).content.decode()


def test_an_invalid_survey_shows_the_form_again(client, pair, mentee):
    client.force_login(mentee)
    response = client.post(closing(pair, "closing_survey"), {"answer_1": "9", "answer_2": "2"})
    assert response.status_code == 200
    assert response.context["survey_form"].errors
    assert not SurveyAsk.objects.exists()


def test_each_side_answers_the_close_out_survey_on_the_closing_page(client, pair, mentee):
    client.force_login(mentee)
    page = client.get(closing(pair))
    survey = Survey.objects.closing().get(cohort=pair.cohort)
    assert page.context["closing_survey"] == survey
    assert list(page.context["survey_form"].fields) == ["answer_1", "answer_2"]
    assert "How well did the match work?" in page.content.decode()
    assert "Honest feedback" in page.content.decode()
    response = client.post(closing(pair, "closing_survey"), {"answer_1": "4", "answer_2": "3"})
    assert response["Location"] == f"{closing(pair)}#survey"
    ask = SurveyAsk.objects.get(user=mentee)
    assert (ask.survey, ask.occasion, sorted(ask.answers.values())) == (survey, f"mentorship:{pair.pk}", [3, 4])
    again = client.get(closing(pair))
    assert again.context["survey"] == ask
    assert "you answered on" in again.content.decode()
    client.post(closing(pair, "closing_survey"), {"answer_1": "1", "answer_2": "1"})
    assert SurveyAsk.objects.get(user=mentee).answers == ask.answers


def test_the_survey_follows_what_the_coordinator_made_of_it(client, pair, mentee):
    survey = Survey.objects.closing().get(cohort=pair.cohort)
    survey.audience = "mentors"
    survey.save()
    client.force_login(mentee)
    page = client.get(closing(pair))
    assert page.context["closing_survey"] is None
    assert 'id="survey"' not in page.content.decode()


def test_after_the_closing_each_side_can_thank_the_other(client, pair, mentee, mentor):
    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    client.force_login(mentee)
    assert "is complete" in client.get(closing(pair)).content.decode()
    client.post(closing(pair, "thank_you_send"), {"body": "You taught me to ask better questions."})
    client.force_login(mentor)
    page = client.get(closing(pair)).content.decode()
    assert "You taught me to ask better questions." in page
    assert "The program has ended" in client.get(pair.get_absolute_url()).content.decode()


def test_each_closing_choice_completes_the_question():
    from sessions.forms.closing import ClosingAnswerForm

    form = ClosingAnswerForm()
    question = form.fields["choice"].label
    sentences = [f"{question} {label[0].lower()}{label[1:]}." for _, label in form.fields["choice"].choices]
    assert sentences == [
        "After the program, I would like to continue informally.",
        "After the program, I would like to be contacted now and then.",
        "After the program, I would like to close with thanks.",
    ]
