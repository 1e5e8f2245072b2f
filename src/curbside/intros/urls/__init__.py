from django.urls import URLPattern, URLResolver

from . import ground, reach

app_name = "intros"
urlpatterns: list[URLPattern | URLResolver] = [*reach.urlpatterns, *ground.urlpatterns]
