"""What every network service shares."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from curbside.accounts.models import User


def check_owner(owner: "User", *rows: Any) -> None:
    """Rows linked together must all be the owner's; anything else is a forged id."""
    if any(row is not None and row.owner_id != owner.pk for row in rows):
        raise ValidationError("Unknown record.")
