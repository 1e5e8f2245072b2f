from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "curbside.api"
    label = "api"
