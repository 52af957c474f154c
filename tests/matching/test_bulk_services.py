import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import services, services_bulk
from matching.models import BannedPair, MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from mentoring.notifications.models import Notification
from programs.models import MatchingMode, Role
from tests.factories import ProfileFactory, UserFactory
from tests.matching.factories import MentorshipFactory
from tests.matching.factories_bulk import bulk_cohort, participant, skills
from tests.programs.factories import CohortFactory

Reason = UnmatchedMentee.Reason


@pytest.fixture
def taxonomy(db):
    return skills(4)


@pytest.fixture
def cohort(coordinator):
    return bulk_cohort(coordinator)


def pairs_of(run) -> dict[int, int]:
    return dict(run.pairs.values_list("mentee_id", "mentor_id"))


def test_run_proposes_the_best_mentor_for_every_unmatched_mentee_within_capacity(cohort, coordinator, taxonomy):
    budget, code, design, law = taxonomy
    finance = participant(cohort, Role.MENTOR, offers=[budget], capacity=1)
    engineer = participant(cohort, Role.MENTOR, offers=[code], capacity=1)
    wants_budget = participant(cohort, Role.MENTEE, seeks=[budget])
    wants_code = participant(cohort, Role.MENTEE, seeks=[code])
    already = participant(cohort, Role.MENTEE, seeks=[budget])
    MentorshipFactory(cohort=cohort, mentee=already, mentor=participant(cohort, Role.MENTOR, capacity=1))

    run = services_bulk.run_matching(cohort=cohort, by=coordinator)

    assert run.status == MatchRun.Status.DRAFT
    assert pairs_of(run) == {wants_budget.pk: finance.pk, wants_code.pk: engineer.pk}
    pair = run.pairs.get(mentee=wants_budget)
    assert 0 < pair.score <= 1
    assert pair.contributions["skills"] > 0
    assert abs(sum(pair.contributions.values()) - pair.score) < 1e-6
    assert any(budget.name in reason for reason in pair.reasons)
    assert not run.unmatched.exists()


def test_a_mentee_left_over_is_listed_with_the_binding_constraint(cohort, coordinator, taxonomy):
    participant(cohort, Role.MENTOR, capacity=1)
    participant(cohort, Role.MENTEE)
    participant(cohort, Role.MENTEE)

    run = services_bulk.run_matching(cohort=cohort, by=coordinator)

    assert run.pairs.count() == 1
    assert list(run.unmatched.values_list("reason", flat=True)) == [Reason.NO_CAPACITY]


def test_minimum_score_leaves_weak_pairs_unproposed(cohort, coordinator, taxonomy):
    participant(cohort, Role.MENTOR, offers=[taxonomy[0]], values=[], languages=["fr"], career_track="legal")
    participant(cohort, Role.MENTEE, seeks=[taxonomy[1]], values=["ambition"], career_track="design")

    run = services_bulk.run_matching(cohort=cohort, by=coordinator, min_score=0.95)

    assert not run.pairs.exists()
    assert run.unmatched.get().reason == Reason.BELOW_MIN_SCORE


def test_avoiding_past_mentors_never_proposes_a_former_pair(cohort, coordinator):
    mentor = participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    MentorshipFactory(cohort=CohortFactory(), mentee=mentee, mentor=mentor, status=Mentorship.Status.COMPLETED)

    avoided = services_bulk.run_matching(cohort=cohort, by=coordinator, avoid_past_mentors=True)
    assert not avoided.pairs.exists()
    assert avoided.unmatched.get().reason == Reason.ALL_EXCLUDED

    again = services_bulk.run_matching(cohort=cohort, by=coordinator, avoid_past_mentors=False)
    assert again.pk == avoided.pk, "a cohort has one draft, solved again with the new options"
    assert pairs_of(again) == {mentee.pk: mentor.pk}


