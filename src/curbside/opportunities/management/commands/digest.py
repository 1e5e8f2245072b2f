from argparse import ArgumentParser
from typing import Any

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from curbside.opportunities.selectors.digest import digest_for, digest_users
from curbside.opportunities.services.digest import digest_message, digest_send


class Command(BaseCommand):
    help = (
        "Email each active user a digest: the listings new in each of their saved searches "
        "since the last digest, and their follow-ups due today or overdue (plain text and "
        "HTML, through the server configured by EMAIL_URL). Meant for cron, e.g. daily at "
        "6:00. Nobody gets an empty digest; a search counts as notified only once its "
        "digest is sent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print each digest instead of sending it; nothing is marked notified.",
        )
        parser.add_argument("--user", metavar="EMAIL", default="", help="Only this account.")
        parser.add_argument(
            "--base-url",
            metavar="URL",
            default="",
            help="Where this instance is served (https://curbside.example.org), for links "
            "in the email; without it the email links only to the job boards.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = list(digest_users(email=options["user"]))
        if options["user"] and not users:
            raise CommandError(f"There is no active account for {options['user']}.")
        connection = None if options["dry_run"] else get_connection()
        sent, empty, failed = 0, 0, []
        for user in users:
            started_at = timezone.now()
            digest = digest_for(user=user)
            if digest.is_empty:
                empty += 1
                continue
            if options["dry_run"]:
                message = digest_message(digest, base_url=options["base_url"])
                self.stdout.write(f"To: {user.email}\nSubject: {message.subject}\n\n{message.body}")
                sent += 1
                continue
            try:
                digest_send(
                    digest=digest,
                    notified_at=started_at,
                    base_url=options["base_url"],
                    connection=connection,
                )
            except OSError as error:  # SMTP errors are OSErrors too
                failed.append(user.email)
                self.stderr.write(f"Could not send the digest to {user.email}: {error}")
                continue
            sent += 1
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {sent} digest{'s' if sent != 1 else ''}; "
            f"{empty} account{'s' if empty != 1 else ''} had nothing new."
        )
        if failed:
            raise CommandError(f"Could not send {len(failed)}: {', '.join(failed)}.")
