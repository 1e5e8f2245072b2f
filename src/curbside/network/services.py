"""Writes to the network: contacts, organizations, affiliations, ties, tags, merge."""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from .contactinfo import ContactInfoError, normalize_email, normalize_phone
from .models import Affiliation, Contact, ContactEmail, ContactPhone, Organization, Tag, Tie
from .names import parse_credentials, parse_name

if TYPE_CHECKING:
    from curbside.accounts.models import User

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


def _check_owner(owner: "User", *rows: Any) -> None:
    """Rows linked together must all be the owner's; anything else is a forged id."""
    if any(row is not None and row.owner_id != owner.pk for row in rows):
        raise ValidationError("Unknown record.")


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


def _clean_emails(emails: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    errors: list[str] = []
    for raw in emails:
        if not raw.strip():
            continue
        try:
            email = normalize_email(raw)
        except ContactInfoError as error:
            errors.append(str(error))
            continue
        if email not in cleaned:
            cleaned.append(email)
    if errors:
        raise ValidationError({"emails": errors})
    return cleaned


def _clean_phones(phones: Iterable[str], region: str) -> list[str]:
    cleaned: list[str] = []
    errors: list[str] = []
    for raw in phones:
        if not raw.strip():
            continue
        try:
            phone = normalize_phone(raw, region)
        except ContactInfoError as error:
            errors.append(str(error))
            continue
        if phone not in cleaned:
            cleaned.append(phone)
    if errors:
        raise ValidationError({"phones": errors})
    return cleaned


def _set_emails(owner: "User", contact: Contact, emails: list[str]) -> None:
    ContactEmail.objects.filter(owner=owner, contact=contact).exclude(email__in=emails).delete()
    existing = set(
        ContactEmail.objects.filter(owner=owner, contact=contact).values_list("email", flat=True)
    )
    ContactEmail.objects.bulk_create(
        ContactEmail(owner=owner, contact=contact, email=email, is_primary=index == 0)
        for index, email in enumerate(emails)
        if email not in existing
    )
    if emails:
        ContactEmail.objects.filter(owner=owner, contact=contact).update(is_primary=False)
        ContactEmail.objects.filter(owner=owner, contact=contact, email=emails[0]).update(
            is_primary=True
        )


def _set_phones(owner: "User", contact: Contact, phones: list[str]) -> None:
    ContactPhone.objects.filter(owner=owner, contact=contact).exclude(number__in=phones).delete()
    existing = set(
        ContactPhone.objects.filter(owner=owner, contact=contact).values_list("number", flat=True)
    )
    ContactPhone.objects.bulk_create(
        ContactPhone(owner=owner, contact=contact, number=number, is_primary=index == 0)
        for index, number in enumerate(phones)
        if number not in existing
    )
    if phones:
        ContactPhone.objects.filter(owner=owner, contact=contact).update(is_primary=False)
        ContactPhone.objects.filter(owner=owner, contact=contact, number=phones[0]).update(
            is_primary=True
        )


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
    clean_emails = _clean_emails(emails) if emails is not None else None
    # Numbers written without a country code are read as North American.
    clean_phones = _clean_phones(phones, "US") if phones is not None else None
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
        _set_emails(owner, contact, clean_emails)
    if clean_phones is not None:
        _set_phones(owner, contact, clean_phones)
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
    _check_owner(owner, introduced_by)
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
    _check_owner(owner, contact)
    unknown = set(fields) - CONTACT_FIELDS - {"introduced_by"}
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    if "introduced_by" in fields:
        introducer = fields.pop("introduced_by")
        _check_owner(owner, introducer)
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

    _check_owner(owner, contact)
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
    _set_emails(owner, contact, [owner.email.lower()])
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
    _check_owner(owner, contact)
    contact.next_touch_on = until
    contact.save(update_fields=["next_touch_on", "updated_at"])
    return contact


@transaction.atomic
def organization_create(*, owner: "User", name: str, **fields: Any) -> Organization:
    organization = Organization(owner=owner, name=" ".join(name.split()), **fields)
    organization.full_clean(exclude=["owner"])
    organization.save()
    return organization


@transaction.atomic
def organization_update(
    *, owner: "User", organization: Organization, **fields: Any
) -> Organization:
    _check_owner(owner, organization)
    for field, value in fields.items():
        setattr(organization, field, value)
    organization.full_clean(exclude=["owner"])
    organization.save()
    return organization


@transaction.atomic
def organization_delete(*, owner: "User", organization: Organization) -> None:
    _check_owner(owner, organization)
    organization.delete()


def organization_get_or_create(*, owner: "User", name: str, **fields: Any) -> Organization:
    """The owner's organization with this name (case-insensitive), created when missing."""
    clean = " ".join(name.split())
    existing = Organization.objects.filter(owner=owner, name__iexact=clean).first()
    return existing or organization_create(owner=owner, name=clean, **fields)


@transaction.atomic
def affiliation_create(
    *, owner: "User", contact: Contact, organization: Organization, kind: str, **fields: Any
) -> Affiliation:
    _check_owner(owner, contact, organization)
    affiliation = Affiliation(
        owner=owner, contact=contact, organization=organization, kind=kind, **fields
    )
    affiliation.full_clean(exclude=["owner"])
    affiliation.save()
    return affiliation


@transaction.atomic
def affiliation_update(*, owner: "User", affiliation: Affiliation, **fields: Any) -> Affiliation:
    _check_owner(owner, affiliation, fields.get("contact"), fields.get("organization"))
    for field, value in fields.items():
        setattr(affiliation, field, value)
    affiliation.full_clean(exclude=["owner"])
    affiliation.save()
    return affiliation


@transaction.atomic
def affiliation_delete(*, owner: "User", affiliation: Affiliation) -> None:
    _check_owner(owner, affiliation)
    affiliation.delete()


def _ordered(a: Contact, b: Contact) -> tuple[Contact, Contact]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def tie_record(
    *,
    owner: "User",
    person: Contact,
    other: Contact,
    strength: int = 3,
    context: str = "",
    since: int | None = None,
) -> Tie:
    """Record (or update) that two people know each other. Order does not matter."""
    _check_owner(owner, person, other)
    if person.pk == other.pk:
        raise ValidationError("A person cannot have a tie with themselves.")
    first, second = _ordered(person, other)
    tie = Tie.objects.filter(owner=owner, person_a=first, person_b=second).first()
    if tie is None:
        tie = Tie(owner=owner, person_a=first, person_b=second)
    tie.strength = strength
    tie.context = context
    tie.since = since
    tie.full_clean(exclude=["owner"], validate_unique=False)
    tie.save()
    return tie


@transaction.atomic
def tie_update(*, owner: "User", tie: Tie, **fields: Any) -> Tie:
    _check_owner(owner, tie)
    for field in ("strength", "context", "since"):
        if field in fields:
            setattr(tie, field, fields[field])
    tie.full_clean(exclude=["owner"], validate_unique=False)
    tie.save()
    return tie


@transaction.atomic
def tie_delete(*, owner: "User", tie: Tie) -> None:
    _check_owner(owner, tie)
    tie.delete()


def contact_strength_set(*, owner: "User", contact: Contact, strength: int | None) -> Tie | None:
    """The relationship strength with a contact is the tie between self and that contact."""
    me = contact_self_ensure(owner=owner)
    if strength is None:
        Tie.objects.filter(owner=owner).filter(
            Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me)
        ).delete()
        return None
    existing = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me))
        .first()
    )
    return tie_record(
        owner=owner,
        person=me,
        other=contact,
        strength=strength,
        context=existing.context if existing else "",
        since=existing.since if existing else None,
    )


