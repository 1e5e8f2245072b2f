"""Writes to organizations and affiliations (who is where, when)."""

from typing import TYPE_CHECKING, Any

from django.db import transaction

from ..models import Affiliation, Contact, Organization

if TYPE_CHECKING:
    from curbside.accounts.models import User
from .common import check_owner


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
    check_owner(owner, organization)
    for field, value in fields.items():
        setattr(organization, field, value)
    organization.full_clean(exclude=["owner"])
    organization.save()
    return organization


@transaction.atomic
def organization_delete(*, owner: "User", organization: Organization) -> None:
    check_owner(owner, organization)
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
    check_owner(owner, contact, organization)
    affiliation = Affiliation(
        owner=owner, contact=contact, organization=organization, kind=kind, **fields
    )
    affiliation.full_clean(exclude=["owner"])
    affiliation.save()
    return affiliation


@transaction.atomic
def affiliation_update(*, owner: "User", affiliation: Affiliation, **fields: Any) -> Affiliation:
    check_owner(owner, affiliation, fields.get("contact"), fields.get("organization"))
    for field, value in fields.items():
        setattr(affiliation, field, value)
    affiliation.full_clean(exclude=["owner"])
    affiliation.save()
    return affiliation


@transaction.atomic
def affiliation_delete(*, owner: "User", affiliation: Affiliation) -> None:
    check_owner(owner, affiliation)
    affiliation.delete()
