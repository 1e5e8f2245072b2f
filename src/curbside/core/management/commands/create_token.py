from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curbside.accounts.services import token_create
from curbside.core.management import user_or_error, validation_message


class Command(BaseCommand):
    help = (
        "Create a personal access token for the REST API (Authorization: Bearer …). "
        "The token is printed once, alone on the last line; only its hash is kept."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="The account the token acts for.")
        parser.add_argument("--name", default="Command line", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_or_error(options["email"])
        try:
            token, raw = token_create(owner=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(validation_message(error)) from None
        self.stdout.write(
            f'Created the token "{token.name}" ({token.prefix}…, id {token.pk}) for '
            f"{user.email}. It is shown only this once; keep it somewhere safe:"
        )
        self.stdout.write(raw)
