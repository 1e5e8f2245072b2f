from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "curbside.portability"
    label = "portability"
