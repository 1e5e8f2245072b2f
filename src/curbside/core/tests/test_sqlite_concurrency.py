"""Several processes writing to one SQLite file at once must queue, never fail.

Runs real processes against a real database file (the test database is in memory and
shared by one process, so it cannot show this).
"""

import os
import subprocess
import sys
import textwrap

WRITER = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "curbside.settings"
    import django
    django.setup()
    from django.db import transaction
    from curbside.accounts.models import User
    from curbside.network import services
    from curbside.network.models import Contact

    owner = User.objects.get(email="writer@example.org")
    for n in range(int(sys.argv[2])):
        # Read, then write, in one transaction: the pattern that fails with
        # "database is locked" when a read lock must be upgraded under contention.
        with transaction.atomic():
            count = Contact.objects.filter(owner=owner).count()
            services.contact_create(owner=owner, name=f"Writer {sys.argv[1]} Person {n} {count}")
    """
)


def test_concurrent_writers_on_sqlite_queue_instead_of_failing(tmp_path):
    env = {**os.environ, "CURBSIDE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    setup = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='curbside.settings'; "
        "django.setup(); from django.conf import settings; "
        "assert settings.DATABASES['default']['OPTIONS']['transaction_mode'] == 'IMMEDIATE'; "
        "from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); "
        "from curbside.accounts.services import user_create; "
        "user_create(email='writer@example.org', password=None)"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, timeout=120)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(index), "40"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(4)
    ]
    results = [writer.communicate(timeout=300) for writer in writers]
    errors = [
        stderr for (_, stderr), writer in zip(results, writers, strict=True) if writer.returncode
    ]
    assert errors == []
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            setup.split("; from curbside")[0] + "; "
            "from curbside.network.models import Contact; "
            "print(Contact.objects.filter(is_self=False).count())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert count.stdout.strip().splitlines()[-1] == "160"
