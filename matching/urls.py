from django.urls import path

from matching import views

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
]
