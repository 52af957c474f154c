from django.urls import reverse

from tests.permissions import Access, Case

CASES = {
    "home:index": Case(Access.PUBLIC, lambda owner, outsider: reverse("home:index")),
    "home:steps": Case(Access.LOGIN, lambda owner, outsider: reverse("home:steps")),
}
