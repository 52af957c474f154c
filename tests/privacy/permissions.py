"""A person's own data pages: any signed-in person, about themselves only (there is nobody else's to reach)."""

from django.urls import reverse

from tests.permissions import Access, Case


def _url(name):
    return lambda owner, outsider: reverse(name)


CASES = {
    "privacy:my_data": Case(Access.LOGIN, _url("privacy:my_data")),
    "privacy:download": Case(Access.LOGIN, _url("privacy:download")),
    # Without the typed e-mail address the form is shown again and nothing is deleted.
    "privacy:delete": Case(Access.LOGIN, _url("privacy:delete"), method="post", ok=200),
}
