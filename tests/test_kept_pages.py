"""Pages kept drawn (mentoring.kept) in the shared cache: asked again, a page costs a few queries; each viewer gets
their own copy; every kind of change shows on the next page, for the partner too; a kept form still posts; and
without a shared cache nothing is kept.

The normal test run caches in local memory (conftest's `_fast_tests`), which keeps no page: these tests switch to
the real Redis (`shared_cache`). A viewer's page is kept only once they hold a CSRF cookie (`viewer`). Writes made
in a test's own transaction replace tokens only on commit: they are made inside
`django_capture_on_commit_callbacks(execute=True)`; a POST by a signed-in person replaces their scopes at once.
"""

import re
import uuid
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import missing_service, redis_available
from mentoring import kept
from programs.figures import figures_changed
from programs.models import Enrollment, Role
from sessions import services
from sessions.models import Note
from tests.factories import PASSWORD, person
from tests.sessions.factories import MeetingFactory, MentorshipFactory, NoteFactory, busy_pair

# Asked again, a kept page costs the person (the session, their profile, the navigation and the person's scopes
# are read from the cache) and the object the view checks access with; the dashboard also checks the
# coordinator's second factor and looks for pairs' stale health. Drawn, each costs 14 (home) to 38 (the dashboard).
KEPT_BUDGET = {"home": 1, "pair": 2, "meeting": 2, "find_mentor": 2, "dashboard": 4}
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture
def shared_cache(settings):
    """The default cache in Redis, as in production (keys under a prefix of this test's own, removed afterwards)."""
    if not redis_available():
        missing_service("needs a reachable Redis at REDIS_URL")
    prefix = f"kept-test-{uuid.uuid4().hex}"
    location = settings.REDIS_URL
    backend = {"BACKEND": "mentoring.ops.cache.FallbackRedisCache", "LOCATION": location, "KEY_PREFIX": prefix}
    settings.CACHES = {**settings.CACHES, "default": backend}
    settings.KEPT_PAGES_SECONDS = 60
    assert kept.keeps_pages()  # django.core.cache.cache follows the changed setting
    yield
    server = redis.Redis.from_url(location)
    if keys := list(server.scan_iter(f"{prefix}:*")):
        server.delete(*keys)


@pytest.fixture
def pair(cohort):
    """A pair of `cohort` with ten of everything."""
    return busy_pair(10, cohort=cohort)


def viewer(user, **client_options) -> Client:
    """A browser signed in as `user` holding a CSRF cookie (home's log-out form gave it one)."""
    client = Client(**client_options)
    client.force_login(user)
    assert client.get("/").status_code == 200 and "csrftoken" in client.cookies
    return client


