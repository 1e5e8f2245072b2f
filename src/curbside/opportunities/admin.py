"""The instance admin's view of opportunities and job listings. Owners are shown, never changed."""

from django.contrib import admin

from .models import (
    DocumentSent,
    JobPreferences,
    Listing,
    ListingImport,
    ListingSearch,
    Opportunity,
    OpportunityPerson,
    SavedSearch,
    StageChange,
)

OWNED_READONLY = ("owner", "created_at", "updated_at")


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin[Listing]):
    list_display = ("title", "employer", "source", "city", "state", "posted_on", "expires_on")
    list_filter = ("source", "practice_setting", "position_type")
    search_fields = ("title", "employer", "external_id", "url")
    date_hierarchy = "posted_on"


@admin.register(ListingSearch)
class ListingSearchAdmin(admin.ModelAdmin[ListingSearch]):
    list_display = ("listing", "specialty", "practice_setting", "state", "posted_on")
    raw_id_fields = ("listing",)


@admin.register(ListingImport)
class ListingImportAdmin(admin.ModelAdmin[ListingImport]):
    list_display = ("created_at", "source", "status", "n_create", "n_update", "n_error")
    list_filter = ("status",)
    readonly_fields = ("created_at", "committed_at")


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin[Opportunity]):
    list_display = ("title", "organization", "stage", "source", "owner", "updated_at")
    list_filter = ("stage", "source")
    list_select_related = ("organization", "owner")
    search_fields = ("title", "owner__email", "organization__name")
    readonly_fields = OWNED_READONLY
    raw_id_fields = ("organization", "referrer", "listing")


@admin.register(OpportunityPerson)
class OpportunityPersonAdmin(admin.ModelAdmin[OpportunityPerson]):
    list_display = ("opportunity", "contact", "role", "owner")
    list_filter = ("role",)
    readonly_fields = OWNED_READONLY
    raw_id_fields = ("opportunity", "contact", "affiliation")


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin[StageChange]):
    list_display = ("opportunity", "from_stage", "to_stage", "changed_on", "owner")
    readonly_fields = OWNED_READONLY
    raw_id_fields = ("opportunity",)


@admin.register(DocumentSent)
class DocumentSentAdmin(admin.ModelAdmin[DocumentSent]):
    list_display = ("opportunity", "kind", "version", "sent_on", "owner")
    readonly_fields = OWNED_READONLY
    raw_id_fields = ("opportunity", "recipients")


@admin.register(JobPreferences)
class JobPreferencesAdmin(admin.ModelAdmin[JobPreferences]):
    list_display = ("owner", "zip_code", "radius_miles", "salary_floor")
    readonly_fields = OWNED_READONLY


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin[SavedSearch]):
    list_display = ("name", "owner", "last_seen_at")
    readonly_fields = OWNED_READONLY
