from django.urls import reverse

from tests.permissions import Access, Case


def _staff_login(owner, outsider):
    owner.is_staff = True
    owner.save(update_fields=["is_staff"])
    return reverse("admin:login")


CASES = {
    "accounts:organisation_sign_in": Case(
        Access.PUBLIC, lambda owner, outsider: reverse("accounts:organisation_sign_in")
    ),
    # The admin's login is allauth's: a signed-in member of staff goes on to the admin, anyone else is refused.
    "admin:login": Case(Access.STAFF, _staff_login, ok=302),
}
