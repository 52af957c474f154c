from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Mentorship
from mentoring.profiles.models import SoughtSkill
from programs.models import MatchRule, Role
from programs.services.questions import save_answers
from tests.factories import ProfileFactory, SkillFactory
from tests.matching.factories import mentor_in
from tests.programs.factories import AnswerFactory, MatchRuleFactory, QuestionFactory


def test_mentors_offering_my_top_skills_come_first_with_reasons(client, cohort, enrol, mentee):
    budgeting, contracts, sql = SkillFactory(name="budgeting"), SkillFactory(name="contracts"), SkillFactory()
    me = ProfileFactory(user=mentee)
    SoughtSkill.objects.create(profile=me, skill=budgeting, rank=1)
    SoughtSkill.objects.create(profile=me, skill=contracts, rank=2)
    weak = mentor_in(enrol, [contracts])
    strong = mentor_in(enrol, [budgeting, contracts])
    mentor_in(enrol, [sql])
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list[:2]] == [strong.pk, weak.pk]
    assert page.object_list[0].reasons[0] == "offers budgeting and contracts, both your sought skills"
    assert page.object_list[1].reasons[0] == "offers contracts, one of your two sought skills"


def test_manager_and_avoided_organisations_are_never_suggested(client, cohort, enrol, mentee):
    manager = mentor_in(enrol, organisation="Acme")
    ProfileFactory(user=mentee, manager_email=manager.email, avoid_organisations=["Globex"])
    mentor_in(enrol, organisation="Globex")
    ok = mentor_in(enrol, organisation="Initech")
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list] == [ok.pk]


def test_capacity_filter_hides_full_mentors(client, cohort, enrol, mentee):
    full = mentor_in(enrol)
    free = mentor_in(enrol)
    for _ in range(2):
        Mentorship.objects.create(cohort=cohort, mentor=full, mentee=enrol(Role.MENTEE).user)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk]), {"available": "1"}).context["page"]
    assert [s.user_id for s in page.object_list] == [free.pk]


def test_suggestions_query_count_does_not_grow_with_mentors(client, cohort, enrol, mentee):
    skill = SkillFactory()
    me = ProfileFactory(user=mentee, manager_email="boss@example.com")
    SoughtSkill.objects.create(profile=me, skill=skill, rank=1)
    client.force_login(mentee)
    counts, mentors = [], 0
    for size in (3, 30):
        for _ in range(size):
            mentor_in(enrol, [skill])
        mentors += size
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("matching:find_mentor", args=[cohort.pk]))
        assert len(response.context["page"].object_list) == min(20, mentors)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 25
    with CaptureQueriesContext(connection) as again:  # nothing changed: the cohort's mentors come from the cache
        client.get(reverse("matching:find_mentor", args=[cohort.pk]))
    assert len(again) < counts[1]


def test_a_profile_change_refreshes_the_cached_mentors(client, cohort, enrol, mentee):
    budgeting = SkillFactory(name="budgeting")
    SoughtSkill.objects.create(profile=ProfileFactory(user=mentee), skill=budgeting, rank=1)
    mentor = mentor_in(enrol, [])
    client.force_login(mentee)
    url = reverse("matching:find_mentor", args=[cohort.pk])
    assert "offers budgeting, your sought skill" not in client.get(url).context["page"].object_list[0].reasons
    profile = mentor.profile
    profile.skills_offered.add(budgeting)
    profile.save()
    assert client.get(url).context["page"].object_list[0].reasons[0] == "offers budgeting, your sought skill"


def test_a_profile_change_outside_the_cohorts_mentors_keeps_the_cached_mentors(client, cohort, enrol, mentee):
    skill = SkillFactory()
    SoughtSkill.objects.create(profile=ProfileFactory(user=mentee), skill=skill, rank=1)
    for _ in range(3):
        mentor_in(enrol, [skill])
    client.force_login(mentee)
    url = reverse("matching:find_mentor", args=[cohort.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(url).context["page"].object_list) == 3
        return len(captured)

    loaded, steady = queries(), queries()
    ProfileFactory().save()  # someone else's profile: one more query checks it was not a mentor's
    assert queries() == steady + 1 < loaded
    assert queries() == steady


def test_filters_by_skill_department_and_language(client, cohort, enrol, mentee):
    sql = SkillFactory(name="sql")
    match = mentor_in(enrol, [sql], department="Finance", languages=["fr"])
    mentor_in(enrol, [], department="Finance", languages=["fr"])
    mentor_in(enrol, [sql], department="Legal", languages=["fr"])
    mentor_in(enrol, [sql], department="Finance", languages=["de"])
    client.force_login(mentee)
    url = reverse("matching:find_mentor", args=[cohort.pk])
    page = client.get(url, {"skill": sql.pk, "department": "finance", "language": "fr"}).context["page"]
    assert [s.user_id for s in page.object_list] == [match.pk]


def test_pages_show_a_score_bar_and_reasons(client, cohort, enrol, mentee):
    budgeting = SkillFactory(name="budgeting")
    SoughtSkill.objects.create(profile=ProfileFactory(user=mentee), skill=budgeting, rank=1)
    mentor = mentor_in(enrol, [budgeting])
    client.force_login(mentee)
    listing = client.get(reverse("matching:find_mentor", args=[cohort.pk])).content.decode()
    assert 'role="progressbar"' in listing
    assert "Offers budgeting, your sought skill" in listing
    profile = client.get(reverse("matching:mentor_profile", args=[cohort.pk, mentor.pk])).content.decode()
    assert "Why this mentor for you" in profile
    assert "Offers budgeting, your sought skill" in profile
    assert "How the score adds up" in profile


def test_requestable_mentors_come_before_full_or_already_asked_ones(client, cohort, enrol, mentee):
    budgeting = SkillFactory()
    SoughtSkill.objects.create(profile=ProfileFactory(user=mentee), skill=budgeting, rank=1)
    full = mentor_in(enrol, [budgeting])
    for _ in range(2):
        Mentorship.objects.create(cohort=cohort, mentor=full, mentee=enrol(Role.MENTEE).user)
    weaker = mentor_in(enrol, [])
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list] == [weaker.pk, full.pk]
    assert page.object_list[0].score < page.object_list[1].score


