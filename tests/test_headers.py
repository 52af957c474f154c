"""The Content-Security-Policy and Permissions-Policy headers, on a page of every app, and the templates they allow."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import give_totp
from tests.factories import PASSWORD, UserFactory

PAGES = [
    reverse("home:index"),
    reverse("profiles:edit"),
    reverse("notifications:list"),
    reverse("programs:my_programs"),
    reverse("matching:inbox"),
    reverse("sessions:mentorship_list"),
    reverse("mfa_index"),
    reverse("admin:index"),
]
# E-mails are not web pages: mail clients want their styles inline, and no CSP applies to them.
EMAIL_TEMPLATES = re.compile(r"(^|/)email/")
INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*="),
    "a <style> element": re.compile(r"<style[\s>]"),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']"),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>"),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.fixture
def signed_in(client, db):
    person = UserFactory(is_staff=True, is_superuser=True)
    give_totp(person)
    client.force_login(person)
    return client


@pytest.mark.parametrize("url", PAGES)
def test_every_app_sends_a_content_security_policy_without_inline_code(signed_in, url):
    response = signed_in.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("url", PAGES)
def test_every_app_sends_a_permissions_policy(signed_in, url):
    policy = signed_in.get(url)["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy
    assert "publickey-credentials-get=(self)" in policy


def test_the_sign_in_page_has_both_headers(client, db):
    response = client.get(reverse("account_login"))
    assert "script-src 'self'" in response["Content-Security-Policy"] and "camera=()" in response["Permissions-Policy"]


def test_no_template_of_ours_carries_inline_style_or_script():
    root = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(root)}: {what}"
        for path in sorted(root.rglob("*.html"))
        if not EMAIL_TEMPLATES.search(str(path.relative_to(root)))
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client, db):
    body = client.get(reverse("home:index")).content.decode()
    assert '"includeIndicatorStyles": false' in body and '"allowEval": false' in body


def test_every_chart_colour_has_its_legend_class():
    from sessions.charts import PALETTE

    css = (Path(settings.BASE_DIR) / "static" / "css" / "dashboard.css").read_text()
    assert all(re.search(rf"\.swatch-{colour[1:]}\s*\{{\s*background: {colour};\s*\}}", css) for colour in PALETTE)


ALLAUTH_PAGES = ["account_login", "account_signup", "account_reset_password", "account_email", "mfa_index",
                 "mfa_activate_totp", "mfa_add_webauthn", "mfa_generate_recovery_codes", "socialaccount_connections",
                 "accounts:organisation_sign_in"]  # fmt: skip


@pytest.mark.parametrize("name", ALLAUTH_PAGES)
def test_the_sign_in_pages_that_come_with_allauth_carry_no_inline_style_or_script(client, db, name):
    person = UserFactory()
    if not name.startswith(("account_login", "account_signup", "account_reset", "accounts:")):
        client.force_login(person)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert [what for what, pattern in INLINE.items() if pattern.search(body)] == []
