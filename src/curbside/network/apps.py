from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "curbside.network"
    label = "network"
