import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from programs.models import Cohort, Enrollment, Invitation, Program, Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    InvitationFactory,
    OrientationItemFactory,
    ProgramFactory,
)
from tests.programs.permissions import CASES
from tests.test_permissions import _request

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = sorted(
    name for name in CASES if name.startswith("programs:") and name not in {
        "programs:my_programs", "programs:program_list", "programs:invitation_accept",
        "programs:orientation", "programs:orientation_check", "programs:program_create",
    }
)  # fmt: skip


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_a_participant_of_the_cohort_gets_a_404(name, client):
    owner, participant = ProfileFactory().user, ProfileFactory().user
    case = CASES[name]
    url = case.setup(owner, participant)
    for cohort in Cohort.objects.filter(program__coordinators=owner):
        EnrollmentFactory(user=participant, cohort=cohort, role=Role.MENTOR)
    client.force_login(participant)
    assert _request(client, case, url).status_code == 404


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_the_coordinator_of_another_program_gets_a_404(name, client):
    owner, other = ProfileFactory().user, ProfileFactory(user=UserFactory(is_coordinator=True)).user
    ProgramFactory(coordinators=[other])
    case = CASES[name]
    url = case.setup(owner, other)
    client.force_login(other)
    assert _request(client, case, url).status_code == 404


@pytest.mark.parametrize("name", ["programs:orientation", "programs:orientation_check"])
def test_a_coordinator_cannot_tick_off_a_participants_orientation(name, client):
    owner, coordinator = ProfileFactory().user, ProfileFactory(user=UserFactory(is_coordinator=True)).user
    case = CASES[name]
    url = case.setup(owner, coordinator)
    Enrollment.objects.get(user=owner).cohort.program.coordinators.add(coordinator)
    client.force_login(coordinator)
    assert _request(client, case, url).status_code == 404


def test_a_person_who_is_not_a_coordinator_cannot_create_a_program(client, user):
    client.force_login(user)
    assert client.post(reverse("programs:program_create"), {"name": "X"}).status_code == 404
    assert not Program.objects.exists()


def test_a_coordinator_creates_a_program_with_its_defaults(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:program_create"),
        {
            "name": "Leadership 2027",
            "description": "Grow leaders",
            "matching_mode": "coordinator",
            "mentor_capacity": 3,
            "max_mentors_per_mentee": 2,
            "request_expiry_days": 5,
            "meeting_cadence_days": 21,
            "meeting_length_minutes": 60,
            "closing_prompt_days": 30,
            "agenda_deadline_hours": 24,
            "confirm_bulk_matches": "on",
        },
    )
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert (program.slug, program.mentor_capacity, program.matching_mode) == ("leadership-2027", 3, "coordinator")
    assert (program.agenda_deadline_hours, program.confirm_bulk_matches) == (24, True)
    assert program.is_coordinated_by(coordinator)


def _cohort_data(**extra):
    today = timezone.localdate()
    return {"name": "Spring", "starts_on": today, "ends_on": today + timedelta(days=180), **extra}


def test_a_cohort_must_end_after_it_starts(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]), _cohort_data(ends_on=today - timedelta(days=1))
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_short_cohort_is_saved_with_a_warning_and_overrides_apply(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]),
        _cohort_data(ends_on=today + timedelta(days=10), mentor_capacity=5),
        follow=True,
    )
    cohort = Cohort.objects.get()
    assert "less than a month" in response.content.decode()
    assert cohort.rule("mentor_capacity") == 5
    assert cohort.rule("request_expiry_days") == program.request_expiry_days


def test_the_enrollment_window_must_lie_inside_the_cohort(client, coordinator, program):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]),
        _cohort_data(enrollment_opens_on=today - timedelta(days=3)),
    )
    assert "between the cohort" in response.content.decode()


def test_the_cohort_page_shows_the_timeline_with_a_text_alternative(client, coordinator, cohort):
    client.force_login(coordinator)
    body = client.get(cohort.get_absolute_url()).content.decode()
    assert "Timeline" in body and "(now)" in body and "the cohort is <strong>enrolling</strong>" in body


