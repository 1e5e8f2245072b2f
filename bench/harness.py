"""Time the dashboard, the contact list and a contact detail on a large network.

On a fresh SQLite database in a temporary data directory, build one physician's network
(5,000 contacts, 20,000 ties, 50,000 interactions by default) with the demo generator, then
request each page with Django's test client, logged in: a few warm-up requests, then N timed
ones (median and 95th percentile of the time the client waits for the response, which
covers the whole middleware stack, the view and the template), and one more inside
CaptureQueriesContext for the query count. Results go to bench/RESULTS.md.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TARGET_MS = 50.0
WARM_UP = 5


@dataclass(frozen=True)
class Measurement:
    page: str
    url_name: str
    path: str = ""
    median_ms: float | None = None
    p95_ms: float | None = None
    n_queries: int | None = None
    problem: str = ""

    @property
    def meets_target(self) -> bool:
        return self.median_ms is not None and self.median_ms < TARGET_MS


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--organizations", type=int, default=400)
    parser.add_argument("--ties", type=int, default=20000)
    parser.add_argument("--interactions", type=int, default=50000)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def on_private_sqlite(prefix: str, run: Callable[[], int]) -> int:
    """Run a benchmark on a SQLite database of its own, in a temporary data directory."""
    data_dir = tempfile.mkdtemp(prefix=prefix)
    # Before Django reads its settings: a private SQLite database, whatever the shell says.
    os.environ["CURBSIDE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    try:
        return run()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return on_private_sqlite("curbside-bench-", lambda: run(args))


def run(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from curbside.accounts.services import user_create
    from curbside.demo import build_network

    setup_test_environment()  # lets the test client's "testserver" host through
    call_command("migrate", interactive=False, verbosity=0)
    user = user_create(email="bench@curbside.example", password=None, name="Bench Physician")
    started = time.perf_counter()
    summary = build_network(
        user,
        n_contacts=args.contacts,
        n_organizations=args.organizations,
        n_ties=args.ties,
        n_interactions=args.interactions,
        seed=1,
    )
    build_seconds = time.perf_counter() - started
    print(
        f"Built {summary.n_contacts:,} contacts, {summary.n_ties:,} ties and "
        f"{summary.n_interactions:,} interactions in {build_seconds:.1f} s."
    )
    detail_pk, detail_note = well_connected_contact(user)
    pages = [
        ("Dashboard", "interactions:dashboard", ()),
        ("Contact list, first page", "network:contact_list", ()),
        (f"Contact detail ({detail_note})", "network:contact_detail", (detail_pk,)),
    ]
    measurements = [measure(user, page, name, args_, args.requests) for page, name, args_ in pages]
    for m in measurements:
        if m.problem:
            print(f"{m.page}: {m.problem}")
        else:
            print(
                f"{m.page}: median {m.median_ms:.1f} ms, p95 {m.p95_ms:.1f} ms, "
                f"{m.n_queries} queries"
            )
    page_report = report(summary, build_seconds, measurements, args.requests)
    args.output.write_text(keep_other_sections(page_report, args.output))
    print(f"Wrote {args.output}")
    return 0


def well_connected_contact(user) -> tuple[int, str]:
    """The contact (not the user's own profile) with the most ties."""
    from curbside.interactions.models import Interaction
    from curbside.network.models import Contact, Tie

    me = Contact.objects.get(owner=user, is_self=True)
    degree: Counter[int] = Counter()
    for a, b in Tie.objects.filter(owner=user).values_list("person_a_id", "person_b_id"):
        degree[a] += 1
        degree[b] += 1
    del degree[me.pk]
    pk, n_ties = degree.most_common(1)[0]
    n_interactions = Interaction.objects.filter(owner=user, contacts=pk).count()
    return pk, f"{n_ties} ties, {n_interactions} interactions"


def measure(user, page: str, url_name: str, url_args: tuple[int, ...], n: int) -> Measurement:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse(url_name, args=url_args)
    except NoReverseMatch:
        return Measurement(page, url_name, problem=f"not available (no URL named {url_name})")
    client = Client()
    client.force_login(user)
    try:
        for _ in range(WARM_UP):
            response = client.get(path)
            if response.status_code != 200:
                return Measurement(
                    page, url_name, path, problem=f"not available (status {response.status_code})"
                )
        timings = []
        for _ in range(n):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
    except Exception as error:  # a page still being written must not stop the others
        return Measurement(page, url_name, path, problem=f"failed: {type(error).__name__}: {error}")
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return Measurement(
        page, url_name, path, statistics.median(timings), p95, len(queries.captured_queries)
    )


def machine() -> list[str]:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False)  # noqa: S607
    cpu = "unknown"
    memory = "unknown"
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else platform.processor() or "unknown"
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    import sqlite3

    import django

    return [
        f"- `uname -a`: `{uname.stdout.strip() or platform.platform()}`",
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Memory: {memory}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"SQLite {sqlite3.sqlite_version} (WAL)",
    ]


def report(summary, build_seconds: float, measurements: list[Measurement], n: int) -> str:
    now = datetime.now().astimezone()
    lines = [
        "# Benchmarks",
        "",
        "`make bench` (`python -m bench`) builds, on a fresh SQLite database in a temporary",
        "data directory, one physician's network with the demo generator, then requests",
        f"each page with Django's test client, logged in: {WARM_UP} warm-up requests, then",
        f"{n} timed ones, then one more to count the queries. Times are what the client waits",
        "for the response: middleware, view, queries and template.",
        "",
        f"**Target: median under {TARGET_MS:.0f} ms each.**",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z}.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Data",
        "",
        f"{summary.n_contacts:,} contacts, {summary.n_ties:,} ties, "
        f"{summary.n_interactions:,} interactions, {summary.n_organizations:,} organizations, "
        f"{summary.n_affiliations:,} affiliations and {summary.n_follow_ups:,} follow-ups, "
        f"built in {build_seconds:.1f} s.",
        "",
        "## Results",
        "",
        "| Page | URL | Median | p95 | Queries | Under target |",
        "|---|---|---:|---:|---:|---|",
    ]
    for m in measurements:
        if m.problem:
            lines.append(f"| {m.page} | `{m.path or m.url_name}` | {m.problem} | | | |")
        else:
            lines.append(
                f"| {m.page} | `{m.path}` | {m.median_ms:.1f} ms | {m.p95_ms:.1f} ms | "
                f"{m.n_queries} | {'yes' if m.meets_target else '**no**'} |"
            )
    lines.append("")
    return "\n".join(lines)


def keep_other_sections(page_report: str, path: Path) -> str:
    """The page report, followed by the sections other benchmarks wrote (imports, intros)."""
    if not path.exists():
        return page_report
    own = set(re.findall(r"^## .*$", page_report, re.MULTILINE))
    others = [
        section
        for section in re.split(r"(?m)^(?=## )", path.read_text())
        if section.startswith("## ") and section.splitlines()[0] not in own
    ]
    return "\n".join([page_report.rstrip() + "\n", *(s.rstrip() + "\n" for s in others)])
