import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import services
from matching.models import BannedPair, MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from mentoring.profiles.models import Profile
from programs.models import MatchingMode, MatchRule, Role
from tests.matching.factories import MentorshipFactory
from tests.matching.factories_bulk import bulk_cohort, pairs_of, participant, skills
from tests.programs.factories import AnswerFactory, CohortFactory, MatchRuleFactory, QuestionFactory

Reason = UnmatchedMentee.Reason


@pytest.fixture
def taxonomy(db):
    return skills(4)


@pytest.fixture
def run_cohort(coordinator):
    return bulk_cohort(coordinator)


def test_run_proposes_the_best_mentor_for_every_unmatched_mentee_within_capacity(run_cohort, coordinator, taxonomy):
    budget, code, design, law = taxonomy
    finance = participant(run_cohort, Role.MENTOR, offers=[budget], capacity=1)
    engineer = participant(run_cohort, Role.MENTOR, offers=[code], capacity=1)
    wants_budget = participant(run_cohort, Role.MENTEE, seeks=[budget])
    wants_code = participant(run_cohort, Role.MENTEE, seeks=[code])
    already = participant(run_cohort, Role.MENTEE, seeks=[budget])
    MentorshipFactory(cohort=run_cohort, mentee=already, mentor=participant(run_cohort, Role.MENTOR, capacity=1))

    run = services.run_matching(cohort=run_cohort, by=coordinator)

    assert run.status == MatchRun.Status.DRAFT
    assert pairs_of(run) == {wants_budget.pk: finance.pk, wants_code.pk: engineer.pk}
    pair = run.pairs.get(mentee=wants_budget)
    assert 0 < pair.score <= 1
    assert pair.contributions["skills"] > 0
    assert abs(sum(pair.contributions.values()) - pair.score) < 1e-6
    assert any(budget.name in reason for reason in pair.reasons)
    assert not run.unmatched.exists()


def test_a_mentee_left_over_is_listed_with_the_binding_constraint(run_cohort, coordinator, taxonomy):
    participant(run_cohort, Role.MENTOR, capacity=1)
    participant(run_cohort, Role.MENTEE)
    participant(run_cohort, Role.MENTEE)

    run = services.run_matching(cohort=run_cohort, by=coordinator)

    assert run.pairs.count() == 1
    assert list(run.unmatched.values_list("reason", flat=True)) == [Reason.NO_CAPACITY]


def test_minimum_score_leaves_weak_pairs_unproposed(run_cohort, coordinator, taxonomy):
    participant(run_cohort, Role.MENTOR, offers=[taxonomy[0]], values=[], languages=["fr"], career_track="legal")
    participant(run_cohort, Role.MENTEE, seeks=[taxonomy[1]], values=["ambition"], career_track="design")

    run = services.run_matching(cohort=run_cohort, by=coordinator, min_score=0.95)

    assert not run.pairs.exists()
    assert run.unmatched.get().reason == Reason.BELOW_MIN_SCORE


