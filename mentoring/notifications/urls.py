from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("preferences/", views.preferences, name="preferences"),
    path("read-all/", views.notification_mark_all_read, name="read_all"),
    path("calendar-feed/reset/", views.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendar-feed/revoke/", views.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/read/", views.notification_mark_read, name="read"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
