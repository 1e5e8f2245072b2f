from django.urls import URLPattern, URLResolver, path

from ..views import fit, searches

urlpatterns: list[URLPattern | URLResolver] = [
    path("opportunities/preferences/", fit.preferences, name="preferences"),
    path("opportunities/compare/", fit.opportunity_compare, name="opportunity_compare"),
    path("listings/saved/", searches.saved_search_list, name="saved_search_list"),
    path("listings/saved/new/", searches.saved_search_create, name="saved_search_create"),
    path("listings/saved/<int:pk>/", searches.saved_search_detail, name="saved_search_detail"),
    path(
        "listings/saved/<int:pk>/delete/", searches.saved_search_delete, name="saved_search_delete"
    ),
]
