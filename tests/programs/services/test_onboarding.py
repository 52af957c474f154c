import pytest

from programs import services
from tests.programs.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_skipping_closes_the_setup_once_and_resuming_reopens_it():
    enrollment = EnrollmentFactory()
    assert enrollment.onboarding_closed_at is None
    services.close_onboarding(enrollment=enrollment)
    closed_at = enrollment.onboarding_closed_at
    assert closed_at is not None
    services.close_onboarding(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.onboarding_closed_at == closed_at
    services.reopen_onboarding(enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.onboarding_closed_at is None
