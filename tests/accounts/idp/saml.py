"""A SAML 2.0 identity provider built with pysaml2, for the SSO tests: it reads Mentoring's AuthnRequest (HTTP-Redirect
binding) and answers with a Response whose assertion it signs with xmlsec1, for the test to POST to Mentoring's
assertion consumer service, as a browser would.

Mentoring is configured with this provider's certificate; the provider loads Mentoring's service-provider metadata
from Mentoring's own metadata page."""

import base64
import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import AUTHN_PASSWORD, NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

ENTITY_ID = "https://idp.example.net/saml/metadata"
SSO_URL = "https://idp.example.net/saml/sso"
PROVIDER_ID = "example-net"
DOMAIN = "example.net"


def _key_and_certificate(folder: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.net")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


@dataclass
class SAMLProvider:
    folder: Path

    def __post_init__(self):
        self.key_file, self.cert_file = _key_and_certificate(self.folder)
        self.server = None

    @property
    def certificate(self) -> str:
        """The signing certificate as SAML metadata carries it: base64, no PEM armour."""
        pem = self.cert_file.read_text()
        return "".join(line for line in pem.splitlines() if "CERTIFICATE" not in line)

    def entry(self, **extra) -> dict:
        """This provider as one entry of SSO_SAML_PROVIDERS."""
        return {
            "id": PROVIDER_ID,
            "name": "Example Net",
            "entity_id": ENTITY_ID,
            "sso_url": SSO_URL,
            "x509cert": self.certificate,
            "domains": [DOMAIN],
            **extra,
        }

    def trust(self, sp_metadata: str) -> None:
        """Load the service provider's metadata (Mentoring's /accounts/saml/<id>/metadata/)."""
        config = IdPConfig()
        config.load(
            {
                "entityid": ENTITY_ID,
                "service": {
                    "idp": {
                        "endpoints": {"single_sign_on_service": [(SSO_URL, BINDING_HTTP_REDIRECT)]},
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 15},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                    }
                },
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "metadata": {"inline": [sp_metadata]},
                "xmlsec_binary": shutil.which("xmlsec1"),
            }
        )
        self.server = Server(config=config)

    def respond(self, redirect_to_idp: str, *, email: str, first_name: str, last_name: str, sign=True) -> tuple:
        """Answer the AuthnRequest in Mentoring's redirect: (the ACS URL, the form a browser would POST there),
        the Response as XML before encoding, for a test that tampers with it."""
        query = parse_qs(urlparse(redirect_to_idp).query)
        request = self.server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT).message
        args = self.server.response_args(request)
        response = self.server.create_authn_response(
            identity={"mail": [email], "givenName": [first_name], "sn": [last_name]},
            userid=email,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            authn={"class_ref": AUTHN_PASSWORD, "authn_auth": ENTITY_ID},
            sign_assertion=sign,
            sign_response=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            in_response_to=args["in_response_to"],
            destination=args["destination"],
            sp_entity_id=args["sp_entity_id"],
            name_id_policy=args["name_id_policy"],
        )
        return args["destination"], str(response), query.get("RelayState", [""])[0]


def post_form(xml: str, relay_state: str) -> dict:
    return {"SAMLResponse": base64.b64encode(xml.encode()).decode(), "RelayState": relay_state}
