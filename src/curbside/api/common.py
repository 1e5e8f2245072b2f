"""What every resource router shares: pagination, documented error responses, id lookups."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from curbside.accounts.models import User
from curbside.core.models import OwnedModel, get_owned_or_404

from .schemas import ErrorOut, ValidationErrorOut

M = TypeVar("M", bound=Model)
OwnedT = TypeVar("OwnedT", bound=OwnedModel)

# Documented on every operation; the handlers in api.py produce these shapes.
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}
LIST_ERRORS: dict[int, Any] = {401: ErrorOut, 422: ValidationErrorOut}


class Pagination(LimitOffsetPagination):
    """`limit` and `offset` in the query; the answer holds `items` and the total `count`."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="At most 500 items a page.")
        offset: int = Field(0, ge=0)


def one_or_404(rows: QuerySet[M], pk: int) -> M:
    """One row of a selector's (owner-scoped) queryset, or 404."""
    return get_object_or_404(rows, pk=pk)


def owned_or_422(model: type[OwnedT], owner: User, pk: int, *, field: str) -> OwnedT:
    """An id given in a body or a filter: anything but the owner's own row is a field error."""
    try:
        return get_owned_or_404(model, owner, pk=pk)
    except Http404:
        label = model._meta.verbose_name
        raise ValidationError({field: f"Unknown {label}: {pk}."}) from None


def optional_owned_or_422(
    model: type[OwnedT], owner: User, pk: int | None, *, field: str
) -> OwnedT | None:
    return None if pk is None else owned_or_422(model, owner, pk, field=field)
