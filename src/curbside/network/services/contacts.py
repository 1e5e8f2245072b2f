"""Writes to contacts: names, emails, phones, tags, keep-in-touch dates."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from ..contactinfo import ContactInfoError, normalize_email, normalize_phone
from ..models import Affiliation, Contact, ContactEmail, ContactPhone, Tag
from ..names import parse_credentials, parse_name

if TYPE_CHECKING:
    from curbside.accounts.models import User
from .common import check_owner
from .organizations import affiliation_create, organization_get_or_create

# Fields a caller may set directly on a contact; names, emails, phones and tags have services.
CONTACT_FIELDS = frozenset(
    {
        "honorific",
        "credentials",
        "specialty",
        "subspecialty",
        "npi",
        "city",
        "state",
        "zip_code",
        "country",
        "research_interests",
        "procedures",
        "how_we_met",
        "notes",
        "cadence_days",
        "photo",
        "first_name",
        "middle_name",
        "last_name",
        "suffix",
    }
)


def _apply_name(contact: Contact, name: str, credentials: str | None) -> None:
    parsed = parse_name(name)
    contact.honorific = parsed.honorific
    contact.first_name = parsed.first
    contact.middle_name = parsed.middle
    contact.last_name = parsed.last
    contact.suffix = parsed.suffix
    contact.full_name = parsed.full_name or " ".join(name.split())
    listed = parse_credentials(credentials) if credentials is not None else ()
    merged = list(listed)
    merged += [c for c in parsed.credentials if c not in merged]
    if credentials is not None or parsed.credentials:
        contact.credentials = ", ".join(merged)


def next_touch_on(
    *, last_interaction_on: date | None, cadence_days: int | None, created_on: date
) -> date | None:
    """When a keep-in-touch is due: a cadence after the last interaction (or after adding)."""
    if not cadence_days:
        return None
    return (last_interaction_on or created_on) + timedelta(days=cadence_days)


def _clean(values: Iterable[str], normalize: Callable[[str], str], field: str) -> list[str]:
    """Normalised, de-duplicated values in their order; every invalid one is reported."""
    cleaned: list[str] = []
    errors: list[str] = []
    for raw in values:
        if not raw.strip():
            continue
        try:
            value = normalize(raw)
        except ContactInfoError as error:
            errors.append(str(error))
            continue
        if value not in cleaned:
            cleaned.append(value)
    if errors:
        raise ValidationError({field: errors})
    return cleaned


def _set_details(
    model: type[ContactEmail] | type[ContactPhone],
    field: str,
    owner: "User",
    contact: Contact,
    values: list[str],
) -> None:
    """Make a contact's emails (or phones) exactly `values`, the first one primary."""
    rows = model.objects.filter(owner=owner, contact=contact)
    rows.exclude(**{f"{field}__in": values}).delete()
    existing = set(rows.values_list(field, flat=True))
    model.objects.bulk_create(
        model(owner=owner, contact=contact, is_primary=index == 0, **{field: value})  # type: ignore[misc]  # one of two detail models
        for index, value in enumerate(values)
        if value not in existing
    )
    if values:
        rows.update(is_primary=False)
        rows.filter(**{field: values[0]}).update(is_primary=True)


def tags_resolve(*, owner: "User", names: Iterable[str]) -> list[Tag]:
    """The owner's tags with these names, created when missing."""
    wanted = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    if not wanted:
        return []
    existing = {t.name.lower(): t for t in Tag.objects.filter(owner=owner)}
    tags = []
    for name in wanted:
        tag = existing.get(name.lower())
        if tag is None:
            tag = Tag(owner=owner, name=name[:60])
            tag.full_clean(exclude=["owner"])
            tag.save()
            existing[name.lower()] = tag
        tags.append(tag)
    return tags


def _save_contact(
    *,
    owner: "User",
    contact: Contact,
    emails: Sequence[str] | None,
    phones: Sequence[str] | None,
    tags: Sequence[str] | None,
) -> Contact:
    clean_emails = _clean(emails, normalize_email, "emails") if emails is not None else None
    # Numbers written without a country code are read as North American.
    clean_phones = _clean(phones, normalize_phone, "phones") if phones is not None else None
    contact.next_touch_on = next_touch_on(
        last_interaction_on=contact.last_interaction_on,
        cadence_days=contact.cadence_days,
        created_on=timezone.localdate(contact.created_at)
        if contact.created_at
        else timezone.localdate(),
    )
    contact.full_clean(exclude=["owner", "tags"])
    contact.save()
    if clean_emails is not None:
        _set_details(ContactEmail, "email", owner, contact, clean_emails)
    if clean_phones is not None:
        _set_details(ContactPhone, "number", owner, contact, clean_phones)
    if tags is not None:
        contact.tags.set(tags_resolve(owner=owner, names=tags))
    return contact


@transaction.atomic
def contact_create(
    *,
    owner: "User",
    name: str,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    tags: Sequence[str] = (),
    introduced_by: Contact | None = None,
    **fields: Any,
) -> Contact:
    """Add a person. `name` is parsed; credentials in it ("Jane Roe, MD") go to credentials."""
    if not name.strip():
        raise ValidationError({"name": "A name is required."})
    unknown = set(fields) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    check_owner(owner, introduced_by)
    contact = Contact(owner=owner, introduced_by=introduced_by)
    credentials = fields.pop("credentials", None)
    for field, value in fields.items():
        setattr(contact, field, value if value is not None or field == "cadence_days" else "")
    _apply_name(contact, name, credentials)
    return _save_contact(owner=owner, contact=contact, emails=emails, phones=phones, tags=tags)


