"""Demo data: a PGY-3 internal-medicine resident looking for a first job, and their network.

`build_network` makes the network (also used, larger, by the benchmarks);
`demo_account_create` makes the account `curbside demo` prints the login of.
"""

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from curbside.accounts.selectors import user_get_by_email
from curbside.accounts.services import user_create, user_delete
from curbside.network.models import Contact
from curbside.network.services import contact_self_ensure, contact_update

from .builder import NetworkSummary, build_network
from .jobs import build_job_search

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = [
    "DEMO_EMAIL",
    "DemoAccount",
    "NetworkSummary",
    "build_network",
    "demo_account_create",
    "is_demo_account",
]

# `.example` is reserved for examples: the address can never belong to anyone.
DEMO_EMAIL = "demo@curbside.example"
DEMO_NAME = "Maya Lindqvist"
DEMO_SEED = 2026
# Kept in the demo profile's notes: --reset replaces only an account that carries it, so a
# mistyped --user can never delete a real physician's data.
DEMO_MARKER = "Demo account created by `curbside demo`."


@dataclass(frozen=True, slots=True)
class DemoAccount:
    user: "User"
    password: str
    summary: NetworkSummary


def is_demo_account(user: "User") -> bool:
    return Contact.objects.filter(owner=user, is_self=True, notes__contains=DEMO_MARKER).exists()


@transaction.atomic
def demo_account_create(
    *,
    email: str = DEMO_EMAIL,
    password: str | None = None,
    reset: bool = False,
    seed: int = DEMO_SEED,
) -> DemoAccount:
    """Create the demo account with its network; with `reset`, replace an earlier one."""
    existing = user_get_by_email(email)
    if existing is not None:
        if not reset:
            raise ValidationError(
                f"An account for {existing.email} already exists. Run again with --reset to "
                "replace it with a fresh demo account, or choose another address with --user."
            )
        if not is_demo_account(existing):
            raise ValidationError(
                f"{existing.email} is not a demo account: --reset only replaces accounts "
                "created by `curbside demo`."
            )
        user_delete(user=existing)
    chosen_password = password or secrets.token_urlsafe(12)
    user = user_create(email=email, password=chosen_password, name=DEMO_NAME)
    summary = build_network(
        user, n_contacts=150, n_organizations=40, n_ties=300, n_interactions=420, seed=seed
    )
    me = contact_self_ensure(owner=user)
    contact_update(owner=user, contact=me, notes=f"{me.notes}\n\n{DEMO_MARKER}")
    build_job_search(user)
    return DemoAccount(user=user, password=chosen_password, summary=summary)
