import pytest
from django.core.exceptions import ValidationError

from mentoring.notifications.models import Kind, Notification
from programs import services
from programs.models import Enrollment, Role
from tests.programs.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_withdraw_tells_the_person_and_cannot_happen_twice(cohort, coordinator):
    enrollment = EnrollmentFactory(cohort=cohort)
    services.withdraw_enrollment(enrollment=enrollment, by=coordinator)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN and enrollment.withdrawn_at
    assert Notification.objects.filter(recipient=enrollment.user, kind=Kind.PROGRAM).exists()
    with pytest.raises(ValidationError):
        services.withdraw_enrollment(enrollment=enrollment, by=coordinator)


def test_capacity_is_overridden_for_mentors_only(cohort, coordinator):
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    services.set_mentor_capacity(enrollment=mentor_enrollment, capacity=4, by=coordinator)
    assert Enrollment.objects.get(pk=mentor_enrollment.pk).capacity == 4
    services.set_mentor_capacity(enrollment=mentor_enrollment, capacity=None, by=coordinator)
    assert Enrollment.objects.get(pk=mentor_enrollment.pk).capacity == cohort.program.mentor_capacity
    with pytest.raises(ValidationError):
        services.set_mentor_capacity(enrollment=EnrollmentFactory(cohort=cohort), capacity=2, by=coordinator)