@transaction.atomic
def contact_update(
    *,
    owner: "User",
    contact: Contact,
    name: str | None = None,
    emails: Sequence[str] | None = None,
    phones: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    **fields: Any,
) -> Contact:
    """Change the given fields only; None for emails/phones/tags leaves them as they are."""
    check_owner(owner, contact)
    unknown = set(fields) - CONTACT_FIELDS - {"introduced_by"}
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    if "introduced_by" in fields:
        introducer = fields.pop("introduced_by")
        check_owner(owner, introducer)
        if introducer is not None and introducer.pk == contact.pk:
            raise ValidationError({"introduced_by": "A person cannot introduce themselves."})
        contact.introduced_by = introducer
    credentials = fields.pop("credentials", None)
    for field, value in fields.items():
        setattr(contact, field, value if value is not None or field == "cadence_days" else "")
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": "A name is required."})
        _apply_name(contact, name, credentials)
    elif credentials is not None:
        contact.credentials = ", ".join(parse_credentials(credentials))
    return _save_contact(owner=owner, contact=contact, emails=emails, phones=phones, tags=tags)


@transaction.atomic
def contact_delete(*, owner: "User", contact: Contact) -> None:
    """Delete a person, with the interactions that were with them alone."""
    from curbside.interactions.models import Interaction

    check_owner(owner, contact)
    if contact.is_self:
        raise ValidationError("Your own profile cannot be deleted.")
    theirs = Interaction.objects.filter(owner=owner, contacts=contact).values("pk")
    Interaction.objects.filter(owner=owner, pk__in=theirs).annotate(
        n_people=Count("contacts")
    ).filter(n_people=1).delete()
    contact.delete()


@transaction.atomic
def contact_self_ensure(*, owner: "User", name: str = "") -> Contact:
    """The owner's own person in the network, created the first time it is needed."""
    existing = Contact.objects.filter(owner=owner, is_self=True).first()
    if existing is not None:
        return existing
    contact = Contact(owner=owner, is_self=True)
    fallback = owner.get_full_name() or owner.email.split("@")[0]
    _apply_name(contact, name or fallback, None)
    contact.full_clean(exclude=["owner", "tags"])
    contact.save()
    _set_details(ContactEmail, "email", owner, contact, [owner.email.lower()])
    return contact


def contacts_touch_refresh(*, owner: "User", contact_ids: Iterable[int]) -> None:
    """Recompute last interaction and next keep-in-touch dates after interactions change."""
    ids = list(set(contact_ids))
    if not ids:
        return
    contacts = list(Contact.objects.filter(owner=owner, pk__in=ids))
    latest = dict(
        Contact.objects.filter(owner=owner, pk__in=ids)
        .annotate(latest=Max("interactions__happened_on"))
        .values_list("pk", "latest")
    )
    for contact in contacts:
        contact.last_interaction_on = latest.get(contact.pk)
        contact.next_touch_on = next_touch_on(
            last_interaction_on=contact.last_interaction_on,
            cadence_days=contact.cadence_days,
            created_on=timezone.localdate(contact.created_at),
        )
    Contact.objects.bulk_update(contacts, ["last_interaction_on", "next_touch_on"])


@transaction.atomic
def contact_touch_snooze(*, owner: "User", contact: Contact, until: date) -> Contact:
    """Move a fading tie off the reconnect list until `until`."""
    check_owner(owner, contact)
    contact.next_touch_on = until
    contact.save(update_fields=["next_touch_on", "updated_at"])
    return contact


@transaction.atomic
def contact_name_parts_set(
    *,
    owner: "User",
    contact: Contact,
    honorific: str | None = None,
    first_name: str | None = None,
    middle_name: str | None = None,
    last_name: str | None = None,
    suffix: str | None = None,
) -> Contact:
    """Set the given parts of a name as they are (no parsing) and show the name they make.

    For callers that already hold a structured name (an API client, a vCard's N field);
    None leaves a part as it is.
    """
    check_owner(owner, contact)
    given = {
        "honorific": honorific,
        "first_name": first_name,
        "middle_name": middle_name,
        "last_name": last_name,
        "suffix": suffix,
    }
    for field, value in given.items():
        if value is not None:
            setattr(contact, field, " ".join(value.split()))
    full_name = " ".join(
        part
        for part in (contact.first_name, contact.middle_name, contact.last_name, contact.suffix)
        if part
    )
    if not full_name:
        raise ValidationError({"last_name": "A name is required."})
    contact.full_name = full_name
    contact.full_clean(exclude=["owner", "tags"])
    contact.save()
    return contact


@transaction.atomic
def contact_quick_add(
    *,
    owner: "User",
    name: str,
    email: str = "",
    phone: str = "",
    organization: str = "",
    how_we_met: str = "",
    note: str = "",
) -> Contact:
    """Capture someone met in passing (a conference, a business card): a name and at least
    one more detail. An organization becomes their current job."""
    if not any(value.strip() for value in (email, phone, organization, how_we_met, note)):
        raise ValidationError(
            "Add one more detail — an email, a phone, an organization, where you met or a note."
        )
    contact = contact_create(
        owner=owner,
        name=name,
        emails=[email] if email.strip() else [],
        phones=[phone] if phone.strip() else [],
        how_we_met=how_we_met.strip(),
        notes=note.strip(),
    )
    if organization.strip():
        affiliation_create(
            owner=owner,
            contact=contact,
            organization=organization_get_or_create(owner=owner, name=organization),
            kind=Affiliation.Kind.EMPLOYMENT,
        )
    return contact
