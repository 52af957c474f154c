import importlib.util

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_seed_demo_says_what_is_missing_where_faker_is_not_installed(monkeypatch):
    """Production installs requirements.txt, without Faker: demo data is a development thing."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "faker" else real(name, *a))
    with pytest.raises(CommandError, match="requirements-dev.txt"):
        call_command("seed_demo")
