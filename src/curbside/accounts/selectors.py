from django.db.models import QuerySet

from .models import ApiToken, Invitation, User, token_digest


def token_list(*, owner: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner).order_by("-created_at", "-pk")


def invitation_list(*, created_by: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(created_by=created_by).order_by("-created_at", "-pk")


def invitation_for_code(code: str) -> Invitation | None:
    """The unused invitation a sign-up link's code belongs to, if any."""
    if not code:
        return None
    return Invitation.objects.filter(digest=token_digest(code), used_at=None).first()


def user_get_by_email(email: str) -> User | None:
    """The account that signs in with this email address (in any case), or None."""
    return User.objects.filter(email__iexact=email.strip()).first()
