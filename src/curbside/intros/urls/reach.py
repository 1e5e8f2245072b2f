from django.urls import URLPattern, URLResolver, path

from ..views import reach

urlpatterns: list[URLPattern | URLResolver] = [
    path("intros/reach/", reach.reach, name="reach"),
    path("intros/reach/panel/", reach.reach_panel, name="reach_panel"),
    path("intros/draft/", reach.draft, name="draft"),
]
