from django.apps import AppConfig


class IntrosConfig(AppConfig):
    name = "curbside.intros"
    label = "intros"
