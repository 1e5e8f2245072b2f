"""`curbside export --user EMAIL --format json|vcf|csv [-o FILE]`."""

import json
from datetime import UTC, datetime

import pytest
import time_machine

from curbside import cli
from curbside.network.models import Contact
from curbside.portability.archive import archive_summary

from .archive_network import build_network
from .vcard_reading import read_vcards

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(alice):
    with time_machine.travel(datetime(2026, 11, 22, 14, 30, tzinfo=UTC)):
        return build_network(alice)


def names(owner) -> set[str]:
    contacts = Contact.objects.filter(owner=owner, is_self=False)
    return set(contacts.values_list("full_name", flat=True))


def test_the_archive_goes_to_standard_output_by_default(alice, network, bob, capsys):
    assert cli.main(["export", "--user", "alice@example.org", "--format", "json"]) == 0
    archive = json.loads(capsys.readouterr().out)
    assert archive["owner"]["email"] == "alice@example.org"
    assert archive_summary(archive)["contacts"] == 5
    assert {c["full_name"] for c in archive["contacts"] if not c["is_self"]} == names(alice)


def test_vcards_written_to_a_file_are_the_users_only(alice, network, bob, tmp_path, capsys):
    target = tmp_path / "network.vcf"
    status = cli.main(["export", "--user", "bob@example.org", "--format", "vcf", "-o", str(target)])
    assert status == 0
    cards = read_vcards(target.read_bytes().decode())
    assert {value for card in cards for name, _, value in card if name == "FN"} == names(bob)
    output = capsys.readouterr()
    assert output.out == ""
    assert f"Exported 2 contacts of bob@example.org to {target}" in output.err


def test_csv_keeps_its_byte_order_mark_and_crlf_in_a_file(alice, network, tmp_path):
    target = tmp_path / "network.csv"
    cli.main(["export", "--user", "alice@example.org", "--format", "csv", "--output", str(target)])
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfFull name,")
    assert data.count(b"\r\n") >= 6
    assert "Maya Ann Patel Jr." in data.decode("utf-8-sig")


def test_include_self_adds_the_users_own_row(alice, network, capsys):
    cli.main(["export", "--user", "alice@example.org", "--format", "csv", "--include-self"])
    assert "Alice Adams" in capsys.readouterr().out.splitlines()[1]


def test_an_unknown_user_is_an_error_with_exit_status_1(alice, capsys):
    assert cli.main(["export", "--user", "nobody@example.org", "--format", "json"]) == 1
    output = capsys.readouterr()
    assert "There is no account for nobody@example.org." in output.err
    assert output.out == ""


def test_an_unwritable_output_is_an_error_with_exit_status_1(alice, tmp_path, capsys):
    target = tmp_path / "missing-folder" / "network.json"
    status = cli.main(
        ["export", "--user", "alice@example.org", "--format", "json", "-o", str(target)]
    )
    assert status == 1
    assert f"Cannot write {target}: No such file or directory." in capsys.readouterr().err
    assert not target.exists()


def test_an_unknown_format_is_refused_before_anything_runs(alice, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["export", "--user", "alice@example.org", "--format", "pdf"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
