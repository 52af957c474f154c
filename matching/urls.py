from django.urls import path

from matching.views import board, bulk, matches, mentors, offers, requests

app_name = "matching"

urlpatterns = [
    path("requests/", requests.inbox, name="inbox"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/withdraw/", requests.withdraw, name="request_withdraw"),
    path("requests/<int:pk>/accept/", requests.accept, name="request_accept"),
    path("requests/<int:pk>/decline/", requests.decline, name="request_decline"),
    path("requests/<int:pk>/think/", requests.think, name="request_think"),
    path("requests/<int:pk>/question/", requests.ask_question, name="request_question"),
    path("requests/<int:pk>/answer/", requests.answer_question, name="request_answer"),
    path("paused/<int:pk>/resume/", requests.resume, name="resume"),
    path("cohorts/<int:cohort_pk>/mentors/<int:user_pk>/request/", requests.request_mentor, name="request_mentor"),
    path("cohorts/<int:cohort_pk>/mentors/", mentors.find_mentor, name="find_mentor"),
    path("cohorts/<int:cohort_pk>/mentors/<int:user_pk>/", mentors.mentor_profile, name="mentor_profile"),
    path("cohorts/<int:cohort_pk>/mentees/", offers.offer_mentees_page, name="offer_mentees"),
    path("cohorts/<int:cohort_pk>/mentees/<int:user_pk>/offer/", offers.offer_create, name="offer_create"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/accept/", offers.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", offers.offer_decline, name="offer_decline"),
    path("offers/<int:pk>/withdraw/", offers.offer_withdraw, name="offer_withdraw"),
    path("offers/<int:pk>/question/", offers.offer_question, name="offer_question"),
    path("offers/<int:pk>/answer/", offers.offer_answer, name="offer_answer"),
    path("board/", board.my_board, name="my_board"),
    path("board/<int:pk>/seat/", board.set_board_seat, name="board_seat"),
    # Bulk matching (coordinators) and the matched people's confirmation.
    path("cohorts/<int:cohort_pk>/bulk/", bulk.run_start, name="run_start"),
    path("runs/<int:pk>/", bulk.run_detail, name="run_detail"),
    path("runs/<int:pk>/rerun/", bulk.run_rerun, name="run_rerun"),
    path("runs/<int:pk>/publish/", bulk.run_publish, name="run_publish"),
    path("runs/<int:pk>/discard/", bulk.run_discard, name="run_discard"),
    path("runs/<int:pk>/swap/", bulk.pair_swap, name="pair_swap"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/lock/", bulk.pair_lock, name="pair_lock"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/ban/", bulk.pair_ban, name="pair_ban"),
    path("runs/<int:pk>/pairs/<int:pair_pk>/drop/", bulk.pair_drop, name="pair_drop"),
    path("runs/<int:pk>/unmatched/<int:unmatched_pk>/restore/", bulk.unmatched_restore, name="unmatched_restore"),
    path("runs/<int:pk>/bans/<int:ban_pk>/lift/", bulk.ban_lift, name="ban_lift"),
    path("programs/<slug:slug>/weights/", bulk.program_weights, name="program_weights"),
    path("matches/<int:pk>/", matches.match_detail, name="match_detail"),
    path("matches/<int:pk>/confirm/", matches.match_confirm, name="match_confirm"),
    path("matches/<int:pk>/decline/", matches.match_decline, name="match_decline"),
]
