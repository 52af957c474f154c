from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("mine/", views.my_programs, name="my_programs"),
    path("enrollments/<int:pk>/orientation/", views.orientation, name="orientation"),
    path("enrollments/<int:pk>/orientation/<int:item_pk>/", views.orientation_check, name="orientation_check"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("", views.program_list, name="program_list"),
    path("new/", views.program_create, name="program_create"),
    path("p/<slug:slug>/", views.program_detail, name="program_detail"),
    path("p/<slug:slug>/edit/", views.program_edit, name="program_edit"),
    path("p/<slug:slug>/coordinators/", views.coordinator_add, name="coordinator_add"),
    path("p/<slug:slug>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/orientation/", views.orientation_item_add, name="orientation_item_add"),
    path(
        "cohorts/<int:pk>/orientation/<int:item_pk>/delete/",
        views.orientation_item_delete,
        name="orientation_item_delete",
    ),
    path("cohorts/<int:pk>/invite/", views.invite, name="invite"),
    path("cohorts/<int:pk>/invitations/<int:invitation_pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("cohorts/<int:pk>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("cohorts/<int:pk>/people/", views.enrollment_list, name="enrollment_list"),
    path("cohorts/<int:pk>/people.csv", views.enrollment_export, name="enrollment_export"),
    path(
        "cohorts/<int:pk>/people/<int:enrollment_pk>/withdraw/",
        views.enrollment_withdraw,
        name="enrollment_withdraw",
    ),
    path(
        "cohorts/<int:pk>/people/<int:enrollment_pk>/capacity/",
        views.enrollment_capacity,
        name="enrollment_capacity",
    ),
]
