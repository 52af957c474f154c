"""The test OpenID Connect provider, run as a process of its own (tests/accounts/idp/oidc_serve.py), and what a
person's browser does there. Real HTTP both ways: Mentoring fetches the provider's discovery document, keys, token
and user info from it, exactly as from Entra ID or Okta."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.accounts.idp import people

ROOT = Path(__file__).resolve().parents[3]
CALLBACK = f"/accounts/oidc/{people.PROVIDER_ID}/login/callback/"
STARTUP_SECONDS = 90


@dataclass(frozen=True)
class OIDCProvider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def entry(self, **extra) -> dict:
        """This provider as one entry of SSO_OIDC_PROVIDERS."""
        return {
            "id": people.PROVIDER_ID,
            "name": "Example Org",
            "server_url": self.issuer,
            "client_id": people.CLIENT_ID,
            "secret": people.CLIENT_SECRET,
            "domains": [people.DOMAIN],
            **extra,
        }

    def sign_in(self, authorize_url: str, person: people.Person) -> str:
        """A person at the provider: its sign-in page, their password, and back. Returns the redirect to
        Mentoring's callback (not followed: the caller's client has Mentoring's session)."""
        with requests.Session() as browser:
            to_login = browser.get(authorize_url, allow_redirects=False, timeout=10)
            login_url = urljoin(self.url, to_login.headers["Location"])
            browser.get(login_url, timeout=10)
            signed_in = browser.post(
                login_url,
                data={
                    "username": person.username,
                    "password": people.PASSWORD,
                    "next": parse_qs(urlparse(login_url).query)["next"][0],
                    "csrfmiddlewaretoken": browser.cookies["idp_csrftoken"],
                },
                allow_redirects=False,
                timeout=10,
            )
            assert signed_in.status_code == 302, signed_in.text
            back = browser.get(urljoin(self.url, signed_in.headers["Location"]), allow_redirects=False, timeout=10)
            assert back.status_code == 302, back.text
            return back.headers["Location"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _private_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.accounts.idp.oidc_settings",
        "IDP_DATABASE": str(folder / "idp.sqlite3"),
        "IDP_RSA_PRIVATE_KEY": _private_key(),
    }
    redirect_uris = [f"http://{host}{CALLBACK}" for host in ("testserver", "localhost", "127.0.0.1")]
    errors = (folder / "stderr.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.accounts.idp.oidc_serve", str(port), *redirect_uris],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    provider = OIDCProvider(f"http://127.0.0.1:{port}")
    try:
        _wait_until_up(provider, process, folder / "stderr.log")
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)
        errors.close()


def _wait_until_up(provider: OIDCProvider, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the test OpenID Connect provider stopped:\n{log.read_text()}")
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the test OpenID Connect provider did not start in {STARTUP_SECONDS} s:\n{log.read_text()}")
