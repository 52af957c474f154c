"""Deploy checks (`manage.py check --deploy`) for what production needs beyond Django's own."""

import ipaddress

from django.conf import settings
from django.core.checks import Tags, Warning, register


def _is_public_name(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return "." in host and not host.endswith((".localhost", ".local"))
    return False


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    problems = []
    if not settings.SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                "SITE_URL is not an https:// address: links in e-mails (unsubscribe links included) would be sent "
                "over plain HTTP.",
                hint="Set SITE_URL to the site's public address, e.g. https://mentoring.example.org.",
                id="ops.W001",
            )
        )
    if not _is_public_name(settings.MAIL_DOMAIN):
        problems.append(
            Warning(
                f"MAIL_DOMAIN is {settings.MAIL_DOMAIN!r}: Message-IDs should be in the site's own domain.",
                hint="Set SITE_URL (MAIL_DOMAIN defaults to its host name) or MAIL_DOMAIN.",
                id="ops.W002",
            )
        )
    return problems
