import logging
import time

from . import logs, metrics

logger = logging.getLogger("mentoring.request")


class RequestMiddleware:
    """First in MIDDLEWARE: gives each request an id (kept from X-Request-ID when a proxy set a sane one, and
    sent back in the response), counts and times it for /metrics by view name, and logs one line per request
    with the route pattern, never the path: paths carry tokens (calendar feeds, unsubscribe links)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = logs.new_request_id(request.headers.get("X-Request-ID"))
        tokens = logs.request_id.set(request.id), logs.current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            match = getattr(request, "resolver_match", None)
            view = match.view_name if match else "unmatched"
            metrics.observe_request(method=request.method, view=view, status=response.status_code, seconds=elapsed)
            logger.info(
                "%s %s %s",
                request.method,
                f"/{match.route}" if match else "-",
                response.status_code,
                extra={"view": view, "status": response.status_code, "duration_ms": round(elapsed * 1000, 1)},
            )
            response["X-Request-ID"] = request.id
            return response
        finally:
            logs.current_request.reset(tokens[1])
            logs.request_id.reset(tokens[0])
