"""A process killed in the middle of committing an import leaves nothing of it behind.

A child process imports 20,000 vCards into its own SQLite database (a data directory of its
own, migrated first; SQLite whatever DATABASE_URL says, so this runs on every suite). Once
half the contacts are inserted inside the commit's transaction, it says so and waits; the
test checks that those rows reached the write-ahead log, kills the child with SIGKILL, and
opens the database as the next process would: no imported contact, email, organization or
interaction, and the import is still only a preview.
"""

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

N_CARDS = 20_000
TIMEOUT = 180  # seconds for each stage: a fresh migration and a 20,000-card preview

CHILD = """
import sys

import django

django.setup()
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
from django.db import connection

# SQLite's default 2 MB page cache, so the open transaction spills its pages to the log.
connection.cursor().execute("PRAGMA cache_size=-2000")
from curbside.accounts.services import user_create
from curbside.portability import services

user = user_create(email="kill@example.org", password=None, name="Kill Test")
with open(sys.argv[1], "rb") as handle:
    batch = services.import_preview(owner=user, files=[("cards.vcf", handle.read())])
print("PREVIEWED", batch.n_create, flush=True)


def progress(stage, done, total):
    if stage == "Adding contacts" and done >= total // 2:
        print("IN TRANSACTION", done, flush=True)
        sys.stdin.readline()  # wait here, inside the commit, until killed


services.import_commit(owner=user, batch=batch, progress=progress)
print("COMMITTED", flush=True)
"""


def write_cards(path: Path) -> None:
    with path.open("w", newline="") as handle:
        for i in range(N_CARDS):
            handle.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:Casey{i} Morgan{i}\r\nN:Morgan{i};Casey{i};;;\r\n"
                f"EMAIL;TYPE=INTERNET:casey{i}@example.org\r\n"
                f"TEL;TYPE=CELL:+1 303 555 {i % 10000:04d}\r\n"
                f"ORG:Clinic {i % 500}\r\nTITLE:Attending\r\nEND:VCARD\r\n"
            )


def lines_of(stream) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line.strip())

    threading.Thread(target=pump, daemon=True).start()
    return lines


def wait_for(lines: queue.Queue[str], marker: str, child: subprocess.Popen[str]) -> str:
    while True:
        try:
            line = lines.get(timeout=TIMEOUT)
        except queue.Empty:
            child.kill()
            raise AssertionError(f"the child never printed {marker!r}") from None
        if line.startswith(marker):
            return line


def count(database: Path, sql: str) -> object:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def test_a_process_killed_during_the_commit_leaves_no_imported_rows(tmp_path):
    data_dir = tmp_path / "data"
    cards = tmp_path / "cards.vcf"
    write_cards(cards)
    env = {**os.environ, "CURBSIDE_DATA_DIR": str(data_dir)}
    env["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    env.pop("DATABASE_URL", None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(cards)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines = lines_of(child.stdout)
    try:
        assert wait_for(lines, "PREVIEWED", child) == f"PREVIEWED {N_CARDS}"
        database = data_dir / "curbside.sqlite3"
        wal = Path(f"{database}-wal")
        wal_before = (wal.stat().st_mtime_ns, wal.stat().st_size)
        inside = wait_for(lines, "IN TRANSACTION", child)
        assert int(inside.split()[-1]) >= N_CARDS // 2
        # The commit has written (uncommitted) pages to the write-ahead log.
        assert (wal.stat().st_mtime_ns, wal.stat().st_size) != wal_before
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=TIMEOUT)
    assert child.returncode == -signal.SIGKILL

    assert count(database, "PRAGMA integrity_check") == "ok"
    assert count(database, "SELECT COUNT(*) FROM network_contact WHERE NOT is_self") == 0
    assert count(database, "SELECT COUNT(*) FROM network_contactemail") == 1  # the user's own
    assert count(database, "SELECT COUNT(*) FROM network_contactphone") == 0
    assert count(database, "SELECT COUNT(*) FROM network_organization") == 0
    assert count(database, "SELECT COUNT(*) FROM network_affiliation") == 0
    assert count(database, "SELECT COUNT(*) FROM interactions_interaction") == 0
    assert count(database, "SELECT COUNT(*) FROM portability_importbatch") == 1
    assert (
        count(database, "SELECT COUNT(*) FROM portability_importbatch WHERE status = 'previewed'")
        == 1
    )
