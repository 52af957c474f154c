from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.profiles.models import SoughtSkill
from programs.models import Role
from tests.factories import ProfileFactory, SkillFactory
from tests.matching.factories import MentorshipRequestFactory, mentor_in
from tests.programs.factories import CohortFactory, EnrollmentFactory


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


def test_board_suggestions_favour_skills_the_board_lacks(client, cohort, enrol, mentee):
    budgeting, speaking = SkillFactory(name="budgeting"), SkillFactory(name="public speaking")
    me = ProfileFactory(user=mentee)
    SoughtSkill.objects.create(profile=me, skill=budgeting, rank=1)
    SoughtSkill.objects.create(profile=me, skill=speaking, rank=2)
    coach = mentor_in(enrol, [budgeting])
    Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=coach)
    another_budgeter = mentor_in(enrol, [budgeting])
    speaker = mentor_in(enrol, [speaking])
    client.force_login(mentee)
    response = client.get(reverse("matching:my_board"))
    [(_, seats, suggestions)] = response.context["next_mentors"]
    assert (seats.taken, seats.full) == (1, False)
    assert [s.user_id for s in suggestions][:2] == [speaker.pk, another_budgeter.pk]
    assert suggestions[0].reasons[0] == "fills a gap on your board: public speaking"
    assert coach.pk not in [s.user_id for s in suggestions]
    assert "Who could fill the gaps" in response.content.decode()


def test_a_full_board_says_so_and_offers_no_requests_that_would_be_refused(client, cohort, enrol, mentee):
    cohort.max_mentors_per_mentee = 2
    cohort.save()
    for _ in range(2):
        Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=mentor_in(enrol))
    spare = mentor_in(enrol)
    client.force_login(mentee)
    response = client.get(reverse("matching:my_board"))
    [(_, seats, suggestions)] = response.context["next_mentors"]
    assert (seats.taken, seats.allowed, suggestions) == (2, 2, [])
    page = response.content.decode()
    assert "is full" in page and "You have 2 of the 2 mentors" in page
    assert reverse("matching:request_mentor", args=[cohort.pk, spare.pk]) not in page
    assert reverse("matching:find_mentor", args=[cohort.pk]) not in page

    browse = client.get(reverse("matching:find_mentor", args=[cohort.pk])).content.decode()
    assert "Your board is full" in browse
    assert reverse("matching:request_mentor", args=[cohort.pk, spare.pk]) not in browse


def a_board_with_history(cohort, enrol, mentee):
    """Four mentors of the cohort offering what the mentee seeks: one already on their board in another cohort, one
    who declined them, one whose mentorship with them ended early, and one with no history."""
    budgeting = SkillFactory(name="budgeting")
    SoughtSkill.objects.create(profile=ProfileFactory(user=mentee), skill=budgeting, rank=1)
    elsewhere, decliner, ended, fresh = (mentor_in(enrol, [budgeting]) for _ in range(4))
    spring = CohortFactory(program=cohort.program, name="Spring")
    EnrollmentFactory(cohort=spring, user=mentee, role=Role.MENTEE)
    EnrollmentFactory(cohort=spring, user=elsewhere, role=Role.MENTOR)
    Mentorship.objects.create(cohort=spring, mentee=mentee, mentor=elsewhere)
    MentorshipRequestFactory(
        cohort=cohort, mentee=mentee, mentor=decliner, status="declined", answered_at=timezone.now()
    )
    Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=ended, status="ended_early", ended_at=timezone.now())
    return elsewhere, decliner, ended, fresh


def test_who_could_fill_the_gaps_leaves_out_my_mentors_elsewhere_and_those_who_said_no(client, cohort, enrol, mentee):
    *_, fresh = a_board_with_history(cohort, enrol, mentee)
    client.force_login(mentee)
    next_mentors = client.get(reverse("matching:my_board")).context["next_mentors"]
    [suggestions] = [suggestions for shown, _, suggestions in next_mentors if shown == cohort]
    assert [s.user_id for s in suggestions] == [fresh.pk]


def test_find_a_mentor_says_why_they_are_not_suggested_for_my_board(client, cohort, enrol, mentee):
    elsewhere, decliner, ended, fresh = a_board_with_history(cohort, enrol, mentee)
    client.force_login(mentee)
    page = client.get(reverse("matching:find_mentor", args=[cohort.pk])).context["page"]
    notes = {s.user_id: s.held_back for s in page.object_list}
    assert notes[elsewhere.pk] == "already on your board in Spring"
    assert notes[decliner.pk].startswith("declined your request on ")
    assert notes[ended.pk].startswith("your mentorship ended early on ")
    assert notes[fresh.pk] == ""
    listing = client.get(reverse("matching:find_mentor", args=[cohort.pk])).content.decode()
    assert "Already on your board in Spring" in listing
