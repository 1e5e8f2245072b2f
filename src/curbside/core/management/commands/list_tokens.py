import io
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from curbside.accounts.selectors import token_list
from curbside.core.management import user_or_error


class Command(BaseCommand):
    help = "List an account's personal access tokens (never the tokens themselves)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="The account whose tokens to list.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_or_error(options["email"])
        tokens = list(token_list(owner=user))
        if not tokens:
            self.stdout.write(f"{user.email} has no tokens.")
            return
        table = Table("ID", "Name", "Starts with", "Created", "Last used")
        for token in tokens:
            table.add_row(
                str(token.pk),
                token.name,
                f"{token.prefix}…",
                f"{timezone.localtime(token.created_at):%Y-%m-%d %H:%M}",
                f"{timezone.localtime(token.last_used_at):%Y-%m-%d %H:%M}"
                if token.last_used_at
                else "never",
            )
        buffer = io.StringIO()
        Console(file=buffer, width=100, highlight=False).print(table)
        self.stdout.write(buffer.getvalue(), ending="")