def test_avoiding_past_mentors_never_proposes_a_former_pair(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    MentorshipFactory(cohort=CohortFactory(), mentee=mentee, mentor=mentor, status=Mentorship.Status.COMPLETED)

    avoided = services.run_matching(cohort=run_cohort, by=coordinator, avoid_past_mentors=True)
    assert not avoided.pairs.exists()
    assert avoided.unmatched.get().reason == Reason.ALL_EXCLUDED

    again = services.run_matching(cohort=run_cohort, by=coordinator, avoid_past_mentors=False)
    assert again.pk == avoided.pk, "a cohort has one draft, solved again with the new options"
    assert pairs_of(again) == {mentee.pk: mentor.pk}


def test_a_mentor_the_mentee_already_asked_is_not_proposed_on_top_of_the_request(run_cohort, coordinator):
    asked = participant(run_cohort, Role.MENTOR)
    other = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    services.request_mentor(mentee=mentee, mentor=asked, cohort=run_cohort, help_wanted="a", why_this_mentor="b")

    run = services.run_matching(cohort=run_cohort, by=coordinator)

    assert pairs_of(run) == {mentee.pk: other.pk}


def test_only_coordinator_or_hybrid_cohorts_are_matched_in_bulk(coordinator):
    run_cohort = bulk_cohort(coordinator, mode=MatchingMode.MENTEE_CHOICE)
    with pytest.raises(ValidationError, match="mentees choose"):
        services.run_matching(cohort=run_cohort, by=coordinator)
    hybrid = bulk_cohort(coordinator, mode=MatchingMode.HYBRID)
    assert services.run_matching(cohort=hybrid, by=coordinator).is_draft


def test_only_the_programs_coordinators_run_matching(run_cohort, other_user):
    with pytest.raises(ValidationError, match="coordinators"):
        services.run_matching(cohort=run_cohort, by=other_user)


def test_a_locked_pair_survives_a_rerun_even_when_a_better_mentor_appears(run_cohort, coordinator, taxonomy):
    budget = taxonomy[0]
    plain = participant(run_cohort, Role.MENTOR, capacity=1)
    mentee = participant(run_cohort, Role.MENTEE, seeks=[budget])
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    services.lock_pair(pair=run.pairs.get(), by=coordinator)
    participant(run_cohort, Role.MENTOR, offers=[budget], capacity=1)

    services.rerun(run=run, by=coordinator)

    assert pairs_of(run) == {mentee.pk: plain.pk}
    assert run.pairs.get().locked


def test_swap_exchanges_mentors_rescores_and_locks_both_pairs(run_cohort, coordinator, taxonomy):
    budget, code = taxonomy[:2]
    finance = participant(run_cohort, Role.MENTOR, offers=[budget], capacity=1)
    engineer = participant(run_cohort, Role.MENTOR, offers=[code], capacity=1)
    wants_budget = participant(run_cohort, Role.MENTEE, seeks=[budget])
    wants_code = participant(run_cohort, Role.MENTEE, seeks=[code])
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    first, second = run.pairs.get(mentee=wants_budget), run.pairs.get(mentee=wants_code)
    before = first.score

    services.swap_pairs(first=first, second=second, by=coordinator)

    assert pairs_of(run) == {wants_budget.pk: engineer.pk, wants_code.pk: finance.pk}
    swapped = run.pairs.get(mentee=wants_budget)
    assert swapped.locked and swapped.source == ProposedPair.Source.SWAP
    assert swapped.score < before
    services.rerun(run=run, by=coordinator)
    assert pairs_of(run) == {wants_budget.pk: engineer.pk, wants_code.pk: finance.pk}


def test_a_banned_pair_is_never_proposed_again(run_cohort, coordinator, taxonomy):
    budget = taxonomy[0]
    best = participant(run_cohort, Role.MENTOR, offers=[budget])
    other = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE, seeks=[budget])
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    assert pairs_of(run) == {mentee.pk: best.pk}

    services.ban_pair(pair=run.pairs.get(), by=coordinator)
    assert run.unmatched.get(mentee=mentee).reason == Reason.AWAITING_RERUN
    services.rerun(run=run, by=coordinator)

    assert pairs_of(run) == {mentee.pk: other.pk}
    assert BannedPair.objects.filter(run=run, mentee=mentee, mentor=best).exists()
    services.lift_ban(ban=run.bans.get(), by=coordinator)
    services.rerun(run=run, by=coordinator)
    assert pairs_of(run) == {mentee.pk: best.pk}


def test_a_dropped_mentee_stays_out_until_put_back(run_cohort, coordinator):
    participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)

    held = services.drop_pair(pair=run.pairs.get(), by=coordinator)
    services.rerun(run=run, by=coordinator)
    assert not run.pairs.exists()
    assert run.unmatched.get(mentee=mentee).reason == Reason.DROPPED

    services.restore_mentee(unmatched=held, by=coordinator)
    services.rerun(run=run, by=coordinator)
    assert run.pairs.filter(mentee=mentee).exists()
    assert not run.unmatched.exists()


def test_changes_to_a_published_or_discarded_run_are_refused(run_cohort, coordinator):
    participant(run_cohort, Role.MENTOR)
    participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    pair = run.pairs.get()
    services.discard_run(run=run, by=coordinator)
    for action in (services.lock_pair, services.drop_pair, services.ban_pair):
        with pytest.raises(ValidationError, match="discarded"):
            action(pair=pair, by=coordinator)


