from django.urls import path

from . import views

app_name = "profiles"
urlpatterns = [
    path("profile/", views.profile_edit, name="edit"),
    path("people/<int:user_id>/", views.profile_detail, name="detail"),
]
