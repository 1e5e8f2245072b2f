"""archive_summary: an archive is checked through before anything is restored, and each
problem is named with where it is."""

import base64
import copy
import re

import pytest
import time_machine

from curbside.network.models import Contact
from curbside.portability.archive import archive_build, archive_summary
from curbside.portability.records import ImportFileError

from .archive_network import build_network, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(alice):
    with time_machine.travel("2026-11-22 14:30Z"):
        build_network(alice)
    built = archive_build(alice)
    # The order the tests below count on: self, then by last name.
    assert [c["last_name"] for c in built["contacts"]] == [
        "Adams",
        "Able",
        "Lee",
        "Lee",
        "Patel",
        "Zulu",
    ]
    return built


def set_in(path: str, value):
    """A change to the archive at `path` ("contacts.4.emails.0.email")."""

    def change(data):
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def delete(path: str):
    def change(data):
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        del target[last]

    return change


NOT_AN_IMAGE = base64.b64encode(b"GIF89a but not really").decode()

MALFORMED = [
    (set_in("format", "vcard"), "This is not a Curbside archive: \"format\" is 'vcard'"),
    (delete("format"), 'it has no "format": "curbside-archive"'),
    (set_in("version", 3), "version 3 is newer than this Curbside understands"),
    (set_in("version", "1"), "version must be a whole number from 1, not '1'"),
    (set_in("contacts", {"1": {}}), "contacts: must be a list"),
    (set_in("contacts.2", "Sam Lee"), r"contacts\[2\]: must be an object"),
    (set_in("contacts.3.id", 3), r"contacts\[3\].id: 3 is used by another record"),
    (set_in("contacts.1.id", 0), r"contacts\[1\].id: must be a whole number from 1"),
    (set_in("contacts.1.full_name", ""), r"contacts\[1\].full_name: This field cannot be blank"),
    (set_in("contacts.4.npi", "1234567890"), r"contacts\[4\].npi: 1234567890 is not a valid NPI"),
    (set_in("contacts.4.cadence_days", "90"), r"contacts\[4\].cadence_days: must be a whole num"),
    (set_in("contacts.4.cadence_days", 0), r"contacts\[4\].cadence_days: Ensure this value is"),
    (set_in("contacts.4.is_self", True), r"contacts\[4\]: only one contact can be your own"),
    (
        set_in("contacts.4.emails.0.email", "maya at example"),
        r"contacts\[4\]\.emails\[0\]: not a valid email address \('maya at example'\)",
    ),
    (
        set_in("contacts.4.emails.1.email", "MAYA.PATEL@example.org"),
        r"contacts\[4\]\.emails\[1\]: maya.patel@example.org is listed twice",
    ),
    (set_in("contacts.4.phones.0.number", 3035550199), r"contacts\[4\].phones\[0\].number: must"),
    (set_in("contacts.4.tags", ["mentor", "friends"]), r"the tag 'friends' is not in the archive"),
    (set_in("contacts.1.introduced_by", 99), r"contacts\[1\] refers to contact 99 which is not"),
    (set_in("contacts.1.introduced_by", "6"), r"contacts\[1\]\.introduced_by: must be the id of"),
    (
        set_in("contacts.4.last_interaction_on", "20 Nov 2026"),
        r"contacts\[4\].last_interaction_on: must be a date \(YYYY-MM-DD\)",
    ),
    (
        set_in("contacts.4.created_at", "2026-11-22T14:30:00"),
        r"contacts\[4\].created_at: must be a date and time with its time zone",
    ),
    (
        set_in("contacts.4.photo", {"media_type": "image/svg+xml", "data": ""}),
        r"contacts\[4\].photo.media_type: must be one of image/jpeg",
    ),
    (
        set_in("contacts.4.photo", {"media_type": "image/png", "data": "not base64!"}),
        r"contacts\[4\].photo.data: not valid base64",
    ),
    (
        set_in("contacts.4.photo", {"media_type": "image/gif", "data": NOT_AN_IMAGE}),
        r"contacts\[4\].photo: not a readable image",
    ),
    (
        set_in(
            "contacts.4.photo",
            {"media_type": "image/jpeg", "data": base64.b64encode(png_bytes()).decode()},
        ),
        r"contacts\[4\].photo: the data is a PNG image, not image/jpeg",
    ),
    (set_in("tags.0", {"name": ""}), r"tags\[0\]: a tag is a name of 1 to 60 characters"),
    (set_in("organizations.0.kind", "castle"), r"organizations\[0\].kind: Value 'castle' is not"),
    (set_in("organizations.1.name", None), r"organizations\[1\].name: is required"),
    (
        set_in("affiliations.0.organization", 7),
        r"affiliations\[0\] refers to organization 7 which is not in the archive",
    ),
    (set_in("affiliations.1.start_year", 2030), r"affiliations\[1\]: ends \(2008\) before it"),
    (set_in("ties.1.person_b", 99), r"ties\[1\] refers to contact 99 which is not in the archive"),
    (set_in("ties.1.person_b", 1), r"ties\[1\]: a person cannot have a tie with themselves"),
    (set_in("ties.1.strength", 9), r"ties\[1\].strength: Ensure this value is less than or equal"),
    (set_in("interactions.0.contacts", []), r"interactions\[0\].contacts: an interaction is with"),
    (
        set_in("interactions.0.contacts", [2, 42]),
        r"interactions\[0\].contacts\[1\] refers to contact 42 which is not in the archive",
    ),
    (set_in("interactions.0.happened_on", None), r"interactions\[0\].happened_on: is required"),
    (set_in("interactions.2.sentiment", "meh"), r"interactions\[2\].sentiment: Value 'meh'"),
    (
        set_in("follow_ups.0.interaction", 12),
        r"follow_ups\[0\] refers to interaction 12 which is not in the archive",
    ),
    (set_in("follow_ups.0.status", "later"), r"follow_ups\[0\].status: Value 'later' is not"),
    (set_in("follow_ups.0.note", "x" * 301), r"follow_ups\[0\].note: Ensure this value has at"),
]


@pytest.mark.parametrize(("change", "message"), MALFORMED)
def test_a_malformed_archive_is_refused_with_a_message_saying_where(archive, change, message):
    broken = copy.deepcopy(archive)
    change(broken)
    with pytest.raises(ImportFileError, match=message):
        archive_summary(broken)


def test_a_file_that_is_not_a_json_object_is_not_an_archive():
    with pytest.raises(ImportFileError, match=re.escape("the file is not a JSON object")):
        archive_summary([{"format": "curbside-archive"}])  # type: ignore[arg-type]


def test_the_summary_writes_nothing(archive, django_assert_num_queries):
    with django_assert_num_queries(0):
        summary = archive_summary(archive)
    assert summary["contacts"] == 5
    assert Contact.objects.count() == 6


def test_unknown_keys_and_missing_optional_fields_are_accepted(archive):
    archive["generator"] = "a later Curbside"
    maya = archive["contacts"][4]
    maya["favourite_colour"] = "teal"
    for optional in ("notes", "npi", "photo", "introduced_by", "created_at", "emails"):
        del maya[optional]
    assert archive_summary(archive)["contacts"] == 5


def test_a_minimal_hand_written_archive_is_valid():
    assert archive_summary(
        {
            "format": "curbside-archive",
            "version": 1,
            "contacts": [{"id": 1, "full_name": "Jane Roe"}],
        }
    ) == {
        "contacts": 1,
        "organizations": 0,
        "affiliations": 0,
        "ties": 0,
        "interactions": 0,
        "follow_ups": 0,
        "tags": 0,
        "opportunities": 0,
        "saved_searches": 0,
    }
