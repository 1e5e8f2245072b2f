from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curbside.accounts.services import user_admin_set, user_create
from curbside.core.management import password_from_prompt, password_from_stdin, validation_message


class Command(BaseCommand):
    help = (
        "Create an account that signs in with EMAIL. The password is asked for twice, or "
        "read as one line from standard input with --password-stdin. The first account on "
        "an instance is its admin."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="The address the physician signs in with.")
        parser.add_argument("--name", default="", help='Full name, e.g. "Maya Lindqvist".')
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )
        parser.add_argument(
            "--admin", action="store_true", help="Make the account an instance admin."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = password_from_stdin(options.get("stdin"))
        else:
            password = password_from_prompt()
        try:
            user = user_create(email=options["email"], password=password, name=options["name"])
        except ValidationError as error:
            raise CommandError(validation_message(error)) from None
        if options["admin"] and not user.is_superuser:
            user_admin_set(user=user, is_admin=True)
        role = " as an instance admin" if user.is_superuser else ""
        self.stdout.write(self.style.SUCCESS(f"Created the account {user.email}{role}."))
