from django.urls import URLPattern, URLResolver, path

from ..views import ground as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("intros/contacts/<int:pk>/common-ground/", views.common_ground, name="common_ground"),
    path("intros/latent/", views.latent_list, name="latent"),
    path("intros/latent/<int:pk>/record/", views.latent_record, name="latent_record"),
    path("intros/map/", views.network_map, name="map"),
]
