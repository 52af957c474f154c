from datetime import date, timedelta

import pytest
from django.utils import timezone

from programs.models import Enrollment, Phase, Role
from programs.selectors.cohorts import cohort_page, timeline
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory, OrientationItemFactory

pytestmark = pytest.mark.django_db


def test_the_timeline_cuts_the_span_into_phases_and_marks_today():
    cohort = CohortFactory.build(starts_on=date(2026, 1, 1), ends_on=date(2026, 7, 1))
    strip = timeline(cohort, today=date(2026, 3, 1))
    assert [s.phase for s in strip.segments] == [Phase.ENROLLING, Phase.MATCHING, Phase.ACTIVE, Phase.CLOSING]
    assert [s.phase for s in strip.segments if s.current] == [Phase.ACTIVE] and strip.phase == Phase.ACTIVE
    assert sum(s.width for s in strip.segments) == pytest.approx(100, abs=0.1)
    assert strip.marker == pytest.approx(100 * 59 / 181, abs=0.01)
    assert timeline(cohort, today=date(2025, 12, 1)).marker is None


def test_the_cohort_page_counts_people_by_role_and_status_in_a_fixed_number_of_queries(django_assert_num_queries):
    cohort = CohortFactory()
    EnrollmentFactory.create_batch(2, cohort=cohort, role=Role.MENTOR)
    EnrollmentFactory(cohort=cohort, role=Role.MENTEE, status=Enrollment.Status.WITHDRAWN)
    OrientationItemFactory(cohort=cohort)
    InvitationFactory.create_batch(3, cohort=cohort)
    with django_assert_num_queries(6):  # the sixth counts the applications to decide and the waiting list
        page = cohort_page(cohort)
    statuses = Enrollment.Status.values
    assert page.count_rows[0] == ("Mentor", [2 if s == "active" else 0 for s in statuses])
    assert page.count_rows[1][1][statuses.index("withdrawn")] == 1
    assert (len(page.invitations), page.invitation_count, len(page.orientation_items)) == (3, 3, 1)


def test_the_invited_column_counts_open_invitations_pending_unexpired_and_not_accepted(client):
    cohort = CohortFactory()
    InvitationFactory.create_batch(5, cohort=cohort)
    InvitationFactory(cohort=cohort, role=Role.MENTOR)
    InvitationFactory(cohort=cohort, expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(cohort=cohort, accepted_at=timezone.now())
    InvitationFactory(cohort=cohort, revoked_at=timezone.now())
    EnrollmentFactory(cohort=cohort, role=Role.MENTEE, status=Enrollment.Status.INVITED)
    page = cohort_page(cohort)
    invited = Enrollment.Status.values.index("invited")
    rows = dict(page.count_rows)
    assert (rows["Mentee"][invited], rows["Mentor"][invited], page.invitation_count) == (6, 1, 6)
