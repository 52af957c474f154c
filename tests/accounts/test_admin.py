import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.accounts.factories import give_totp

pytestmark = pytest.mark.django_db


def test_no_admin_page_shows_a_totp_secret_or_a_recovery_code(admin_client, user):
    secret = give_totp(user)
    codes = RecoveryCodes.activate(user)
    seed = codes.instance.data["seed"]
    urls = [reverse("admin:mfa_authenticator_changelist")]
    for authenticator in Authenticator.objects.filter(user=user):
        urls += [reverse(f"admin:mfa_authenticator_{page}", args=[authenticator.pk]) for page in ("change", "delete")]
    for url in urls:
        response = admin_client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert secret not in body and seed not in body, url
        assert not any(code in body for code in codes.generate_codes()), url


def test_support_can_remove_a_lost_authenticator_but_not_add_or_edit_one(admin_client, user):
    give_totp(user)
    authenticator = Authenticator.objects.get(user=user)
    assert admin_client.get(reverse("admin:mfa_authenticator_add")).status_code == 403
    admin_client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
