import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curbside import cli
from curbside.accounts.models import ApiToken, User
from curbside.accounts.services import token_authenticate, token_create
from curbside.demo import DEMO_EMAIL
from curbside.network.models import Contact

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def stdin(monkeypatch):
    """Feed standard input to the command, as a pipe would."""

    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return feed


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_createuser_with_password_stdin_creates_an_account_that_can_log_in(stdin, capsys):
    stdin(f"{PASSWORD}\n")
    status = cli.main(
        ["createuser", "Carol@Example.org", "--name", "Carol Chen", "--password-stdin"]
    )
    assert status == 0
    user = User.objects.get(email="carol@example.org")
    assert user.check_password(PASSWORD)
    assert user.is_superuser  # the first account is the instance admin
    assert Contact.objects.get(owner=user, is_self=True).full_name == "Carol Chen"
    assert "carol@example.org" in capsys.readouterr().out


def test_createuser_asks_for_the_password_twice(monkeypatch, alice):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("curbside.core.management.getpass", lambda prompt: next(answers))
    assert cli.main(["createuser", "dave@example.org"]) == 0
    assert User.objects.get(email="dave@example.org").check_password(PASSWORD)


def test_createuser_refuses_two_different_passwords(monkeypatch, capsys, alice):
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("curbside.core.management.getpass", lambda prompt: next(answers))
    assert cli.main(["createuser", "dave@example.org"]) == 1
    assert "do not match" in capsys.readouterr().err
    assert not User.objects.filter(email="dave@example.org").exists()


