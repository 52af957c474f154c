"""Error reports to Sentry, when SENTRY_DSN is set, with nothing personal in them.

send_default_pii=False keeps out cookies, IP addresses and user names; `scrub` (before_send) also drops request
bodies, query strings, headers but a few harmless ones, local variables and breadcrumb data, and keeps only the
user's id. What people write in Mentoring (agendas, notes, goals) must never reach a third party.
"""

SAFE_HEADERS = {"user-agent", "x-request-id", "content-type", "content-length", "accept", "host"}


def scrub(event: dict, hint: dict | None = None) -> dict:
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS}
        if "url" in request:
            request["url"] = request["url"].split("?")[0]
    user = event.get("user")
    if user is not None:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    event.pop("extra", None)
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return event


def init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
        before_send_transaction=scrub,
    )
