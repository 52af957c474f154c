from programs.models import Enrollment, Role
from sessions import demo
from sessions.models import Availability, MeetingSeries, NextTopic
from tests.sessions.demo.test_pairs import _seed_up_to_matching


def test_demo_gives_every_mentor_availability_a_series_and_a_next_meeting_list_once(db):
    context = _seed_up_to_matching(with_pairs=True)
    demo.seed(context)
    demo.seed(context)
    mentors = set(Enrollment.objects.filter(role=Role.MENTOR).values_list("user_id", flat=True))
    assert set(Availability.objects.values_list("user_id", flat=True)) == mentors
    series = MeetingSeries.objects.get()
    assert series.occurrences.count() == series.count == 6
    assert NextTopic.objects.waiting().count() == 2
