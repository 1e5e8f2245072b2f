import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch

from curbside.accounts.selectors import user_get_by_email
from curbside.core.management import validation_message
from curbside.demo import DEMO_EMAIL, demo_account_create, is_demo_account


class Command(BaseCommand):
    help = (
        "Create a demo account: a PGY-3 internal-medicine resident looking for a job, with "
        "150 contacts, 40 organizations, 300 ties and two years of interactions. Prints how "
        "to log in."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", default=DEMO_EMAIL, help=f"Default: {DEMO_EMAIL}.")
        parser.add_argument(
            "--password", default=None, help="Default: a new random password, printed."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Replace an earlier demo account with this address (and all its data).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["user"]
        if options["dry_run"]:
            self.stdout.write(self._plan(email, reset=options["reset"]))
            return
        try:
            account = demo_account_create(
                email=email, password=options["password"], reset=options["reset"]
            )
        except ValidationError as error:
            raise CommandError(validation_message(error)) from None
        summary = account.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the demo account: a PGY-3 internal-medicine resident with "
                f"{summary.n_contacts} contacts, {summary.n_organizations} organizations, "
                f"{summary.n_ties} ties and {summary.n_interactions} interactions."
            )
        )
        self.stdout.write("Start Curbside with `make run` (or `curbside serve`), then log in:")
        self.stdout.write(f"  URL:      {login_url()}")
        self.stdout.write(f"  Email:    {account.user.email}")
        self.stdout.write(f"  Password: {account.password}")

    def _plan(self, email: str, *, reset: bool) -> str:
        existing = user_get_by_email(email)
        if existing is None:
            return f"Would create the demo account {email}."
        if not reset:
            return f"Would stop: {existing.email} already exists (add --reset to replace it)."
        if not is_demo_account(existing):
            return f"Would stop: {existing.email} is not a demo account."
        return f"Would delete the demo account {existing.email} and create it afresh."


def login_url() -> str:
    port = os.environ.get("PORT") or "8000"
    try:
        path = resolve_url(settings.LOGIN_URL)
    except NoReverseMatch:
        path = "/accounts/login/"
    return f"http://127.0.0.1:{port}{path}"
