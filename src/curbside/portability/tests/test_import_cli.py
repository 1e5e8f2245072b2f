"""`curbside import FILE… --user EMAIL [--dry-run] [--skip-bad-rows]`."""

import pytest

from curbside import cli
from curbside.network.models import Contact
from curbside.network.services import contact_create
from curbside.portability.models import ImportBatch

from .import_samples import card, linkedin, vcf

pytestmark = pytest.mark.django_db

GOOD = vcf(
    card("Jane Roe, MD", emails=["jane@denverhealth.org"], org="Denver Health"),
    card("Sam Rivera", phones=["303-555-0100"]),
)
BAD = vcf(card("Good Person", emails=["good@example.org"]), card("Bad Person", emails=["nope"]))


@pytest.fixture
def files(tmp_path):
    def write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def imported(owner) -> list[str]:
    return sorted(
        Contact.objects.filter(owner=owner, is_self=False).values_list("full_name", flat=True)
    )


def test_import_prints_the_preview_and_imports(files, alice, capsys):
    connections = linkedin(
        [("Maya", "Patel", "", "", "Denver Heart", "Cardiologist", "14 Mar 2023")]
    )
    status = cli.main(
        [
            "import",
            files("phone.vcf", GOOD),
            files("Connections.csv", connections),
            "--user",
            "alice@example.org",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert imported(alice) == ["Jane Roe", "Maya Patel", "Sam Rivera"]
    assert "phone.vcf" in out
    assert "LinkedIn Connections.csv" in out  # the format, recognised from the content
    assert "Imported: 3 new, 0 updated, 0 already there." in out


def test_import_with_problems_exits_1_names_each_problem_and_imports_nothing(files, alice, capsys):
    status = cli.main(["import", files("cards.vcf", BAD), "--user", "alice@example.org"])
    captured = capsys.readouterr()
    assert status == 1
    assert "cards.vcf:6: 'nope' is not a valid email address" in captured.out
    assert "1 row with problems: nothing was imported" in captured.err
    assert "--skip-bad-rows" in captured.err
    assert imported(alice) == []
    assert ImportBatch.objects.get(owner=alice).status == ImportBatch.Status.DISCARDED


def test_skip_bad_rows_imports_the_other_rows(files, alice, capsys):
    status = cli.main(
        ["import", files("cards.vcf", BAD), "--user", "alice@example.org", "--skip-bad-rows"]
    )
    assert status == 0
    assert imported(alice) == ["Good Person"]
    assert "1 new, 0 updated, 0 already there, 1 left out (problems)" in capsys.readouterr().out


def test_dry_run_prints_the_preview_and_writes_nothing(files, alice, capsys):
    status = cli.main(
        ["import", files("phone.vcf", GOOD), "--user", "alice@example.org", "--dry-run"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "Dry run: nothing was imported." in out
    assert imported(alice) == []
    assert ImportBatch.objects.get(owner=alice).status == ImportBatch.Status.DISCARDED


def test_dry_run_of_a_file_with_problems_exits_0_and_lists_them(files, alice, capsys):
    status = cli.main(
        ["import", files("cards.vcf", BAD), "--user", "alice@example.org", "--dry-run"]
    )
    assert status == 0
    assert "cards.vcf:6:" in capsys.readouterr().out
    assert imported(alice) == []


def test_a_reimport_creates_nobody(files, alice, capsys):
    path = files("phone.vcf", GOOD)
    assert cli.main(["import", path, "--user", "alice@example.org"]) == 0
    assert cli.main(["import", path, "--user", "alice@example.org"]) == 0
    assert "Imported: 0 new, 0 updated, 2 already there." in capsys.readouterr().out
    assert imported(alice) == ["Jane Roe", "Sam Rivera"]


def test_a_possible_duplicate_is_named_in_the_preview(files, alice, capsys):
    contact_create(owner=alice, name="Katherine Johnson")
    path = files("c.vcf", vcf(card("Katharine Johnson")))
    assert cli.main(["import", path, "--user", "alice@example.org"]) == 0
    assert "c.vcf:1: Katharine Johnson may be the same person as Katherine Johnson" in (
        capsys.readouterr().out
    )


def test_an_unreadable_file_exits_1_with_its_name(files, alice, capsys):
    status = cli.main(
        ["import", files("photo.vcf", b"\xff\xd8\xff" + bytes(100)), "--user", "alice@example.org"]
    )
    assert status == 1
    assert "photo.vcf does not look like a contacts file" in capsys.readouterr().err
    assert not ImportBatch.objects.exists()


def test_a_missing_file_or_account_exits_1(files, alice, capsys, tmp_path):
    assert cli.main(["import", str(tmp_path / "none.vcf"), "--user", "alice@example.org"]) == 1
    assert "Cannot read" in capsys.readouterr().err
    assert cli.main(["import", files("phone.vcf", GOOD), "--user", "nobody@example.org"]) == 1
    assert "There is no account for nobody@example.org" in capsys.readouterr().err
    assert imported(alice) == []


def test_a_file_over_the_limit_exits_1_naming_it(files, alice, capsys, settings):
    settings.CURBSIDE_IMPORT_MAX_BYTES = 100
    assert cli.main(["import", files("phone.vcf", GOOD), "--user", "alice@example.org"]) == 1
    assert "phone.vcf is too large to import" in capsys.readouterr().err
    assert imported(alice) == []


def test_a_csv_of_your_own_layout_is_imported_with_map(files, alice):
    path = files("people.csv", b"Who,Mail\nJane Roe,jane@example.org\n")
    assert cli.main(["import", path, "--user", "alice@example.org"]) == 1
    status = cli.main(
        [
            "import",
            path,
            "--user",
            "alice@example.org",
            "--map",
            "full_name=Who",
            "--map",
            "emails=Mail",
        ]
    )
    assert status == 0
    assert imported(alice) == ["Jane Roe"]
