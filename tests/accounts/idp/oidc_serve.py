"""Run the test OpenID Connect provider: `python -m tests.accounts.idp.oidc_serve PORT REDIRECT_URI...`.

Creates its database, its people and the Mentoring client, then serves until killed. Prints "ready" when it listens.
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.idp.oidc_settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from tests.accounts.idp import people  # noqa: E402
from tests.accounts.idp.oidc_validator import UNVERIFIED  # noqa: E402


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def seed(redirect_uris: list[str]) -> None:
    call_command("migrate", verbosity=0)
    unverified = Group.objects.create(name=UNVERIFIED)
    for person in people.PEOPLE:
        user = User.objects.create_user(
            username=person.username,
            email=person.email,
            password=people.PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        if not person.verified:
            user.groups.add(unverified)
    Application.objects.create(
        name="Mentoring",
        client_id=people.CLIENT_ID,
        client_secret=people.CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(redirect_uris),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main() -> None:
    port, redirect_uris = int(sys.argv[1]), sys.argv[2:]
    seed(redirect_uris)
    server = make_server("127.0.0.1", port, get_wsgi_application(), ThreadingServer, QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
