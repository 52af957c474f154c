"""Error pages in the site's own look: a way home instead of Django's bare text."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.views import defaults


def test_a_missing_page_is_a_404_with_the_sites_navigation_and_a_way_home(client, user):
    client.force_login(user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'aria-label="Main navigation"' in page
    assert 'href="/"' in page


def test_a_refusal_is_a_403_page_that_says_whom_to_ask(rf, user):
    request = rf.get("/")
    request.user = user
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "ask your program" in response.content.decode()


def test_the_server_error_page_renders_without_a_request_or_context():
    page = render_to_string("500.html")
    assert "Something went wrong" in page and '<main id="main"' in page
