import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from matching import services
from matching.models import MatchRun, Mentorship, UnmatchedMentee
from mentoring.notifications.models import Notification
from mentoring.profiles.models import Profile
from programs.models import MatchingMode, MatchRule, Role
from tests.factories import ProfileFactory, UserFactory
from tests.matching.factories import MentorshipFactory
from tests.matching.factories_bulk import bulk_cohort, pairs_of, participant
from tests.programs.factories import AnswerFactory, MatchRuleFactory, QuestionFactory

Reason = UnmatchedMentee.Reason


@pytest.fixture
def run_cohort(coordinator):
    return bulk_cohort(coordinator)


def test_publish_creates_proposed_mentorships_and_tells_both_sides(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    score = run.pairs.get().score

    result = services.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (1, 0)
    mentorship = Mentorship.objects.get(cohort=run_cohort, mentee=mentee, mentor=mentor)
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
        services.rerun(run=run, by=coordinator)
    with pytest.raises(ValidationError, match="published"):
        services.publish_run(run=run, by=coordinator)


def test_publish_starts_active_mentorships_when_the_cohort_needs_no_confirmation(coordinator):
    run_cohort = bulk_cohort(coordinator, confirm_bulk_matches=False)
    participant(run_cohort, Role.MENTOR)
    participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    services.publish_run(run=run, by=coordinator)
    mentorship = Mentorship.objects.get(cohort=run_cohort)
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert mentorship.started_at and mentorship.mentee_confirmed_at and mentorship.mentor_confirmed_at


def test_publish_leaves_out_a_pair_whose_mentor_filled_up_since_the_run(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR, capacity=1)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    MentorshipFactory(cohort=run_cohort, mentor=mentor, mentee=participant(run_cohort, Role.MENTEE))

    result = services.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (0, 1)
    assert Mentorship.objects.filter(cohort=run_cohort, mentor=mentor).count() == 1
    assert run.unmatched.get(mentee=mentee).reason == Reason.CHANGED


def test_publish_leaves_out_a_mentee_who_found_a_mentor_since_the_run(run_cohort, coordinator):
    participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    MentorshipFactory(cohort=run_cohort, mentee=mentee, mentor=participant(run_cohort, Role.MENTOR))

    result = services.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (0, 1)
    assert Mentorship.objects.filter(cohort=run_cohort, mentee=mentee).count() == 1


def test_running_again_never_disturbs_published_pairs(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR, capacity=2)
    first_mentee = participant(run_cohort, Role.MENTEE)
    first = services.run_matching(cohort=run_cohort, by=coordinator)
    services.publish_run(run=first, by=coordinator)
    published = Mentorship.objects.get(cohort=run_cohort)
    late_mentee = participant(run_cohort, Role.MENTEE)
    participant(run_cohort, Role.MENTEE)

    second = services.run_matching(cohort=run_cohort, by=coordinator)

    assert second.pk != first.pk
    assert first_mentee.pk not in pairs_of(second)
    assert not second.unmatched.filter(mentee=first_mentee).exists()
    assert list(second.pairs.values_list("mentor_id", flat=True)) == [mentor.pk], "one seat was left"
    assert list(second.unmatched.values_list("reason", flat=True)) == [Reason.NO_CAPACITY]
    assert late_mentee.pk in pairs_of(second) or second.unmatched.filter(mentee=late_mentee).exists()
    services.publish_run(run=second, by=coordinator)
    published.refresh_from_db()
    assert published.status == Mentorship.Status.PROPOSED and published.mentee == first_mentee
    assert Mentorship.objects.filter(cohort=run_cohort, mentor=mentor).count() == 2


def test_each_side_confirms_a_proposed_match_and_then_it_starts(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    services.publish_run(run=services.run_matching(cohort=run_cohort, by=coordinator), by=coordinator)
    mentorship = Mentorship.objects.get(cohort=run_cohort)

    services.confirm_match(mentorship=mentorship, by=mentee)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.PROPOSED and mentorship.mentee_confirmed_at
    assert Notification.objects.filter(recipient=mentor, dedupe_key__endswith=":confirmed:mentee").exists()

    services.confirm_match(mentorship=mentorship, by=mentor)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE and mentorship.started_at
    with pytest.raises(ValidationError, match="already active"):
        services.confirm_match(mentorship=mentorship, by=mentee)


def test_a_stranger_cannot_confirm_and_either_side_can_decline(run_cohort, coordinator):
    participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    services.publish_run(run=services.run_matching(cohort=run_cohort, by=coordinator), by=coordinator)
    mentorship = Mentorship.objects.get(cohort=run_cohort)
    with pytest.raises(ValidationError, match="Only the two people"):
        services.confirm_match(mentorship=mentorship, by=UserFactory())

    services.decline_match(mentorship=mentorship, by=mentee, message="I already have a mentor at work.")

    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED_EARLY and mentorship.ended_by == mentee
    assert Notification.objects.filter(recipient=coordinator, dedupe_key__contains=":declined:").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_publishing_while_a_mentor_accepts_a_request_never_exceeds_the_mentors_capacity():
    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True)).user
    run_cohort = bulk_cohort(coordinator, mode=MatchingMode.HYBRID)
    mentor = participant(run_cohort, Role.MENTOR, capacity=1)
    participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    asker = participant(run_cohort, Role.MENTEE)
    request = services.request_mentor(
        mentee=asker, mentor=mentor, cohort=run_cohort, help_wanted="a", why_this_mentor="b"
    )
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
        race(lambda: services.publish_run(run=run, by=coordinator))

    def accept():
        race(lambda: services.accept_request(request=request, by=mentor))

    threads = [threading.Thread(target=publish), threading.Thread(target=accept)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert Mentorship.objects.current().filter(cohort=run_cohort, mentor=mentor).count() == 1


def test_publish_leaves_out_a_pair_whose_mentee_has_since_named_the_mentor_as_their_manager(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    kept = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    Profile.objects.filter(user=mentee).update(manager_email=mentor.email)

    result = services.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (1, 1)
    assert list(Mentorship.objects.values_list("mentee_id", flat=True)) == [kept.pk]
    left_out = run.unmatched.get(mentee=mentee)
    assert left_out.reason == Reason.CHANGED and left_out.detail == "the mentor is the mentee's line manager"


def test_publish_leaves_out_a_pair_a_hard_rule_now_keeps_apart_and_names_the_rule(run_cohort, coordinator):
    where = QuestionFactory(program=run_cohort.program, text="Where do you work?")
    MatchRuleFactory(mentee_question=where, effect=MatchRule.Effect.MUST, weight=0)
    mentor = participant(run_cohort, Role.MENTOR)
    mentee = participant(run_cohort, Role.MENTEE)
    run = services.run_matching(cohort=run_cohort, by=coordinator)
    AnswerFactory(question=where, user=mentee, value=1)
    AnswerFactory(question=where, user=mentor, value=2)

    result = services.publish_run(run=run, by=coordinator)

    assert (result.created, result.skipped) == (0, 1)
    assert run.unmatched.get(mentee=mentee).detail == "the program's rule on “Where do you work?” keeps them apart"


def _proposal(cohort, coordinator, pairs):
    """A draft run holding these (mentee, mentor, score, reasons) pairs as the solver would have stored them."""
    from matching.models import ProposedPair

    run = MatchRun.objects.create(cohort=cohort, created_by=coordinator)
    ProposedPair.objects.bulk_create(
        ProposedPair(run=run, mentee=mentee, mentor=mentor, score=score, reasons=reasons)
        for mentee, mentor, score, reasons in pairs
    )
    return run


def test_publish_writes_each_mentorship_from_its_pair_and_links_them(run_cohort, coordinator):
    mentors = [participant(run_cohort, Role.MENTOR) for _ in range(2)]
    mentees = [participant(run_cohort, Role.MENTEE) for _ in range(2)]
    run = _proposal(run_cohort, coordinator, [(mentees[0], mentors[0], 0.8, ["Both speak Python" * 30, "Other"]),
                                              (mentees[1], mentors[1], 0.5, [])])  # fmt: skip
    services.publish_run(run=run, by=coordinator)
    first = Mentorship.objects.get(mentee=mentees[0])
    assert (first.mentor, first.match_score, first.purpose) == (mentors[0], 0.8, ("Both speak Python" * 30)[:300])
    second = Mentorship.objects.get(mentee=mentees[1])
    empty = (second.purpose, second.board_role, second.end_reason, second.request, second.ended_at)
    assert empty == ("", "", "", None, None)
    assert dict(run.pairs.values_list("mentee_id", "mentorship_id")) == {
        mentees[0].pk: first.pk,
        mentees[1].pk: second.pk,
    }
    links = set(Notification.objects.filter(object_id=first.pk).values_list("url", flat=True))
    assert (
        links == {reverse("matching:match_detail", args=[first.pk])}
        and Notification.objects.filter(object_id=second.pk).count() == 2
    )


def test_publish_gives_a_scarce_seat_to_the_best_pair_and_never_overbooks(run_cohort, coordinator):
    mentor = participant(run_cohort, Role.MENTOR, capacity=2)
    mentees = [participant(run_cohort, Role.MENTEE) for _ in range(4)]
    scores = [0.2, 0.9, 0.4, 0.7]
    run = _proposal(run_cohort, coordinator, [(m, mentor, s, []) for m, s in zip(mentees, scores, strict=True)])
    result = services.publish_run(run=run, by=coordinator)
    assert (result.created, result.skipped) == (2, 2)
    assert set(Mentorship.objects.filter(mentor=mentor).values_list("mentee_id", flat=True)) == {
        mentees[1].pk,
        mentees[3].pk,
    }
    assert set(run.unmatched.values_list("mentee_id", flat=True)) == {mentees[0].pk, mentees[2].pk}


@pytest.mark.parametrize("size", [3, 30])
def test_publish_query_count_does_not_grow_with_the_pairs(size, run_cohort, coordinator, django_assert_max_num_queries):
    mentors = [participant(run_cohort, Role.MENTOR) for _ in range(size)]
    mentees = [participant(run_cohort, Role.MENTEE) for _ in range(size)]
    run = _proposal(run_cohort, coordinator, [(e, m, 0.5, ["Fit"]) for e, m in zip(mentees, mentors, strict=True)])
    with django_assert_max_num_queries(40):
        assert services.publish_run(run=run, by=coordinator).created == size
