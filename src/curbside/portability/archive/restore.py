"""Restoring an archive into an empty account, all or nothing."""

from collections.abc import Iterable
from typing import Any
from uuid import uuid4
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from curbside.accounts.models import User
from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tag,
    Tie,
)
from curbside.network.services import contact_self_ensure
from curbside.opportunities.models import (
    DocumentSent,
    JobPreferences,
    Opportunity,
    OpportunityPerson,
    SavedSearch,
    StageChange,
)

from .fields import (
    AFFILIATION_FIELDS,
    CONTACT_FIELDS,
    FOLLOW_UP_FIELDS,
    INTERACTION_FIELDS,
    ORGANIZATION_FIELDS,
    PHOTO_EXTENSIONS,
    TIE_FIELDS,
    TIMESTAMPS,
)
from .opportunities import (
    DOCUMENT_FIELDS,
    OPPORTUNITY_FIELDS,
    PERSON_FIELDS,
    PREFERENCE_FIELDS,
    SAVED_SEARCH_FIELDS,
    STAGE_CHANGE_FIELDS,
    listing_pks,
)
from .reading import Archive, Record


def _owner_name(name: object) -> tuple[str, str] | None:
    """'Jane A. Roe' → ('Jane A.', 'Roe'): first and last name that show the same full name."""
    if not isinstance(name, str):
        return None
    first, _, last = " ".join(name.split()).rpartition(" ")
    first, last = (first, last) if first else (last, "")
    return (first, last) if len(first) <= 150 and len(last) <= 150 else None


def _restore_timestamps(rows: list[Any], records: list[Record]) -> None:
    """Give restored rows their archived created_at/updated_at: bulk_update, unlike save()
    and bulk_create, leaves auto_now fields as they are set."""
    now = timezone.now()
    for row, record in zip(rows, records, strict=True):
        row.created_at = record["created_at"] or now
        row.updated_at = record["updated_at"] or now


def _bulk(model: type[models.Model], rows: list[Any], records: list[Record]) -> None:
    model._default_manager.bulk_create(rows)
    _restore_timestamps(rows, records)
    model._default_manager.bulk_update(rows, list(TIMESTAMPS))


def archive_restore(*, owner: User, data: dict[str, Any]) -> dict[str, int]:
    """Restore an archive into `owner`'s account, which must be empty (only their own
    profile, which takes the archived one's details). All or nothing. Returns what was
    created, as archive_summary counts it."""
    saved_photos: list[str] = []
    try:
        return _restore(owner, data, saved_photos)
    except BaseException:
        storage = Contact._meta.get_field("photo").storage
        for name in saved_photos:
            storage.delete(name)
        raise


