import pytest
from django.urls import reverse

from tests.accounts.factories import give_totp, totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_admin_sends_a_visitor_to_the_products_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_the_admins_own_login_form_checks_no_password(client, staff):
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_rate_limited_like_every_sign_in(client, staff):
    for _ in range(5):
        assert client.post(f"{LOGIN}?next=/admin/", {"login": staff.email, "password": "wrong"}).status_code == 200
    response = client.post(f"{LOGIN}?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_with_their_second_factor_and_reach_the_admin(client, staff):
    secret = give_totp(staff)
    response = client.post(f"{LOGIN}?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_one_up_from_every_admin_page(client, staff):
    client.force_login(staff)
    for url in ("/admin/", reverse("admin:accounts_user_changelist"), reverse("admin:programs_program_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index"), url


def test_staff_can_leave_the_admin_without_a_second_factor(client, staff):
    client.force_login(staff)
    assert client.post(reverse("admin:logout")).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_signed_in_member_of_staff_at_the_admin_login_goes_on_to_the_admin(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:login") + "?next=/admin/programs/").url == "/admin/programs/"
    assert client.get(reverse("admin:login") + "?next=https://elsewhere.example/").url == "/admin/"


def test_someone_who_is_not_staff_is_refused_at_the_admin_login(client, user):
    client.force_login(user)
    assert client.get(reverse("admin:login")).status_code == 403
