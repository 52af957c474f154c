"""The goal pages."""

from datetime import timedelta

from django.urls import reverse

from sessions.models import Goal
from tests.sessions.factories import GoalFactory


def test_a_goal_missing_a_part_is_refused_with_a_message_on_that_part(client, enrollment, mentee):
    client.force_login(mentee)
    response = client.post(
        reverse("sessions:goal_create"),
        {
            "enrollment": enrollment.pk,
            "title": "Speak up",
            "specific": "Present at the all-hands.",
            "measure": "",
            "baseline": "0",
            "target": "2",
            "unit": "talks",
            "ambition": "aggressive",
            "relevance": "Visibility matters for promotion.",
            "target_date": (enrollment.cohort.ends_on - timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Measurable: say how you will measure progress." in response.content.decode()
    assert not Goal.objects.exists()


def test_a_check_in_moves_the_progress_bar(client, enrollment, mentee):
    goal = GoalFactory(enrollment=enrollment, baseline=0, target=4)
    client.force_login(mentee)
    assert 'aria-valuenow="0"' in client.get(goal.get_absolute_url()).content.decode()
    client.post(reverse("sessions:goal_check_in", args=[goal.pk]), {"value": "2", "comment": "Halfway"})
    page = client.get(goal.get_absolute_url()).content.decode()
    assert 'aria-valuenow="50"' in page and "<svg" in page and "<circle" in page and "Halfway" in page


def test_a_mentor_confirms_an_achievement_from_the_goal_page(client, enrollment, mentee, mentor):
    goal = GoalFactory(enrollment=enrollment)
    client.force_login(mentee)
    client.post(reverse("sessions:goal_status", args=[goal.pk]), {"status": "achieved"})
    client.force_login(mentor)
    assert "Confirm the achievement" in client.get(goal.get_absolute_url()).content.decode()
    client.post(reverse("sessions:goal_confirm", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.counts_as_achieved
