"""Bad input, everywhere: generated posts to every form of every app, through the real views, as the right person.

For every endpoint of the registry and every drawn post: no answer is a 5xx, no page (nor the page a redirect leads
to) shows a payload as markup, and an answer that refuses (an error status, a form with errors, an error message)
has written no row in any table. Each example runs in a savepoint that is rolled back, so they all start from the
same objects. `HYPOTHESIS_PROFILE=fuzz` (`make fuzz`) draws 500 posts per endpoint instead of 50.
"""

import os
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mentoring.profiles.models import Profile
from tests.factories import ProfileFactory, UserFactory
from tests.fuzz.checks import changed, invalid_forms, next_page, refused, row_counts, said, unescaped
from tests.fuzz.registry import CARRIED, REGISTRY
from tests.fuzz.strategies import for_fields
from tests.test_permissions import CASES

EXAMPLES = {"default": 50, "fuzz": 500}[os.environ.get("HYPOTHESIS_PROFILE", "default")]
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
    # FUZZ_SHRINK=0 reports the first failing post as drawn, without minimising it (quicker while fixing).
    phases=[phase for phase in Phase if os.environ.get("FUZZ_SHRINK") != "0" or phase is not Phase.shrink],
)
# Far from UTC both ways, half-hour offsets, historical local mean times at the ends of the calendar.
VIEWER_ZONES = ("Europe/London", "UTC", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata")


@contextmanager
def rolled_back():
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def form_fields(client, endpoint, url) -> dict:
    """The fields of the endpoint's forms as its page renders them, or as the bare forms have them."""
    fields, found = {}, set()
    if endpoint.page is not None:
        response = client.get(url + endpoint.page)
        for context in response.context or ():
            for value in (context.flatten() if hasattr(context, "flatten") else context).values():
                if isinstance(value, endpoint.forms) and type(value) not in found:
                    found.add(type(value))
                    fields.update(value.fields)
    for form_class in endpoint.forms:
        if not any(issubclass(seen, form_class) for seen in found):
            try:
                fields.update(form_class().fields)
            except TypeError:  # needs the objects its page would give it
                fields.update(form_class.base_fields)
    return fields


def send(client, endpoint, url, post, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    if endpoint.visit:
        url = client.get(url).get("Location", url)
    if endpoint.method == "get":
        return client.get(url, post, **headers), headers
    return client.post(url, post, **headers), headers


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_bad_input_is_refused_cleanly(name, client, monkeypatch):
    endpoint = REGISTRY[name]
    owner = ProfileFactory(user=UserFactory(email="person@example.org")).user
    outsider = ProfileFactory().user
    url = (endpoint.setup or CASES[name].setup)(owner, outsider)
    if endpoint.signed_in:
        client.force_login(owner)
    # Outside the examples' savepoints: rows a page creates on first sight (a person's notification settings, a
    # pair's draft agreement) exist before the first post, as they would for someone who opened the page.
    fields = form_fields(client, endpoint, url)
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    assert fields, f"{name}: no fields found for {endpoint.forms}"
    posts = for_fields(fields, endpoint.fields)
    # The test client keeps a copy of every template context it renders: more time than the pages take.
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *args, **kwargs: None)

    @FUZZ
    @given(post=posts, htmx=st.booleans(), zone=st.sampled_from(VIEWER_ZONES))
    def fuzz(post, htmx, zone):
        cache.clear()  # rate limits must not turn every later post into a 429
        with rolled_back():
            if session is not None:  # a password change or a sign-in may have cycled it in an earlier example
                client.cookies[django_settings.SESSION_COOKIE_NAME] = session.value
            else:
                client.cookies.pop(django_settings.SESSION_COOKIE_NAME, None)
            Profile.objects.filter(user=owner).update(time_zone=zone)  # the zone the viewer's times are read in
            before = row_counts()
            with invalid_forms(CARRIED) as invalid:
                response, headers = send(client, endpoint, url, post, htmx)
            assert response.status_code < 500
            assert not unescaped(response), f"payload shown as markup: {unescaped(response)}"
            written = changed(before, row_counts())
            why = refused(response, invalid)
            assert not (why and written), f"refused ({why}) yet wrote rows: {written}"
            # The page a redirect leads to can show the post only through what was written or the messages it
            # left: without either there is nothing of it to check there.
            following = next_page(client, response, headers) if written or said(response) else None
            if following is not None:
                assert following.status_code < 500
                assert not unescaped(following), f"payload shown as markup after the redirect: {unescaped(following)}"
                if written:
                    assert following.status_code < 400, "an error page after a change was saved"

    fuzz()
