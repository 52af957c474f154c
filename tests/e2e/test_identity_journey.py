"""A coordinator sets up an authenticator app and signs in with it; a person signs in through their organisation's
OpenID Connect provider (the test provider of tests/accounts/idp, a process of its own)."""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from mentoring.accounts.sso_config import socialaccount_providers
from tests.accounts.factories import totp_code
from tests.accounts.idp import people
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fresh_code(secret: str) -> str:
    """The app's code, not about to roll over to the next one."""
    while 30 - time.time() % 30 < 3:
        time.sleep(0.5)
    return totp_code(secret)


def test_a_coordinator_sets_up_an_authenticator_app_and_signs_in_with_it(page, live_server, settings):
    settings.MFA_REQUIRED_FOR_COORDINATORS = True
    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True, first_name="Cleo")).user
    program = ProgramFactory(name="Leaders of tomorrow", coordinators=[coordinator])

    log_in(page, live_server, coordinator.email, PASSWORD)
    expect(page.get_by_text("Coordinators and site staff sign in with a second factor here")).to_be_visible()
    page.goto(f"{live_server.url}{program.get_absolute_url()}")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/")

    page.get_by_role("link", name="Activate").click()
    page.get_by_label("Password").fill(PASSWORD)  # setting a factor up asks for the password again
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("img", name=re.compile(r"^[A-Z2-7]{32}$"))).to_be_visible()  # the QR code
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(fresh_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()

    page.goto(f"{live_server.url}{program.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Leaders of tomorrow")).to_be_visible()

    page.get_by_role("button", name=coordinator.display_name).click()
    page.get_by_role("button", name="Sign out").click()
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.get_by_label("Code").fill(fresh_code(secret))
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome, Cleo")).to_be_visible()
    page.goto(f"{live_server.url}{program.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Leaders of tomorrow")).to_be_visible()


def test_a_person_signs_in_through_their_organisations_provider(page, live_server, settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(oidc=json.dumps([oidc_provider.entry()]), saml="")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with your organisation").click()
    page.get_by_label("Work e-mail address").fill(people.ADA.email)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Example Org sign-in")).to_be_visible()
    page.get_by_label("Username").fill(people.ADA.username)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in to Example Org").click()

    expect(page.get_by_role("heading", name="Welcome, Ada")).to_be_visible()
    assert page.url.startswith(live_server.url)
