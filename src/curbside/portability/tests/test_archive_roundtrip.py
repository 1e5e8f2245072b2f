"""The JSON archive: complete, restorable into an empty account, the same after a round trip."""

import base64
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from curbside.accounts.services import user_create
from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import Contact, ContactEmail, Organization, Tag, Tie
from curbside.network.tests.factories import OrganizationFactory
from curbside.portability.archive import archive_build, archive_restore, archive_summary
from curbside.portability.records import ImportFileError

from .archive_network import VALID_NPI, add_network, build_network, png_bytes

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)


@pytest.fixture
def network(alice):
    with time_machine.travel(NOW):
        return build_network(alice)


@pytest.fixture
def carol(alice):
    """A new, empty account: only her own profile."""
    return user_create(email="carol@example.org", password="correct horse battery", name="Carol")


def comparable(archive: dict[str, Any]) -> dict[str, Any]:
    """The archive without what may differ between accounts: the time and the login email."""
    data: dict[str, Any] = json.loads(json.dumps(archive))
    del data["exported_at"]
    del data["owner"]["email"]
    return data


def contact_named(archive: dict[str, Any], full_name: str) -> dict[str, Any]:
    return next(c for c in archive["contacts"] if c["full_name"] == full_name)


def test_the_archive_holds_every_record_with_archive_ids_and_references(alice, network):
    archive = archive_build(alice)

    assert archive["format"] == "curbside-archive"
    assert archive["version"] == 2
    assert archive["owner"] == {
        "email": "alice@example.org",
        "name": "Alice Adams",
        "time_zone": "America/New_York",
    }
    assert [c["id"] for c in archive["contacts"]] == list(range(1, 7))
    me = archive["contacts"][0]
    assert me["is_self"] is True
    assert me["full_name"] == "Alice Adams"
    assert [e["email"] for e in me["emails"]] == [
        "alice@example.org",
        "alice.personal@example.com",
    ]
    maya = contact_named(archive, "Maya Ann Patel Jr.")
    zed = contact_named(archive, "Zed Zulu")
    aaron = contact_named(archive, "Aaron Able")
    assert maya["honorific"] == "Dr."
    assert (maya["first_name"], maya["middle_name"], maya["last_name"]) == ("Maya", "Ann", "Patel")
    assert maya["suffix"] == "Jr."
    assert maya["credentials"] == "MD, FACS"
    assert maya["npi"] == VALID_NPI
    assert maya["introduced_by"] == zed["id"]
    assert aaron["introduced_by"] == zed["id"] > aaron["id"]  # a forward reference
    assert maya["emails"][0] == {
        "email": "maya.patel@example.org",
        "label": "",
        "is_primary": True,
    }
    assert [p["number"] for p in maya["phones"]] == ["+13035550199", "+442079460958"]
    assert maya["tags"] == ["conference, 2026", "mentor"]
    assert maya["cadence_days"] == 90
    assert maya["last_interaction_on"] == "2026-11-20"
    assert aaron["next_touch_on"] == "2027-01-15"  # snoozed by hand, not recomputed
    assert base64.b64decode(maya["photo"]["data"]) == png_bytes()
    assert maya["photo"]["media_type"] == "image/png"
    assert zed["photo"] is None
    assert datetime.fromisoformat(maya["created_at"]).tzinfo is not None

    assert [t["name"] for t in archive["tags"]] == [
        "conference, 2026",
        "me",
        "mentor",
        "unused tag",
    ]
    assert [o["name"] for o in archive["organizations"]] == [
        "alpine heart group",
        "Rocky Mountain Medical School",
        "University Hospital",
    ]
    hospital = archive["organizations"][2]
    chief = next(a for a in archive["affiliations"] if a["role"] == "Chief of Cardiology")
    assert chief["contact"] == maya["id"]
    assert chief["organization"] == hospital["id"]
    assert chief["is_decision_maker"] is True
    assert chief["kind"] == "employment"
    ties = {(t["person_a"], t["person_b"]): t for t in archive["ties"]}
    assert ties[(maya["id"], zed["id"])]["strength"] == 5
    assert ties[(maya["id"], zed["id"])]["context"] == "co-fellows 2010–12"
    assert ties[(1, maya["id"])]["strength"] == 4  # a tie with oneself's profile
    assert all(a < b for a, b in ties)
    meeting = next(i for i in archive["interactions"] if i["kind"] == "meeting")
    assert meeting["contacts"] == sorted([maya["id"], zed["id"]])
    assert meeting["sentiment"] == "positive"
    assert meeting["happened_on"] == "2026-11-20"
    statuses = {(f["contact"], f["status"]): f for f in archive["follow_ups"]}
    assert set(statuses) == {
        (maya["id"], "done"),
        (zed["id"], "snoozed"),
        (aaron["id"], "dismissed"),
        (contact_named(archive, "Sam Lee")["id"], "open"),
    }
    assert statuses[(maya["id"], "done")]["interaction"] == meeting["id"]
    assert statuses[(maya["id"], "done")]["completed_at"] is not None
    assert statuses[(zed["id"], "snoozed")]["due_on"] == "2026-12-01"
    assert statuses[(aaron["id"], "dismissed")]["interaction"] is None
    json.dumps(archive)  # nothing but JSON types


