"""The preview: every record checked (with its file and line), matched, and nothing written."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from curbside.network.models import Contact, ContactEmail
from curbside.network.services import affiliation_create, contact_create, organization_create
from curbside.portability import services
from curbside.portability.models import ImportBatch
from curbside.portability.services import MappingNeededError

from .import_samples import card, linkedin, vcf

pytestmark = pytest.mark.django_db


def preview(owner, *files, mapping=None) -> ImportBatch:
    return services.import_preview(owner=owner, files=list(files), mapping=mapping)


def rows_by_name(batch: ImportBatch) -> dict[str, dict[str, Any]]:
    return {row["values"].get("full_name", ""): row for row in batch.rows}


def test_a_preview_writes_no_contact_and_keeps_the_rows(alice):
    n_before = Contact.objects.count()
    batch = preview(
        alice,
        (
            "phone.vcf",
            vcf(
                card(
                    "Jane Roe, MD",
                    emails=["jane@denverhealth.org"],
                    org="Denver Health",
                    title="Chair",
                )
            ),
        ),
    )
    assert Contact.objects.count() == n_before
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert batch.file_names == ["phone.vcf"]
    assert batch.formats == ["vcard"]
    [row] = batch.rows
    assert row["action"] == "create"
    assert row["file"] == "phone.vcf"
    assert row["line"] == 1
    assert row["values"]["full_name"] == "Jane Roe"
    assert row["values"]["credentials"] == "MD"
    assert row["values"]["emails"] == ["jane@denverhealth.org"]
    assert row["values"]["organization"] == "Denver Health"
    assert row["values"]["role"] == "Chair"
    assert (batch.n_create, batch.n_update, batch.n_skip, batch.n_error) == (1, 0, 0, 0)


def test_an_invalid_email_or_phone_is_a_problem_of_its_row_with_its_line(alice):
    data = vcf(
        card("Good Person", emails=["good@example.org"]),
        card("Bad Email", emails=["not-an-address"]),
        card("Bad Phone", phones=["12"]),
    )
    batch = preview(alice, ("cards.vcf", data))
    rows = rows_by_name(batch)
    assert rows["Good Person"]["action"] == "create"
    assert rows["Bad Email"]["action"] == "error"
    assert rows["Bad Email"]["line"] == 6
    assert "'not-an-address' is not a valid email address" in rows["Bad Email"]["problems"][0]
    assert rows["Bad Phone"]["action"] == "error"
    assert rows["Bad Phone"]["line"] == 11
    assert rows["Bad Phone"]["problems"] == ["'12' is not a possible phone number."]
    assert batch.n_error == 2


def test_a_record_without_a_name_is_a_problem(alice):
    batch = preview(alice, ("c.vcf", vcf(card("", emails=["someone@example.org"]))))
    [row] = batch.rows
    assert row["action"] == "error"
    assert "This contact has no name." in row["problems"]


def test_a_name_too_long_for_a_contact_is_a_problem_not_a_crash_at_commit(alice):
    batch = preview(alice, ("c.vcf", vcf(card("Jane " + "x" * 250, emails=["j@example.org"]))))
    assert batch.rows[0]["action"] == "error"
    assert any("longer than" in problem for problem in batch.rows[0]["problems"])


def test_a_file_over_the_size_limit_is_refused_naming_the_file_and_the_limit(alice, settings):
    settings.CURBSIDE_IMPORT_MAX_BYTES = 1024
    big = vcf(*(card(f"Person {i}", emails=[f"p{i}@example.org"]) for i in range(40)))
    with pytest.raises(ValidationError) as caught:
        preview(alice, ("big.vcf", big))
    assert caught.value.messages == [
        f"big.vcf is too large to import ({len(big) / 1024:.1f} KB; the limit is 1 KB a file, "
        "set by CURBSIDE_IMPORT_MAX_BYTES). Split it into smaller files."
    ]
    assert not ImportBatch.objects.exists()


def test_a_file_that_cannot_be_read_refuses_the_upload_naming_the_file(alice):
    good = ("good.vcf", vcf(card("Jane Roe", emails=["jane@example.org"])))
    with pytest.raises(ValidationError) as caught:
        preview(alice, good, ("photo.vcf", b"\x89PNG\r\n\x1a\n" + bytes(200)))
    [message] = caught.value.messages
    assert message.startswith("photo.vcf does not look like a contacts file")
    assert "image" in message
    assert not ImportBatch.objects.exists()


def test_a_csv_with_unknown_columns_asks_for_a_mapping_with_its_headers(alice):
    data = b"Who,Mail,Hospital\nJane Roe,jane@example.org,Denver Health\n"
    with pytest.raises(ValidationError) as caught:
        preview(alice, ("people.csv", data))
    [needed] = [e for e in caught.value.error_list if isinstance(e, MappingNeededError)]
    assert needed.file_name == "people.csv"
    assert needed.headers == ["Who", "Mail", "Hospital"]
    assert "column mapping is needed" in needed.messages[0]


def test_a_mapped_csv_is_read_with_the_columns_the_user_named(alice):
    data = b"Who,Mail,Hospital\nJane Roe,jane@example.org,Denver Health\n"
    mapping = {"full_name": "Who", "emails": "Mail", "organization": "Hospital"}
    batch = preview(alice, ("people.csv", data), mapping=mapping)
    assert batch.formats == ["csv"]
    [row] = batch.rows
    assert row["line"] == 2
    assert row["values"]["emails"] == ["jane@example.org"]
    assert row["values"]["organization"] == "Denver Health"


def test_a_match_by_email_beats_a_match_by_name(alice):
    by_email = contact_create(owner=alice, name="J. Roe", emails=["jane@example.org"])
    by_name = contact_create(owner=alice, name="Jane Roe")
    batch = preview(alice, ("c.vcf", vcf(card("Jane Roe", emails=["jane@example.org"]))))
    [row] = batch.rows
    assert row["contact"] == by_email.pk
    assert row["matched_by"] == "email"
    assert row["contact"] != by_name.pk
    assert row["action"] == "skip"


def test_a_match_by_name_needs_the_same_organization(alice):
    jane = contact_create(owner=alice, name="Jane Roe")
    affiliation_create(
        owner=alice,
        contact=jane,
        organization=organization_create(owner=alice, name="Denver Health"),
        kind="employment",
    )
    batch = preview(
        alice,
        ("c.vcf", vcf(card("Jane Roe", org="DENVER HEALTH"), card("Jane Roe", org="Mayo Clinic"))),
    )
    same, other = batch.rows
    assert same["contact"] == jane.pk
    assert same["matched_by"] == "name"
    assert other["action"] == "create"
    assert other["duplicates"][0]["contact"] == jane.pk


def test_a_near_duplicate_is_offered_not_merged(alice):
    katherine = contact_create(owner=alice, name="Katherine Johnson", emails=["kj@nasa.gov"])
    batch = preview(alice, ("c.vcf", vcf(card("Katharine Johnson", emails=["k@example.org"]))))
    [row] = batch.rows
    assert row["action"] == "create"
    assert "contact" not in row
    [offer] = row["duplicates"]
    assert offer["contact"] == katherine.pk
    assert offer["name"] == "Katherine Johnson"
    assert offer["score"] >= 90
    assert batch.n_possible_duplicates == 1


def test_a_different_name_is_not_offered_as_a_duplicate(alice):
    contact_create(owner=alice, name="Katherine Johnson")
    batch = preview(alice, ("c.vcf", vcf(card("Kevin Jones"), card("Mary Johnson"))))
    assert all("duplicates" not in row for row in batch.rows)


def test_the_same_person_twice_in_one_file_is_created_once(alice):
    data = vcf(
        card("Jane Roe", emails=["jane@example.org"]),
        card("Jane Roe", emails=["jane@example.org"], phones=["+1 303 555 0100"]),
        card("Jane Roe", emails=["JANE@example.org"]),
    )
    batch = preview(alice, ("c.vcf", data))
    first, second, third = batch.rows
    assert first["action"] == "create"
    assert (second["action"], second["same_as"], second["adds"]) == ("update", 0, ["1 phone"])
    assert (third["action"], third["same_as"]) == ("skip", 0)
    assert batch.n_create == 1


def test_the_same_person_in_a_vcard_and_a_linkedin_file_is_one_person(alice):
    phone = vcf(card("Maya Patel", emails=["maya@denverheart.org"], org="Denver Heart"))
    connections = linkedin(
        [
            (
                "Maya",
                "Patel MD",
                "",
                "maya@denverheart.org",
                "Denver Heart",
                "Cardiologist",
                "14 Mar 2023",
            )
        ]
    )
    batch = preview(alice, ("phone.vcf", phone), ("Connections.csv", connections))
    assert batch.formats == ["vcard", "linkedin"]
    from_vcard, from_linkedin = batch.rows
    assert from_vcard["action"] == "create"
    assert from_linkedin["action"] == "update"
    assert from_linkedin["same_as"] == 0
    assert "connected on LinkedIn 2023-03-14" in from_linkedin["adds"]


def test_an_archive_is_imported_on_its_own(alice):
    archive = b'{"format": "curbside-archive", "version": 1}'
    with pytest.raises(ValidationError) as caught:
        preview(alice, ("a.json", archive), ("c.vcf", vcf(card("Jane Roe"))))
    assert caught.value.messages == [
        "A Curbside archive is imported on its own: upload it without other files."
    ]


def test_no_files_is_refused(alice):
    with pytest.raises(ValidationError, match="Choose at least one file"):
        preview(alice)


def test_matching_never_looks_at_another_users_contacts(alice, bob):
    contact_create(owner=bob, name="Jane Roe", emails=["jane@example.org"])
    batch = preview(alice, ("c.vcf", vcf(card("Jane Roe", emails=["jane@example.org"]))))
    [row] = batch.rows
    assert row["action"] == "create"
    assert "duplicates" not in row
    assert ContactEmail.objects.filter(email="jane@example.org").count() == 1


def test_close_names_in_one_linkedin_export_are_different_people(alice):
    # LinkedIn lists each connection once: Lena and Lana Patel are two people.
    connections = linkedin(
        [
            ("Lena", "Patel", "", "", "Denver Heart", "Cardiologist", "14 Mar 2023"),
            ("Lana", "Patel", "", "", "Mayo Clinic", "Nurse", "15 Mar 2023"),
        ]
    )
    batch = preview(alice, ("Connections.csv", connections))
    assert [row["action"] for row in batch.rows] == ["create", "create"]
    assert all("duplicates" not in row for row in batch.rows)


def test_a_linkedin_connection_close_to_someone_known_is_offered(alice):
    known = contact_create(owner=alice, name="Lena Patel")
    connections = linkedin([("Lana", "Patel", "", "", "Mayo Clinic", "Nurse", "15 Mar 2023")])
    phone = vcf(card("Lana Patell", emails=["lana@example.org"]))
    batch = preview(alice, ("phone.vcf", phone), ("Connections.csv", connections))
    _, from_linkedin = batch.rows
    # Both the known contact and the phone's card (another file) are offered.
    offered = {(d["contact"], d["same_as"]) for d in from_linkedin["duplicates"]}
    assert offered == {(known.pk, None), (None, 0)}
