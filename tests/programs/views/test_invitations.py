from datetime import timedelta

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, Invitation, Role
from tests.factories import UserFactory
from tests.programs.factories import InvitationFactory

pytestmark = pytest.mark.django_db


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
    assert "Create account" in response.content.decode()
    signup = client.get(reverse("account_signup") + f"?next={invitation.get_absolute_url()}")
    assert 'value="new@example.org"' in signup.content.decode()


def test_accepting_by_post_lands_on_the_guided_setup(client):
    invitation = InvitationFactory()
    client.force_login(UserFactory(email=invitation.email))
    response = client.post(invitation.get_absolute_url(), follow=True)
    enrollment = invitation.cohort.enrollments.get()
    assert response.redirect_chain[-1][0] == reverse("sessions:onboarding", args=[enrollment.pk])
    assert "Step 1 of 3" in response.content.decode()
    again = client.get(invitation.get_absolute_url())
    assert "already been used" in again.content.decode()


def test_an_expired_link_explains_itself(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(days=1))
    assert "expired" in client.get(invitation.get_absolute_url()).content.decode()


def test_a_signed_in_person_with_another_address_is_told_so(client, user):
    invitation = InvitationFactory()
    client.force_login(user)
    assert "Sign out and sign in with the invited address" in client.get(invitation.get_absolute_url()).content.decode()
    client.post(invitation.get_absolute_url())
    assert not Enrollment.objects.exists()


def test_the_invite_form_has_no_role_chosen_in_advance(client, coordinator, cohort):
    client.force_login(coordinator)
    form = client.get(reverse("programs:invite", args=[cohort.pk])).context["form"]
    assert form["role"].value() in (None, "")
    assert form.fields["role"].choices[0] == ("", "Choose a role")


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


def test_a_csv_with_an_unclosed_quote_imports_nobody_and_names_the_line(client, coordinator, cohort):
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "people.csv",
        b'email,role,first name,last name\na@example.org,mentee,"Unclosed,Name\nb@example.org,mentee,B,B\n',
        "text/csv",
    )
    response = client.post(reverse("programs:invite", args=[cohort.pk]), {"file": upload})
    assert response.status_code == 200
    assert "Line 2:" in response.content.decode() and "nothing was imported" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_refused_invite_form_puts_an_error_summary_first_that_links_to_the_marked_field(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(reverse("programs:invite", args=[cohort.pk]), {"emails": "not-an-address", "role": "mentee"})
    tree = lxml.html.fromstring(response.content)
    assert tree.findtext(".//title").startswith("Error: ")
    summary = tree.xpath("//form//*[@data-error-summary]")[0]
    assert summary.get("tabindex") == "-1" and summary.get("role") == "alert"
    assert tree.xpath("//form//*[@data-error-summary]/preceding::input[@type!='hidden']") == []
    assert summary.xpath(".//a/@href") == ["#id_emails"] and "not-an-address" in summary.text_content()
    field = tree.get_element_by_id("id_emails")
    assert field.get("aria-invalid") == "true"
    described = [tree.get_element_by_id(i) for i in field.get("aria-describedby").split()]
    assert any("Fix the lines" in d.text_content() for d in described)
    assert not Invitation.objects.exists()


def test_a_form_shown_first_has_no_error_summary_and_a_plain_title(client, coordinator, cohort):
    client.force_login(coordinator)
    body = client.get(reverse("programs:invite", args=[cohort.pk])).content.decode()
    assert "data-error-summary" not in body and "<title>Error:" not in body
