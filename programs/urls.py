from django.urls import path

from programs.views import answers, cohorts, invitations, participants, people, programs, questions, reporting

app_name = "programs"
urlpatterns = [
    path("mine/", participants.my_programs, name="my_programs"),
    path("enrollments/<int:pk>/orientation/", participants.orientation, name="orientation"),
    path("enrollments/<int:pk>/orientation/<int:item_pk>/", participants.orientation_check, name="orientation_check"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("answers/", answers.my_answers, name="my_answers"),
    path("answers/<slug:slug>/", answers.answers, name="answers"),
    path("", programs.program_list, name="program_list"),
    path("new/", programs.program_create, name="program_create"),
    path("p/<slug:slug>/", programs.program_detail, name="program_detail"),
    path("p/<slug:slug>/edit/", programs.program_edit, name="program_edit"),
    path("p/<slug:slug>/coordinators/", programs.coordinator_add, name="coordinator_add"),
    path("p/<slug:slug>/cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("p/<slug:slug>/questions/", questions.question_list, name="question_list"),
    path("p/<slug:slug>/questions/new/", questions.question_create, name="question_create"),
    path("p/<slug:slug>/questions/<int:question_pk>/", questions.question_edit, name="question_edit"),
    path("p/<slug:slug>/questions/<int:question_pk>/delete/", questions.question_delete, name="question_delete"),
    path("p/<slug:slug>/questions/<int:question_pk>/move/", questions.question_move, name="question_move"),
    path("p/<slug:slug>/rules/new/", questions.rule_create, name="rule_create"),
    path("p/<slug:slug>/rules/<int:rule_pk>/delete/", questions.rule_delete, name="rule_delete"),
    path("p/<slug:slug>/reporting-lines/", reporting.reporting_lines, name="reporting_lines"),
    path("p/<slug:slug>/reporting-lines/clear/", reporting.reporting_lines_clear, name="reporting_lines_clear"),
    path("cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/orientation/", cohorts.orientation_item_add, name="orientation_item_add"),
    path(
        "cohorts/<int:pk>/orientation/<int:item_pk>/delete/",
        cohorts.orientation_item_delete,
        name="orientation_item_delete",
    ),
    path("cohorts/<int:pk>/invite/", invitations.invite, name="invite"),
    path(
        "cohorts/<int:pk>/invitations/<int:invitation_pk>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "cohorts/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("cohorts/<int:pk>/people/", people.enrollment_list, name="enrollment_list"),
    path("cohorts/<int:pk>/people.csv", people.enrollment_export, name="enrollment_export"),
    path(
        "cohorts/<int:pk>/people/<int:enrollment_pk>/withdraw/",
        people.enrollment_withdraw,
        name="enrollment_withdraw",
    ),
    path(
        "cohorts/<int:pk>/people/<int:enrollment_pk>/capacity/",
        people.enrollment_capacity,
        name="enrollment_capacity",
    ),
]
