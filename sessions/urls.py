from django.urls import path

from sessions.views import coordinators, goals, meetings, pairs

app_name = "sessions"

urlpatterns = [
    path("", pairs.mentorship_list, name="mentorship_list"),
    path("<int:pk>/", pairs.mentorship_detail, name="mentorship_detail"),
    path("<int:pk>/agreement/", pairs.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/confirm/", pairs.agreement_confirm, name="agreement_confirm"),
    path("<int:pk>/agreement/decline/", pairs.agreement_decline, name="agreement_decline"),
    path("<int:pk>/end/", pairs.mentorship_end, name="mentorship_end"),
    path("<int:pk>/notes/", pairs.note_add, name="note_add"),
    path("<int:pk>/action-items/", pairs.action_item_add, name="action_item_add"),
    path("action-items/<int:pk>/toggle/", pairs.action_item_toggle, name="action_item_toggle"),
    path("<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("meetings/<int:pk>/objective/", meetings.meeting_objective, name="meeting_objective"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/review/", meetings.agenda_review, name="agenda_review"),
    path("meetings/<int:pk>/wrap-up/", meetings.meeting_wrap_up, name="meeting_wrap_up"),
    path("agenda/<int:pk>/move/", meetings.agenda_item_move, name="agenda_item_move"),
    path("agenda/<int:pk>/toggle/", meetings.agenda_item_toggle, name="agenda_item_toggle"),
    path("agenda/<int:pk>/remove/", meetings.agenda_item_remove, name="agenda_item_remove"),
    path("agenda/<int:pk>/comment/", meetings.agenda_item_comment, name="agenda_item_comment"),
    path("goals/", goals.goal_list, name="goal_list"),
    path("goals/new/", goals.goal_create, name="goal_create"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/check-in/", goals.goal_check_in, name="goal_check_in"),
    path("goals/<int:pk>/status/", goals.goal_status, name="goal_status"),
    path("goals/<int:pk>/confirm/", goals.goal_confirm, name="goal_confirm"),
    path("goals/<int:pk>/comment/", goals.goal_comment, name="goal_comment"),
    path("cohorts/<int:pk>/activity/", coordinators.cohort_activity, name="cohort_activity"),
]
