"""A coordinator's nudge to a drifting pair."""

import pytest

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from sessions.services.nudges import nudge_pair
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)


def test_a_nudge_needs_a_known_template_and_a_working_pair(coordinator, scene):
    completed = next(m for m in scene.pairs if m.status == Mentorship.Status.COMPLETED)
    with pytest.raises(Exception, match="still working together"):
        nudge_pair(mentorship=completed, by=coordinator, template="meet")
    with pytest.raises(Exception, match="Choose one of the nudge messages"):
        nudge_pair(mentorship=scene.pairs[0], by=coordinator, template="anything")
    assert not Notification.objects.exists()
