"""Writes to the network: contacts, organizations, affiliations, ties, tags, merge."""

from .contacts import (
    CONTACT_FIELDS,
    contact_create,
    contact_delete,
    contact_name_parts_set,
    contact_quick_add,
    contact_self_ensure,
    contact_touch_snooze,
    contact_update,
    contacts_touch_refresh,
    next_touch_on,
    tags_resolve,
)
from .merge import MERGE_APPEND_FIELDS, MERGE_TEXT_FIELDS, contact_merge
from .organizations import (
    affiliation_create,
    affiliation_delete,
    affiliation_update,
    organization_create,
    organization_delete,
    organization_get_or_create,
    organization_update,
)
from .ties import contact_strength_set, tie_delete, tie_record, tie_update

__all__ = [
    "CONTACT_FIELDS",
    "MERGE_APPEND_FIELDS",
    "MERGE_TEXT_FIELDS",
    "affiliation_create",
    "affiliation_delete",
    "affiliation_update",
    "contact_create",
    "contact_delete",
    "contact_merge",
    "contact_name_parts_set",
    "contact_quick_add",
    "contact_self_ensure",
    "contact_strength_set",
    "contact_touch_snooze",
    "contact_update",
    "contacts_touch_refresh",
    "next_touch_on",
    "organization_create",
    "organization_delete",
    "organization_get_or_create",
    "organization_update",
    "tags_resolve",
    "tie_delete",
    "tie_record",
    "tie_update",
]
