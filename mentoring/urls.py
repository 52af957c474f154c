from django.contrib import admin
from django.urls import include, path

from mentoring.home import views as home_views

admin.site.site_header = "Mentoring administration"
admin.site.site_title = "Mentoring admin"

urlpatterns = [
    path("", include("mentoring.home.urls")),
    path("healthz", home_views.healthz, name="healthz"),
    path("accounts/", include("mentoring.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("mentoring.profiles.urls")),
    path("notifications/", include("mentoring.notifications.urls")),
    path("programs/", include("programs.urls")),
    path("matching/", include("matching.urls")),
    path("mentorships/", include("sessions.urls")),
    path("admin/", admin.site.urls),
]
