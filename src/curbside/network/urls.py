from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "network"
urlpatterns: list[URLPattern | URLResolver] = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/quick-add/", views.contact_quick_add, name="contact_quick_add"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/merge/", views.contact_merge, name="contact_merge"),
    path("contacts/<int:pk>/photo/", views.contact_photo, name="contact_photo"),
    path("contacts/<int:pk>/snooze/", views.contact_snooze, name="contact_snooze"),
    path(
        "contacts/<int:pk>/affiliations/new/",
        views.affiliation_create,
        name="affiliation_create",
    ),
    path("affiliations/<int:pk>/edit/", views.affiliation_edit, name="affiliation_edit"),
    path("affiliations/<int:pk>/delete/", views.affiliation_delete, name="affiliation_delete"),
    path("contacts/<int:pk>/ties/new/", views.tie_create, name="tie_create"),
    path("ties/<int:pk>/edit/", views.tie_edit, name="tie_edit"),
    path("ties/<int:pk>/delete/", views.tie_delete, name="tie_delete"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/delete/", views.organization_delete, name="organization_delete"),
    path("me/", views.profile, name="profile"),
]
