from django.urls import URLPattern, URLResolver, path

from ..views import listings as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("listings/", views.listing_search, name="listing_search"),
    path("listings/<int:pk>/", views.listing_detail, name="listing_detail"),
]
