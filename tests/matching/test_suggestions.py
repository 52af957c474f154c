from django.urls import reverse

from matching.models import Mentorship
from mentoring.profiles.models import SoughtSkill
from programs.models import Role
from tests.factories import ProfileFactory, SkillFactory


def _mentor(enrol, skills=(), **profile):
    user = enrol(Role.MENTOR).user
    p = ProfileFactory(user=user, **profile)
    p.skills_offered.set(skills)
    return user


def test_mentors_offering_my_top_skills_come_first_with_reasons(client, cohort, enrol, mentee):
    budgeting, contracts, sql = SkillFactory(name="budgeting"), SkillFactory(name="contracts"), SkillFactory()
    me = ProfileFactory(user=mentee)
    SoughtSkill.objects.create(profile=me, skill=budgeting, rank=1)
    SoughtSkill.objects.create(profile=me, skill=contracts, rank=2)
    weak = _mentor(enrol, [contracts])
    strong = _mentor(enrol, [budgeting, contracts])
    _mentor(enrol, [sql])
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list[:2]] == [strong.pk, weak.pk]
    assert page.object_list[0].reasons == ["offers budgeting, contracts, 2 of your 2 sought skills"]


def test_manager_and_avoided_organisations_are_never_suggested(client, cohort, enrol, mentee):
    manager = _mentor(enrol, organisation="Acme")
    ProfileFactory(user=mentee, manager_email=manager.email, avoid_organisations=["Globex"])
    _mentor(enrol, organisation="Globex")
    ok = _mentor(enrol, organisation="Initech")
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list] == [ok.pk]


def test_capacity_filter_hides_full_mentors(client, cohort, enrol, mentee):
    full = _mentor(enrol)
    free = _mentor(enrol)
    for _ in range(2):
        Mentorship.objects.create(cohort=cohort, mentor=full, mentee=enrol(Role.MENTEE).user)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk]), {"available": "1"}).context["page"]
    assert [s.user_id for s in page.object_list] == [free.pk]


def test_suggestions_query_count_does_not_grow_with_mentors(
    client, cohort, enrol, mentee, django_assert_max_num_queries
):
    skill = SkillFactory()
    client.force_login(mentee)
    for size in (3, 30):
        for _ in range(size):
            _mentor(enrol, [skill])
        with django_assert_max_num_queries(20):
            response = client.get(reverse("matching:find_mentor", args=[cohort.pk]))
        assert response.status_code == 200


def test_mentor_profile_only_for_mentors_of_my_cohort(client, cohort, enrol, mentee):
    mentor = _mentor(enrol, headline="Finance lead")
    fellow_mentee = enrol(Role.MENTEE).user
    client.force_login(mentee)
    assert (
        "Finance lead" in client.get(reverse("matching:mentor_profile", args=[cohort.pk, mentor.pk])).content.decode()
    )
    assert client.get(reverse("matching:mentor_profile", args=[cohort.pk, fellow_mentee.pk])).status_code == 404
