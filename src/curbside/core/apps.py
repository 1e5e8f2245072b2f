from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "curbside.core"
    label = "core"