def test_an_invalid_csv_shows_each_bad_line_and_imports_nothing(client, coordinator, cohort):
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "people.csv", b"email,role\nok@example.org,mentee\nbad,mentee\nx@example.org,chief\n", "text/csv"
    )
    response = client.post(reverse("programs:invite", args=[cohort.pk]), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Line 3:" in body and "Line 4:" in body and "nothing was imported" in body
    assert not Invitation.objects.exists()


def test_a_good_csv_invites_everyone_and_reports_duplicates(client, coordinator, cohort):
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "people.csv",
        b"email,role,first name,last name\n"
        b"a@example.org,mentee,A,A\nb@example.org,mentor,B,B\na@example.org,mentee,,\n",
        "text/csv",
    )
    response = client.post(reverse("programs:invite", args=[cohort.pk]), {"file": upload})
    assert response.status_code == 200
    assert "Line 4: a@example.org (mentee): listed twice" in response.content.decode()
    assert set(Invitation.objects.values_list("email", "role")) == {
        ("a@example.org", "mentee"),
        ("b@example.org", "mentor"),
    }


def test_a_pasted_list_needs_a_role(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(reverse("programs:invite", args=[cohort.pk]), {"emails": "a@example.org"})
    assert "Choose the role" in response.content.decode()
    client.post(reverse("programs:invite", args=[cohort.pk]), {"emails": "a@example.org", "role": "mentor"})
    assert Invitation.objects.get().role == Role.MENTOR


def test_an_anonymous_visitor_sees_the_invitation_and_gets_the_address_prefilled(client):
    invitation = InvitationFactory(email="new@example.org")
    response = client.get(invitation.get_absolute_url())
    assert "Create an account" in response.content.decode()
    signup = client.get(reverse("account_signup") + f"?next={invitation.get_absolute_url()}")
    assert 'value="new@example.org"' in signup.content.decode()


def test_accepting_by_post_lands_on_my_programs(client):
    invitation = InvitationFactory()
    client.force_login(UserFactory(email=invitation.email))
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("programs:my_programs")
    assert invitation.cohort.program.name in response.content.decode()
    again = client.get(invitation.get_absolute_url())
    assert "already been used" in again.content.decode()


def test_an_expired_link_explains_itself(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(days=1))
    assert "expired" in client.get(invitation.get_absolute_url()).content.decode()


def test_a_signed_in_person_with_another_address_is_told_so(client, user):
    invitation = InvitationFactory()
    client.force_login(user)
    assert "Log out and sign in with the invited address" in client.get(invitation.get_absolute_url()).content.decode()
    client.post(invitation.get_absolute_url())
    assert not Enrollment.objects.exists()


def test_my_programs_shows_role_phase_and_next_steps(client):
    person = UserFactory()
    ProfileFactory(user=person, headline="")
    mentee = EnrollmentFactory(user=person, role=Role.MENTEE)
    OrientationItemFactory(cohort=mentee.cohort, role=Role.MENTEE)
    EnrollmentFactory(user=person, role=Role.MENTOR)
    client.force_login(person)
    body = client.get(reverse("programs:my_programs")).content.decode()
    assert body.count("Mentor</span>") == 1 and body.count("Mentee</span>") == 1
    assert "Complete your profile" in body and "Finish your orientation" in body and "Find a mentor" in body
    assert "Enrolling" in body


def test_a_participant_ticks_off_orientation(client):
    enrollment = EnrollmentFactory()
    item = OrientationItemFactory(cohort=enrollment.cohort, role=enrollment.role)
    client.force_login(enrollment.user)
    client.post(reverse("programs:orientation_check", args=[enrollment.pk, item.pk]), {"done": "1"})
    enrollment.refresh_from_db()
    assert enrollment.orientation_completed_at is not None


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


def test_my_programs_query_budget(client, django_assert_max_num_queries):
    person = ProfileFactory().user
    client.force_login(person)
    EnrollmentFactory(user=person)
    with django_assert_max_num_queries(10):
        client.get(reverse("programs:my_programs"))
    for _ in range(8):
        EnrollmentFactory(user=person, role=Role.MENTOR)
    with django_assert_max_num_queries(10):
        client.get(reverse("programs:my_programs"))


def test_withdraw_and_capacity_from_the_list(client, coordinator, cohort):
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    client.post(reverse("programs:enrollment_capacity", args=[cohort.pk, mentor.pk]), {"capacity": "4"})
    client.post(reverse("programs:enrollment_withdraw", args=[cohort.pk, mentor.pk]))
    mentor.refresh_from_db()
    assert (mentor.capacity_override, mentor.status) == (4, Enrollment.Status.WITHDRAWN)


def test_resend_and_revoke_from_the_cohort_page(client, coordinator, cohort):
    invitation = InvitationFactory(cohort=cohort)
    token = invitation.token
    client.force_login(coordinator)
    client.post(reverse("programs:invitation_resend", args=[cohort.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.token != token
    client.post(reverse("programs:invitation_revoke", args=[cohort.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_program_page_lists_cohorts_with_phases(client, coordinator, program):
    CohortFactory(program=program, name="Old", starts_on=timezone.localdate() - timedelta(days=400))
    CohortFactory(program=program, name="Next", starts_on=timezone.localdate() + timedelta(days=30))
    client.force_login(coordinator)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Ended" in body and "Upcoming" in body


def test_the_enrollment_list_pages_and_keeps_its_filters(client, coordinator, cohort, monkeypatch):
    monkeypatch.setattr("programs.views.PEOPLE_PER_PAGE", 2)
    _people(cohort, 6)
    client.force_login(coordinator)
    response = client.get(reverse("programs:enrollment_list", args=[cohort.pk]), {"role": "mentee", "page": 2})
    assert len(response.context["enrollments"]) == 2
    assert "role=mentee&amp;page=1" in response.content.decode()


def test_a_program_page_lists_cohorts_newest_first_and_counts_people_of_an_ended_cohort(client, coordinator, program):
    today = timezone.localdate()
    ended = CohortFactory(program=program, name="Ended one", starts_on=today - timedelta(days=400))
    CohortFactory(program=program, name="Next one", starts_on=today + timedelta(days=30))
    CohortFactory(program=program, name="Current one", starts_on=today - timedelta(days=7))
    EnrollmentFactory.create_batch(2, cohort=ended, role=Role.MENTEE, status=Enrollment.Status.COMPLETED)
    EnrollmentFactory(cohort=ended, role=Role.MENTEE, status=Enrollment.Status.WITHDRAWN)
    client.force_login(coordinator)
    cohorts = list(client.get(program.get_absolute_url()).context["cohorts"])
    assert [c.name for c in cohorts] == ["Next one", "Current one", "Ended one"]
    assert (cohorts[2].mentee_count, cohorts[2].mentor_count) == (2, 0)


def test_a_program_needs_at_least_one_mentor_per_mentee_and_a_day_to_answer(client, coordinator):
    client.force_login(coordinator)
    data = {
        "name": "Zero", "matching_mode": "hybrid", "mentor_capacity": 2, "max_mentors_per_mentee": 0,
        "request_expiry_days": 0, "meeting_cadence_days": 14, "meeting_length_minutes": 45,
        "closing_prompt_days": 0, "agenda_deadline_hours": 48,
    }  # fmt: skip
    response = client.post(reverse("programs:program_create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"max_mentors_per_mentee", "request_expiry_days"}
    assert not Program.objects.exists()


def test_a_cohort_override_of_zero_mentors_per_mentee_is_refused(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:cohort_create", args=[program.slug]), _cohort_data(max_mentors_per_mentee=0)
    )
    assert "max_mentors_per_mentee" in response.context["form"].errors
    assert not Cohort.objects.exists()


def test_the_invite_form_has_no_role_chosen_in_advance(client, coordinator, cohort):
    client.force_login(coordinator)
    form = client.get(reverse("programs:invite", args=[cohort.pk])).context["form"]
    assert form["role"].value() in (None, "")
    assert form.fields["role"].choices[0] == ("", "Choose a role")


def test_withdrawing_from_a_filtered_list_comes_back_to_the_same_filters(client, coordinator, cohort):
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    client.force_login(coordinator)
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    response = client.post(reverse("programs:enrollment_capacity", args=[cohort.pk, mentor.pk]), {"capacity": "1"})
    assert response["Location"] == url
    assert [str(m) for m in response.wsgi_request._messages] == [f"{mentor.user} now takes up to 1 mentee."]
    response = client.post(
        reverse("programs:enrollment_withdraw", args=[cohort.pk, mentor.pk]), {"filters": "role=mentor&matched=no"}
    )
    assert response["Location"] == f"{url}?role=mentor&matched=no"
