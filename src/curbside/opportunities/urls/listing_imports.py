from django.urls import URLPattern, URLResolver, path

from ..views import listing_imports as views
from ..views import tracking

urlpatterns: list[URLPattern | URLResolver] = [
    path("listings/import/", views.listing_import_upload, name="listing_import"),
    path("listings/import/<int:pk>/", views.listing_import_preview, name="listing_import_preview"),
    path(
        "listings/import/<int:pk>/discard/",
        views.listing_import_discard,
        name="listing_import_discard",
    ),
    path("listings/<int:pk>/track/", tracking.listing_track, name="listing_track"),
]
