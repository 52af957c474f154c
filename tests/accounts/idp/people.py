"""Who the test identity providers know, and the client Mentoring is registered as."""

from dataclasses import dataclass

PASSWORD = "idp-password"  # noqa: S105
CLIENT_ID = "mentoring"
CLIENT_SECRET = "mentoring-client-secret"  # noqa: S105
PROVIDER_ID = "example-org"
DOMAIN = "example.org"


@dataclass(frozen=True)
class Person:
    username: str
    email: str
    first_name: str
    last_name: str
    verified: bool = True


ADA = Person("ada", "ada.lovelace@example.org", "Ada", "Lovelace")
KNOWN = Person("known", "known@example.org", "Kim", "Known")
# Claims Kim's address, which the provider never verified.
MALLORY = Person("mallory", "known@example.org", "Mallory", "Mask", verified=False)
# A verified address, but of another organisation's domain.
OUTSIDER = Person("outsider", "boss@elsewhere.org", "Olu", "Outside")
PEOPLE = [ADA, KNOWN, MALLORY, OUTSIDER]
