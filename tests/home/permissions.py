from django.urls import reverse

from tests.permissions import Access, Case

CASES = {
    "home:index": Case(Access.PUBLIC, lambda owner, outsider: reverse("home:index")),
}