def test_a_mentor_the_mentee_already_asked_is_not_proposed_on_top_of_the_request(cohort, coordinator):
    asked = participant(cohort, Role.MENTOR)
    other = participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    services.request_mentor(mentee=mentee, mentor=asked, cohort=cohort, help_wanted="a", why_this_mentor="b")

    run = services_bulk.run_matching(cohort=cohort, by=coordinator)

    assert pairs_of(run) == {mentee.pk: other.pk}


def test_only_coordinator_or_hybrid_cohorts_are_matched_in_bulk(coordinator):
    cohort = bulk_cohort(coordinator, mode=MatchingMode.MENTEE_CHOICE)
    with pytest.raises(ValidationError, match="mentees choose"):
        services_bulk.run_matching(cohort=cohort, by=coordinator)
    hybrid = bulk_cohort(coordinator, mode=MatchingMode.HYBRID)
    assert services_bulk.run_matching(cohort=hybrid, by=coordinator).is_draft


def test_only_the_programs_coordinators_run_matching(cohort, other_user):
    with pytest.raises(ValidationError, match="coordinators"):
        services_bulk.run_matching(cohort=cohort, by=other_user)


def test_a_locked_pair_survives_a_rerun_even_when_a_better_mentor_appears(cohort, coordinator, taxonomy):
    budget = taxonomy[0]
    plain = participant(cohort, Role.MENTOR, capacity=1)
    mentee = participant(cohort, Role.MENTEE, seeks=[budget])
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    services_bulk.lock_pair(pair=run.pairs.get(), by=coordinator)
    participant(cohort, Role.MENTOR, offers=[budget], capacity=1)

    services_bulk.rerun(run=run, by=coordinator)

    assert pairs_of(run) == {mentee.pk: plain.pk}
    assert run.pairs.get().locked


def test_swap_exchanges_mentors_rescores_and_locks_both_pairs(cohort, coordinator, taxonomy):
    budget, code = taxonomy[:2]
    finance = participant(cohort, Role.MENTOR, offers=[budget], capacity=1)
    engineer = participant(cohort, Role.MENTOR, offers=[code], capacity=1)
    wants_budget = participant(cohort, Role.MENTEE, seeks=[budget])
    wants_code = participant(cohort, Role.MENTEE, seeks=[code])
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    first, second = run.pairs.get(mentee=wants_budget), run.pairs.get(mentee=wants_code)
    before = first.score

    services_bulk.swap_pairs(first=first, second=second, by=coordinator)

    assert pairs_of(run) == {wants_budget.pk: engineer.pk, wants_code.pk: finance.pk}
    swapped = run.pairs.get(mentee=wants_budget)
    assert swapped.locked and swapped.source == ProposedPair.Source.SWAP
    assert swapped.score < before
    services_bulk.rerun(run=run, by=coordinator)
    assert pairs_of(run) == {wants_budget.pk: engineer.pk, wants_code.pk: finance.pk}


def test_a_banned_pair_is_never_proposed_again(cohort, coordinator, taxonomy):
    budget = taxonomy[0]
    best = participant(cohort, Role.MENTOR, offers=[budget])
    other = participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE, seeks=[budget])
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    assert pairs_of(run) == {mentee.pk: best.pk}

    services_bulk.ban_pair(pair=run.pairs.get(), by=coordinator)
    assert run.unmatched.get(mentee=mentee).reason == Reason.AWAITING_RERUN
    services_bulk.rerun(run=run, by=coordinator)

    assert pairs_of(run) == {mentee.pk: other.pk}
    assert BannedPair.objects.filter(run=run, mentee=mentee, mentor=best).exists()
    services_bulk.lift_ban(ban=run.bans.get(), by=coordinator)
    services_bulk.rerun(run=run, by=coordinator)
    assert pairs_of(run) == {mentee.pk: best.pk}


def test_a_dropped_mentee_stays_out_until_put_back(cohort, coordinator):
    participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)

    held = services_bulk.drop_pair(pair=run.pairs.get(), by=coordinator)
    services_bulk.rerun(run=run, by=coordinator)
    assert not run.pairs.exists()
    assert run.unmatched.get(mentee=mentee).reason == Reason.DROPPED

    services_bulk.restore_mentee(unmatched=held, by=coordinator)
    services_bulk.rerun(run=run, by=coordinator)
    assert run.pairs.filter(mentee=mentee).exists()
    assert not run.unmatched.exists()


