from django.urls import reverse

from tests.permissions import Access, Case

CASES = {
    "profiles:edit": Case(Access.LOGIN, lambda owner, outsider: reverse("profiles:edit")),
    "profiles:detail": Case(Access.OWNER, lambda owner, outsider: reverse("profiles:detail", args=[owner.pk])),
}
