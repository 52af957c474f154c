from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.live, name="live"),
    path("healthz/ready", views.ready, name="ready"),
    path("metrics", views.metrics_view, name="metrics"),
    path("bench/bare", views.bare, name="bare"),
    path("bench/page", views.bare_page, name="bare_page"),
]
