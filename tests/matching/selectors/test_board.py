from matching.models import Mentorship
from matching.selectors.board import board_for
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