MERGE_TEXT_FIELDS = (
    "honorific",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "credentials",
    "specialty",
    "subspecialty",
    "npi",
    "city",
    "state",
    "zip_code",
    "country",
    "photo",
)
MERGE_APPEND_FIELDS = ("research_interests", "procedures", "how_we_met", "notes")


@transaction.atomic
def contact_merge(*, owner: "User", keep: Contact, merge: Contact) -> Contact:
    """Fold `merge` into `keep`: every email, phone, tag, affiliation, tie, interaction and
    follow-up moves over; empty fields are filled; notes are kept side by side."""
    from curbside.interactions.models import FollowUp, Interaction

    _check_owner(owner, keep, merge)
    if keep.pk == merge.pk:
        raise ValidationError("Choose two different contacts to merge.")
    if merge.is_self:
        keep, merge = merge, keep
    for field in MERGE_TEXT_FIELDS:
        if not getattr(keep, field) and getattr(merge, field):
            setattr(keep, field, getattr(merge, field))
    for field in MERGE_APPEND_FIELDS:
        ours, theirs = getattr(keep, field), getattr(merge, field)
        if theirs and theirs not in ours:
            setattr(keep, field, f"{ours}\n\n{theirs}".strip())
    if keep.cadence_days is None or (merge.cadence_days or 10**6) < keep.cadence_days:
        keep.cadence_days = merge.cadence_days or keep.cadence_days
    if keep.introduced_by_id is None and merge.introduced_by_id not in {None, keep.pk}:
        keep.introduced_by_id = merge.introduced_by_id

    known_emails = set(keep.emails.values_list("email", flat=True))
    merge.emails.exclude(email__in=known_emails).update(contact=keep, is_primary=False)
    known_phones = set(keep.phones.values_list("number", flat=True))
    merge.phones.exclude(number__in=known_phones).update(contact=keep, is_primary=False)
    keep.tags.add(*merge.tags.all())
    Affiliation.objects.filter(owner=owner, contact=merge).update(contact=keep)
    Contact.objects.filter(owner=owner, introduced_by=merge).exclude(pk=keep.pk).update(
        introduced_by=keep
    )

    for tie in Tie.objects.filter(owner=owner).filter(Q(person_a=merge) | Q(person_b=merge)):
        other = tie.person_b if tie.person_a_id == merge.pk else tie.person_a
        if other.pk == keep.pk:
            continue  # a tie between the two halves of one person disappears with the merge
        first, second = _ordered(keep, other)
        current = Tie.objects.filter(owner=owner, person_a=first, person_b=second).first()
        if current is None:
            Tie.objects.create(
                owner=owner,
                person_a=first,
                person_b=second,
                strength=tie.strength,
                context=tie.context,
                since=tie.since,
            )
        else:
            current.strength = max(current.strength, tie.strength)
            current.context = current.context or tie.context
            current.since = min(filter(None, (current.since, tie.since)), default=None)
            current.save()

    for interaction in Interaction.objects.filter(owner=owner, contacts=merge):
        interaction.contacts.add(keep)
    FollowUp.objects.filter(owner=owner, contact=merge).update(contact=keep)

    merge.delete()
    keep.full_clean(exclude=["owner", "tags"])
    keep.save()
    contacts_touch_refresh(owner=owner, contact_ids=[keep.pk])
    keep.refresh_from_db()
    return keep


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
    _check_owner(owner, contact)
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
