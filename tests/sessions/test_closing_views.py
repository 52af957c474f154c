"""The end-of-program pages: each side's closing page, the banner on the pair's page, and the coordinators' totals."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.services import notify_many
from sessions.models import ClosingAnswer, ClosingSurvey, Side, ThankYouNote
from sessions.selectors.closing import closing_summary
from sessions.services.closing import answer_closing_question, close_ended_cohorts
from tests.programs.factories import CohortFactory
from tests.sessions.factories import MentorshipFactory

ROLES = ("mentee", "mentor", "other_mentor", "other_mentee", "coordinator")


@pytest.fixture
def closing_cohort(program):
    today = timezone.localdate()
    return CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=10))


@pytest.fixture
def pair(closing_cohort, mentee, mentor):
    return MentorshipFactory(cohort=closing_cohort, mentee=mentee, mentor=mentor)


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
        ("closing_survey", {"match_rating": "5", "helped_most": "advice"}),
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
        assert not ClosingSurvey.objects.exists()
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
    response = client.post(closing(pair, "closing_survey"), {"match_rating": "9", "helped_most": "advice"})
    assert response.status_code == 200
    assert response.context["survey_form"].errors
    assert not ClosingSurvey.objects.exists()


def test_after_the_closing_each_side_can_thank_the_other(client, pair, mentee, mentor):
    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    client.force_login(mentee)
    assert "is complete" in client.get(closing(pair)).content.decode()
    client.post(closing(pair, "thank_you_send"), {"body": "You taught me to ask better questions."})
    client.force_login(mentor)
    page = client.get(closing(pair)).content.decode()
    assert "You taught me to ask better questions." in page
    assert "The program has ended" in client.get(pair.get_absolute_url()).content.decode()


# Coordinators: totals only


def _answered_cohort(cohort, pairs: int) -> list[Mentorship]:
    """`pairs` pairs with a mix of answers, surveys and notes."""
    made = [MentorshipFactory(cohort=cohort) for _ in range(pairs)]
    choices = ["continue", "keep_in_touch", "close"]
    for i, pair in enumerate(made):
        ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTEE, choice=choices[i % 3])
        if i % 2 == 0:
            ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTOR, choice="continue")
        ClosingSurvey.objects.create(mentorship=pair, side=Side.MENTEE, match_rating=3 + i % 3, helped_most="advice")
        ThankYouNote.objects.create(mentorship=pair, side=Side.MENTOR, author=pair.mentor, body=f"Secret thanks {i}")
    return made


def test_closing_summary_counts_without_naming_anyone(closing_cohort):
    _answered_cohort(closing_cohort, 4)
    MentorshipFactory(cohort=closing_cohort, status=Mentorship.Status.ENDED_EARLY)
    summary = closing_summary(closing_cohort)
    assert summary["prompt_open"] and not summary["ended"]
    assert (summary["pairs"], summary["sides"], summary["answered"]) == (4, 8, 6)
    assert summary["converted_rate"] is None
    assert (summary["surveys"], summary["survey_average"]) == (4, 3.8)  # ratings 3, 4, 5, 3
    assert summary["helped_most"] == [("Advice on specific situations", 4)]
    assert (summary["thank_you_notes"], summary["ended_early"], summary["working"]) == (4, 1, 4)


def test_closing_summary_gives_the_converted_rate_after_the_end(closing_cohort):
    _answered_cohort(closing_cohort, 4)  # pairs 0 (continue, continue) and 2 (close, continue): one mutual
    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    closing_cohort.ends_on = timezone.localdate() - timedelta(days=1)
    closing_cohort.save()
    summary = closing_summary(closing_cohort)
    assert summary["ended"]
    assert (summary["converted"], summary["completed"], summary["closed"]) == (1, 3, 4)
    assert summary["converted_rate"] == 25


def test_closing_summary_hides_averages_until_enough_surveys(closing_cohort):
    _answered_cohort(closing_cohort, 2)
    summary = closing_summary(closing_cohort)
    assert summary["surveys"] == 2
    assert summary["survey_average"] is None
    assert summary["helped_most"] == []


@pytest.mark.parametrize("pairs", [2, 30])
def test_closing_summary_takes_four_queries_at_any_size(closing_cohort, pairs, django_assert_num_queries):
    _answered_cohort(closing_cohort, pairs)
    with django_assert_num_queries(4):
        closing_summary(closing_cohort)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_activity_page_stays_constant_with_closing_data(client, closing_cohort, coordinator):
    _answered_cohort(closing_cohort, 2)
    url = reverse("sessions:cohort_activity", args=[closing_cohort.pk])
    client.force_login(coordinator)
    few = _queries(client, url)
    _answered_cohort(closing_cohort, 20)
    assert _queries(client, url) == few


def test_the_coordinator_sees_totals_and_never_who_answered_what(client, closing_cohort, coordinator):
    made = _answered_cohort(closing_cohort, 4)
    client.force_login(coordinator)
    url = reverse("sessions:cohort_activity", args=[closing_cohort.pk])
    page = client.get(url).content.decode()
    assert "6 of 8 people" in page
    assert "3.8 out of 5" in page
    for label in (*ClosingAnswer.Choice.labels, "Continues informally"):
        assert label not in page
    assert "Secret thanks" not in page

    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    closing_cohort.ends_on = timezone.localdate() - timedelta(days=1)
    closing_cohort.save()
    page = client.get(url).content.decode()
    assert "25% (1 of 4 pairs)" in page
    assert "Continues informally" not in page
    assert page.count("Program completed") == len(made)
    for pair in made:
        assert closing(pair) not in page
