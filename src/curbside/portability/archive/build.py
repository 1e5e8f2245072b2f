"""Building the archive from everything an owner has (see the package docstring)."""

import base64
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from curbside.accounts.models import User
from curbside.network.models import Contact

from .. import export_selectors
from .fields import (
    AFFILIATION_FIELDS,
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    CONTACT_FIELDS,
    FOLLOW_UP_FIELDS,
    INTERACTION_FIELDS,
    ORGANIZATION_FIELDS,
    PHOTO_MAX_BYTES,
    PHOTO_TYPES,
    TIE_FIELDS,
    TIMESTAMPS,
)
from .opportunities import build_job_search, job_search_data, opportunity_ids


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fields(row: models.Model, names: Iterable[str]) -> dict[str, object]:
    return {name: _json_value(getattr(row, name)) for name in names}


def _photo(contact: Contact) -> dict[str, str] | None:
    """The photo as base64, or None when there is none, it is missing or too large."""
    if not contact.photo:
        return None
    extension = "." + contact.photo.name.rsplit(".", 1)[-1].lower()
    media_type = PHOTO_TYPES.get(extension)
    if media_type is None:
        return None
    try:
        with contact.photo.open("rb") as photo:
            content = photo.read(PHOTO_MAX_BYTES + 1)
    except OSError:
        return None
    if len(content) > PHOTO_MAX_BYTES:
        return None
    return {"media_type": media_type, "data": base64.b64encode(content).decode("ascii")}


def _contact_order(contact: Contact) -> tuple[object, ...]:
    return (
        not contact.is_self,
        contact.last_name.casefold(),
        contact.first_name.casefold(),
        contact.full_name.casefold(),
        contact.pk,
    )


def archive_build(owner: User) -> dict[str, Any]:
    """Everything `owner` has, in the archive format above (a JSON-ready dict)."""
    data = export_selectors.owner_data(owner=owner)
    contacts = sorted(data.contacts, key=_contact_order)
    contact_ids = {contact.pk: index for index, contact in enumerate(contacts, start=1)}
    organizations = sorted(data.organizations, key=lambda o: (o.name.casefold(), o.pk))
    organization_ids = {o.pk: index for index, o in enumerate(organizations, start=1)}
    interactions = sorted(data.interactions, key=lambda i: (i.happened_on, i.pk))
    interaction_ids = {i.pk: index for index, i in enumerate(interactions, start=1)}
    tag_names = {tag.pk: tag.name for tag in data.tags}

    emails: dict[int, list[dict[str, object]]] = {pk: [] for pk in contact_ids}
    for email in sorted(data.emails, key=lambda e: (not e.is_primary, e.pk)):
        emails[email.contact_id].append(_fields(email, ("email", "label", "is_primary")))
    phones: dict[int, list[dict[str, object]]] = {pk: [] for pk in contact_ids}
    for phone in sorted(data.phones, key=lambda p: (not p.is_primary, p.pk)):
        phones[phone.contact_id].append(_fields(phone, ("number", "label", "is_primary")))
    tags: dict[int, list[str]] = {pk: [] for pk in contact_ids}
    for contact_id, tag_id in data.contact_tags:
        tags[contact_id].append(tag_names[tag_id])
    people: dict[int, list[int]] = {pk: [] for pk in interaction_ids}
    for interaction_id, contact_id in data.interaction_contacts:
        people[interaction_id].append(contact_ids[contact_id])

    def ref(ids: dict[int, int], pk: int | None) -> int | None:
        return None if pk is None else ids[pk]

    ties: list[tuple[tuple[int, int], dict[str, object]]] = []
    for tie in data.ties:
        a, b = sorted((contact_ids[tie.person_a_id], contact_ids[tie.person_b_id]))
        fields = {"person_a": a, "person_b": b, **_fields(tie, (*TIE_FIELDS, *TIMESTAMPS))}
        ties.append(((a, b), fields))
    affiliations = sorted(
        data.affiliations,
        key=lambda a: (contact_ids[a.contact_id], organization_ids[a.organization_id], a.pk),
    )
    follow_ups = sorted(data.follow_ups, key=lambda f: (f.due_on, contact_ids[f.contact_id], f.pk))
    jobs = job_search_data(owner=owner)
    job_ids = opportunity_ids(jobs)
    job_search = build_job_search(
        jobs,
        fields=_fields,
        contact_ids=contact_ids,
        organization_ids=organization_ids,
        affiliation_ids={a.pk: index for index, a in enumerate(affiliations, start=1)},
        opportunity_ids=job_ids,
    )
    return {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "exported_at": timezone.now().astimezone(UTC).isoformat(),
        "owner": {
            "email": owner.email,
            "name": owner.get_full_name(),
            "time_zone": owner.time_zone,
        },
        "tags": [{"name": name} for name in sorted(tag_names.values(), key=_text_order)],
        "organizations": [
            {"id": organization_ids[o.pk], **_fields(o, (*ORGANIZATION_FIELDS, *TIMESTAMPS))}
            for o in organizations
        ],
        "contacts": [
            {
                "id": contact_ids[contact.pk],
                "is_self": contact.is_self,
                **_fields(contact, CONTACT_FIELDS),
                "introduced_by": ref(contact_ids, contact.introduced_by_id),
                "emails": emails[contact.pk],
                "phones": phones[contact.pk],
                "tags": sorted(tags[contact.pk], key=_text_order),
                "photo": _photo(contact),
                **_fields(contact, TIMESTAMPS),
            }
            for contact in contacts
        ],
        "affiliations": [
            {
                "contact": contact_ids[affiliation.contact_id],
                "organization": organization_ids[affiliation.organization_id],
                **_fields(affiliation, (*AFFILIATION_FIELDS, *TIMESTAMPS)),
            }
            for affiliation in affiliations
        ],
        "ties": [tie for _, tie in sorted(ties, key=lambda pair: pair[0])],
        "interactions": [
            {
                "id": interaction_ids[i.pk],
                **_fields(i, INTERACTION_FIELDS),
                "contacts": sorted(people[i.pk]),
                "opportunity": ref(job_ids, i.opportunity_id),
                **_fields(i, TIMESTAMPS),
            }
            for i in interactions
        ],
        "follow_ups": [
            {
                "contact": contact_ids[follow_up.contact_id],
                "interaction": ref(interaction_ids, follow_up.interaction_id),
                "opportunity": ref(job_ids, follow_up.opportunity_id),
                **_fields(follow_up, (*FOLLOW_UP_FIELDS, *TIMESTAMPS)),
            }
            for follow_up in follow_ups
        ],
        **job_search,
    }


def _text_order(text: str) -> tuple[str, str]:
    return (text.casefold(), text)
