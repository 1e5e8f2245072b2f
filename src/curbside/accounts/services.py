"""Accounts: creating users, who may sign up, and personal access tokens."""

import secrets
from typing import Literal

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from curbside.network.contactinfo import ContactInfoError, normalize_email
from curbside.network.names import parse_name
from curbside.network.services import contact_self_ensure

from .models import ApiToken, Invitation, User, token_digest


def _name_parts(name: str) -> tuple[str, str]:
    """'Dr. Jane A. Smith, MD' → ('Jane A.', 'Smith'): honorific and credentials left out."""
    parsed = parse_name(name) if name.strip() else None
    if parsed is None:
        return "", ""
    first = " ".join(p for p in (parsed.first, parsed.middle) if p)
    return first[:150], parsed.last[:150]


SignupPolicy = Literal["open", "invite", "closed"]
TOKEN_PREFIX = "cbs_"  # noqa: S105  # a public marker that makes leaked tokens greppable


def signup_policy() -> SignupPolicy:
    """CURBSIDE_SIGNUP, or by default: open until the first account exists, then invite."""
    configured = settings.SIGNUP_POLICY
    if configured in {"open", "invite", "closed"}:
        return configured  # type: ignore[return-value]  # checked against the literal above
    return "invite" if User.objects.exists() else "open"


@transaction.atomic
def user_create(
    *, email: str, password: str | None, name: str = "", invitation_code: str = ""
) -> User:
    """Create an account with its own profile. The first account is the instance admin."""
    try:
        clean_email = normalize_email(email)
    except ContactInfoError as error:
        raise ValidationError({"email": str(error)}) from None
    if User.objects.filter(email__iexact=clean_email).exists():
        raise ValidationError({"email": "An account with this email address already exists."})
    is_first = not User.objects.exists()
    first_name, last_name = _name_parts(name)
    user = User(email=clean_email, first_name=first_name, last_name=last_name)
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.is_staff = user.is_superuser = is_first
    user.full_clean(exclude=["password"])
    user.save()
    if invitation_code:
        Invitation.objects.filter(digest=token_digest(invitation_code), used_at=None).update(
            used_at=timezone.now()
        )
    contact_self_ensure(owner=user, name=name)
    return user


def signup_allowed(*, invitation_code: str = "") -> bool:
    policy = signup_policy()
    if policy == "open":
        return True
    if policy == "invite" and invitation_code:
        return Invitation.objects.filter(
            digest=token_digest(invitation_code), used_at=None
        ).exists()
    return False


@transaction.atomic
def invitation_create(*, created_by: User, email: str) -> tuple[Invitation, str]:
    """Invite someone; returns the invitation and its code (shown once, only its hash kept)."""
    code = secrets.token_urlsafe(24)
    invitation = Invitation(created_by=created_by, email=email, digest=token_digest(code))
    invitation.full_clean()
    invitation.save()
    return invitation, code


@transaction.atomic
def token_create(*, owner: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal access token; returns the row and the token, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        owner=owner, name=name.strip() or "API token", prefix=raw[:10], digest=token_digest(raw)
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, owner: User, token: ApiToken) -> None:
    if token.owner_id != owner.pk:
        raise ValidationError("Unknown token.")
    token.delete()


def token_authenticate(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None. Marks the token as used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(digest=token_digest(raw), owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Recording every use would write on every read; a minute's precision is plenty.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.owner


@transaction.atomic
def user_update(*, user: User, name: str, time_zone: str) -> User:
    """Change the account's own name and time zone (the settings page)."""
    user.first_name, user.last_name = _name_parts(name)
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "time_zone"])
    return user


@transaction.atomic
def user_admin_set(*, user: User, is_admin: bool) -> User:
    """Make an account an instance admin (staff and superuser), or take that away."""
    user.is_staff = user.is_superuser = is_admin
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account and every row it owns (each owned row cascades from its owner)."""
    user.delete()