def test_an_archive_restored_into_an_empty_account_exports_the_same_archive(alice, network, carol):
    original = archive_build(alice)

    created = archive_restore(owner=carol, data=json.loads(json.dumps(original)))

    assert created == {
        "contacts": 5,
        "organizations": 3,
        "affiliations": 4,
        "ties": 4,
        "interactions": 3,
        "follow_ups": 4,
        "tags": 4,
        "opportunities": 0,
        "saved_searches": 0,
    }
    restored = archive_build(carol)
    assert comparable(restored) == comparable(original)
    assert restored["owner"]["email"] == "carol@example.org"
    # The restored rows are carol's own, and alice's are untouched.
    maya = Contact.objects.get(owner=carol, last_name="Patel")
    assert maya.introduced_by is not None
    assert maya.introduced_by.owner_id == carol.pk
    assert maya.introduced_by.last_name == "Zulu"
    assert maya.photo.read() == png_bytes()
    assert maya.photo.name != network.maya.photo.name
    assert Contact.objects.filter(owner=carol).count() == 6
    assert Contact.objects.filter(owner=carol, is_self=True).get().full_name == "Alice Adams"
    assert Contact.objects.filter(owner=alice).count() == 6
    assert comparable(archive_build(alice)) == comparable(original)


def test_a_restore_survives_a_second_round_trip(alice, network, carol):
    archive_restore(owner=carol, data=archive_build(alice))
    dave = user_create(email="dave@example.org", password="correct horse battery")
    archive_restore(owner=dave, data=archive_build(carol))
    assert comparable(archive_build(dave)) == comparable(archive_build(alice))


def test_the_restored_network_works_like_one_built_by_hand(alice, network, carol):
    archive_restore(owner=carol, data=archive_build(alice))
    me = Contact.objects.get(owner=carol, is_self=True)
    maya = Contact.objects.get(owner=carol, last_name="Patel")
    assert Tie.objects.get(owner=carol, person_a=me, person_b=maya).strength == 4
    assert set(maya.tags.values_list("name", flat=True)) == {"mentor", "conference, 2026"}
    assert set(Tag.objects.filter(owner=carol).values_list("owner", flat=True)) == {carol.pk}
    meeting = Interaction.objects.get(owner=carol, kind=Interaction.Kind.MEETING)
    assert set(meeting.contacts.values_list("last_name", flat=True)) == {"Patel", "Zulu"}
    thanks = FollowUp.objects.get(owner=carol, contact=maya)
    assert thanks.interaction == meeting
    assert thanks.status == FollowUp.Status.DONE
    assert maya.created_at == network.maya.created_at
    carol.refresh_from_db()
    assert carol.get_full_name() == "Alice Adams"


def test_restoring_into_an_account_with_contacts_is_refused_and_writes_nothing(alice, network, bob):
    archive = archive_build(alice)
    before = {
        "contacts": Contact.objects.filter(owner=bob).count(),
        "emails": list(ContactEmail.objects.filter(owner=bob).values_list("email", flat=True)),
        "tags": Tag.objects.filter(owner=bob).count(),
        "organizations": Organization.objects.filter(owner=bob).count(),
        "name": bob.get_full_name(),
    }

    with pytest.raises(ValidationError, match="Restore into an empty account"):
        archive_restore(owner=bob, data=archive)

    bob.refresh_from_db()
    assert before == {
        "contacts": Contact.objects.filter(owner=bob).count(),
        "emails": list(ContactEmail.objects.filter(owner=bob).values_list("email", flat=True)),
        "tags": Tag.objects.filter(owner=bob).count(),
        "organizations": Organization.objects.filter(owner=bob).count(),
        "name": bob.get_full_name(),
    }


