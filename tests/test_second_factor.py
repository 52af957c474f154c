"""Every coordinator page asks for a second factor when one is required: walked over the permission harness.

A case is a coordinator page when its setup makes the owner a coordinator (the harness's programs, matching and
sessions cases do, and no participant case does). With the site's rule on (or the program's own), the owner, who
has no second factor, is sent to set one up from each of them, before anything is shown or written; once they have
one, the page answers as the harness expects. Every other page is untouched by the rule.
"""

import pytest
from django.urls import reverse

from mentoring.accounts import second_factor
from programs.models import Program
from tests.accounts.factories import give_totp
from tests.factories import ProfileFactory
from tests.test_permissions import CASES, _request

SETUP = reverse("mfa_index")


def _coordinates(user) -> bool:
    user.refresh_from_db()
    return user.is_coordinator or Program.objects.filter(coordinators=user).exists()


def _sent_to_setup(case, response) -> bool:
    if case.htmx:
        return response.get("HX-Redirect") == SETUP
    return response.status_code == 302 and response["Location"] == SETUP


@pytest.fixture
def actors(db):
    return ProfileFactory().user, ProfileFactory().user


@pytest.fixture
def require_of_coordinators(settings):
    settings.MFA_REQUIRED_FOR_COORDINATORS = True


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_coordinator_page_needs_the_second_factor_the_site_requires(name, client, actors, require_of_coordinators):
    case = CASES[name]
    owner, outsider = actors
    url = case.setup(owner, outsider)
    client.force_login(owner)
    response = _request(client, case, url)
    if not _coordinates(owner):
        assert response.status_code == case.ok
        return
    assert _sent_to_setup(case, response), f"{name} answered {response.status_code} without a second factor"
    give_totp(owner)
    response = _request(client, case, url)
    assert response.status_code == case.ok and not _sent_to_setup(case, response)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_program_that_requires_a_second_factor_guards_its_coordinators_pages(name, client, actors):
    case = CASES[name]
    owner, outsider = actors
    url = case.setup(owner, outsider)
    Program.objects.filter(coordinators=owner).update(require_mfa=True)
    client.force_login(owner)
    response = _request(client, case, url)
    if Program.objects.filter(coordinators=owner).exists():
        assert _sent_to_setup(case, response), f"{name} answered {response.status_code} without a second factor"
    else:
        assert response.status_code == case.ok


def test_the_walk_covers_the_coordinator_pages_of_every_app(db):
    coordinator_pages = set()
    for name, case in CASES.items():
        owner, outsider = ProfileFactory().user, ProfileFactory().user
        case.setup(owner, outsider)
        if _coordinates(owner):
            coordinator_pages.add(name)
    apps = {name.partition(":")[0] for name in coordinator_pages}
    assert {"programs", "matching", "sessions"} <= apps
    assert {"sessions:dashboard", "matching:run_detail", "programs:cohort_detail"} <= coordinator_pages
    assert len(coordinator_pages) > 30


def test_nobody_is_asked_for_a_second_factor_when_nothing_requires_one(db, coordinator):
    assert not second_factor.is_required(coordinator)
