"""The instance admin's view of network rows. Owners are shown and never changed here."""

from django.contrib import admin

from .models import Affiliation, Contact, ContactEmail, ContactPhone, Organization, Tag, Tie


class ContactEmailInline(admin.TabularInline[ContactEmail, Contact]):
    model = ContactEmail
    extra = 0
    fields = ("email", "label", "is_primary")


class ContactPhoneInline(admin.TabularInline[ContactPhone, Contact]):
    model = ContactPhone
    extra = 0
    fields = ("number", "label", "is_primary")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ("full_name", "credentials", "specialty", "city", "state", "owner", "is_self")
    list_filter = ("is_self",)
    list_select_related = ("owner",)
    search_fields = ("full_name", "specialty", "owner__email")
    readonly_fields = ("owner", "created_at", "updated_at", "last_interaction_on")
    raw_id_fields = ("introduced_by",)
    filter_horizontal = ("tags",)
    inlines = (ContactEmailInline, ContactPhoneInline)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ("name", "kind", "city", "state", "owner")
    list_filter = ("kind",)
    list_select_related = ("owner",)
    search_fields = ("name", "owner__email")
    readonly_fields = ("owner", "created_at", "updated_at")


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin[Affiliation]):
    list_display = ("contact", "organization", "kind", "role", "start_year", "end_year")
    list_filter = ("kind", "is_decision_maker")
    list_select_related = ("contact", "organization")
    search_fields = ("contact__full_name", "organization__name", "role")
    readonly_fields = ("owner", "created_at", "updated_at")
    raw_id_fields = ("contact", "organization")


@admin.register(Tie)
class TieAdmin(admin.ModelAdmin[Tie]):
    list_display = ("person_a", "person_b", "strength", "context", "since")
    list_select_related = ("person_a", "person_b")
    search_fields = ("person_a__full_name", "person_b__full_name", "context")
    readonly_fields = ("owner", "created_at", "updated_at")
    raw_id_fields = ("person_a", "person_b")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ("name", "owner")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__email")
    readonly_fields = ("owner", "created_at", "updated_at")
