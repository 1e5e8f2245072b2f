from django.urls import URLPattern, URLResolver, path

from ..views import pipeline as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("opportunities/", views.opportunity_board, name="opportunity_board"),
    path("opportunities/list/", views.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/delete/", views.opportunity_delete, name="opportunity_delete"),
    path("opportunities/<int:pk>/move/", views.opportunity_move, name="opportunity_move"),
    path(
        "opportunities/<int:pk>/people/add/",
        views.opportunity_person_add,
        name="opportunity_person_add",
    ),
    path(
        "opportunities/<int:pk>/people/<int:person_pk>/remove/",
        views.opportunity_person_remove,
        name="opportunity_person_remove",
    ),
    path(
        "opportunities/<int:pk>/interviews/new/",
        views.opportunity_interview,
        name="opportunity_interview",
    ),
    path(
        "opportunities/<int:pk>/documents/new/",
        views.opportunity_document_add,
        name="opportunity_document_add",
    ),
    path(
        "opportunities/<int:pk>/documents/<int:document_pk>/delete/",
        views.opportunity_document_delete,
        name="opportunity_document_delete",
    ),
]