def test_restoring_into_an_account_with_only_an_organization_is_refused(alice, network, carol):
    OrganizationFactory(owner=carol)
    with pytest.raises(ValidationError, match="1 organization"):
        archive_restore(owner=carol, data=archive_build(alice))
    assert Tie.objects.filter(owner=carol).count() == 0


def test_a_malformed_archive_restores_nothing(alice, network, carol, settings):
    archive = archive_build(alice)
    archive["follow_ups"][-1]["contact"] = 99  # found only after the photo was read

    with pytest.raises(ImportFileError, match=r"follow_ups\[3\] refers to contact 99"):
        archive_restore(owner=carol, data=archive)

    assert Contact.objects.filter(owner=carol).count() == 1
    assert Organization.objects.filter(owner=carol).count() == 0
    carol.refresh_from_db()
    assert carol.get_full_name() == "Carol"
    photos = [path.name for path in (settings.MEDIA_ROOT / "photos").iterdir()]
    assert photos == [Path(network.maya.photo.name).name]  # only alice's


def test_a_restore_that_fails_midway_leaves_no_rows_and_no_photo_files(
    alice, network, carol, settings, monkeypatch
):
    archive = archive_build(alice)

    def fail(*args, **kwargs):
        raise IntegrityError("the disk is full")

    # Fails after the contacts (and the photo) were written.
    monkeypatch.setattr(FollowUp.objects, "bulk_create", fail)
    with pytest.raises(IntegrityError):
        archive_restore(owner=carol, data=archive)

    assert Contact.objects.filter(owner=carol).count() == 1
    assert Interaction.objects.filter(owner=carol).count() == 0
    carol.refresh_from_db()
    assert carol.get_full_name() == "Carol"
    photos = [path.name for path in (settings.MEDIA_ROOT / "photos").iterdir()]
    assert photos == [Path(network.maya.photo.name).name]


def test_the_summary_counts_what_a_restore_creates(alice, network):
    assert archive_summary(archive_build(alice)) == {
        "contacts": 5,
        "organizations": 3,
        "affiliations": 4,
        "ties": 4,
        "interactions": 3,
        "follow_ups": 4,
        "tags": 4,
        "opportunities": 0,
        "saved_searches": 0,
    }


def test_an_empty_account_archives_and_restores_its_own_profile(alice, carol):
    archive = archive_build(alice)
    assert [c["is_self"] for c in archive["contacts"]] == [True]
    assert archive_summary(archive)["contacts"] == 0
    archive_restore(owner=carol, data=archive)
    assert comparable(archive_build(carol)) == comparable(archive)


def test_building_the_archive_takes_the_same_queries_for_2_and_50_contacts(
    alice, django_assert_num_queries
):
    for n in (2, 48):
        add_network(alice, n)
        # contacts, emails, phones, tags, contact tags, organizations, affiliations, ties,
        # interactions, interaction contacts, follow-ups; opportunities (with their listings),
        # their people, stage changes, documents, recipients, preferences, saved searches
        with django_assert_num_queries(18):
            archive = archive_build(alice)
    assert len(archive["contacts"]) == 51  # 50 and the owner's own profile
    assert len(archive["follow_ups"]) == 50


def test_the_archive_leaves_out_a_photo_whose_file_is_missing(alice, network):
    network.maya.photo.storage.delete(network.maya.photo.name)
    assert contact_named(archive_build(alice), "Maya Ann Patel Jr.")["photo"] is None


def test_dates_are_iso_8601_and_times_are_utc(alice, network):
    archive = archive_build(alice)
    maya = contact_named(archive, "Maya Ann Patel Jr.")
    assert date.fromisoformat(maya["last_interaction_on"]) == date(2026, 11, 20)
    assert maya["created_at"].endswith("+00:00")
    assert archive["exported_at"].endswith("+00:00")
