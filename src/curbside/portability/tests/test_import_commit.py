"""Committing an import: all rows or none, no duplicates on a re-import, nothing overwritten."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tag,
)
from curbside.network.services import contact_create
from curbside.portability import services
from curbside.portability.models import ImportBatch

from .import_samples import card, linkedin, vcf

pytestmark = pytest.mark.django_db

PHONE_BOOK = vcf(
    card(
        "Dr. Jane Roe, MD",
        n="Roe;Jane;;Dr.;MD",
        emails=["jane@denverhealth.org", "jane.roe@gmail.com"],
        phones=["(303) 555-0100"],
        org="Denver Health",
        title="Chair of Medicine",
        city="Denver",
        note="Met at ACP 2024",
        categories=["mentor", "Denver"],
    ),
    card("Sam Rivera", emails=["sam@example.org"], org="Mayo Clinic", categories=["mentor"]),
    card("Lee Chen", phones=["+44 20 7946 0958"]),
)
CONNECTIONS = linkedin(
    [
        (
            "Maya",
            "Patel MD, FACC",
            "https://www.linkedin.com/in/mpatel",
            "",
            "Denver Heart",
            "Cardiologist",
            "14 Mar 2023",
        ),
        ("Omar", "Haddad", "", "omar@example.org", "Mayo Clinic", "Recruiter", "02 Jan 2024"),
    ]
)
FILES = [("phone.vcf", PHONE_BOOK), ("Connections.csv", CONNECTIONS)]


def run(owner, files=FILES, **options) -> ImportBatch:
    batch = services.import_preview(owner=owner, files=files)
    return services.import_commit(owner=owner, batch=batch, **options)


def table_sizes(owner) -> dict[str, int]:
    return {
        "contacts": Contact.objects.filter(owner=owner).count(),
        "emails": ContactEmail.objects.filter(owner=owner).count(),
        "phones": ContactPhone.objects.filter(owner=owner).count(),
        "organizations": Organization.objects.filter(owner=owner).count(),
        "affiliations": Affiliation.objects.filter(owner=owner).count(),
        "tags": Tag.objects.filter(owner=owner).count(),
        "tagged": Contact.tags.through.objects.filter(contact__owner=owner).count(),
        "interactions": Interaction.objects.filter(owner=owner).count(),
        "follow_ups": FollowUp.objects.filter(owner=owner).count(),
    }


def test_a_commit_creates_the_contacts_with_everything_the_files_hold(alice):
    batch = run(alice)
    assert batch.status == ImportBatch.Status.COMMITTED
    assert batch.committed_at is not None
    jane = Contact.objects.get(owner=alice, last_name="Roe")
    assert (jane.full_name, jane.honorific, jane.first_name, jane.credentials) == (
        "Jane Roe",
        "Dr.",
        "Jane",
        "MD",
    )
    assert jane.city == "Denver"
    assert "Met at ACP 2024" in jane.notes
    assert list(jane.emails.values_list("email", "is_primary")) == [
        ("jane@denverhealth.org", True),
        ("jane.roe@gmail.com", False),
    ]
    assert list(jane.phones.values_list("number", "is_primary")) == [("+13035550100", True)]
    assert sorted(jane.tags.values_list("name", flat=True)) == ["Denver", "mentor"]
    job = jane.affiliations.get()
    assert (job.organization.name, job.kind, job.role, job.end_year) == (
        "Denver Health",
        "employment",
        "Chair of Medicine",
        None,
    )
    lee = Contact.objects.get(owner=alice, full_name="Lee Chen")
    assert list(lee.phones.values_list("number", flat=True)) == ["+442079460958"]
    # Both files' "mentor" tag and "Mayo Clinic" are one row each.
    assert Tag.objects.filter(owner=alice, name="mentor").count() == 1
    assert Organization.objects.filter(owner=alice, name="Mayo Clinic").count() == 1
    assert sorted(batch.report["created"]) == sorted(
        Contact.objects.filter(owner=alice, is_self=False).values_list("pk", flat=True)
    )


def test_a_linkedin_connection_date_becomes_a_note_without_a_thank_you(alice):
    run(alice)
    maya = Contact.objects.get(owner=alice, last_name="Patel")
    assert maya.credentials == "MD, FACC"
    interaction = Interaction.objects.get(owner=alice, contacts=maya)
    assert interaction.kind == Interaction.Kind.NOTE
    assert interaction.happened_on == datetime.date(2023, 3, 14)
    assert interaction.summary == "Connected on LinkedIn"
    assert maya.last_interaction_on == datetime.date(2023, 3, 14)
    assert not FollowUp.objects.filter(owner=alice).exists()


def test_reimporting_the_same_files_creates_nothing(alice):
    run(alice)
    before = table_sizes(alice)
    again = run(alice)
    assert table_sizes(alice) == before
    assert (again.n_create, again.n_update, again.n_skip) == (0, 0, 5)
    assert again.report["created"] == []
    assert again.report["updated"] == []


def test_an_update_fills_empty_fields_and_adds_new_details_without_overwriting(alice):
    jane = contact_create(
        owner=alice,
        name="Jane Roe",
        emails=["jane@denverhealth.org"],
        credentials="DO",
        notes="Typed by me",
        city="Boulder",
    )
    updated_before = jane.updated_at
    run(alice)
    jane.refresh_from_db()
    assert Contact.objects.filter(owner=alice, last_name="Roe").count() == 1
    assert jane.full_name == "Jane Roe"
    assert jane.credentials == "DO"  # what the user typed stays
    assert jane.city == "Boulder"
    assert jane.notes.startswith("Typed by me")
    assert "Met at ACP 2024" in jane.notes
    assert sorted(jane.emails.values_list("email", flat=True)) == [
        "jane.roe@gmail.com",
        "jane@denverhealth.org",
    ]
    assert jane.emails.get(is_primary=True).email == "jane@denverhealth.org"
    assert list(jane.phones.values_list("number", flat=True)) == ["+13035550100"]
    assert jane.affiliations.get().organization.name == "Denver Health"
    assert jane.updated_at > updated_before


def test_a_connection_date_added_to_an_existing_contact_moves_their_last_interaction(alice):
    omar = contact_create(owner=alice, name="Omar Haddad", emails=["omar@example.org"])
    batch = run(alice)
    omar.refresh_from_db()
    assert omar.pk in batch.report["updated"]
    assert omar.last_interaction_on == datetime.date(2024, 1, 2)


def test_rows_with_problems_commit_nothing_unless_skipped(alice):
    files = [
        (
            "c.vcf",
            vcf(card("Good Person", emails=["good@example.org"]), card("Bad", emails=["nope"])),
        )
    ]
    batch = services.import_preview(owner=alice, files=files)
    before = table_sizes(alice)
    with pytest.raises(ValidationError) as caught:
        services.import_commit(owner=alice, batch=batch)
    assert caught.value.messages[0] == (
        "1 row has problems: fix the file, or choose to skip the rows with problems."
    )
    assert caught.value.messages[1].startswith("c.vcf:6: 'nope' is not a valid email address")
    assert table_sizes(alice) == before
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED

    batch = services.import_commit(owner=alice, batch=batch, skip_bad_rows=True)
    assert list(
        Contact.objects.filter(owner=alice, is_self=False).values_list("full_name", flat=True)
    ) == ["Good Person"]
    assert batch.skip_bad_rows
    assert batch.n_error == 1


def test_a_batch_is_committed_once(alice):
    batch = run(alice)
    before = table_sizes(alice)
    with pytest.raises(ValidationError, match="already committed"):
        services.import_commit(owner=alice, batch=batch)
    assert table_sizes(alice) == before


def test_a_discarded_batch_cannot_be_committed(alice):
    batch = services.import_preview(owner=alice, files=FILES)
    services.import_discard(owner=alice, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DISCARDED
    assert batch.rows == []
    with pytest.raises(ValidationError, match="discarded"):
        services.import_commit(owner=alice, batch=batch)
    assert Contact.objects.filter(owner=alice).count() == 1  # only alice herself


def test_a_committed_batch_cannot_be_discarded(alice):
    batch = run(alice)
    with pytest.raises(ValidationError):
        services.import_discard(owner=alice, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED


def test_the_commit_matches_against_the_network_as_it_is_then(alice):
    batch = services.import_preview(owner=alice, files=FILES)
    assert batch.n_create == 5
    contact_create(owner=alice, name="Sam Rivera", emails=["sam@example.org"])
    batch = services.import_commit(owner=alice, batch=batch)
    assert Contact.objects.filter(owner=alice, full_name="Sam Rivera").count() == 1
    assert batch.n_create == 4


def test_near_duplicates_are_created_and_offered_in_the_report_not_merged(alice):
    katherine = contact_create(owner=alice, name="Katherine Johnson", emails=["kj@nasa.gov"])
    batch = run(alice, files=[("c.vcf", vcf(card("Katharine Johnson", emails=["k@example.org"])))])
    new = Contact.objects.get(owner=alice, full_name="Katharine Johnson")
    assert batch.report["duplicates"] == [{"contact": new.pk, "candidates": [katherine.pk]}]
    assert list(katherine.emails.values_list("email", flat=True)) == ["kj@nasa.gov"]


def test_a_duplicate_within_the_import_is_offered_with_the_contact_created_for_it(alice):
    batch = run(
        alice,
        files=[
            (
                "c.vcf",
                vcf(card("Katherine Johnson", org="NASA"), card("Katharine Johnson", org="JPL")),
            )
        ],
    )
    first = Contact.objects.get(owner=alice, full_name="Katherine Johnson")
    second = Contact.objects.get(owner=alice, full_name="Katharine Johnson")
    assert batch.report["duplicates"] == [{"contact": second.pk, "candidates": [first.pk]}]


def test_an_import_never_touches_another_users_contacts(alice, bob):
    bobs_jane = contact_create(owner=bob, name="Jane Roe", emails=["jane@denverhealth.org"])
    bob_before = table_sizes(bob)
    batch = run(alice)
    assert table_sizes(bob) == bob_before
    bobs_jane.refresh_from_db()
    assert bobs_jane.city == ""
    assert list(bobs_jane.emails.values_list("email", flat=True)) == ["jane@denverhealth.org"]
    created = Contact.objects.filter(pk__in=batch.report["created"])
    assert {contact.owner_id for contact in created} == {alice.pk}
    assert not Organization.objects.filter(owner=bob, name="Denver Health").exists()


def test_another_users_batch_cannot_be_committed(alice, bob):
    batch = services.import_preview(owner=alice, files=FILES)
    with pytest.raises(ValidationError, match="Unknown import"):
        services.import_commit(owner=bob, batch=batch)
    with pytest.raises(ValidationError, match="Unknown import"):
        services.import_discard(owner=bob, batch=batch)
    assert table_sizes(bob)["contacts"] == 3  # bob, and the two of his own from the fixture
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def archive_of(owner) -> bytes:
    import json

    from curbside.portability.archive import archive_build

    return json.dumps(archive_build(owner)).encode()


def test_an_archive_restores_into_an_empty_account(alice):
    from curbside.accounts.services import user_create

    run(alice)
    carol = user_create(email="carol@example.org", password=None, name="Carol Chen")
    batch = services.import_preview(owner=carol, files=[("curbside.json", archive_of(alice))])
    assert batch.formats == ["archive"]
    assert batch.rows == []
    assert batch.archive_counts["contacts"] == 5
    batch = services.import_commit(owner=carol, batch=batch)
    assert batch.status == ImportBatch.Status.COMMITTED
    assert batch.report["restored"]["contacts"] == 5
    assert batch.archive is None
    sizes = table_sizes(carol)
    assert sizes == table_sizes(alice)


def test_an_archive_is_refused_by_an_account_that_has_contacts(alice, bob):
    run(alice)
    before = table_sizes(bob)
    batch = services.import_preview(owner=bob, files=[("curbside.json", archive_of(alice))])
    with pytest.raises(ValidationError):
        services.import_commit(owner=bob, batch=batch)
    assert table_sizes(bob) == before
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def test_an_invalid_archive_is_refused_at_preview(alice):
    data = b'{"format": "curbside-archive", "version": 99}'
    with pytest.raises(ValidationError) as caught:
        services.import_preview(owner=alice, files=[("old.json", data)])
    assert caught.value.messages[0].startswith("old.json: ")
    assert "newer than this Curbside understands" in caught.value.messages[0]
    assert not ImportBatch.objects.exists()


def test_the_same_person_twice_in_one_file_becomes_one_contact_with_both_details(alice):
    data = vcf(
        card("Jane Roe", emails=["jane@example.org"]),
        card("Jane Roe", emails=["jane@example.org"], phones=["+1 303 555 0100"]),
    )
    batch = run(alice, files=[("c.vcf", data)])
    jane = Contact.objects.get(owner=alice, full_name="Jane Roe")
    assert batch.report["created"] == [jane.pk]
    assert list(jane.emails.values_list("email", flat=True)) == ["jane@example.org"]
    assert list(jane.phones.values_list("number", flat=True)) == ["+13035550100"]


def test_an_empty_title_at_a_known_organization_is_filled_not_duplicated(alice):
    from curbside.network.services import affiliation_create, organization_create

    jane = contact_create(owner=alice, name="Jane Roe", emails=["jane@denverhealth.org"])
    job = affiliation_create(
        owner=alice,
        contact=jane,
        organization=organization_create(owner=alice, name="Denver Health"),
        kind="employment",
    )
    run(alice)
    job.refresh_from_db()
    assert job.role == "Chair of Medicine"
    assert jane.affiliations.count() == 1
    assert Organization.objects.filter(owner=alice, name="Denver Health").count() == 1
