from django.urls import path

from matching import views, views_bulk

app_name = "matching"

urlpatterns = [
    path("requests/", views.inbox, name="inbox"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/withdraw/", views.withdraw, name="request_withdraw"),
    path("requests/<int:pk>/accept/", views.accept, name="request_accept"),
    path("requests/<int:pk>/decline/", views.decline, name="request_decline"),
    path("requests/<int:pk>/think/", views.think, name="request_think"),
    path("requests/<int:pk>/question/", views.ask_question, name="request_question"),
    path("requests/<int:pk>/answer/", views.answer_question, name="request_answer"),
    path("paused/<int:pk>/resume/", views.resume, name="resume"),
    path("cohorts/<int:cohort_pk>/mentors/<int:user_pk>/request/", views.request_mentor, name="request_mentor"),
    path("cohorts/<int:cohort_pk>/mentors/", views.find_mentor, name="find_mentor"),
    path("cohorts/<int:cohort_pk>/mentors/<int:user_pk>/", views.mentor_profile, name="mentor_profile"),
    path("board/", views.my_board, name="my_board"),
    path("board/<int:pk>/seat/", views.set_board_seat, name="board_seat"),
    # Bulk matching (coordinators) and the matched people's confirmation.
    path("cohorts/<int:cohort_pk>/bulk/", views_bulk.run_start, name="run_start"),
    path("runs/<int:pk>/", views_bulk.run_detail, name="run_detail"),
    path("runs/<int:pk>/rerun/", views_bulk.run_rerun, name="run_rerun"),
    path("runs/<int:pk>/publish/", views_bulk.run_publish, name="run_publish"),
    path("runs/<int:pk>/discard/", views_bulk.run_discard, name="run_discard"),
    path("runs/<int:pk>/swap/", views_bulk.pair_swap, name="pair_swap"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/lock/", views_bulk.pair_lock, name="pair_lock"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/ban/", views_bulk.pair_ban, name="pair_ban"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/drop/", views_bulk.pair_drop, name="pair_drop"),
    path("runs/<int:pk>/unmatched/<int:unmatched_pk>/restore/", views_bulk.unmatched_restore, name="unmatched_restore"),
    path("runs/<int:pk>/bans/<int:ban_pk>/lift/", views_bulk.ban_lift, name="ban_lift"),
    path("programs/<slug:slug>/weights/", views_bulk.program_weights, name="program_weights"),
    path("matches/<int:pk>/", views_bulk.match_detail, name="match_detail"),
    path("matches/<int:pk>/confirm/", views_bulk.match_confirm, name="match_confirm"),
    path("matches/<int:pk>/decline/", views_bulk.match_decline, name="match_decline"),
]
