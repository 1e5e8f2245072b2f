from django.db.models import QuerySet

from .models import ApiToken, User


def token_list(*, owner: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner).order_by("-created_at", "-pk")
