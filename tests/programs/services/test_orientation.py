import pytest
from django.core.exceptions import ValidationError

from programs import services
from programs.models import OrientationItem, Role
from tests.programs.factories import EnrollmentFactory, OrientationItemFactory

pytestmark = pytest.mark.django_db


def test_orientation_is_complete_when_every_step_is_ticked_and_reopens_with_a_new_step(cohort):
    enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTEE)
    first, second = OrientationItemFactory.create_batch(2, cohort=cohort, role=Role.MENTEE)
    services.check_orientation_item(enrollment=enrollment, item=first, done=True)
    assert enrollment.orientation_completed_at is None
    services.check_orientation_item(enrollment=enrollment, item=second, done=True)
    assert enrollment.orientation_completed_at is not None
    services.add_orientation_item(cohort=cohort, role=Role.MENTEE, title="Draft your first goal")
    enrollment.refresh_from_db()
    assert enrollment.orientation_completed_at is None
    services.remove_orientation_item(item=OrientationItem.objects.get(title="Draft your first goal"))
    enrollment.refresh_from_db()
    assert enrollment.orientation_completed_at is not None


def test_a_step_of_the_other_role_cannot_be_ticked(cohort):
    enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTEE)
    item = OrientationItemFactory(cohort=cohort, role=Role.MENTOR)
    with pytest.raises(ValidationError):
        services.check_orientation_item(enrollment=enrollment, item=item, done=True)
