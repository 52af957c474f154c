import pytest

from programs.models import Cohort, Enrollment, Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import EnrollmentFactory, ProgramFactory
from tests.programs.permissions import CASES
from tests.test_permissions import _request

pytestmark = pytest.mark.django_db


COORDINATOR_PAGES = sorted(
    name for name in CASES if name.startswith("programs:") and name not in {
        "programs:my_programs", "programs:program_list", "programs:invitation_accept",
        "programs:orientation", "programs:orientation_check", "programs:program_create",
        "programs:my_answers", "programs:answers", "programs:join", "programs:application_detail",
        "programs:application_withdraw", "programs:survey_answer",
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