def test_publish_creates_proposed_mentorships_and_tells_both_sides(cohort, coordinator):
    mentor = participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    score = run.pairs.get().score

    result = services_bulk.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (1, 0)
    mentorship = Mentorship.objects.get(cohort=cohort, mentee=mentee, mentor=mentor)
    assert mentorship.status == Mentorship.Status.PROPOSED
    assert mentorship.match_score == pytest.approx(score)
    assert run.pairs.get().mentorship == mentorship
    keys = set(Notification.objects.values_list("recipient_id", "dedupe_key"))
    assert keys >= {
        (mentee.pk, f"mentorship:{mentorship.pk}:matched:mentee"),
        (mentor.pk, f"mentorship:{mentorship.pk}:matched:mentor"),
    }
    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED and run.published_by == coordinator
    with pytest.raises(ValidationError, match="published"):
        services_bulk.rerun(run=run, by=coordinator)
    with pytest.raises(ValidationError, match="published"):
        services_bulk.publish_run(run=run, by=coordinator)


def test_publish_starts_active_mentorships_when_the_cohort_needs_no_confirmation(coordinator):
    cohort = bulk_cohort(coordinator, confirm_bulk_matches=False)
    participant(cohort, Role.MENTOR)
    participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    services_bulk.publish_run(run=run, by=coordinator)
    mentorship = Mentorship.objects.get(cohort=cohort)
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert mentorship.started_at and mentorship.mentee_confirmed_at and mentorship.mentor_confirmed_at


def test_publish_leaves_out_a_pair_whose_mentor_filled_up_since_the_run(cohort, coordinator, enrol):
    mentor = participant(cohort, Role.MENTOR, capacity=1)
    mentee = participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    MentorshipFactory(cohort=cohort, mentor=mentor, mentee=participant(cohort, Role.MENTEE))

    result = services_bulk.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (0, 1)
    assert Mentorship.objects.filter(cohort=cohort, mentor=mentor).count() == 1
    assert run.unmatched.get(mentee=mentee).reason == Reason.CHANGED


def test_publish_leaves_out_a_mentee_who_found_a_mentor_since_the_run(cohort, coordinator):
    participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    MentorshipFactory(cohort=cohort, mentee=mentee, mentor=participant(cohort, Role.MENTOR))

    result = services_bulk.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (0, 1)
    assert Mentorship.objects.filter(cohort=cohort, mentee=mentee).count() == 1


def test_running_again_never_disturbs_published_pairs(cohort, coordinator):
    mentor = participant(cohort, Role.MENTOR, capacity=2)
    first_mentee = participant(cohort, Role.MENTEE)
    first = services_bulk.run_matching(cohort=cohort, by=coordinator)
    services_bulk.publish_run(run=first, by=coordinator)
    published = Mentorship.objects.get(cohort=cohort)
    late_mentee = participant(cohort, Role.MENTEE)
    participant(cohort, Role.MENTEE)

    second = services_bulk.run_matching(cohort=cohort, by=coordinator)

    assert second.pk != first.pk
    assert first_mentee.pk not in pairs_of(second)
    assert not second.unmatched.filter(mentee=first_mentee).exists()
    assert list(second.pairs.values_list("mentor_id", flat=True)) == [mentor.pk], "one seat was left"
    assert list(second.unmatched.values_list("reason", flat=True)) == [Reason.NO_CAPACITY]
    assert late_mentee.pk in pairs_of(second) or second.unmatched.filter(mentee=late_mentee).exists()
    services_bulk.publish_run(run=second, by=coordinator)
    published.refresh_from_db()
    assert published.status == Mentorship.Status.PROPOSED and published.mentee == first_mentee
    assert Mentorship.objects.filter(cohort=cohort, mentor=mentor).count() == 2


