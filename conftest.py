"""Shared fixtures and the rules for tests that need real services."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches

from mentoring.profiles.models import Skill
from mentoring.profiles.taxonomy import ensure_skill_taxonomy
from programs.models import Role
from tests.factories import ProfileFactory, UserFactory, person
from tests.matching.factories import MentorshipFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing_service(reason: str) -> None:
    """Skip locally; under CI a missing service is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: services are required)", pytrace=False)
    pytest.skip(reason)


def redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _required_services(request):
    if request.node.get_closest_marker("redis") and not redis_available():
        missing_service("needs a reachable Redis at REDIS_URL")
    if request.node.get_closest_marker("postgres") and settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.postgresql"
    ):
        missing_service("needs PostgreSQL: set DATABASE_URL")


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_tests(settings, _media_root):
    settings.MEDIA_ROOT = _media_root  # uploads in tests never land in var/media
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Rate-limit counters must not leak between tests through a shared Redis cache.
    # The session cache too (production's cached_db sessions, when REDIS_URL is set).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"},
    }
    cache.clear()
    caches["sessions"].clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, integration) flush every table afterwards, including what
    migrations seeded: put the skills taxonomy back for whichever test comes next."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        ensure_skill_taxonomy(Skill)


@pytest.fixture
def user(db):
    return ProfileFactory().user


@pytest.fixture
def other_user(db):
    return ProfileFactory().user


@pytest.fixture
def coordinator(db):
    return ProfileFactory(user=UserFactory(is_coordinator=True)).user


@pytest.fixture
def program(coordinator):
    return ProgramFactory(coordinators=[coordinator])


@pytest.fixture
def cohort(program):
    """A cohort of `program` that started a week ago."""
    return CohortFactory(program=program)


@pytest.fixture
def enrol(cohort):
    """Enrol someone (a new person by default) in `cohort`; returns the Enrollment."""

    def make(role=Role.MENTEE, user=None, **kwargs):
        return EnrollmentFactory(cohort=cohort, role=role, user=user or UserFactory(), **kwargs)

    return make


# `mentor` and `mentee` are Users, enrolled in `cohort`, in every test module; an Enrollment is
# `mentor_enrollment` / `mentee_enrollment`.
@pytest.fixture
def mentor(enrol):
    return enrol(Role.MENTOR, person(first_name="Max", last_name="Mentor", time_zone="America/New_York")).user


@pytest.fixture
def mentee(enrol):
    return enrol(Role.MENTEE, person(first_name="Mia", last_name="Mentee", time_zone="Europe/London")).user


@pytest.fixture
def mentorship(cohort, mentee, mentor):
    """`mentee` and `mentor`, paired (active) in `cohort`."""
    return MentorshipFactory(cohort=cohort, mentee=mentee, mentor=mentor)


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the second factor that staff must have."""
    from tests.accounts.factories import give_totp

    give_totp(admin_user)
    return admin_user
