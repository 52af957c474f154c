"""E-mail plumbing: every message leaves with a Message-ID in the site's own domain, and in development the
console "sends" each e-mail as one INFO log line instead of printing it (a Celery worker turns whatever a task
prints into WARNING lines, one per line of the message)."""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid

logger = logging.getLogger("mentoring.mail")


class SiteDomainBackend(BaseEmailBackend):
    """EMAIL_BACKEND. Stamps a Message-ID @MAIL_DOMAIN on every message that has none (Django would take the
    machine's host name: `localhost`, or a container's id), then hands the messages to EMAIL_DELIVERY_BACKEND
    (SMTP, an anymail provider, or the console)."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=fail_silently, **kwargs)

    def open(self):
        return self.delivery.open()

    def close(self):
        return self.delivery.close()

    def send_messages(self, email_messages):
        for message in email_messages:
            if not any(name.lower() == "message-id" for name in message.extra_headers):
                message.extra_headers["Message-ID"] = make_msgid(domain=settings.MAIL_DOMAIN)
        return self.delivery.send_messages(email_messages)


class ConsoleBackend(BaseEmailBackend):
    """Development: each e-mail is one INFO record on the `mentoring.mail` logger, with its text part."""

    def send_messages(self, email_messages):
        for message in email_messages:
            logger.info("E-mail to %s: %s\n%s", ", ".join(message.recipients()), message.subject, message.body.rstrip())
        return len(email_messages)