def test_each_side_confirms_a_proposed_match_and_then_it_starts(cohort, coordinator):
    mentor = participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    services_bulk.publish_run(run=services_bulk.run_matching(cohort=cohort, by=coordinator), by=coordinator)
    mentorship = Mentorship.objects.get(cohort=cohort)

    services_bulk.confirm_match(mentorship=mentorship, by=mentee)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.PROPOSED and mentorship.mentee_confirmed_at
    assert Notification.objects.filter(recipient=mentor, dedupe_key__endswith=":confirmed:mentee").exists()

    services_bulk.confirm_match(mentorship=mentorship, by=mentor)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE and mentorship.started_at
    with pytest.raises(ValidationError, match="already active"):
        services_bulk.confirm_match(mentorship=mentorship, by=mentee)


def test_a_stranger_cannot_confirm_and_either_side_can_decline(cohort, coordinator):
    participant(cohort, Role.MENTOR)
    mentee = participant(cohort, Role.MENTEE)
    services_bulk.publish_run(run=services_bulk.run_matching(cohort=cohort, by=coordinator), by=coordinator)
    mentorship = Mentorship.objects.get(cohort=cohort)
    with pytest.raises(ValidationError, match="Only the two people"):
        services_bulk.confirm_match(mentorship=mentorship, by=UserFactory())

    services_bulk.decline_match(mentorship=mentorship, by=mentee, message="I already have a mentor at work.")

    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED_EARLY and mentorship.ended_by == mentee
    assert Notification.objects.filter(recipient=coordinator, dedupe_key__contains=":declined:").exists()


def test_changes_to_a_published_or_discarded_run_are_refused(cohort, coordinator):
    participant(cohort, Role.MENTOR)
    participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    pair = run.pairs.get()
    services_bulk.discard_run(run=run, by=coordinator)
    for action in (services_bulk.lock_pair, services_bulk.drop_pair, services_bulk.ban_pair):
        with pytest.raises(ValidationError, match="discarded"):
            action(pair=pair, by=coordinator)


def test_running_a_cohort_takes_the_same_number_of_queries_at_any_size(coordinator, taxonomy):
    counts = []
    for size in (3, 30):
        cohort = bulk_cohort(coordinator)
        for n in range(size):
            participant(cohort, Role.MENTOR, offers=[taxonomy[n % 4]], capacity=1)
            participant(cohort, Role.MENTEE, seeks=[taxonomy[(n + 1) % 4]])
        with CaptureQueriesContext(connection) as queries:
            run = services_bulk.run_matching(cohort=cohort, by=coordinator)
        counts.append(len(queries))
        assert run.pairs.count() == size
    assert counts[0] == counts[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_publishing_while_a_mentor_accepts_a_request_never_exceeds_the_mentors_capacity():
    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True)).user
    cohort = bulk_cohort(coordinator, mode=MatchingMode.HYBRID)
    mentor = participant(cohort, Role.MENTOR, capacity=1)
    participant(cohort, Role.MENTEE)
    run = services_bulk.run_matching(cohort=cohort, by=coordinator)
    asker = participant(cohort, Role.MENTEE)
    request = services.request_mentor(mentee=asker, mentor=mentor, cohort=cohort, help_wanted="a", why_this_mentor="b")
    barrier = threading.Barrier(2)
    failures = []

    def race(action):
        try:
            barrier.wait()
            action()
        except ValidationError:
            pass  # the mentor's seat went to the other side first
        except Exception as exc:  # a deadlock or any other failure breaks the rule under test
            failures.append(exc)
        finally:
            connection.close()

    def publish():
        race(lambda: services_bulk.publish_run(run=run, by=coordinator))

    def accept():
        race(lambda: services.accept_request(request=request, by=mentor))

    threads = [threading.Thread(target=publish), threading.Thread(target=accept)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert Mentorship.objects.current().filter(cohort=cohort, mentor=mentor).count() == 1
