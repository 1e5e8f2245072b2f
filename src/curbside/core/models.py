"""What every private row shares: an owner and timestamps, and owner-first lookups."""

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from curbside.accounts.models import User

M = TypeVar("M", bound=models.Model)


class OwnedQuerySet(models.QuerySet[M]):
    def for_owner(self, owner: "User") -> Self:
        return self.filter(owner=owner)


class OwnedModel(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


OwnedT = TypeVar("OwnedT", bound=OwnedModel)


def get_owned_or_404(model: type[OwnedT], owner: "User", **lookup: Any) -> OwnedT:
    """Fetch one of `owner`'s rows; anyone else's looks exactly like a missing one."""
    return get_object_or_404(model._default_manager.filter(owner=owner), **lookup)
