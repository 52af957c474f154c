import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.factories import ProfileFactory
from tests.permissions import Access

OUR_MODULES = ("mentoring.", "programs.", "matching.", "sessions.")


def our_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith(OUR_MODULES):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def all_cases() -> dict:
    cases = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            perms = importlib.import_module(f"tests.{module.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.{module.name}.permissions":
                raise
            continue
        cases.update(perms.CASES)
    return cases


CASES = all_cases()


def test_every_url_has_a_permission_case():
    missing = our_url_names() - set(CASES)
    assert not missing, f"URL patterns without a permission case: {sorted(missing)}"


def test_no_case_names_a_url_that_is_gone():
    assert set(CASES) <= our_url_names()


def _request(client, case, url):
    headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
    if case.method == "post":
        return client.post(url, case.data, **headers)
    return client.get(url, **headers)


@pytest.fixture
def actors(db):
    return ProfileFactory().user, ProfileFactory().user


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous(name, client, actors):
    case = CASES[name]
    url = case.setup(*actors)
    response = _request(client, case, url)
    if case.access is Access.PUBLIC:
        assert response.status_code == case.ok
    else:
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_outsider(name, client, actors):
    case = CASES[name]
    owner, outsider = actors
    url = case.setup(owner, outsider)
    client.force_login(outsider)
    response = _request(client, case, url)
    if case.access is Access.OWNER:
        assert response.status_code == 404
    elif case.access is Access.STAFF:
        assert response.status_code in (302, 403)
    else:
        assert response.status_code == case.ok


@pytest.mark.parametrize("name", sorted(CASES))
def test_right_person(name, client, actors):
    case = CASES[name]
    owner, outsider = actors
    url = case.setup(owner, outsider)
    client.force_login(owner)
    assert _request(client, case, url).status_code == case.ok


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case.method == "post"))
def test_writes_refuse_get(name, client, actors):
    case = CASES[name]
    owner, outsider = actors
    url = case.setup(owner, outsider)
    client.force_login(owner)
    assert client.get(url).status_code == 405
