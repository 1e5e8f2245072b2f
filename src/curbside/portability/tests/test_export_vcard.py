"""vCard 4.0 export: read back strictly (line length in octets, CRLF, escapes) and checked
value by value."""

from datetime import UTC, datetime

import pytest
import time_machine

from curbside.network.models import Contact
from curbside.portability.export_selectors import contact_cards
from curbside.portability.exports import (
    ContactCard,
    LabeledValue,
    vcard_escape,
    vcard_fold,
    vcard_text,
)

from .archive_network import VALID_NPI, build_network
from .vcard_reading import Property, components, one, read_vcards, split_escaped, unescape


def test_escaping_covers_backslash_comma_semicolon_and_line_breaks():
    assert vcard_escape("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert vcard_escape("bell\x07 and tab\t") == "bell and tab\t"


@pytest.mark.parametrize("text", ["a" * 300, "é" * 100, "日本語" * 40, "x" + "😀" * 50, "ab" * 37])
def test_folding_never_passes_75_octets_nor_splits_a_character(text):
    line = f"NOTE:{text}"
    folded = vcard_fold(line)
    parts = folded.encode().split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert b"".join([parts[0], *(part[1:] for part in parts[1:])]).decode() == line
    if len(line.encode()) > 75:
        assert len(parts[0]) > 71  # lines are filled, not cut short


def test_a_line_of_exactly_75_octets_is_not_folded():
    line = "NOTE:" + "a" * 70
    assert vcard_fold(line) == line


@pytest.fixture
def network(alice):
    with time_machine.travel(datetime(2026, 11, 22, 14, 30, tzinfo=UTC)):
        return build_network(alice)


def cards_by_name(text: str) -> dict[str, list[Property]]:
    return {unescape(one(card, "FN")[2]): card for card in read_vcards(text)}


@pytest.mark.django_db
def test_every_contact_becomes_a_card_with_its_values(alice, network):
    text = vcard_text(contact_cards(owner=alice))
    cards = cards_by_name(text)

    assert sorted(cards) == ["Aaron Able", "Maya Ann Patel Jr.", "Sam Lee", "Zed Zulu"]
    assert len(read_vcards(text)) == 5  # both Sam Lees; not the owner's own card
    maya = cards["Maya Ann Patel Jr."]
    assert components(one(maya, "N")[2]) == [
        ["Patel"],
        ["Maya"],
        ["Ann"],
        ["Dr."],
        ["Jr.", "MD", "FACS"],
    ]
    emails = [(p, unescape(v)) for n, p, v in maya if n == "EMAIL"]
    assert emails == [({"PREF": "1"}, "maya.patel@example.org"), ({}, "maya@home.example.com")]
    phones = [(p, v) for n, p, v in maya if n == "TEL"]
    assert phones == [
        ({"VALUE": "uri", "PREF": "1"}, "tel:+13035550199"),
        ({"VALUE": "uri"}, "tel:+442079460958"),
    ]
    assert unescape(one(maya, "ORG")[2]) == "University Hospital"
    assert unescape(one(maya, "TITLE")[2]) == "Chief of Cardiology"
    assert components(one(maya, "ADR")[2]) == [[], [], [], ["Aurora"], ["CO"], ["80045"], ["USA"]]
    assert unescape(one(maya, "NOTE")[2]) == network.maya.notes
    assert one(maya, "NOTE")[2].startswith("Line one\\nLine two\\; with a semicolon\\, a comma")
    categories = [unescape(v) for v in split_escaped(one(maya, "CATEGORIES")[2], ",")]
    assert categories == ["conference, 2026", "mentor"]
    assert one(maya, "X-CURBSIDE-NPI")[2] == VALID_NPI
    assert one(maya, "X-CURBSIDE-SPECIALTY")[2] == "Cardiology"
    assert one(maya, "X-CURBSIDE-SUBSPECIALTY")[2] == "Electrophysiology"
    revision = datetime.strptime(one(maya, "REV")[2], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(revision - network.maya.updated_at).total_seconds() < 1
    assert not any(name == "URL" for name, _, _ in maya)


@pytest.mark.django_db
def test_a_contact_whose_job_ended_and_who_has_no_address_has_no_org_title_or_adr(alice, network):
    zed = cards_by_name(vcard_text(contact_cards(owner=alice)))["Zed Zulu"]
    assert components(one(zed, "N")[2]) == [["Zulu"], ["Zed"], [], [], ["DO"]]
    assert {name for name, _, _ in zed}.isdisjoint({"ORG", "TITLE", "ADR", "NOTE", "TEL"})


@pytest.mark.django_db
def test_the_owners_own_card_comes_first_only_when_asked(alice, network):
    cards = read_vcards(vcard_text(contact_cards(owner=alice, include_self=True)))
    assert unescape(one(cards[0], "FN")[2]) == "Alice Adams"
    assert len(cards) == 6


@pytest.mark.django_db
def test_another_users_contacts_are_never_in_the_export(alice, bob, network):
    names = set(cards_by_name(vcard_text(contact_cards(owner=bob))))
    assert names == set(
        Contact.objects.filter(owner=bob, is_self=False).values_list("full_name", flat=True)
    )
    assert len(names) == 2
    assert "Maya Ann Patel Jr." not in names


def test_long_values_with_accents_fold_and_read_back():
    note = "Résumé reviewed — ünïcødé, 日本語; " * 20
    card = ContactCard(
        full_name="José Núñez-García",
        first_name="José",
        last_name="Núñez-García",
        emails=(LabeledValue("jose@example.org", "work", is_primary=True),),
        phones=(LabeledValue("555 0100", "mobile"), LabeledValue("+13035550100;ext=12", "fax")),
        notes=note,
        organization="Clínica San Martín; Cardiología",
    )
    text = vcard_text([card])
    (read,) = read_vcards(text)
    assert unescape(one(read, "NOTE")[2]) == note
    assert one(read, "EMAIL") == ("EMAIL", {"PREF": "1", "TYPE": "work"}, "jose@example.org")
    assert [(p, v) for n, p, v in read if n == "TEL"] == [
        ({"TYPE": "cell"}, "555 0100"),
        ({"VALUE": "uri", "TYPE": "fax"}, "tel:+13035550100;ext=12"),
    ]
    assert one(read, "ORG")[2] == "Clínica San Martín\\; Cardiología"
    assert "\n" not in text.replace("\r\n", "")
