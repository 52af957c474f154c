import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_make_coordinator_command(user, capsys):
    call_command("make_coordinator", user.email.upper())
    user.refresh_from_db()
    assert user.is_coordinator
    call_command("make_coordinator", user.email, "--revoke")
    user.refresh_from_db()
    assert not user.is_coordinator


def test_make_coordinator_refuses_an_unknown_address(db):
    with pytest.raises(CommandError):
        call_command("make_coordinator", "nobody@example.org")
