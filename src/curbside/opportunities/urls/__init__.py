from django.urls import URLPattern, URLResolver

from . import fit, listing_imports, listings, pipeline

app_name = "opportunities"
urlpatterns: list[URLPattern | URLResolver] = [
    *fit.urlpatterns,  # before the pipeline's: /opportunities/compare/ and friends
    *pipeline.urlpatterns,
    *listing_imports.urlpatterns,  # before the listings': /listings/import/
    *listings.urlpatterns,
]
