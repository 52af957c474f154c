import hmac

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from . import health, metrics


@never_cache
def healthz(request):
    """For monitoring: database, broker, and the heartbeats of beat and the workers (stale after 3 minutes)."""
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
def live(request):
    """For a liveness probe: the process answers. Nothing shared is asked, so an outage elsewhere restarts nothing."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """For a readiness probe: this web process can serve pages, which needs the database."""
    ok = health.database_ok()
    return JsonResponse({"status": "ok" if ok else "unavailable"}, status=200 if ok else 503)


@never_cache
def metrics_view(request):
    """Prometheus metrics, for whoever presents `Authorization: Bearer <METRICS_TOKEN>`. No token set: nobody."""
    presented = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    expected = settings.METRICS_TOKEN
    if not expected or not hmac.compare_digest(presented.encode(), expected.encode()):
        response = HttpResponse("A valid metrics token is needed.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


def bare(request):
    """The least a Django page costs here (every middleware, no database, no template): the reference that
    tests/bench/bench_throughput.py measures pages against. Not found unless settings.BENCH_BARE_VIEW is on."""
    if not settings.BENCH_BARE_VIEW:
        raise Http404
    return HttpResponse("ok\n", content_type="text/plain")


def bare_page(request):
    """A signed-in page that shows nothing but the site's frame (base.html: navigation, messages): what every
    signed-in page costs before its own content, measured by tests/bench/bench_throughput.py beside ops:bare. Not
    found unless settings.BENCH_BARE_VIEW is on; signed out, the log-in page."""
    if not settings.BENCH_BARE_VIEW:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "ops/bare_page.html")
