import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from matching import services
from matching.models import Mentorship, MentorshipRequest
from mentoring.notifications.models import Notification
from programs.models import MatchRule, Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import (
    AnswerFactory,
    CohortFactory,
    EnrollmentFactory,
    MatchRuleFactory,
    ProgramFactory,
    QuestionFactory,
)

Status = MentorshipRequest.Status


def ask(cohort, mentee, mentor, **kwargs):
    return services.request_mentor(
        mentee=mentee, mentor=mentor, cohort=cohort, help_wanted="Budgeting", why_this_mentor="Finance lead", **kwargs
    )


def test_request_mentor_creates_pending_request_and_tells_the_mentor(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    assert request.status == Status.PENDING
    assert request.expires_at - request.created_at == timedelta(days=7)
    assert Notification.objects.filter(recipient=mentor, dedupe_key=f"request:{request.pk}:created").exists()


def test_one_open_request_per_mentor(cohort, mentee, mentor):
    ask(cohort, mentee, mentor)
    with pytest.raises(ValidationError, match="already have an open request"):
        ask(cohort, mentee, mentor)


def test_mentor_at_capacity_cannot_be_requested(cohort, enrol, mentee, mentor):
    for _ in range(2):
        other = enrol(Role.MENTEE).user
        Mentorship.objects.create(cohort=cohort, mentee=other, mentor=mentor)
    with pytest.raises(ValidationError, match="no capacity"):
        ask(cohort, mentee, mentor)


def test_paused_mentor_cannot_be_requested(cohort, enrol, mentee):
    mentor = enrol(Role.MENTOR, paused_at=timezone.now()).user
    with pytest.raises(ValidationError, match="paused"):
        ask(cohort, mentee, mentor)


def test_full_board_refuses_new_requests(cohort, enrol, mentee, mentor):
    for _ in range(3):
        Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=enrol(Role.MENTOR).user)
    with pytest.raises(ValidationError, match="board is full"):
        ask(cohort, mentee, mentor)


def test_people_outside_the_cohort_cannot_request_or_be_requested(cohort, mentee, mentor):
    outsider = UserFactory()
    with pytest.raises(ValidationError):
        ask(cohort, outsider, mentor)
    with pytest.raises(ValidationError):
        ask(cohort, mentee, outsider)


