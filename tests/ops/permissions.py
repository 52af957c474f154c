from django.urls import reverse

from mentoring.ops import heartbeats
from tests.permissions import Access, Case


def _healthy(owner, outsider):
    heartbeats.record(heartbeats.BEAT)
    heartbeats.record(heartbeats.WORKER)
    return reverse("ops:healthz")


CASES = {
    "ops:healthz": Case(Access.PUBLIC, _healthy),
    "ops:live": Case(Access.PUBLIC, lambda owner, outsider: reverse("ops:live")),
    "ops:ready": Case(Access.PUBLIC, lambda owner, outsider: reverse("ops:ready")),
    # Signed in or not, metrics need the token (tests/ops/test_metrics.py): without it, 401.
    "ops:metrics": Case(Access.PUBLIC, lambda owner, outsider: reverse("ops:metrics"), ok=401),
    # The benchmark's bare page: not found unless settings.BENCH_BARE_VIEW (off everywhere but in the benchmark).
    "ops:bare": Case(Access.PUBLIC, lambda owner, outsider: reverse("ops:bare"), ok=404),
    "ops:bare_page": Case(Access.PUBLIC, lambda owner, outsider: reverse("ops:bare_page"), ok=404),
}
