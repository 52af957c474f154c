import logging

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_backend(settings):
    settings.EMAIL_BACKEND = "mentoring.ops.mail.SiteDomainBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MAIL_DOMAIN = "mentoring.example.org"


def test_every_email_gets_a_message_id_in_the_sites_domain(client, site_backend):
    UserFactory(email="sam@example.org")
    client.post("/accounts/password/reset/", {"email": "sam@example.org"})  # an allauth e-mail
    [message] = mail.outbox
    assert message.message()["Message-ID"].endswith("@mentoring.example.org>")


def test_a_message_id_set_by_the_sender_is_kept(site_backend):
    EmailMessage("s", "b", to=["a@example.org"], headers={"Message-ID": "<mine@example.org>"}).send()
    assert mail.outbox[0].message()["Message-ID"] == "<mine@example.org>"


def test_the_development_console_logs_each_email_once_at_info(caplog, settings):
    settings.EMAIL_DELIVERY_BACKEND = "mentoring.ops.mail.ConsoleBackend"
    with caplog.at_level(logging.DEBUG, logger="mentoring.mail"):
        get_connection("mentoring.ops.mail.SiteDomainBackend").send_messages(
            [EmailMessage("Your reminder", "Line one\nLine two\nhttp://127.0.0.1:8000/x/", to=["a@example.org"])]
        )
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert "a@example.org: Your reminder" in record.getMessage() and "http://127.0.0.1:8000/x/" in record.getMessage()