@transaction.atomic
def _restore(owner: User, data: dict[str, Any], saved_photos: list[str]) -> dict[str, int]:
    # Two restores of one account at once would both find it empty; the second waits here.
    list(User.objects.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))
    n_contacts = Contact.objects.filter(owner=owner, is_self=False).count()
    n_organizations = Organization.objects.filter(owner=owner).count()
    if n_contacts or n_organizations:
        raise ValidationError(
            f"Restore into an empty account: this one already has {n_contacts} contact"
            f"{'s' if n_contacts != 1 else ''} and {n_organizations} organization"
            f"{'s' if n_organizations != 1 else ''}. Create a new account for the archive."
        )
    archive = Archive(data)

    account: dict[str, str] = {}
    name = _owner_name(archive.owner.get("name"))
    if name is not None:
        account["first_name"], account["last_name"] = name
    if archive.owner.get("time_zone") in available_timezones():
        account["time_zone"] = archive.owner["time_zone"]
    if account:
        User.objects.filter(pk=owner.pk).update(**account)

    tags = {tag.name.casefold(): tag for tag in Tag.objects.filter(owner=owner)}
    new_tags = [Tag(owner=owner, name=n) for n in archive.tags if n.casefold() not in tags]
    Tag.objects.bulk_create(new_tags)
    tags.update((tag.name.casefold(), tag) for tag in new_tags)

    organizations = [
        Organization(owner=owner, **_pick(record, ORGANIZATION_FIELDS))
        for record in archive.organizations
    ]
    _bulk(Organization, organizations, archive.organizations)
    organization_pks = {
        r["id"]: o.pk for r, o in zip(archive.organizations, organizations, strict=True)
    }

    contacts = _restore_contacts(owner, archive.contacts, saved_photos)
    contact_pks = {r["id"]: c.pk for r, c in zip(archive.contacts, contacts, strict=True)}
    for contact, record in zip(contacts, archive.contacts, strict=True):
        introducer = record["introduced_by"]
        contact.introduced_by_id = None if introducer is None else contact_pks[introducer]
    _restore_timestamps(contacts, archive.contacts)
    Contact.objects.bulk_update(contacts, ["introduced_by", *TIMESTAMPS])
    ContactEmail.objects.bulk_create(
        ContactEmail(owner=owner, contact=contact, **email)
        for contact, record in zip(contacts, archive.contacts, strict=True)
        for email in record["emails"]
    )
    ContactPhone.objects.bulk_create(
        ContactPhone(owner=owner, contact=contact, **phone)
        for contact, record in zip(contacts, archive.contacts, strict=True)
        for phone in record["phones"]
    )
    Contact.tags.through.objects.bulk_create(
        Contact.tags.through(contact_id=contact.pk, tag_id=tags[name.casefold()].pk)
        for contact, record in zip(contacts, archive.contacts, strict=True)
        for name in record["tags"]
    )

    affiliations = [
        Affiliation(
            owner=owner,
            contact_id=contact_pks[record["contact"]],
            organization_id=organization_pks[record["organization"]],
            **_pick(record, AFFILIATION_FIELDS),
        )
        for record in archive.affiliations
    ]
    _bulk(Affiliation, affiliations, archive.affiliations)

    ties = []
    for record in archive.ties:
        a, b = sorted((contact_pks[record["person_a"]], contact_pks[record["person_b"]]))
        ties.append(Tie(owner=owner, person_a_id=a, person_b_id=b, **_pick(record, TIE_FIELDS)))
    _bulk(Tie, ties, archive.ties)

    opportunity_pks = _restore_job_search(
        owner,
        archive.job_search,
        contact_pks=contact_pks,
        organization_pks=organization_pks,
        affiliation_pks={index: a.pk for index, a in enumerate(affiliations, start=1)},
    )

    interactions = [
        Interaction(
            owner=owner,
            opportunity_id=_maybe(opportunity_pks, record["opportunity"]),
            **_pick(record, INTERACTION_FIELDS),
        )
        for record in archive.interactions
    ]
    _bulk(Interaction, interactions, archive.interactions)
    interaction_pks = {
        r["id"]: i.pk for r, i in zip(archive.interactions, interactions, strict=True)
    }
    Interaction.contacts.through.objects.bulk_create(
        Interaction.contacts.through(interaction_id=interaction.pk, contact_id=contact_pks[person])
        for interaction, record in zip(interactions, archive.interactions, strict=True)
        for person in record["contacts"]
    )

    follow_ups = [
        FollowUp(
            owner=owner,
            contact_id=contact_pks[record["contact"]],
            interaction_id=None
            if record["interaction"] is None
            else interaction_pks[record["interaction"]],
            opportunity_id=_maybe(opportunity_pks, record["opportunity"]),
            **_pick(record, FOLLOW_UP_FIELDS),
        )
        for record in archive.follow_ups
    ]
    _bulk(FollowUp, follow_ups, archive.follow_ups)
    # Last, so that the caller's `owner` keeps its name and zone if anything above fails.
    for field, value in account.items():
        setattr(owner, field, value)
    return archive.summary()


def _pick(record: Record, names: Iterable[str]) -> Record:
    return {name: record[name] for name in names}


