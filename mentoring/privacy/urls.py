from django.urls import path

from mentoring.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download/", views.my_data_download, name="download"),
    path("delete/", views.account_delete, name="delete"),
]