def get(client, url) -> tuple[int, str]:
    """The number of queries a GET costs, and the page with its CSRF tokens (masked afresh each time) blanked."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), TOKEN.sub(r"\1", response.content.decode())


def shown(client, url) -> str:
    return get(client, url)[1]


def pair_url(mentorship) -> str:
    return reverse("sessions:mentorship_detail", args=[mentorship.pk])


def meeting_url(meeting) -> str:
    return reverse("sessions:meeting_detail", args=[meeting.pk])


def _pages(pair, cohort, coordinator, enrol) -> dict:
    """For each kept page: who asks for it, and its URL."""
    return {
        "home": (pair["mentee"], "/"),
        "pair": (pair["mentor"], pair_url(pair["mentorship"])),
        "meeting": (pair["mentee"], meeting_url(pair["meeting"])),
        "find_mentor": (enrol(Role.MENTEE, person()).user, reverse("matching:find_mentor", args=[cohort.pk])),
        "dashboard": (coordinator, reverse("sessions:dashboard", args=[cohort.pk])),
    }


@pytest.mark.parametrize("name", list(KEPT_BUDGET))
def test_a_page_asked_again_is_read_kept_with_fewer_queries_and_the_same_content(
    shared_cache, pair, cohort, coordinator, enrol, name, django_assert_max_num_queries
):
    user, url = _pages(pair, cohort, coordinator, enrol)[name]
    client = viewer(user)
    drawing, drawn = get(client, url)
    with django_assert_max_num_queries(KEPT_BUDGET[name]):
        reading, read = get(client, url)
    assert reading < drawing and read == drawn


@pytest.mark.parametrize("name", list(KEPT_BUDGET))
def test_without_a_shared_cache_no_page_is_kept(pair, cohort, coordinator, enrol, name):
    assert not kept.keeps_pages()
    user, url = _pages(pair, cohort, coordinator, enrol)[name]
    client = viewer(user)
    get(client, url)  # what is kept in any cache (the dashboard's figures, the mentors to rank) is now kept
    assert get(client, url)[0] == get(client, url)[0] > KEPT_BUDGET[name]


@pytest.mark.parametrize("name", list(KEPT_BUDGET))
def test_a_page_drawn_apart_from_its_frame_reads_the_navigation_once(pair, cohort, coordinator, enrol, name):
    user, url = _pages(pair, cohort, coordinator, enrol)[name]
    client = viewer(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    unread_counts = [q for q in queries if "notifications_notification" in q["sql"] and "EXISTS" in q["sql"]]
    assert len(unread_counts) == 1


@pytest.mark.parametrize("sharing", ["own", "shared"])  # shared: one CSRF cookie, each person signed in in turn
@pytest.mark.parametrize("first", ["mentee", "mentor"])
@pytest.mark.parametrize("url_of", [pair_url, lambda pair: meeting_url(pair.meetings.get())], ids=["pair", "meeting"])
def test_a_private_note_is_in_its_authors_kept_page_only_whoever_asks_first(
    shared_cache, mentorship, mentee, mentor, url_of, first, sharing, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(mentorship=mentorship)
    with django_capture_on_commit_callbacks(execute=True):
        NoteFactory(mentorship=mentorship, meeting=meeting, author=mentee, body="Mine alone", visibility="private")
    url = url_of(mentorship)
    people = {"mentee": mentee, "mentor": mentor, "outsider": MentorshipFactory(cohort=mentorship.cohort).mentee}
    shared = viewer(people[first]) if sharing == "shared" else None
    cookie = shared and shared.cookies["csrftoken"].value
    clients = {}
    for who in [first, *({"mentee", "mentor"} - {first}), "outsider"]:
        clients[who] = shared or viewer(people[who])
        clients[who].force_login(people[who])
        if who != "outsider":
            seen = [shown(clients[who], url) for _ in range(2)]  # drawn, then read kept
            assert all(("Mine alone" in page) == (who == "mentee") for page in seen), who
    assert clients["outsider"].get(url).status_code == 404
    assert not shared or shared.cookies["csrftoken"].value == cookie  # only the person told the pages apart


def test_an_agenda_item_posted_by_the_mentor_shows_on_the_mentees_kept_meeting_page(shared_cache, pair):
    mentee, mentor = viewer(pair["mentee"]), viewer(pair["mentor"])
    url = meeting_url(pair["meeting"])
    assert "Talk about budgets" not in shown(mentee, url) + shown(mentee, url)
    posted = mentor.post(
        reverse("sessions:agenda_item_add", args=[pair["meeting"].pk]),
        {"category": "discussion", "text": "Talk about budgets"},
    )
    assert posted.status_code == 302
    assert "Talk about budgets" in shown(mentee, url)


def test_a_meeting_scheduled_by_a_service_shows_on_the_partners_kept_home_and_pair_page(
    shared_cache, mentorship, mentee, mentor, django_capture_on_commit_callbacks
):
    client = viewer(mentor)
    pages = ["/", pair_url(mentorship)]
    for url in pages * 2:
        assert "No meeting planned" in shown(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.schedule_meeting(
            mentorship=mentorship, by=mentee, starts_at=timezone.now() + timedelta(days=2), duration_minutes=30
        )
    for url in pages:
        assert meeting_url(meeting) in shown(client, url)


def test_the_partners_new_name_shows_on_the_kept_pair_page(
    shared_cache, mentorship, mentee, mentor, django_capture_on_commit_callbacks
):
    client = viewer(mentee)
    url = pair_url(mentorship)
    assert all("Mia Mentee and Max Mentor" in shown(client, url) for _ in range(2))  # drawn, then kept
    with django_capture_on_commit_callbacks(execute=True):
        mentor.last_name = "Zephyr"
        mentor.save(update_fields=["last_name"])
    assert "Mia Mentee and Max Zephyr" in shown(client, url)


def _enrolled_mentees(dashboard: str) -> int:
    return int(re.search(r'<th scope="row">Enrolled</th><td>(\d+)</td>', dashboard)[1])


def test_a_bulk_write_shows_on_the_kept_dashboard_once_announced(
    shared_cache, pair, cohort, coordinator, django_capture_on_commit_callbacks
):
    client = viewer(coordinator)
    url = reverse("sessions:dashboard", args=[cohort.pk])
    enrolled = _enrolled_mentees(shown(client, url))
    newcomer = person()  # before: their profile's signal would replace the program's tokens after the enrolment
    with django_capture_on_commit_callbacks(execute=True):
        Enrollment.objects.bulk_create([Enrollment(cohort=cohort, user=newcomer, role=Role.MENTEE)])
    assert _enrolled_mentees(shown(client, url)) == enrolled  # no signal: kept, for a minute at most
    with django_capture_on_commit_callbacks(execute=True):
        figures_changed(program_ids=[cohort.program_id])
    assert _enrolled_mentees(shown(client, url)) == enrolled + 1


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def _note_token(pair_page: str, mentorship) -> str:
    """The token of the note form, which is in the kept part of the page (base.html's are masked afresh)."""
    action = reverse("sessions:note_add", args=[mentorship.pk])
    return _token(re.search(rf'action="{action}".*?</form>', pair_page, re.S)[0])


def _raw(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _post_note(client, mentorship, token: str, body: str) -> int:
    note = {"body": body, "visibility": Note.Visibility.PAIR, "csrfmiddlewaretoken": token}
    return client.post(reverse("sessions:note_add", args=[mentorship.pk]), note).status_code


def test_a_kept_forms_token_posts_and_the_posters_kept_page_is_drawn_again(shared_cache, mentorship, mentee):
    client = viewer(mentee, enforce_csrf_checks=True)
    url = pair_url(mentorship)
    drawn = _raw(client, url)
    token = _note_token(_raw(client, url), mentorship)
    assert token == _note_token(drawn, mentorship)  # the form was read kept
    assert _post_note(client, mentorship, token, "Posted from a kept page") == 302
    assert "Posted from a kept page" in shown(client, url)


def test_a_page_kept_for_one_csrf_cookie_is_never_shown_with_another(shared_cache, mentorship, mentee):
    url = pair_url(mentorship)
    laptop = viewer(mentee, enforce_csrf_checks=True)
    _raw(laptop, url)
    kept_token = _note_token(_raw(laptop, url), mentorship)
    phone = viewer(mentee, enforce_csrf_checks=True)  # the same person, another cookie: the laptop's copy would 403
    assert _post_note(phone, mentorship, _note_token(_raw(phone, url), mentorship), "From the phone") == 302
    # Signing out and in again rotates the laptop's cookie (and the POST signing in replaces the person's pages).
    cookie = laptop.cookies["csrftoken"].value
    assert laptop.post(reverse("account_logout"), {"csrfmiddlewaretoken": kept_token}).status_code == 302
    login = {
        "login": mentee.email,
        "password": PASSWORD,
        "csrfmiddlewaretoken": _token(_raw(laptop, reverse("account_login"))),
    }
    assert laptop.post(reverse("account_login"), login).status_code == 302
    assert laptop.cookies["csrftoken"].value != cookie
    assert _post_note(laptop, mentorship, _note_token(_raw(laptop, url), mentorship), "After signing in") == 302