def _maybe(pks: dict[int, int], archive_id: int | None) -> int | None:
    return None if archive_id is None else pks[archive_id]


def _restore_job_search(
    owner: User,
    sections: Record,
    *,
    contact_pks: dict[int, int],
    organization_pks: dict[int, int],
    affiliation_pks: dict[int, int],
) -> dict[int, int]:
    """Opportunities and what hangs on them, preferences and saved searches; returns the
    opportunities' archive id → primary key."""
    records = sections["opportunities"]
    listings = listing_pks([record["listing"] for record in records])
    opportunities = [
        Opportunity(
            owner=owner,
            organization_id=_maybe(organization_pks, record["organization"]),
            referrer_id=_maybe(contact_pks, record["referrer"]),
            listing_id=listing,
            **_pick(record, OPPORTUNITY_FIELDS),
        )
        for record, listing in zip(records, listings, strict=True)
    ]
    _bulk(Opportunity, opportunities, records)
    pks = {record["id"]: o.pk for record, o in zip(records, opportunities, strict=True)}

    people = sections["opportunity_people"]
    _bulk(
        OpportunityPerson,
        [
            OpportunityPerson(
                owner=owner,
                opportunity_id=pks[record["opportunity"]],
                contact_id=contact_pks[record["contact"]],
                affiliation_id=_maybe(affiliation_pks, record["affiliation"]),
                **_pick(record, PERSON_FIELDS),
            )
            for record in people
        ],
        people,
    )
    changes = sections["stage_changes"]
    _bulk(
        StageChange,
        [
            StageChange(
                owner=owner,
                opportunity_id=pks[record["opportunity"]],
                **_pick(record, STAGE_CHANGE_FIELDS),
            )
            for record in changes
        ],
        changes,
    )
    records = sections["documents_sent"]
    documents = [
        DocumentSent(
            owner=owner, opportunity_id=pks[record["opportunity"]], **_pick(record, DOCUMENT_FIELDS)
        )
        for record in records
    ]
    _bulk(DocumentSent, documents, records)
    DocumentSent.recipients.through.objects.bulk_create(
        DocumentSent.recipients.through(documentsent_id=document.pk, contact_id=contact_pks[pk])
        for document, record in zip(documents, records, strict=True)
        for pk in record["recipients"]
    )
    if (preferences := sections["job_preferences"]) is not None:
        JobPreferences.objects.filter(owner=owner).delete()
        _bulk(
            JobPreferences,
            [JobPreferences(owner=owner, **_pick(preferences, PREFERENCE_FIELDS))],
            [preferences],
        )
    searches = sections["saved_searches"]
    _bulk(
        SavedSearch,
        [SavedSearch(owner=owner, **_pick(record, SAVED_SEARCH_FIELDS)) for record in searches],
        searches,
    )
    return pks


def _restore_contacts(owner: User, records: list[Record], saved_photos: list[str]) -> list[Contact]:
    """The archived contacts as rows, in archive order; the archived self profile goes onto
    the account's own (its emails, phones and tags replaced by the archived ones)."""
    contacts: list[Contact] = []
    me: Contact | None = None
    for record in records:
        if record["is_self"]:
            me = contact_self_ensure(owner=owner)
            ContactEmail.objects.filter(owner=owner, contact=me).delete()
            ContactPhone.objects.filter(owner=owner, contact=me).delete()
            me.tags.clear()
            contact = me
            for name in CONTACT_FIELDS:
                setattr(contact, name, record[name])
        else:
            contact = Contact(owner=owner, **_pick(record, CONTACT_FIELDS))
        contact.photo = ""
        if record["photo"] is not None:
            media_type, content = record["photo"]
            name = f"{uuid4().hex}.{PHOTO_EXTENSIONS[media_type]}"
            contact.photo.save(name, ContentFile(content), save=False)
            saved_photos.append(contact.photo.name)
        contacts.append(contact)
    if me is not None:
        me.save()
    Contact.objects.bulk_create([c for c in contacts if c is not me])
    return contacts
