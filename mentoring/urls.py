from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Mentoring administration"
admin.site.site_title = "Mentoring admin"

urlpatterns = [
    path("", include("mentoring.home.urls")),
    path("", include("mentoring.ops.urls")),
    path("accounts/", include("mentoring.accounts.urls")),
    path("accounts/data/", include("mentoring.privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("mentoring.profiles.urls")),
    path("notifications/", include("mentoring.notifications.urls")),
    path("programs/", include("programs.urls")),
    path("matching/", include("matching.urls")),
    path("mentorships/", include("sessions.urls")),
    path("admin/", admin.site.urls),
]

if settings.ANYMAIL_ESP:
    # The provider's delivery webhooks: bounces and complaints turn a person's e-mail off (notifications.bounces).
    urlpatterns.append(path("anymail/", include("anymail.urls")))
