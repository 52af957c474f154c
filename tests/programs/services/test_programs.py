import pytest
from django.core.exceptions import ValidationError

from mentoring.notifications.models import Kind, Notification
from programs import services
from programs.models import Program

pytestmark = pytest.mark.django_db


def test_only_coordinators_create_programs(user, coordinator):
    with pytest.raises(ValidationError):
        services.create_program(program=Program(name="Lead"), created_by=user)
    first = services.create_program(program=Program(name="Lead the way"), created_by=coordinator)
    second = services.create_program(program=Program(name="Lead the way"), created_by=coordinator)
    assert (first.slug, second.slug) == ("lead-the-way", "lead-the-way-2")
    assert list(first.coordinators.all()) == [coordinator]


def test_a_coordinator_adds_a_co_coordinator_who_is_notified(program, coordinator, other_user):
    services.add_coordinator(program=program, email=other_user.email.upper(), added_by=coordinator)
    assert program.is_coordinated_by(other_user)
    assert Notification.objects.filter(recipient=other_user, kind=Kind.PROGRAM).exists()
    with pytest.raises(ValidationError, match="already"):
        services.add_coordinator(program=program, email=other_user.email, added_by=coordinator)
    with pytest.raises(ValidationError, match="sign up"):
        services.add_coordinator(program=program, email="nobody@example.org", added_by=coordinator)
