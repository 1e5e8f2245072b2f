"""The instance admin's view of interactions and follow-ups. Rows are created by their owners
in the app (the owner is stamped by the services), so the admin can look, fix and delete."""

from django.contrib import admin
from django.http import HttpRequest

from .models import FollowUp, Interaction


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin[Interaction]):
    list_display = ("happened_on", "kind", "sentiment", "owner")
    list_filter = ("kind", "sentiment")
    list_select_related = ("owner",)
    search_fields = ("summary", "owner__email")
    date_hierarchy = "happened_on"
    raw_id_fields = ("contacts",)
    readonly_fields = ("owner", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin[FollowUp]):
    list_display = ("due_on", "kind", "status", "contact", "owner")
    list_filter = ("kind", "status")
    list_select_related = ("owner", "contact")
    search_fields = ("note", "contact__full_name", "owner__email")
    date_hierarchy = "due_on"
    raw_id_fields = ("contact", "interaction")
    readonly_fields = ("owner", "completed_at", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
