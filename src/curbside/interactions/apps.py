from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "curbside.interactions"
    label = "interactions"
