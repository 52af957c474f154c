from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.notifications.models import Notification
from programs.models import Answer, Application, Enrollment, Role
from programs.services import withdraw_enrollment
from programs.services.applications import (
    apply,
    decide_applications,
    fill_seats,
    waiting_position,
    withdraw_application,
)
from tests.factories import UserFactory
from tests.programs.factories import ApplicationFactory, CohortFactory, EnrollmentFactory, QuestionFactory

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def open_cohort(program):
    program.applications_open = True
    program.save()
    return CohortFactory(program=program)


def test_a_person_applies_with_their_answers_and_the_coordinators_are_told(open_cohort, coordinator):
    where = QuestionFactory(program=open_cohort.program, required=True)
    person = UserFactory()
    application = apply(user=person, cohort=open_cohort, role=Role.MENTEE, note=" Hi ", answers={where: 2})
    assert (application.status, application.note) == (Status.PENDING, "Hi")
    assert Answer.objects.get(user=person, question=where).value == 2
    assert Notification.objects.filter(recipient=person, dedupe_key=f"application:{application.pk}:received").exists()
    assert Notification.objects.filter(recipient=coordinator, title__contains="applies to").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c, p: setattr(c.program, "applications_open", False) or c.program.save(), "is not taking applications"),
        (lambda c, p: setattr(c.program, "application_domains", ["acme.org"]) or c.program.save(),
         "takes applications from addresses at acme.org"),
        (lambda c, p: Enrollment.objects.create(cohort=c, user=p, role=Role.MENTEE), "You already take part in"),
        (lambda c, p: ApplicationFactory(cohort=c, user=p), "You have already applied"),
        (lambda c, p: type(c).objects.filter(pk=c.pk).update(starts_on=timezone.localdate() - timedelta(days=200),
                                                              ends_on=timezone.localdate() - timedelta(days=1)),
         "has no cohort taking applications"),
    ],
)  # fmt: skip
def test_an_application_that_cannot_be_made_saves_nothing_and_says_why(open_cohort, change, message):
    person = UserFactory()
    change(open_cohort, person)
    open_cohort.refresh_from_db()
    before = Application.objects.count()
    with pytest.raises(ValidationError, match=message):
        apply(user=person, cohort=open_cohort, role=Role.MENTEE)
    assert Application.objects.count() == before


def test_a_required_question_left_empty_refuses_the_application(open_cohort):
    where = QuestionFactory(program=open_cohort.program, required=True, text="Where?")
    with pytest.raises(ValidationError, match="“Where\\?” needs an answer"):
        apply(user=UserFactory(), cohort=open_cohort, role=Role.MENTEE, answers={where: None})
    assert not Application.objects.exists()


def test_approving_enrols_until_the_seats_are_full_then_the_rest_wait_in_order(open_cohort, coordinator):
    open_cohort.mentee_seats = 2
    open_cohort.save()
    EnrollmentFactory(cohort=open_cohort, role=Role.MENTEE)
    first, second, third = (ApplicationFactory(cohort=open_cohort) for _ in range(3))
    mentor = ApplicationFactory(cohort=open_cohort, role=Role.MENTOR)

    decided = decide_applications(cohort=open_cohort, applications=[third, first, second, mentor], approve=True,
                                  message="Welcome aboard", by=coordinator)  # fmt: skip

    assert [a.pk for a in decided.enrolled] == [first.pk, mentor.pk]
    assert [a.pk for a in decided.waiting] == [second.pk, third.pk]
    assert Enrollment.objects.get(user=first.user).is_active
    for application, position in ((second, 1), (third, 2)):
        application.refresh_from_db()
        assert application.is_waiting and waiting_position(application) == position
    assert Notification.objects.filter(recipient=second.user, body__contains="Welcome aboard").exists()
    assert Notification.objects.filter(recipient=first.user, dedupe_key=f"application:{first.pk}:enrolled").exists()


def test_a_withdrawal_enrols_the_first_person_waiting(open_cohort, coordinator):
    open_cohort.mentee_seats = 1
    open_cohort.save()
    seated = EnrollmentFactory(cohort=open_cohort, role=Role.MENTEE)
    first, second = ApplicationFactory(cohort=open_cohort), ApplicationFactory(cohort=open_cohort)
    decide_applications(cohort=open_cohort, applications=[first, second], approve=True, by=coordinator)
    withdraw_enrollment(enrollment=seated, by=coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_enrolled and second.is_waiting and waiting_position(second) == 1
    assert Enrollment.objects.get(user=first.user, cohort=open_cohort).is_active
    open_cohort.mentee_seats = 5
    open_cohort.save()
    assert [a.pk for a in fill_seats(cohort=open_cohort)] == [second.pk]


def test_declining_tells_the_applicant_and_a_decided_application_is_left_as_it_is(open_cohort, coordinator):
    application = ApplicationFactory(cohort=open_cohort)
    decided = decide_applications(cohort=open_cohort, applications=[application], approve=False,
                                  message="Next time!", by=coordinator)  # fmt: skip
    assert [a.pk for a in decided.declined] == [application.pk]
    assert Notification.objects.get(dedupe_key=f"application:{application.pk}:declined").body == "Next time!"
    again = decide_applications(cohort=open_cohort, applications=[application], approve=True, by=coordinator)
    assert [a.pk for a in again.skipped] == [application.pk] and not Enrollment.objects.exists()


def test_only_the_programs_coordinators_decide(open_cohort):
    with pytest.raises(ValidationError, match="Only the program's coordinators"):
        decide_applications(cohort=open_cohort, applications=[], approve=True, by=UserFactory())


def test_the_applicant_withdraws_an_open_application_only(open_cohort, coordinator):
    application = ApplicationFactory(cohort=open_cohort)
    with pytest.raises(ValidationError, match="Only the applicant"):
        withdraw_application(application=application, by=coordinator)
    assert withdraw_application(application=application, by=application.user).status == Status.WITHDRAWN
    with pytest.raises(ValidationError, match="it is closed"):
        withdraw_application(application=application, by=application.user)


def test_a_domain_limit_looks_at_the_addresses_a_person_has_verified(open_cohort):
    program = open_cohort.program
    program.application_domains = ["acme.org"]
    program.save()
    person = UserFactory(email="ada@example.org")
    EmailAddress.objects.create(user=person, email="ada@acme.org", verified=False)
    with pytest.raises(ValidationError, match="Add and verify such an address"):
        apply(user=person, cohort=open_cohort, role=Role.MENTEE)
    EmailAddress.objects.filter(email="ada@acme.org").update(verified=True)
    assert apply(user=person, cohort=open_cohort, role=Role.MENTEE).is_pending
