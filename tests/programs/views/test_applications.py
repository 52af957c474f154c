import pytest
from django.urls import reverse

from programs.models import Application, Enrollment, Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.conftest import queries
from tests.programs.factories import ApplicationFactory, CohortFactory, EnrollmentFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_cohort(program):
    program.applications_open = True
    program.save()
    return CohortFactory(program=program, name="Spring")


def test_anyone_reads_the_join_page_and_is_asked_to_sign_in_to_apply(client, open_cohort):
    body = client.get(reverse("programs:join", args=[open_cohort.program.slug])).content.decode()
    assert f"Join {open_cohort.program.name}" in body and "Spring" in body and "create an account" in body


def test_a_closed_program_or_another_domain_says_so(client, open_cohort):
    program = open_cohort.program
    client.force_login(ProfileFactory(user=UserFactory(email="ada@example.org")).user)
    program.application_domains = ["acme.org"]
    program.save()
    body = client.get(reverse("programs:join", args=[program.slug]), {"role": "mentee"}).content.decode()
    assert "takes applications from addresses at acme.org; you are signed in as ada@example.org" in body
    program.applications_open = False
    program.save()
    body = client.get(reverse("programs:join", args=[program.slug])).content.decode()
    assert f"{program.name} is not taking applications." in body
    response = client.post(reverse("programs:join", args=[program.slug]), {"role": "mentee", "cohort": open_cohort.pk})
    assert response.status_code == 200 and not Application.objects.exists()


def test_a_person_applies_answering_the_questions_and_sees_only_their_own_application(client, open_cohort):
    program = open_cohort.program
    where = QuestionFactory(program=program, required=True, text="Where do you work?")
    QuestionFactory(program=program, audience="mentors", text="Years managing?")
    person = ProfileFactory().user
    client.force_login(person)
    url = reverse("programs:join", args=[program.slug])
    body = client.get(url, {"role": "mentee"}).content.decode()
    assert "Where do you work?" in body and "Years managing?" not in body
    response = client.post(url, {"role": "mentee", "cohort": open_cohort.pk})
    assert "This field is required." in response.content.decode() and not Application.objects.exists()
    response = client.post(url, {"role": "mentee", "cohort": open_cohort.pk, f"q{where.pk}": "1", "note": "Hello"})
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    body = client.get(application.get_absolute_url()).content.decode()
    assert "waiting for a decision" in body and "Remote" in body and "Hello" in body
    client.force_login(ProfileFactory().user)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.post(reverse("programs:application_withdraw", args=[application.pk])).status_code == 404


def test_the_coordinator_approves_in_bulk_and_the_rest_wait_with_a_message(client, coordinator, open_cohort):
    open_cohort.mentee_seats = 1
    open_cohort.save()
    first, second = ApplicationFactory(cohort=open_cohort), ApplicationFactory(cohort=open_cohort)
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:application_decide", args=[open_cohort.pk]),
        {"applications": [first.pk, second.pk], "decision": "approve", "message": "Welcome"},
        follow=True,
    )
    body = response.content.decode()
    assert "1 enrolled, 1 on the waiting list." in body
    assert "Waiting list (1)" in body and second.user.display_name in body
    assert Enrollment.objects.get(user=first.user).role == Role.MENTEE
    response = client.post(reverse("programs:application_decide", args=[open_cohort.pk]), {"decision": "approve"},
                           follow=True)  # fmt: skip
    assert "Tick the applications to decide on." in response.content.decode()


def test_another_cohorts_application_cannot_be_decided_here(client, coordinator, open_cohort):
    elsewhere = ApplicationFactory()
    client.force_login(coordinator)
    client.post(reverse("programs:application_decide", args=[open_cohort.pk]),
                {"applications": [elsewhere.pk], "decision": "approve"})  # fmt: skip
    elsewhere.refresh_from_db()
    assert elsewhere.is_pending


def test_the_applications_page_takes_the_same_queries_whatever_the_applications(
    client, coordinator, open_cohort, django_assert_max_num_queries
):
    client.force_login(coordinator)
    for size in (2, 20):
        for _ in range(size):
            ApplicationFactory(cohort=open_cohort)
            ApplicationFactory(cohort=open_cohort, status=Application.Status.WAITING)
            ApplicationFactory(cohort=open_cohort, status=Application.Status.DECLINED)
        EnrollmentFactory(cohort=open_cohort)
        with django_assert_max_num_queries(10):  # +1: the second-factor check on coordinator pages
            assert client.get(reverse("programs:application_list", args=[open_cohort.pk])).status_code == 200


def test_a_new_cohort_from_this_one(client, coordinator, open_cohort):
    client.force_login(coordinator)
    url = reverse("programs:cohort_clone", args=[open_cohort.pk])
    assert "Spring (next)" in client.get(url).content.decode()
    response = client.post(url, {"program": open_cohort.program.pk, "name": "Autumn",
                                 "starts_on": open_cohort.ends_on, "ends_on": open_cohort.ends_on.replace(year=2099)},
                           follow=True)  # fmt: skip
    assert "Autumn is created from Spring, with its settings and 0 orientation steps." in response.content.decode()


def test_the_join_page_takes_the_same_queries_whatever_the_questions_and_cohorts(client, open_cohort):
    program = open_cohort.program
    client.force_login(ProfileFactory().user)
    counts = []
    for size in (2, 12):
        for _ in range(size):
            QuestionFactory(program=program)
            CohortFactory(program=program)
        counts.append(queries(client, reverse("programs:join", args=[program.slug]) + "?role=mentee"))
    assert counts[0] == counts[1] <= 12


def test_an_applicant_who_is_approved_is_led_to_the_guided_setup_as_an_invitee_is(client, coordinator, open_cohort):
    from mentoring.notifications.models import Notification

    applicant = ProfileFactory(user=UserFactory(first_name="Ada")).user
    client.force_login(applicant)
    client.post(reverse("programs:join", args=[open_cohort.program.slug]), {"role": "mentee", "cohort": open_cohort.pk})
    application = Application.objects.get(user=applicant)
    client.force_login(coordinator)
    client.post(
        reverse("programs:application_decide", args=[open_cohort.pk]),
        {"applications": [application.pk], "decision": "approve", "message": ""},
    )
    enrollment = Enrollment.objects.get(user=applicant, cohort=open_cohort, role=Role.MENTEE)
    welcome = Notification.objects.get(recipient=applicant, title=f"Welcome to {open_cohort}")
    assert welcome.url == reverse("sessions:onboarding", args=[enrollment.pk])
    client.force_login(applicant)
    body = client.get(welcome.url).content.decode()
    assert "Get set up in Spring" in body and "Profile essentials" in body
    page = client.get(application.get_absolute_url()).content.decode()
    assert f'href="{welcome.url}"' in page and "Get set up" in page
