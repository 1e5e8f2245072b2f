from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from curbside.accounts.selectors import token_list
from curbside.accounts.services import token_revoke
from curbside.core.management import user_or_error


class Command(BaseCommand):
    help = (
        "Revoke one of an account's personal access tokens, named by its id or by the "
        "characters it starts with (as `curbside token list` shows them)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="The account the token belongs to.")
        parser.add_argument("token", help="The token's id, or its first characters.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say which token would be revoked; keep it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_or_error(options["email"])
        wanted = options["token"].strip().rstrip("…")
        tokens = token_list(owner=user)
        if wanted.isdigit():
            matches = list(tokens.filter(pk=int(wanted)))
        else:
            # A prefix, or the whole token pasted: either way one starts with the other.
            matches = [
                t for t in tokens if t.prefix.startswith(wanted) or wanted.startswith(t.prefix)
            ]
        if not matches:
            raise CommandError(f"{user.email} has no token {wanted!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"{wanted!r} matches {len(matches)} tokens of {user.email}; give the id instead "
                "(see `curbside token list`)."
            )
        token = matches[0]
        if options["dry_run"]:
            self.stdout.write(f'Would revoke the token "{token.name}" ({token.prefix}…).')
            return
        token_revoke(owner=user, token=token)
        self.stdout.write(f'Revoked the token "{token.name}" ({token.prefix}…).')
