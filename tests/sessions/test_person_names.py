"""One rule for a person's name on pages, in e-mails and in exports: the full name, else the e-mail's local part
(mentoring.web.person_name). A person who has not filled in a name is "sam.lee", never their whole address and
never "your mentoring partner"."""

import csv
import io
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from mentoring.notifications import scanning
from mentoring.notifications.models import Kind, Notification
from sessions import services
from tests.sessions.factories import MentorshipFactory, person


def test_a_person_without_a_name_is_named_alike_everywhere(client, cohort, coordinator, mentee):
    nameless = person(first_name="", last_name="", email="sam.lee@example.org")
    pair = MentorshipFactory(cohort=cohort, mentee=mentee, mentor=nameless)
    meeting = services.schedule_meeting(
        mentorship=pair, by=nameless, starts_at=timezone.now() + timedelta(minutes=50), duration_minutes=30
    )
    told = Notification.objects.get(recipient=mentee, kind=Kind.MEETING)
    assert told.title == "sam.lee scheduled a mentoring meeting"
    with time_machine.travel(timezone.now(), tick=False):
        scanning.run_scan()
    reminder = Notification.objects.get(recipient=mentee, kind=Kind.MEETING_REMINDER, object_id=meeting.pk)
    assert reminder.title.startswith("Reminder: mentoring with sam.lee on ")
    client.force_login(mentee)
    assert "sam.lee is your mentor" in client.get(pair.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    exported = client.get(reverse("sessions:dashboard_pairs_csv", args=[cohort.pk])).getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["mentor"] for row in rows] == ["sam.lee"]
