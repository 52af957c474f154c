"""The audit log is written by each coordinator action, in its transaction, and never holds what people wrote."""

import pytest
from django.db import transaction

from matching import services as matching
from mentoring.audit.models import Action, AuditEntry
from mentoring.audit.services import changed_fields, record
from programs import services as programs
from programs.forms import ProgramForm
from programs.models import Role
from programs.services.importing import Row
from sessions import services as sessions
from tests.factories import UserFactory
from tests.matching.factories_bulk import bulk_cohort, participant
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from tests.sessions.factories import MentorshipFactory, NoteFactory

pytestmark = pytest.mark.django_db
SECRET = "zqsecret7"


def actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


def test_record_refuses_a_confidential_field(coordinator):
    with pytest.raises(ValueError, match="never stores body"):
        record(actor=coordinator, action=Action.PROGRAM_CHANGED, changes={"body": SECRET})
    assert not AuditEntry.objects.exists()


def test_changed_fields_keeps_differences_and_leaves_confidential_fields_out():
    before = {"mentor_capacity": 2, "description": "old", "require_mfa": False}
    after = {"mentor_capacity": 3, "description": SECRET, "require_mfa": False}
    assert changed_fields(before, after, before) == {"mentor_capacity": [2, 3]}


def test_a_row_rolls_back_with_its_action(coordinator):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=coordinator, action=Action.SIGNED_IN)
        raise RuntimeError
    assert not AuditEntry.objects.exists()


def test_settings_changes_record_who_what_and_the_changed_fields(coordinator):
    program = ProgramFactory(coordinators=[coordinator], mentor_capacity=2)
    form = ProgramForm({**_program_data(program), "mentor_capacity": 4, "description": SECRET}, instance=program)
    assert form.is_valid(), form.errors
    programs.save_settings(form=form, by=coordinator)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.program_id) == (Action.PROGRAM_CHANGED, coordinator, program.pk)
    assert entry.changes == {"mentor_capacity": [2, 4]}


def _program_data(program) -> dict:
    form = ProgramForm(instance=program)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = value if not isinstance(value, list | dict) else form[name].value()
    return data


def test_enrolment_invitation_and_role_changes_are_recorded(coordinator):
    cohort = CohortFactory(program=ProgramFactory(coordinators=[coordinator]))
    result = programs.invite_people(
        cohort=cohort, rows=[Row(line=1, email="new@example.org", role=Role.MENTEE)], invited_by=coordinator
    )
    programs.resend_invitation(invitation=result.created[0], by=coordinator)
    programs.revoke_invitation(invitation=result.created[0], by=coordinator)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    programs.set_mentor_capacity(enrollment=mentor, capacity=1, by=coordinator)
    programs.withdraw_enrollment(enrollment=mentor, by=coordinator)
    programs.add_coordinator(program=cohort.program, email=UserFactory().email, added_by=coordinator)
    assert actions(program_id=cohort.program_id) == [
        Action.INVITED,
        Action.INVITATION_RESENT,
        Action.INVITATION_REVOKED,
        Action.CAPACITY_CHANGED,
        Action.ENROLMENT_WITHDRAWN,
        Action.COORDINATOR_ADDED,
    ]
    assert AuditEntry.objects.get(action=Action.INVITED).changes == {"invited": 1, "roles": ["mentee"]}


def test_matching_runs_and_publishing_are_recorded(coordinator):
    cohort = bulk_cohort(coordinator)
    participant(cohort, Role.MENTOR)
    participant(cohort, Role.MENTEE)
    run = matching.run_matching(cohort=cohort, by=coordinator)
    matching.publish_run(run=run, by=coordinator)
    assert actions(program_id=cohort.program_id) == [Action.MATCHING_RUN, Action.MATCHES_PUBLISHED]
    assert AuditEntry.objects.first().changes == {"created": 1, "skipped": 0}


def test_a_nudge_is_recorded_without_its_message(coordinator):
    pair = MentorshipFactory()
    pair.cohort.program.coordinators.add(coordinator)
    sessions.nudge_pair(mentorship=pair, by=coordinator, template="meet")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id, entry.changes) == (Action.NUDGE_SENT, pair.pk, {"template": "meet"})


def test_no_audit_row_ever_holds_what_a_pair_wrote(coordinator):
    """A pair's notes, and a coordinator's actions all around them: the secret never reaches the log."""
    pair = MentorshipFactory()
    pair.cohort.program.coordinators.add(coordinator)
    NoteFactory(mentorship=pair, author=pair.mentee, body=SECRET)
    sessions.nudge_pair(mentorship=pair, by=coordinator, template="meet")
    programs.withdraw_enrollment(enrollment=pair.mentee.enrollments.get(cohort=pair.cohort), by=coordinator)
    assert AuditEntry.objects.count() == 2
    for entry in AuditEntry.objects.values():
        assert SECRET not in str(entry)