def test_createuser_with_an_existing_email_fails_with_a_message(stdin, capsys, alice):
    stdin(f"{PASSWORD}\n")
    assert cli.main(["createuser", "ALICE@example.org", "--password-stdin"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert User.objects.count() == 1


def test_createuser_refuses_a_weak_password(stdin, capsys):
    stdin("short\n")
    assert cli.main(["createuser", "erin@example.org", "--password-stdin"]) == 1
    assert "too short" in capsys.readouterr().err
    assert not User.objects.exists()


def test_createuser_refuses_empty_standard_input(stdin, capsys):
    stdin("")
    assert cli.main(["createuser", "erin@example.org", "--password-stdin"]) == 1
    assert "No password" in capsys.readouterr().err


def test_only_admin_makes_a_later_account_an_admin(stdin, alice):
    stdin(f"{PASSWORD}\n")
    assert cli.main(["createuser", "dave@example.org", "--password-stdin", "--admin"]) == 0
    stdin(f"{PASSWORD}\n")
    assert cli.main(["createuser", "erin@example.org", "--password-stdin"]) == 0
    assert User.objects.get(email="dave@example.org").is_superuser
    assert not User.objects.get(email="erin@example.org").is_superuser


def test_token_create_prints_a_token_on_its_last_line_that_authenticates(capsys, alice):
    assert cli.main(["token", "create", "alice@example.org", "--name", "laptop"]) == 0
    raw = last_line(capsys.readouterr().out)
    assert token_authenticate(raw) == alice
    assert ApiToken.objects.get(owner=alice).name == "laptop"


def test_token_revoke_by_prefix_makes_the_token_fail(capsys, alice):
    _, raw = token_create(owner=alice, name="laptop")
    assert cli.main(["token", "revoke", "alice@example.org", raw[:10]]) == 0
    assert "Revoked" in capsys.readouterr().out
    assert token_authenticate(raw) is None


def test_token_revoke_by_id_makes_the_token_fail(alice):
    token, raw = token_create(owner=alice, name="laptop")
    assert cli.main(["token", "revoke", "alice@example.org", str(token.pk)]) == 0
    assert token_authenticate(raw) is None


def test_token_revoke_dry_run_keeps_the_token(alice):
    token, raw = token_create(owner=alice, name="laptop")
    assert cli.main(["token", "revoke", "alice@example.org", str(token.pk), "--dry-run"]) == 0
    assert token_authenticate(raw) == alice


def test_token_revoke_cannot_reach_another_users_token(capsys, alice, bob):
    token, raw = token_create(owner=bob, name="bob's laptop")
    assert cli.main(["token", "revoke", "alice@example.org", str(token.pk)]) == 1
    assert cli.main(["token", "revoke", "alice@example.org", raw[:10]]) == 1
    assert "has no token" in capsys.readouterr().err
    assert token_authenticate(raw) == bob


def test_token_list_shows_names_and_prefixes_but_never_the_token(capsys, alice, bob):
    _, raw = token_create(owner=alice, name="laptop")
    token_create(owner=bob, name="bob's phone")
    assert cli.main(["token", "list", "alice@example.org"]) == 0
    out = capsys.readouterr().out
    assert "laptop" in out
    assert raw[:10] in out
    assert raw not in out
    assert "bob's phone" not in out


def test_token_commands_for_an_unknown_account_fail_with_a_message(capsys):
    assert cli.main(["token", "create", "nobody@example.org"]) == 1
    assert "no account for nobody@example.org" in capsys.readouterr().err


def test_demo_prints_how_to_log_in_and_refuses_to_run_twice(capsys, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert cli.main(["demo", "--password", PASSWORD]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/accounts/login/" in out
    assert DEMO_EMAIL in out
    assert PASSWORD in out
    user = User.objects.get(email=DEMO_EMAIL)
    assert user.check_password(PASSWORD)
    assert Contact.objects.filter(owner=user).count() == 151

    assert cli.main(["demo"]) == 1
    assert "--reset" in capsys.readouterr().err

    assert cli.main(["demo", "--reset"]) == 0
    generated = capsys.readouterr().out.split("Password:")[1].strip()
    assert User.objects.get(email=DEMO_EMAIL).check_password(generated)
    assert not User.objects.filter(pk=user.pk).exists()


def test_demo_for_another_address(capsys):
    assert cli.main(["demo", "--user", "trial@example.org", "--password", PASSWORD]) == 0
    assert "trial@example.org" in capsys.readouterr().out
    assert Contact.objects.filter(owner__email="trial@example.org").count() == 151


def test_serve_collects_static_files_and_runs_gunicorn(monkeypatch, settings, tmp_path, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(argv))
    assert cli.main(["serve", "--port", "8123"]) == 0
    (argv,) = calls
    assert argv[1:4] == ["-m", "gunicorn", "curbside.wsgi:application"]
    options = dict(zip(argv[4::2], argv[5::2], strict=True))
    assert options["--bind"] == "127.0.0.1:8123"
    assert options["--workers"] == "2"
    assert options["--worker-class"] == "gthread"
    assert (tmp_path / "static" / "curbside" / "curbside.css").exists()
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_serve_takes_its_port_from_the_environment(monkeypatch, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(argv))
    monkeypatch.setenv("PORT", "8765")
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 0  # noqa: S104  # what the flag is for
    assert "0.0.0.0:8765" in calls[0]


def test_serve_refuses_a_port_that_is_not_a_number(monkeypatch, capsys):
    monkeypatch.setenv("PORT", "eighty")
    assert cli.main(["serve"]) == 1
    assert "PORT must be a port number" in capsys.readouterr().err


def test_manage_passes_its_arguments_to_django(capsys):
    assert cli.main(["manage", "showmigrations", "accounts"]) == 0
    assert "[X] 0001_initial" in capsys.readouterr().out


def run_curbside(
    data_dir: Path, *arguments: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURBSIDE_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # a fresh SQLite database, whichever database the suite uses
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = Path(sys.executable).parent / "curbside"
    return subprocess.run(
        [str(script), *arguments], input=stdin, capture_output=True, text=True, env=env, check=False
    )


def test_the_console_script_migrates_a_fresh_data_directory(tmp_path):
    created = run_curbside(
        tmp_path, "createuser", "fresh@example.org", "--password-stdin", stdin=f"{PASSWORD}\n"
    )
    assert created.returncode == 0, created.stderr
    token = run_curbside(tmp_path, "token", "create", "fresh@example.org")
    assert token.returncode == 0, token.stderr
    assert last_line(token.stdout).startswith("cbs_")
    with sqlite3.connect(tmp_path / "curbside.sqlite3") as database:
        emails = database.execute("SELECT email FROM accounts_user").fetchall()
        n_migrations = database.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    assert emails == [("fresh@example.org",)]
    assert n_migrations > 10
    assert (tmp_path / "secret_key").exists()