def test_withdraw_only_by_the_mentee_and_only_while_pending(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    with pytest.raises(ValidationError):
        services.withdraw_request(request=request, by=mentor)
    services.withdraw_request(request=request, by=mentee)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.withdraw_request(request=request, by=mentee)


def test_accept_creates_active_mentorship(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor, board_role="skill_coach")
    mentorship = services.accept_request(request=request, by=mentor)
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert mentorship.board_role == "skill_coach"
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert Notification.objects.filter(recipient=mentee, dedupe_key=f"request:{request.pk}:accepted").exists()


def test_only_the_mentor_answers(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    for action in (services.accept_request, services.decline_request, services.think_about_request):
        with pytest.raises(ValidationError):
            action(request=request, by=mentee)


@pytest.mark.parametrize("final", [Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN, Status.EXPIRED, Status.RELEASED])
def test_closed_requests_refuse_every_answer(cohort, mentee, mentor, final):
    request = ask(cohort, mentee, mentor)
    MentorshipRequest.objects.filter(pk=request.pk).update(status=final)
    request.refresh_from_db()
    for action in (services.accept_request, services.decline_request, services.think_about_request):
        with pytest.raises(ValidationError, match="already"):
            action(request=request, by=mentor)
    with pytest.raises(ValidationError, match="already"):
        services.ask_question(request=request, by=mentor, question="Why?")
    with pytest.raises(ValidationError, match="already"):
        services.withdraw_request(request=request, by=mentee)


def test_decline_with_a_kind_message(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    services.decline_request(request=request, by=mentor, message="Try Sam, who knows this better.")
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    note = Notification.objects.get(recipient=mentee, dedupe_key=f"request:{request.pk}:declined")
    assert "Sam" in note.body


def test_let_me_think_keeps_the_request_pending_and_tells_the_mentee(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    services.think_about_request(request=request, by=mentor)
    request.refresh_from_db()
    assert request.status == Status.PENDING and request.thinking_since is not None
    assert Notification.objects.filter(recipient=mentee, dedupe_key=f"request:{request.pk}:thinking").exists()


def test_question_and_answer(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    with pytest.raises(ValidationError, match="no question"):
        services.answer_question(request=request, by=mentee, answer="Early")
    services.ask_question(request=request, by=mentor, question="How much time can you give?")
    with pytest.raises(ValidationError, match="still waiting"):
        services.ask_question(request=request, by=mentor, question="And?")
    with pytest.raises(ValidationError):
        services.answer_question(request=request, by=mentor, answer="Two hours")
    services.answer_question(request=request, by=mentee, answer="Two hours a month")
    request.refresh_from_db()
    assert request.status == Status.PENDING
    assert request.answer == "Two hours a month"


def test_question_and_answer_keys_come_from_the_request_so_every_worker_agrees_and_a_repeat_is_told(
    cohort, mentee, mentor
):
    request = ask(cohort, mentee, mentor)
    for _ in range(2):  # the same words twice: the second round is news too
        services.ask_question(request=request, by=mentor, question="When can we meet?")
        services.answer_question(request=request, by=mentee, answer="Tuesdays.")
    keys = Notification.objects.filter(dedupe_key__regex=r":(question|answer):").values_list("dedupe_key", flat=True)
    assert sorted(keys) == [f"request:{request.pk}:{event}:{n}" for event in ("answer", "question") for n in (1, 2)]


def test_accept_that_fills_the_board_releases_other_requests(cohort, enrol, mentee, mentor):
    for _ in range(2):
        Mentorship.objects.create(cohort=cohort, mentee=mentee, mentor=enrol(Role.MENTOR).user)
    other_mentor = enrol(Role.MENTOR).user
    request = ask(cohort, mentee, mentor)
    other = ask(cohort, mentee, other_mentor)
    services.accept_request(request=request, by=mentor)
    other.refresh_from_db()
    assert other.status == Status.RELEASED
    assert Notification.objects.filter(recipient=other_mentor, dedupe_key=f"request:{other.pk}:released").exists()


def test_accept_refused_when_mentor_filled_meanwhile(cohort, enrol, mentor):
    first, second, third = (enrol(Role.MENTEE).user for _ in range(3))
    requests = [ask(cohort, m, mentor) for m in (first, second, third)]
    services.accept_request(request=requests[0], by=mentor)
    services.accept_request(request=requests[1], by=mentor)
    with pytest.raises(ValidationError, match="no capacity"):
        services.accept_request(request=requests[2], by=mentor)
    assert Mentorship.objects.filter(mentor=mentor).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_accepts_never_exceed_capacity():
    program = ProgramFactory(mentor_capacity=1, max_mentors_per_mentee=3)
    cohort = CohortFactory(program=program)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR).user
    requests = []
    for _ in range(2):
        mentee = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
        requests.append(ask(cohort, mentee, mentor))
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(request):
        try:
            barrier.wait()
            services.accept_request(request=request, by=mentor)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Mentorship.objects.filter(mentor=mentor).count() == 1


@pytest.mark.parametrize(
    ("mentee_profile", "mentor_profile", "refusal"),
    [
        ({"manager_email": "{mentor}"}, {}, "your own line manager"),
        ({"avoid_organisations": ["globex"]}, {"organisation": "Globex"}, "organisation your profile asks to avoid"),
        ({"organisation": "Acme"}, {"avoid_organisations": ["ACME"]}, "prefers not to mentor people from your"),
    ],
)
def test_a_mentee_cannot_request_a_mentor_the_matching_rules_exclude(
    cohort, mentee, mentor, mentee_profile, mentor_profile, refusal
):
    ProfileFactory(user=mentor, **mentor_profile)
    ProfileFactory(user=mentee, **{k: v.format(mentor=mentor.email) if k == "manager_email" else v
                                   for k, v in mentee_profile.items()})  # fmt: skip
    with pytest.raises(ValidationError, match=refusal):
        ask(cohort, mentee, mentor)
    assert not MentorshipRequest.objects.exists()


def test_a_mentor_cannot_accept_a_mentee_they_have_become_the_manager_of(cohort, mentee, mentor):
    request = ask(cohort, mentee, mentor)
    ProfileFactory(user=mentee, manager_email=mentor.email.upper())
    with pytest.raises(ValidationError, match="You are this mentee's line manager"):
        services.accept_request(request=request, by=mentor)
    request.refresh_from_db()
    assert request.is_pending and not Mentorship.objects.exists()


def test_a_hard_rule_refuses_a_request_and_says_what_it_found(cohort, mentee, mentor):
    where = QuestionFactory(program=cohort.program, text="Where do you work?")
    MatchRuleFactory(mentee_question=where, effect=MatchRule.Effect.MUST, weight=0)
    AnswerFactory(question=where, user=mentee, value=1)
    AnswerFactory(question=where, user=mentor, value=2)
    with pytest.raises(ValidationError) as refused:
        ask(cohort, mentee, mentor)
    assert refused.value.messages == [
        "This program's rules keep you and this mentor apart: your answers to “Where do you work?” differ, and this "
        "program's rule keeps such pairs apart."
    ]
    # The same answers in another program's cohort do not count here.
    elsewhere = CohortFactory()
    EnrollmentFactory(cohort=elsewhere, user=mentee, role=Role.MENTEE)
    EnrollmentFactory(cohort=elsewhere, user=mentor, role=Role.MENTOR)
    assert ask(elsewhere, mentee, mentor).is_pending


def test_the_management_chain_and_peers_are_refused_where_the_program_keeps_them_apart(cohort, enrol, mentee):
    boss_boss, peer = enrol(Role.MENTOR).user, enrol(Role.MENTOR).user
    boss = UserFactory()
    ProfileFactory(user=mentee, manager_email=boss.email)
    ProfileFactory(user=boss, manager_email=boss_boss.email)
    ProfileFactory(user=peer, manager_email=boss.email)
    program = cohort.program
    program.exclude_management_chain = program.exclude_peers = True
    program.save()
    with pytest.raises(ValidationError, match="above you in your reporting line"):
        ask(cohort, mentee, boss_boss)
    with pytest.raises(ValidationError, match="reports to the same manager as you"):
        ask(cohort, mentee, peer)
    program.exclude_management_chain = program.exclude_peers = False
    program.save()
    assert ask(cohort, mentee, peer).is_pending
