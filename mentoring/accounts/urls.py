from django.urls import path

from mentoring.accounts import views

app_name = "accounts"
urlpatterns = [
    path("organisation/", views.organisation_sign_in, name="organisation_sign_in"),
]
