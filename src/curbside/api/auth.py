"""Bearer-token authentication with personal access tokens."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from curbside.accounts import services as account_services
from curbside.accounts.models import User


class ApiRequest(HttpRequest):
    """A request that passed TokenAuth: `auth` is the token's owner."""

    auth: User


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cbs_…`: a personal access token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return account_services.token_authenticate(token.strip())
