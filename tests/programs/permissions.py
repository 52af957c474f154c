"""Who may use each programs URL. Coordinator pages are OWNER cases: the owner coordinates the
program, the outsider (and, in views/test_access.py, a participant and another program's coordinator) gets a 404."""

from django.urls import reverse

from programs.models import Role
from tests.permissions import Access, Case
from tests.programs.factories import (
    AgendaTemplateFactory,
    ApplicationFactory,
    CohortFactory,
    EnrollmentFactory,
    FileResourceFactory,
    GuideFactory,
    InvitationFactory,
    MatchRuleFactory,
    OrientationItemFactory,
    ProgramFactory,
    QuestionFactory,
    SurveyFactory,
)


def coordinated_cohort(owner):
    owner.is_coordinator = True
    owner.save(update_fields=["is_coordinator"])
    return CohortFactory(program=ProgramFactory(coordinators=[owner]))


def _program(name):
    return lambda owner, outsider: reverse(name, args=[coordinated_cohort(owner).program.slug])


def _cohort(name):
    return lambda owner, outsider: reverse(name, args=[coordinated_cohort(owner).pk])


def _invitation(name):
    def setup(owner, outsider):
        invitation = InvitationFactory(cohort=coordinated_cohort(owner))
        return reverse(name, args=[invitation.cohort.pk, invitation.pk])

    return setup


def _enrollment(name, role=Role.MENTEE):
    def setup(owner, outsider):
        enrollment = EnrollmentFactory(cohort=coordinated_cohort(owner), role=role)
        return reverse(name, args=[enrollment.cohort.pk, enrollment.pk])

    return setup


def _item_delete(owner, outsider):
    item = OrientationItemFactory(cohort=coordinated_cohort(owner))
    return reverse("programs:orientation_item_delete", args=[item.cohort.pk, item.pk])


def _own_orientation(owner, outsider):
    return reverse("programs:orientation", args=[EnrollmentFactory(user=owner).pk])


def _own_orientation_check(owner, outsider):
    enrollment = EnrollmentFactory(user=owner)
    item = OrientationItemFactory(cohort=enrollment.cohort, role=enrollment.role)
    return reverse("programs:orientation_check", args=[enrollment.pk, item.pk])


def _program_create(owner, outsider):
    owner.is_coordinator = True
    owner.save(update_fields=["is_coordinator"])
    return reverse("programs:program_create")


def _question(name):
    def setup(owner, outsider):
        question = QuestionFactory(program=coordinated_cohort(owner).program)
        return reverse(name, args=[question.program.slug, question.pk])

    return setup


def _rule_delete(owner, outsider):
    rule = MatchRuleFactory(mentee_question=QuestionFactory(program=coordinated_cohort(owner).program))
    return reverse("programs:rule_delete", args=[rule.program.slug, rule.pk])


def _own_answers(owner, outsider):
    """The answers page of a program the owner takes part in: for anyone else it is a 404."""
    enrollment = EnrollmentFactory(user=owner)
    QuestionFactory(program=enrollment.cohort.program)
    return reverse("programs:answers", args=[enrollment.cohort.program.slug])


def _own_application(name):
    def setup(owner, outsider):
        return reverse(name, args=[ApplicationFactory(user=owner).pk])

    return setup


def _application_review(owner, outsider):
    application = ApplicationFactory(cohort=coordinated_cohort(owner))
    return reverse("programs:application_review", args=[application.cohort.pk, application.pk])


def _join(owner, outsider):
    return reverse("programs:join", args=[ProgramFactory(applications_open=True).slug])


def _survey(name):
    def setup(owner, outsider):
        return reverse(name, args=[SurveyFactory(cohort=coordinated_cohort(owner)).pk])

    return setup


def _own_survey_ask(owner, outsider):
    """A survey the owner was asked: another person's answers (and this page) are a 404 for anyone else."""
    from programs.models import SurveyAsk

    return reverse("programs:survey_answer", args=[SurveyAsk.objects.create(survey=SurveyFactory(), user=owner).pk])


def _resource(name, factory=GuideFactory):
    """A resource of a program the owner coordinates."""

    def setup(owner, outsider):
        return reverse(name, args=[factory(program=coordinated_cohort(owner).program).pk])

    return setup


def _member_resource(name, factory):
    """A resource of a program the owner takes part in: its other people may read it, nobody else."""

    def setup(owner, outsider):
        enrollment = EnrollmentFactory(user=owner)
        return reverse(name, args=[factory(program=enrollment.cohort.program).pk])

    return setup


def _member_program(name):
    def setup(owner, outsider):
        return reverse(name, args=[EnrollmentFactory(user=owner).cohort.program.slug])

    return setup


def _template(name):
    def setup(owner, outsider):
        return reverse(name, args=[AgendaTemplateFactory(program=coordinated_cohort(owner).program).pk])

    return setup


def _post(setup, **data):
    return Case(Access.OWNER, setup, method="post", ok=302, data=data)


