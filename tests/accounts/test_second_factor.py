import logging

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from mentoring.accounts import second_factor
from tests.accounts.factories import give_totp, totp_code
from tests.factories import PASSWORD, UserFactory
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db
SETUP = reverse("mfa_index")


def test_staff_always_need_a_second_factor(settings):
    settings.MFA_REQUIRED_FOR_COORDINATORS = False
    assert second_factor.is_required(UserFactory(is_staff=True))


def test_coordinators_need_one_when_the_site_requires_it(settings, coordinator):
    settings.MFA_REQUIRED_FOR_COORDINATORS = False
    assert not second_factor.is_required(coordinator)
    settings.MFA_REQUIRED_FOR_COORDINATORS = True
    assert second_factor.is_required(coordinator)


def test_the_site_rule_covers_a_co_coordinator_without_the_coordinator_flag(settings, user):
    ProgramFactory(coordinators=[user])
    settings.MFA_REQUIRED_FOR_COORDINATORS = True
    assert second_factor.is_required(user)


def test_a_program_requires_one_of_its_coordinators_only(user, other_user):
    ProgramFactory(coordinators=[user], require_mfa=True)
    ProgramFactory(coordinators=[other_user])
    assert second_factor.is_required(user) and not second_factor.is_required(other_user)


def test_recovery_codes_alone_are_not_a_second_factor(user):
    ProgramFactory(coordinators=[user], require_mfa=True)
    RecoveryCodes.activate(user)
    assert second_factor.is_missing(user)
    give_totp(user)
    assert not second_factor.is_missing(user)


def test_signing_in_leads_a_coordinator_without_one_to_set_it_up(client, user):
    ProgramFactory(coordinators=[user], require_mfa=True)
    response = client.post(
        reverse("account_login") + "?next=/notifications/", {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == SETUP
    page = client.get(SETUP)
    assert "sign in with a second factor" in page.content.decode()


def test_signing_in_asks_for_the_code_and_then_opens_the_coordinator_pages(client, user):
    program = ProgramFactory(coordinators=[user], require_mfa=True)
    secret = give_totp(user)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(program.get_absolute_url()).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] != SETUP
    assert client.get(program.get_absolute_url()).status_code == 200


def test_a_wrong_code_does_not_sign_in(client, user):
    give_totp(user)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_htmx_request_is_sent_to_set_up_by_a_client_redirect(client, user):
    program = ProgramFactory(coordinators=[user], require_mfa=True)
    client.force_login(user)
    response = client.get(program.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SETUP


def test_every_second_factor_page_asks_a_visitor_to_sign_in(client):
    for name in ("mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "mfa_list_webauthn", "mfa_view_recovery_codes",
                 "mfa_generate_recovery_codes", "mfa_download_recovery_codes", "mfa_deactivate_totp"):  # fmt: skip
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_the_setup_page_offers_an_authenticator_app_and_a_security_key(client, user):
    client.force_login(user)
    body = client.get(SETUP).content.decode()
    assert reverse("mfa_activate_totp") in body and reverse("mfa_add_webauthn") in body


def test_the_authenticator_app_page_shows_the_qr_code_and_the_secret(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # setting one up asks for it again
    body = client.get(reverse("mfa_activate_totp")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in body and 'id="authenticator_secret"' in body


def test_a_coordinator_sign_in_reaches_the_security_log(client, user, caplog):
    ProgramFactory(coordinators=[user])
    with caplog.at_level(logging.INFO, logger="mentoring.security"):
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert f"coordinator signed in: user {user.pk} by password" in caplog.text


def test_a_participant_sign_in_is_not_logged_as_a_coordinator_one(client, user, caplog):
    with caplog.at_level(logging.INFO, logger="mentoring.security"):
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "coordinator signed in" not in caplog.text


def test_a_coordinator_can_make_their_program_require_a_second_factor(client, user):
    program = ProgramFactory(coordinators=[user])
    give_totp(user)
    client.force_login(user)
    assert (
        "Require a second factor" in client.get(reverse("programs:program_edit", args=[program.slug])).content.decode()
    )
