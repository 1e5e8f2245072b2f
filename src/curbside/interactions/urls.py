from django.urls import path

from . import views

app_name = "interactions"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
