import re

import pytest
from django.urls import reverse

from mentoring.notifications.models import Kind, NotificationSettings
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_my_notifications_and_the_unread_count(client, user, other_user):
    NotificationFactory(recipient=user, title="Mine")
    NotificationFactory(recipient=other_user, title="Theirs")
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert '1<span class="visually-hidden"> unread</span>' in page


def test_opening_marks_read_and_goes_where_it_points(client, user):
    notification = NotificationFactory(recipient=user, url="/profile/")
    client.force_login(user)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == "/profile/"
    notification.refresh_from_db()
    assert notification.is_read


def test_opening_never_redirects_off_site(client, user):
    notification = NotificationFactory(recipient=user, url="https://evil.example/")
    client.force_login(user)
    assert client.get(reverse("notifications:open", args=[notification.pk])).url == reverse("notifications:list")


def test_mark_read_with_htmx_returns_the_item_alone(client, user):
    notification = NotificationFactory(recipient=user, title="Swap me")
    client.force_login(user)
    response = client.post(reverse("notifications:read", args=[notification.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith("<li") and "Swap me" in html and "Mark read" not in html


def test_preferences_save_the_kinds_to_email(client, user):
    client.force_login(user)
    wanted = [k for k in Kind.values if k not in (Kind.MEETING_REMINDER, Kind.DIGEST)]
    response = client.post(
        reverse("notifications:preferences"),
        {"email_kinds": wanted, "meeting_reminder_minutes": ["2880", "15"], "digest_hour": "7"},
    )
    assert response.status_code == 302
    settings_row = NotificationSettings.objects.get(user=user)
    assert settings_row.email_opt_out == [Kind.MEETING_REMINDER]
    assert settings_row.meeting_reminder_minutes == [2880, 15]
    assert settings_row.digest_hour == 7 and not settings_row.daily_digest


def test_reminders_default_to_a_day_and_an_hour_before(client, user):
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    checked = set(re.findall(r'name="meeting_reminder_minutes" value="(\d+)"[^>]*checked', page))
    assert checked == {"1440", "60"}
    assert NotificationSettings.objects.get(user=user).meeting_reminder_minutes == [1440, 60]


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_query_count_does_not_grow(client, user, count, django_assert_max_num_queries):
    NotificationFactory.create_batch(count, recipient=user)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        client.get(reverse("notifications:list"))


def test_saving_preferences_with_the_digest_on_keeps_the_kinds_chosen(client, user):
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"daily_digest": True, "email_opt_out": [Kind.GOAL]}
    )
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    ticked = set(re.findall(r'name="email_kinds" value="(\w+)"[^>]*checked', page))
    assert Kind.MEETING in ticked and Kind.GOAL not in ticked
    assert f'name="email_kinds" value="{Kind.DIGEST}"' not in page
    client.post(
        reverse("notifications:preferences"),
        {"email_kinds": sorted(ticked), "daily_digest": "on", "meeting_reminder_minutes": ["60"], "digest_hour": "8"},
    )
    assert NotificationSettings.objects.get(user=user).email_opt_out == [Kind.GOAL]