CASES = {
    "programs:my_programs": Case(Access.LOGIN, lambda owner, outsider: reverse("programs:my_programs")),
    "programs:program_list": Case(Access.LOGIN, lambda owner, outsider: reverse("programs:program_list")),
    "programs:orientation": Case(Access.OWNER, _own_orientation),
    "programs:orientation_check": Case(Access.OWNER, _own_orientation_check, method="post", ok=302),
    "programs:invitation_accept": Case(
        Access.PUBLIC, lambda owner, outsider: reverse("programs:invitation_accept", args=[InvitationFactory().token])
    ),
    "programs:program_create": Case(Access.OWNER, _program_create),
    "programs:program_detail": Case(Access.OWNER, _program("programs:program_detail")),
    "programs:program_edit": Case(Access.OWNER, _program("programs:program_edit")),
    "programs:audit_log": Case(Access.OWNER, _program("programs:audit_log")),
    "programs:participant_data": Case(Access.OWNER, _enrollment("programs:participant_data")),
    "programs:participant_data_download": Case(
        Access.OWNER,
        _enrollment("programs:participant_data_download"),
        method="post",
        data={"download-reason": "Their e-mail of 3 May", "download-confirm": "on"},
    ),
    "programs:participant_erase": Case(
        Access.OWNER,
        _enrollment("programs:participant_erase"),
        method="post",
        ok=302,
        data={"erase-reason": "Their e-mail of 3 May", "erase-confirm": "on"},
    ),
    "programs:coordinator_add": Case(
        Access.OWNER, _program("programs:coordinator_add"), method="post", ok=302, data={"email": "x@example.org"}
    ),
    "programs:cohort_create": Case(Access.OWNER, _program("programs:cohort_create")),
    "programs:cohort_detail": Case(Access.OWNER, _cohort("programs:cohort_detail")),
    "programs:cohort_edit": Case(Access.OWNER, _cohort("programs:cohort_edit")),
    "programs:orientation_item_add": Case(
        Access.OWNER,
        _cohort("programs:orientation_item_add"),
        method="post",
        ok=302,
        data={"role": "mentee", "title": "Read"},
    ),
    "programs:orientation_item_delete": Case(Access.OWNER, _item_delete, method="post", ok=302),
    "programs:invite": Case(Access.OWNER, _cohort("programs:invite")),
    "programs:invitation_resend": Case(Access.OWNER, _invitation("programs:invitation_resend"), method="post", ok=302),
    "programs:invitation_revoke": Case(Access.OWNER, _invitation("programs:invitation_revoke"), method="post", ok=302),
    "programs:enrollment_list": Case(Access.OWNER, _cohort("programs:enrollment_list")),
    "programs:enrollment_export": Case(Access.OWNER, _cohort("programs:enrollment_export")),
    "programs:enrollment_withdraw": Case(
        Access.OWNER, _enrollment("programs:enrollment_withdraw"), method="post", ok=302
    ),
    "programs:enrollment_capacity": Case(
        Access.OWNER,
        _enrollment("programs:enrollment_capacity", Role.MENTOR),
        method="post",
        ok=302,
        data={"capacity": "3"},
    ),
    "programs:question_list": Case(Access.OWNER, _program("programs:question_list")),
    "programs:question_create": Case(Access.OWNER, _program("programs:question_create")),
    "programs:question_edit": Case(Access.OWNER, _question("programs:question_edit")),
    "programs:question_delete": _post(_question("programs:question_delete")),
    "programs:question_move": _post(_question("programs:question_move"), direction="up"),
    "programs:rule_create": Case(Access.OWNER, _program("programs:rule_create")),
    "programs:rule_delete": _post(_rule_delete),
    "programs:reporting_lines": Case(Access.OWNER, _program("programs:reporting_lines")),
    "programs:reporting_lines_clear": _post(_program("programs:reporting_lines_clear")),
    "programs:join": Case(Access.PUBLIC, _join),
    "programs:application_detail": Case(Access.OWNER, _own_application("programs:application_detail")),
    "programs:application_withdraw": _post(_own_application("programs:application_withdraw")),
    "programs:application_list": Case(Access.OWNER, _cohort("programs:application_list")),
    "programs:application_review": Case(Access.OWNER, _application_review),
    "programs:application_decide": _post(_cohort("programs:application_decide"), decision="decline"),
    "programs:cohort_clone": Case(Access.OWNER, _cohort("programs:cohort_clone")),
    "programs:my_answers": Case(Access.LOGIN, lambda owner, outsider: reverse("programs:my_answers")),
    "programs:answers": Case(Access.OWNER, _own_answers),
    "programs:survey_list": Case(Access.OWNER, _cohort("programs:survey_list")),
    "programs:survey_create": Case(Access.OWNER, _cohort("programs:survey_create")),
    "programs:survey_results": Case(Access.OWNER, _survey("programs:survey_results")),
    "programs:survey_export": Case(Access.OWNER, _survey("programs:survey_export")),
    "programs:survey_answer": Case(Access.OWNER, _own_survey_ask),
    "programs:resource_list": Case(Access.OWNER, _member_program("programs:resource_list")),
    "programs:guide_detail": Case(Access.OWNER, _member_resource("programs:guide_detail", GuideFactory)),
    "programs:file_download": Case(Access.OWNER, _member_resource("programs:file_download", FileResourceFactory)),
    "programs:guide_create": Case(Access.OWNER, _program("programs:guide_create")),
    "programs:file_create": Case(Access.OWNER, _program("programs:file_create")),
    "programs:template_create": Case(Access.OWNER, _program("programs:template_create")),
    "programs:resource_edit": Case(Access.OWNER, _resource("programs:resource_edit")),
    "programs:resource_delete": _post(_resource("programs:resource_delete", FileResourceFactory)),
    "programs:template_edit": Case(Access.OWNER, _template("programs:template_edit")),
    "programs:template_delete": _post(_template("programs:template_delete")),
}
