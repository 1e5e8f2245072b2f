from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "interactions"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("interactions/", views.interaction_list, name="interaction_list"),
    path("interactions/new/", views.interaction_create, name="interaction_create"),
    path("interactions/<int:pk>/edit/", views.interaction_edit, name="interaction_edit"),
    path("interactions/<int:pk>/delete/", views.interaction_delete, name="interaction_delete"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/<int:pk>/edit/", views.follow_up_edit, name="follow_up_edit"),
    path("follow-ups/<int:pk>/done/", views.follow_up_complete, name="follow_up_complete"),
    path("follow-ups/<int:pk>/snooze/", views.follow_up_snooze, name="follow_up_snooze"),
    path("follow-ups/<int:pk>/dismiss/", views.follow_up_dismiss, name="follow_up_dismiss"),
    path("follow-ups/<int:pk>/reopen/", views.follow_up_reopen, name="follow_up_reopen"),
    path("follow-ups/<int:pk>/delete/", views.follow_up_delete, name="follow_up_delete"),
]
