"""Helpers shared by Curbside's management commands (the `curbside` CLI calls them)."""

import sys
from getpass import getpass
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from curbside.accounts.models import User
from curbside.accounts.selectors import user_get_by_email


def validation_message(error: ValidationError) -> str:
    """A service's ValidationError as one line a person can act on."""
    if hasattr(error, "error_dict"):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return " ".join(error.messages)


def user_or_error(email: str) -> User:
    user = user_get_by_email(email)
    if user is None:
        raise CommandError(f"There is no account for {email}.")
    return user


def password_from_stdin(stdin: TextIO | None = None) -> str:
    """One line of standard input, without its line ending (other whitespace counts)."""
    line = (stdin or sys.stdin).readline().rstrip("\r\n")
    if not line:
        raise CommandError("No password on standard input: pipe one line to --password-stdin.")
    return line


def password_from_prompt() -> str:
    try:
        password = getpass("Password: ")
        again = getpass("Password (again): ")
    except (EOFError, KeyboardInterrupt):
        raise CommandError("Cancelled: no password was entered.") from None
    if not password:
        raise CommandError("A password is required.")
    if password != again:
        raise CommandError("The two passwords do not match.")
    return password
