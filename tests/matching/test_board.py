from django.urls import reverse

from matching.board import board_for
from matching.models import Mentorship
from mentoring.profiles.models import SoughtSkill
from programs.models import Role
from tests.factories import ProfileFactory, SkillFactory


def test_board_shows_covered_and_missing_roles_and_skills(cohort, enrol, mentee):
    budgeting, speaking = SkillFactory(name="budgeting"), SkillFactory(name="public speaking")
    me = ProfileFactory(user=mentee)
    SoughtSkill.objects.create(profile=me, skill=budgeting, rank=1)
    SoughtSkill.objects.create(profile=me, skill=speaking, rank=2)
    coach = enrol(Role.MENTOR).user
    ProfileFactory(user=coach).skills_offered.set([budgeting])
    Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=coach, board_role="skill_coach")
    board = board_for(mentee=mentee)
    assert [label for _, label, _ in board.roles_covered] == ["Skill coach"]
    assert "sponsor" in [value for value, _ in board.roles_missing]
    assert [name for name, _ in board.skills_covered] == ["budgeting"]
    assert board.skills_missing == ["public speaking"]


def test_mentee_sets_a_seat_and_purpose(client, cohort, enrol, mentee):
    mentorship = Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=enrol(Role.MENTOR).user)
    client.force_login(mentee)
    client.post(
        reverse("matching:board_seat", args=[mentorship.pk]), {"board_role": "sponsor", "purpose": "Visibility"}
    )
    mentorship.refresh_from_db()
    assert (mentorship.board_role, mentorship.purpose) == ("sponsor", "Visibility")
    assert "Sponsor" in client.get(reverse("matching:my_board")).content.decode()


def test_mentor_cannot_set_the_seat(client, cohort, enrol, mentee):
    mentor = enrol(Role.MENTOR).user
    mentorship = Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentor)
    response = client.post(reverse("matching:board_seat", args=[mentorship.pk]), {"board_role": "sponsor"})
    assert response.status_code == 404
