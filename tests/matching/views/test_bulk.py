import pytest
from django.urls import reverse

from matching import services
from matching.models import MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from matching.selectors.people import cohort_weights
from programs.models import MatchingMode, Role
from tests.factories import ProfileFactory, UserFactory
from tests.matching.factories_bulk import MatchRunFactory, ProposedPairFactory, bulk_cohort, participant, skills


@pytest.fixture
def run_cohort(coordinator):
    return bulk_cohort(coordinator)


def test_coordinator_runs_matching_from_the_form_and_sees_the_proposal(client, run_cohort, coordinator):
    budget = skills(1)[0]
    participant(
        run_cohort, Role.MENTOR, offers=[budget], user__first_name="Fiona", user__last_name="Finance", capacity=1
    )
    participant(run_cohort, Role.MENTEE, seeks=[budget], user__first_name="Mia", user__last_name="Okafor")
    participant(run_cohort, Role.MENTEE, user__first_name="Leo", user__last_name="Left")
    client.force_login(coordinator)
    start = reverse("matching:run_start", args=[run_cohort.pk])
    overview = client.get(start).content.decode()
    assert "<strong>2</strong> mentees without a mentor" in overview
    assert "<strong>1</strong> free seat with 1 available mentor" in overview

    response = client.post(start, {"min_score": 0, "avoid_past_mentors": "on"}, follow=True)

    run = MatchRun.objects.get(cohort=run_cohort)
    assert response.redirect_chain[-1][0] == run.get_absolute_url()
    page = response.content.decode()
    assert "Fiona Finance" in page and "Mia Okafor" in page
    assert f"offers {budget.name}".lower() in page.lower()
    assert "Sought skills the mentor offers" in page, "each pair shows the contribution of every criterion"
    assert "Leo Left" in page and "No compatible mentor has capacity left" in page
    assert "Average score" in page and "Total score" in page


def test_cohort_page_links_coordinators_to_bulk_matching(client, run_cohort, coordinator):
    client.force_login(coordinator)
    page = client.get(run_cohort.get_absolute_url()).content.decode()
    assert reverse("matching:run_start", args=[run_cohort.pk]) in page


def test_a_mentee_choice_cohort_offers_no_run_form(client, coordinator):
    run_cohort = bulk_cohort(coordinator, mode=MatchingMode.MENTEE_CHOICE)
    client.force_login(coordinator)
    response = client.get(reverse("matching:run_start", args=[run_cohort.pk]))
    assert "mentees choose their mentors" in response.content.decode()
    response = client.post(reverse("matching:run_start", args=[run_cohort.pk]), {"min_score": 0}, follow=True)
    assert "bulk matching is not available" in response.content.decode()
    assert not MatchRun.objects.exists()


def test_coordinator_of_another_program_gets_404_everywhere(client, run_cohort):
    run = MatchRunFactory(cohort=run_cohort)
    pair = ProposedPairFactory(run=run)
    stranger = ProfileFactory(user=UserFactory(is_coordinator=True)).user
    bulk_cohort(stranger)
    client.force_login(stranger)
    assert client.get(reverse("matching:run_start", args=[run_cohort.pk])).status_code == 404
    assert client.get(run.get_absolute_url()).status_code == 404
    assert client.post(reverse("matching:pair_lock", args=[run.pk, pair.pk])).status_code == 404
    assert client.post(reverse("matching:run_publish", args=[run.pk])).status_code == 404
    pair.refresh_from_db()
    assert not pair.locked


def test_lock_drop_ban_and_swap_through_the_page(client, run_cohort, coordinator):
    a, b, c, d = (participant(run_cohort, Role.MENTOR, capacity=1) for _ in range(4))
    for _ in range(4):
        participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    first, second, third, fourth = run.pairs.order_by("pk")
    client.force_login(coordinator)

    client.post(reverse("matching:pair_lock", args=[run.pk, first.pk]))
    first.refresh_from_db()
    assert first.locked
    client.post(reverse("matching:pair_swap", args=[run.pk]), {"pair": [second.pk, third.pk]})
    assert run.pairs.get(mentee=second.mentee).mentor_id == third.mentor_id
    client.post(reverse("matching:pair_ban", args=[run.pk, fourth.pk]))
    assert run.bans.filter(mentee=fourth.mentee, mentor=fourth.mentor).exists()
    response = client.post(reverse("matching:pair_drop", args=[run.pk, first.pk]), follow=True)
    assert "held out of this run" in response.content.decode()
    held = run.unmatched.get(mentee=first.mentee)
    assert held.reason == UnmatchedMentee.Reason.DROPPED
    client.post(reverse("matching:unmatched_restore", args=[run.pk, held.pk]))
    client.post(reverse("matching:run_rerun", args=[run.pk]))
    assert run.pairs.count() == 4 and not run.pairs.filter(mentee=fourth.mentee, mentor=fourth.mentor).exists()


def test_swapping_needs_exactly_two_pairs(client, run_cohort, coordinator):
    pair = ProposedPairFactory(run=MatchRunFactory(cohort=run_cohort))
    client.force_login(coordinator)
    response = client.post(reverse("matching:pair_swap", args=[pair.run.pk]), {"pair": [pair.pk]}, follow=True)
    assert "Tick exactly two pairs" in response.content.decode()


def test_publishing_from_the_page_and_the_mentee_confirms(client, run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("matching:run_publish", args=[run.pk]), follow=True)
    assert "1 pair published" in response.content.decode()
    mentorship = Mentorship.objects.get(cohort=run_cohort, mentee=mentee, mentor=mentor)

    client.force_login(mentee)
    page = client.get(reverse("matching:match_detail", args=[mentorship.pk]))
    assert "Confirm the match" in page.content.decode()
    client.post(reverse("matching:match_confirm", args=[mentorship.pk]))
    client.force_login(mentor)
    response = client.post(reverse("matching:match_confirm", args=[mentorship.pk]))
    assert response["Location"] == mentorship.get_absolute_url()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_the_program_weights_form_saves_the_weights(client, run_cohort, coordinator):
    program = run_cohort.program
    client.force_login(coordinator)
    url = reverse("matching:program_weights", args=[program.slug])
    assert client.get(url).status_code == 200
    data = {
        "skills": 8,
        "values": 1,
        "work_style": 1,
        "seniority": 1,
        "career_track": 1,
        "language": 1,
        "time_zone": 0,
        "channel": 0,
        "cross_functional": "on",
    }
    assert client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert program.matching_weights["skills"] == pytest.approx(0.8) and program.prefer_cross_functional
    assert cohort_weights(run_cohort).skills == pytest.approx(0.8)


def test_proposal_page_queries_do_not_grow_with_the_pairs(
    client, run_cohort, coordinator, django_assert_max_num_queries
):
    run = MatchRunFactory(cohort=run_cohort)
    client.force_login(coordinator)
    for size in (3, 40):
        ProposedPairFactory.create_batch(size, run=run)
        UnmatchedMentee.objects.bulk_create(
            UnmatchedMentee(run=run, mentee=UserFactory(), reason=UnmatchedMentee.Reason.NO_CAPACITY)
            for _ in range(size)
        )
        # 13: one is the second-factor check, one reads the program's rules (weighted ones have bars).
        with django_assert_max_num_queries(13):
            response = client.get(run.get_absolute_url())
        assert response.status_code == 200
    assert ProposedPair.objects.filter(run=run).count() == 43
