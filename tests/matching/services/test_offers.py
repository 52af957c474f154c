"""Mentor offers: the same rules as requests (capacity, board size, hard exclusions, expiry), refusals save nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.models import MentorOffer, Mentorship
from matching.scans import due_offer_reminders
from matching.services.offers import (
    accept_offer,
    answer_offer_question,
    ask_about_offer,
    decline_offer,
    expire_overdue_offers,
    offer_mentoring,
)
from mentoring.notifications.models import Notification
from programs.models import Role
from tests.factories import ProfileFactory, UserFactory
from tests.matching.factories import MentorshipFactory


def offer(mentor, mentee, cohort, message="I have led three teams through this."):
    return offer_mentoring(mentor=mentor, mentee=mentee, cohort=cohort, message=message)


def test_a_mentee_accepts_an_offer_and_the_pair_is_active(cohort, mentor, mentee):
    made = offer(mentor, mentee, cohort)
    assert Notification.objects.filter(recipient=mentee, dedupe_key=f"offer:{made.pk}:created").exists()
    pair = accept_offer(offer=made, by=mentee)
    assert pair.status == Mentorship.Status.ACTIVE and (pair.mentor, pair.mentee) == (mentor, mentee)
    made.refresh_from_db()
    assert made.is_accepted
    with pytest.raises(ValidationError, match="already accepted"):
        decline_offer(offer=made, by=mentee)


def test_an_offer_to_someone_outside_the_cohort_is_refused(cohort, mentor):
    with pytest.raises(ValidationError, match="mentee of this cohort"):
        offer(mentor, UserFactory(), cohort)
    assert not MentorOffer.objects.exists()


def test_an_offer_the_rules_exclude_is_refused(cohort, mentor, mentee):
    ProfileFactory(user=mentee, manager_email=mentor.email)
    with pytest.raises(ValidationError):
        offer(mentor, mentee, cohort)
    assert not MentorOffer.objects.exists()


def test_a_mentor_without_a_free_seat_cannot_offer(cohort, mentor, mentee, enrol):
    for _ in range(2):  # the program's capacity
        MentorshipFactory(cohort=cohort, mentor=mentor, mentee=enrol(Role.MENTEE).user)
    with pytest.raises(ValidationError, match="no free seat"):
        offer(mentor, mentee, cohort)


def test_capacity_is_checked_again_when_the_mentee_accepts(cohort, mentor, mentee, enrol):
    made = offer(mentor, mentee, cohort)
    for _ in range(2):
        MentorshipFactory(cohort=cohort, mentor=mentor, mentee=enrol(Role.MENTEE).user)
    with pytest.raises(ValidationError, match="no free seat"):
        accept_offer(offer=made, by=mentee)
    made.refresh_from_db()
    assert made.is_pending and not Mentorship.objects.filter(mentee=mentee).exists()


def test_one_open_offer_per_pair_and_a_message_is_needed(cohort, mentor, mentee):
    with pytest.raises(ValidationError, match="why you offer"):
        offer(mentor, mentee, cohort, message="  ")
    offer(mentor, mentee, cohort)
    with pytest.raises(ValidationError, match="already have an open offer"):
        offer(mentor, mentee, cohort)


def test_the_mentee_asks_and_the_mentor_answers(cohort, mentor, mentee):
    made = offer(mentor, mentee, cohort)
    with pytest.raises(ValidationError):
        ask_about_offer(offer=made, by=mentor, question="?")
    ask_about_offer(offer=made, by=mentee, question="How often would we meet?")
    answer_offer_question(offer=made, by=mentor, answer="Every two weeks.")
    made.refresh_from_db()
    assert (made.question, made.answer) == ("How often would we meet?", "Every two weeks.")


def test_an_offer_is_reminded_once_then_expires(cohort, mentor, mentee):
    made = offer(mentor, mentee, cohort)
    near_end = made.expires_at - timedelta(days=1)
    assert [d.recipient_id for d in due_offer_reminders(near_end)] == [mentee.pk]
    assert due_offer_reminders(timezone.now()) == []
    assert expire_overdue_offers(now=made.expires_at + timedelta(minutes=1)) == 1
    made.refresh_from_db()
    assert made.status == MentorOffer.Status.EXPIRED
    with pytest.raises(ValidationError, match="already expired"):
        accept_offer(offer=made, by=mentee)