def test_mentor_profile_only_for_mentors_of_my_cohort(client, cohort, enrol, mentee):
    mentor = mentor_in(enrol, headline="Finance lead")
    fellow_mentee = enrol(Role.MENTEE).user
    client.force_login(mentee)
    assert (
        "Finance lead" in client.get(reverse("matching:mentor_profile", args=[cohort.pk, mentor.pk])).content.decode()
    )
    assert client.get(reverse("matching:mentor_profile", args=[cohort.pk, fellow_mentee.pk])).status_code == 404


def _where_rule(program, effect=MatchRule.Effect.WEIGHT, weight=10):
    where = QuestionFactory(program=program, text="Where do you work?")
    MatchRuleFactory(mentee_question=where, effect=effect, weight=weight)
    return where


def test_a_programs_rule_ranks_mentors_and_says_why_in_the_questions_words(client, cohort, enrol, mentee):
    where = _where_rule(cohort.program)
    ProfileFactory(user=mentee)
    AnswerFactory(question=where, user=mentee, value=1)
    office, remote = mentor_in(enrol), mentor_in(enrol)
    AnswerFactory(question=where, user=office, value=2)
    AnswerFactory(question=where, user=remote, value=1)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list] == [remote.pk, office.pk]
    assert page.object_list[0].reasons[0] == "you both answered “Remote” to “Where do you work?”"
    profile = client.get(reverse("matching:mentor_profile", args=[cohort.pk, remote.pk])).content.decode()
    assert "You both answered “Remote” to “Where do you work?”" in profile
    assert "Where do you work?</td>" in profile  # its line in how the score adds up


def test_a_hard_rule_keeps_mentors_out_of_suggestions_and_says_why_on_their_page(client, cohort, enrol, mentee):
    where = _where_rule(cohort.program, effect=MatchRule.Effect.MUST, weight=0)
    ProfileFactory(user=mentee)
    AnswerFactory(question=where, user=mentee, value=1)
    office, unanswered = mentor_in(enrol), mentor_in(enrol)
    AnswerFactory(question=where, user=office, value=2)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    assert [s.user_id for s in page.object_list] == [unanswered.pk]
    profile = client.get(reverse("matching:mentor_profile", args=[cohort.pk, office.pk])).content.decode()
    assert "Not suggested for you: your answers to “Where do you work?” differ" in profile


def test_a_mentors_new_answer_refreshes_the_cached_mentors(client, cohort, enrol, mentee):
    where = _where_rule(cohort.program)
    ProfileFactory(user=mentee)
    AnswerFactory(question=where, user=mentee, value=1)
    mentor = mentor_in(enrol)
    client.force_login(mentee)
    url = reverse("matching:find_mentor", args=[cohort.pk])
    reason = "you both answered “Remote” to “Where do you work?”"
    assert reason not in client.get(url).context["page"].object_list[0].reasons
    save_answers(user=mentor, program=cohort.program, answers={where: 1})
    assert client.get(url).context["page"].object_list[0].reasons[0] == reason


def test_suggestions_with_rules_take_the_same_queries_whatever_the_mentors(client, cohort, enrol, mentee):
    where = _where_rule(cohort.program)
    ProfileFactory(user=mentee)
    AnswerFactory(question=where, user=mentee, value=1)
    client.force_login(mentee)
    counts = []
    for size in (3, 30):
        for _ in range(size):
            AnswerFactory(question=where, user=mentor_in(enrol), value=1)
        cache.clear()  # a cold cache: the cohort's mentors are loaded again
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("matching:find_mentor", args=[cohort.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 27


def test_an_empty_list_says_nobody_has_joined_as_a_mentor_yet(client, cohort, mentee):
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).content.decode()
    assert "No mentor has joined" in page and "these filters" not in page


def test_an_empty_filtered_list_offers_to_clear_the_filters(client, cohort, enrol, mentee):
    mentor_in(enrol, department="Finance")
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk]), {"department": "Nowhere"}).content.decode()
    assert "No mentor matches these filters" in page and "Clear the filters" in page


def test_an_empty_list_with_every_mentor_ruled_out_says_why(client, cohort, enrol, mentee):
    manager = mentor_in(enrol)
    ProfileFactory(user=mentee, manager_email=manager.email)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).content.decode()
    assert "None of the 1 mentor of" in page and "these filters" not in page
