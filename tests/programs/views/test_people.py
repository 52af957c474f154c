import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import EnrollmentFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def _people(cohort, n):
    for i in range(n):
        profile = ProfileFactory(headline="" if i % 2 else "Set")
        EnrollmentFactory(user=profile.user, cohort=cohort, role=Role.MENTOR if i % 3 == 0 else Role.MENTEE)


def test_the_enrollment_list_filters(client, coordinator, cohort):
    _people(cohort, 6)
    done = cohort.enrollments.filter(role=Role.MENTEE).first()
    done.orientation_completed_at = timezone.now()
    done.save()
    client.force_login(coordinator)
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    assert len(client.get(url, {"role": "mentor"}).context["enrollments"]) == 2
    assert len(client.get(url, {"profile_complete": "yes"}).context["enrollments"]) == 3
    assert list(client.get(url, {"orientation_done": "yes"}).context["enrollments"]) == [done]
    assert len(client.get(url, {"matched": "no"}).context["enrollments"]) == 6
    assert len(client.get(url, {"matched": "yes"}).context["enrollments"]) == 0


def test_the_export_is_a_csv_of_the_filtered_people(client, coordinator, cohort):
    _people(cohort, 3)
    client.force_login(coordinator)
    response = client.get(reverse("programs:enrollment_export", args=[cohort.pk]), {"role": "mentee"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["email", "first name", "last name", "role"]
    assert len(rows) == 3 and {r[3] for r in rows[1:]} == {"mentee"}


@pytest.mark.parametrize("name", ["programs:enrollment_list", "programs:cohort_detail"])
def test_coordinator_pages_query_budget_does_not_grow_with_the_cohort(
    name, client, coordinator, cohort, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse(name, args=[cohort.pk])
    _people(cohort, 3)
    InvitationFactory.create_batch(3, cohort=cohort)
    with django_assert_max_num_queries(14):
        client.get(url)
    _people(cohort, 30)
    InvitationFactory.create_batch(30, cohort=cohort)
    with django_assert_max_num_queries(14):
        client.get(url)


def test_withdraw_and_capacity_from_the_list(client, coordinator, cohort):
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    client.post(reverse("programs:enrollment_capacity", args=[cohort.pk, mentor_enrollment.pk]), {"capacity": "4"})
    client.post(reverse("programs:enrollment_withdraw", args=[cohort.pk, mentor_enrollment.pk]))
    mentor_enrollment.refresh_from_db()
    assert (mentor_enrollment.capacity_override, mentor_enrollment.status) == (4, Enrollment.Status.WITHDRAWN)


def test_the_enrollment_list_pages_and_keeps_its_filters(client, coordinator, cohort, monkeypatch):
    monkeypatch.setattr("programs.selectors.people.PEOPLE_PER_PAGE", 2)
    _people(cohort, 6)
    client.force_login(coordinator)
    response = client.get(reverse("programs:enrollment_list", args=[cohort.pk]), {"role": "mentee", "page": 2})
    assert len(response.context["enrollments"]) == 2
    assert "role=mentee&amp;page=1" in response.content.decode()


def test_withdrawing_from_a_filtered_list_comes_back_to_the_same_filters(client, coordinator, cohort):
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    response = client.post(
        reverse("programs:enrollment_capacity", args=[cohort.pk, mentor_enrollment.pk]), {"capacity": "1"}
    )
    assert response["Location"] == url
    assert [str(m) for m in response.wsgi_request._messages] == [f"{mentor_enrollment.user} now takes up to 1 mentee."]
    response = client.post(
        reverse("programs:enrollment_withdraw", args=[cohort.pk, mentor_enrollment.pk]),
        {"filters": "role=mentor&matched=no"},
    )
    assert response["Location"] == f"{url}?role=mentor&matched=no"


@pytest.mark.parametrize(
    ("name", "data", "saved"),
    [
        ("programs:enrollment_capacity", {"capacity": "3"}, (3, Enrollment.Status.ACTIVE)),
        ("programs:enrollment_withdraw", {}, (None, Enrollment.Status.WITHDRAWN)),
    ],
    ids=["capacity", "withdraw"],
)
def test_a_huge_filters_value_never_turns_a_saved_change_into_an_error(name, data, saved, client, coordinator, cohort):
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    # 7,000 characters that triple when URL-encoded: the way back used to outgrow what a redirect may hold (400).
    response = client.post(
        reverse(name, args=[cohort.pk, mentor_enrollment.pk]), {**data, "filters": "role=mentor&q=" + "%" * 7000}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:enrollment_list", args=[cohort.pk])
    mentor_enrollment.refresh_from_db()
    assert (mentor_enrollment.capacity_override, mentor_enrollment.status) in {
        (3, Enrollment.Status.ACTIVE),
        (None, Enrollment.Status.WITHDRAWN),
    }


def test_only_the_known_filters_and_a_page_number_are_carried_back(client, coordinator, cohort):
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    carried = {
        "role=mentor&next=//evil.example&matched=no&page=2": f"{url}?role=mentor&matched=no&page=2",
        "role=mentor&page=0": f"{url}?role=mentor",
        "role=boss&matched=no": url,  # a filter that does not validate: the list would show everyone
        "page=" + "9" * 50: url,
        "&".join(f"k{i}=v" for i in range(500)): url,
    }
    for filters, location in carried.items():
        response = client.post(
            reverse("programs:enrollment_capacity", args=[cohort.pk, mentor_enrollment.pk]),
            {"capacity": "2", "filters": filters},
        )
        assert response["Location"] == location, filters


def test_every_exported_cell_that_a_spreadsheet_could_run_is_neutralised(client, coordinator, cohort):
    triggers = ["=1+1", "+1", "-1", "@SUM(A1)", "%x", "|calc", " =1+1", "\tx", "\rx", "\n=1"]
    for i, value in enumerate(triggers):
        EnrollmentFactory(cohort=cohort, user=UserFactory(email=f"p{i}@example.org", first_name=value, last_name=value))
    client.force_login(coordinator)
    response = client.get(reverse("programs:enrollment_export", args=[cohort.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert sorted((row[1], row[2]) for row in rows[1:]) == sorted((f"'{v}", f"'{v}") for v in triggers)
