from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "curbside.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities"
