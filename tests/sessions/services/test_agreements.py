"""The mentoring agreement: drafted, confirmed by both, changed only when both agree."""

import pytest
from django.core.exceptions import ValidationError

from mentoring.notifications.models import Kind, Notification
from sessions import services
from tests.sessions.factories import person


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def test_agreement_is_drafted_from_the_cohort_rules(mentorship):
    mentorship.cohort.meeting_cadence_days = 21
    mentorship.cohort.save()
    agreement = services.agreement_for(mentorship)
    assert agreement.cadence_days == 21
    assert agreement.length_minutes == mentorship.cohort.rule("meeting_length_minutes")
    assert not agreement.is_confirmed
    assert services.agreement_for(mentorship).pk == agreement.pk


def test_both_sides_confirm_the_agreement(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    assert agreement.confirmed_by(mentee) and not agreement.is_confirmed
    services.confirm_agreement(agreement=agreement, by=mentor)
    assert agreement.is_confirmed
    assert _notified(mentee, Kind.MENTORSHIP).exists()
    with pytest.raises(ValidationError, match="already confirmed"):
        services.confirm_agreement(agreement=agreement, by=mentor)


def test_editing_a_draft_confirms_it_for_the_author_and_asks_the_other_again(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentee, cadence_days=7, mentee_expects="Honest feedback")
    agreement.refresh_from_db()
    assert agreement.cadence_days == 7
    assert agreement.mentee_confirmed_at is not None
    assert agreement.mentor_confirmed_at is None


def test_a_change_to_a_confirmed_agreement_waits_for_the_other_side(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentor, cadence_days=28, channel="phone")
    agreement.refresh_from_db()
    assert agreement.cadence_days != 28
    assert agreement.proposal == {"cadence_days": 28, "channel": "phone"}
    assert [line[0] for line in agreement.proposal_lines] == ["Meet every (days)", "Channel"]
    with pytest.raises(ValidationError, match="waiting for your partner"):
        services.confirm_agreement(agreement=agreement, by=mentor)
    services.confirm_agreement(agreement=agreement, by=mentee)
    agreement.refresh_from_db()
    assert (agreement.cadence_days, agreement.channel, agreement.proposal) == (28, "phone", {})
    assert agreement.is_confirmed


def test_a_declined_change_leaves_the_agreement_as_it_was(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentee, length_minutes=90)
    services.decline_agreement_change(agreement=agreement, by=mentor)
    agreement.refresh_from_db()
    assert agreement.length_minutes != 90 and agreement.proposal == {} and agreement.is_confirmed


def test_outsiders_cannot_touch_the_agreement(mentorship):
    with pytest.raises(ValidationError):
        services.confirm_agreement(agreement=services.agreement_for(mentorship), by=person())
