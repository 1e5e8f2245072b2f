import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

WORKERS = 2
THREADS = 4


class Command(BaseCommand):
    help = (
        "Serve Curbside with gunicorn (2 worker processes, threaded) and whitenoise for "
        "static files. For production behind a proxy, set CURBSIDE_HTTPS and "
        "CURBSIDE_ALLOWED_HOSTS."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Default: 127.0.0.1.")
        parser.add_argument(
            "--port", type=int, default=None, help="Default: $PORT, or 8000 without it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port = options["port"] or port_from_environment()
        call_command("collectstatic", interactive=False, verbosity=0)
        # The server forks workers: they must not share this process's database connection.
        connections.close_all()
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self.stdout.write(f"Curbside is running at http://{bind}/ (press Ctrl+C to stop).")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "curbside.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(WORKERS),
            "--worker-class",
            "gthread",
            "--threads",
            str(THREADS),
            "--log-level",
            "warning",
        ]
        os.execv(sys.executable, argv)  # noqa: S606  # becomes gunicorn, with our own argv


def port_from_environment() -> int:
    raw = os.environ.get("PORT") or "8000"
    try:
        port = int(raw)
    except ValueError:
        raise CommandError(f"PORT must be a port number, not {raw!r}.") from None
    if not 0 < port < 65536:
        raise CommandError(f"PORT must be between 1 and 65535, not {port}.")
    return port