def test_running_a_cohort_takes_the_same_number_of_queries_at_any_size(coordinator, taxonomy):
    counts = []
    for size in (3, 30):
        run_cohort = bulk_cohort(coordinator)
        for n in range(size):
            participant(run_cohort, Role.MENTOR, offers=[taxonomy[n % 4]], capacity=1)
            participant(run_cohort, Role.MENTEE, seeks=[taxonomy[(n + 1) % 4]])
        with CaptureQueriesContext(connection) as queries:
            run = services.run_matching(cohort=run_cohort, by=coordinator)
        counts.append(len(queries))
        assert run.pairs.count() == size
    assert counts[0] == counts[1]


def test_a_pair_whose_mentee_now_avoids_the_mentors_organisation_cannot_be_locked_and_a_lock_goes(
    run_cohort, coordinator
):
    mentor = participant(run_cohort, Role.MENTOR, organisation="Globex")
    other = participant(run_cohort, Role.MENTOR, organisation="Initech")
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    services.lock_pair(pair=run.pairs.get(), by=coordinator)
    run.pairs.update(mentor=mentor)  # the proposal pairs the mentee with Globex, locked
    Profile.objects.filter(user=mentee).update(avoid_organisations=["Globex"])

    with pytest.raises(ValidationError, match="the mentee avoids the mentor's organisation"):
        services.lock_pair(pair=run.pairs.get(), by=coordinator)
    services.rerun(run=run, by=coordinator)
    assert pairs_of(run) == {mentee.pk: other.pk}


def test_a_swap_onto_the_mentees_line_manager_is_refused(run_cohort, coordinator):
    first_mentor, second_mentor = (participant(run_cohort, Role.MENTOR, capacity=1) for _ in range(2))
    first_mentee, second_mentee = (participant(run_cohort, Role.MENTEE) for _ in range(2))
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    first, second = run.pairs.order_by("pk")
    Profile.objects.filter(user=first.mentee).update(manager_email=second.mentor.email)
    with pytest.raises(ValidationError, match="the mentor is the mentee's line manager"):
        services.swap_pairs(first=first, second=second, by=coordinator)
    assert pairs_of(run) == {first.mentee_id: first.mentor_id, second.mentee_id: second.mentor_id}


def test_a_weighted_rule_is_a_term_of_every_proposed_pair_and_a_hard_rule_is_never_broken(run_cohort, coordinator):
    where = QuestionFactory(program=run_cohort.program, text="Where do you work?")
    years = QuestionFactory(program=run_cohort.program, text="Years managing?", kind="number", choices=[])
    MatchRuleFactory(mentee_question=where, weight=10)
    MatchRuleFactory(mentee_question=years, operator=MatchRule.Operator.ABOVE, effect=MatchRule.Effect.MUST, weight=0)
    remote, office, junior = (participant(run_cohort, Role.MENTOR, capacity=1) for _ in range(3))
    mentees = [participant(run_cohort, Role.MENTEE) for _ in range(2)]
    for person, place, managed in ((remote, 1, 9), (office, 2, 9), (junior, 1, 0), *((m, 1, 2) for m in mentees)):
        AnswerFactory(question=where, user=person, value=place)
        AnswerFactory(question=years, user=person, value=managed)

    run = services.run_matching(cohort=run_cohort, by=coordinator)

    assert set(pairs_of(run).values()) == {remote.pk, office.pk}, "the junior mentor is never above a mentee"
    pair = run.pairs.get(mentor=remote)
    rule = MatchRule.objects.get(mentee_question=where)
    assert pair.contributions[f"rule:{rule.pk}"] > 0
    assert abs(sum(pair.contributions.values()) - pair.score) < 1e-6
    # The program's must-rule that holds comes first, then the strongest terms.
    assert pair.reasons[:2] == ["answered 9 to “Years managing?”, more than your 2",
                                "you both answered “Remote” to “Where do you work?”"]  # fmt: skip
