"""Every vCard in the shared corpus, read as a person who opens the file would read it."""

from pathlib import Path
from typing import Any

import pytest

from curbside.portability.parsers import parse_file
from curbside.portability.records import ParsedContact

N = "Ñ"
LICENSE_START = 'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"'
JOHN_DOE = {
    "honorific": "Mr.",
    "first_name": "John",
    "last_name": "Doe",
    "suffix": "Sr.",
    "organization": "IBM",
    "title": "Money Counter",
    "emails": ("john.doe@ibm.com",),
    "urls": ("http://www.ibm.com",),
}


def corpus(kind: str) -> Path:
    """../shared/corpus/<kind> beside the repository, found from this file's location."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / kind
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shared/corpus/{kind} is not beside the repository")


# File → one dict per card, in file order: the fields a person would check. "notes_start",
# "notes_contains" and "street_start" check the beginning or a part of long values.
EXPECTED: dict[str, list[dict[str, Any]]] = {
    "aosp__v21_backslash.vcf": [
        # 2.1 files rarely escape; an escaped ';' stays in the name part it belongs to.
        {"line": 1, "full_name": "A;B\\C;D:E\\", "first_name": "A;B\\", "middle_name": "C\\;"}
    ],
    "aosp__v21_complicated.vcf": [
        {
            "full_name": "Joe Due",
            "honorific": "Pos",
            "first_name": "Forrest",
            "middle_name": "Hoge",
            "last_name": "Gump",
            "suffix": "Tao",
            "emails": ("forrestgump@walladalla.com", "cell@example.com"),
            "phones": (
                "(111) 555-1212",
                "(404) 555-1212",
                "0311111111",
                "0322222222",
                "0333333333",
            ),
            "organization": "Gump Shrimp Co.",
            "department": "Sales Dept.;Manager",
            "title": "Shrimp Man",
            "street": "100 Waters Edge",
            "city": "Baytown",
            "state": "LA",
            "zip_code": "30314",
            "country": "United States of America",
            "urls": ("http://www.example.com/",),
            # The second NOTE is quoted-printable with soft line breaks, one before a space.
            "notes": "The following note is the example from RFC 2045.\n"
            "Now's the time for all folk to come to the aid of their country.",
        }
    ],
    "aosp__v21_multiple_entry.vcf": [
        {
            "line": 1,
            "last_name": "安藤ロイド3",
            "full_name": "安藤ロイド3",
            "phones": ("9", "10", "11", "12"),
        },
        {"line": 12, "last_name": "安藤ロイド4", "phones": ("13", "14", "15", "16")},
        {"line": 23, "last_name": "安藤ロイド5", "phones": ("17", "18", "19", "20")},
    ],
    "aosp__v21_pref_handling.vcf": [
        {
            "full_name": "Smith",
            "emails": ("test@example.com", "test2@examination.com"),
            "phones": ("2", "1", "3"),  # TEL;WORK;PREF first
            "organization": "Company",
            "title": "Engineer",
        }
    ],
    "aosp__v30_simple.vcf": [
        {
            "full_name": "And Roid",
            "first_name": "Roid",
            "last_name": "And",
            "phones": ("0300000000",),
            "organization": "Open",
            "department": "Handset",
        }
    ],
    "aosp__v40_sort_as.vcf": [
        {
            "full_name": "安藤 ロイド",
            "first_name": "ロイド",
            "last_name": "安藤",
            "organization": "グーグル",
            "department": "検索部門",
        }
    ],
    "ezvcard__John_Doe_ANDROID.vcf": [
        {"line": 1, "full_name": "", "emails": ("john.doe@company.com",), "tags": ()},
        {"line": 6, "emails": ("jane.doe@company.com",)},
        {"line": 11, "full_name": " ".join([N] * 5), "phones": ("123456789",)},
        {
            "line": 18,
            "full_name": " ".join([N] * 11),
            "last_name": " ".join([N] * 11),
            "phones": ("123456", "234567", "3456789", "45678901"),
            "notes_start": f"{N} {N} {N} {N} {N} {N} {N} {N}{N} {N}",
        },
        {
            "line": 36,
            "full_name": f"{N} {N} {N} {N}",
            "first_name": f"{N} {N} {N}",
            "last_name": f"{N} {N}",
            "emails": ("bob@company.com", N * 14),
            "phones": ("123456",),
            "organization": N * 12,
            "urls": ("www.company.com", "http://www.company.com"),
        },
        {
            "line": 71,
            "full_name": N * 4,
            "emails": ("henry@company.com",),
            "phones": ("55556666",),
            "organization": N * 44,
        },
    ],
    "ezvcard__John_Doe_BLACK_BERRY.vcf": [
        {
            "full_name": "John Doe",
            "first_name": "john",
            "last_name": "Doe",
            "phones": ("+96123456789",),
            "organization": "Acme Solutions",
            "notes": "",
        }
    ],
    "ezvcard__John_Doe_EVOLUTION.vcf": [
        {
            **JOHN_DOE,
            "full_name": "Mr. John Richter, James Doe Sr.",
            "middle_name": "Richter, James",
            "department": "Accounting",
            "phones": ("905-666-1234", "905-555-1234"),
            "street": "15 Crescent moon drive\nASB-123",
            "city": "Albaney",
            "state": "New York",
            "zip_code": "12345",
            "country": "United States of America",  # folded after "United"
            "tags": ("VIP",),
            "notes_start": LICENSE_START + " AND ANY EXPRESS",
            "notes_contains": "(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT",
        }
    ],
    "ezvcard__John_Doe_GMAIL.vcf": [
        {
            **JOHN_DOE,
            "full_name": "Mr. John Richter, James Doe Sr.",
            "middle_name": "Richter, James",
            "phones": ("905-555-1234", "905-666-1234"),
            "street": "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\n"
            "United States of America",
            "notes_start": LICENSE_START + " AND ANY EXPRESS",
            "notes_contains": "POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue",
        }
    ],
    "ezvcard__John_Doe_IPHONE.vcf": [
        {
            **JOHN_DOE,
            "full_name": "Mr. John Richter James Doe Sr.",
            "middle_name": "Richter James",
            "department": "Accounting",
            "phones": (
                "905-555-1234",
                "905-666-1234",
                "905-777-1234",
                "905-888-1234",
                "905-999-1234",
                "905-111-1234",
                "905-222-1234",
            ),
            "street": "Silicon Alley 5,",  # the preferred (home) address
            "city": "New York",
            "state": "New York",
            "zip_code": "12345",
            "country": "United States of America",
        }
    ],
    "ezvcard__John_Doe_LOTUS_NOTES.vcf": [
        {
            "full_name": "Mr. Doe John I Johny",
            "honorific": "Mr.",
            "first_name": "John",
            "middle_name": "Johny",
            "last_name": "Doe",
            "suffix": "I",
            "emails": ("john.doe@ibm.com", "billy_bob@gmail.com"),
            "phones": ("+1 (212) 204-34456", "00-1-212-555-7777"),
            "organization": "IBM",
            "department": "SUN",
            "title": "Generic Accountant",
            "street": "25334\nSouth cresent drive, Building 5, 3rd floo r",
            "city": "New York",
            "zip_code": "NYC887",
            "country": "U.S.A.",
            "urls": ("http://www.sun.com",),
            "notes_start": LICENSE_START + "\nAND ANY EXPRESS",
        }
    ],
    "ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf": [
        {
            **JOHN_DOE,
            "full_name": "Mr. John Richter,James Doe Sr.",
            "middle_name": "Richter,James",
            "department": "Accounting",
            "phones": (
                "905-777-1234",
                "905-666-1234",
                "905-555-1234",
                "905-888-1234",
                "905-999-1234",
                "905-111-1234",
                "905-222-1234",
            ),
            "street": "Silicon Alley 5,",
            "city": "New York",
            "zip_code": "12345",
            "notes_start": LICENSE_START + " AND ANY EXPRESS",
        }
    ],
    "ezvcard__John_Doe_MS_OUTLOOK.vcf": [
        {
            **JOHN_DOE,
            "full_name": "Mr. John Richter James Doe Sr.",
            "middle_name": "Richter,James",  # 2.1 has no list values
            "department": "Accounting",
            "emails": ("john.doe@ibm.cm",),
            "phones": ("(905) 555-1234", "(905) 666-1234"),
            "street": "Cresent moon drive",  # ADR;WORK;PREF
            "city": "Albaney",
            "state": "New York",
            "zip_code": "12345",
            "notes_start": "THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS''",
        }
    ],
    "ezvcard__fullcontact.vcf": [
        {
            "full_name": "Prefix FirstName MiddleName LastName Suffix",
            "honorific": "Prefix",
            "first_name": "FirstName",
            "middle_name": "MiddleName",
            "last_name": "LastName",
            "suffix": "Suffix",
            "emails": (
                "home@example.com",
                "work@example.com",
                "school@example.com",
                "other@example.com",
                "custom@example.com",
            ),
            "phones": tuple(f"555-555-111{i}" for i in range(1, 10)),
            "organization": "Organization1",
            "department": "Department1",
            "title": "Title1",
            "street": "WorkStreet\nWorkExtended",
            "city": "WorkCity",
            "state": "WorkState",
            "zip_code": "WorkPostal",
            "country": "WorkCountry",
            "urls": (
                "http://www.homepage.com",
                "http://www.blog.com",
                "http://www.other.com",
                "http://www.custom.com",
            ),
            "notes": "Notes line 1\nNotes line 2",
            "tags": ("Tag",),
        }
    ],
    "ezvcard__gmail-list.vcf": [
        {"line": 1, "full_name": "Arnold Smith", "emails": ("asmithk@gmail.com",)},
        {
            "line": 7,
            "full_name": "Chris Beatle",
            "last_name": "Beatle",
            "emails": ("chrisy55d@yahoo.com",),
        },
        {
            "line": 13,
            "full_name": "Doug White",
            "first_name": "Doug",
            "emails": ("dwhite@gmail.com",),
        },
    ],
    "ezvcard__gmail-single.vcf": [
        {
            "full_name": "Greg Dartmouth",
            "first_name": "Greg",
            "last_name": "Dartmouth",
            "emails": ("gdartmouth@hotmail.com",),
            "phones": ("555 555 1111", "555 555 2222"),
            "organization": "TheCompany",
            "title": "TheJobTitle",
            "street": "123 Home St\nHome City, HM 12345",
            "urls": ("http://TheProfile.com",),
            "notes": "This is GMail's note field.\nIt should be added as a NOTE type.\n"
            "ACustomField: CustomField",
        }
    ],
    "ezvcard__gmail-single2.vcf": [
        {
            "full_name": "VCard Test",
            "emails": (
                "email@example.com",
                "homeemail@example.com",
                "workemail@example.com",
                "otheremail@example.com",
                "customcategory@example.com",
            ),
            "phones": tuple(f"55555511{i}" for i in range(11, 22)),
            "organization": "TheCompany",
            "title": "TheJobTitle",
            "street": "113 Main St",  # the work address
            "city": "NY",
            "state": "New York",
            "zip_code": "10011",
            "urls": tuple(f"http://www.example{i}.com" for i in range(1, 7)),
            "notes": "note line 1\nnote line 2\nCustomField: field value",
        }
    ],
    "ezvcard__issue114.vcf": [
        {
            "full_name": "Dummy, Dummy",
            "first_name": "Dummy",
            "last_name": "Dummy",
            "emails": ("dummy.dummy@dummy.com",),
            "phones": ("+49 1234 56789", "+49 9876 54321"),
            "organization": "Dummy GmbH",
            "street_start": "Dummy-Dummy-Strasse 1\n",
            "city": "Bad Homburg",
            "zip_code": "61352",
            "country": "Germany",
        }
    ],
    "ezvcard__outlook-2003.vcf": [
        {
            "full_name": "John Doe III",
            "honorific": "Mr.",
            "first_name": "John",
            "last_name": "Doe",
            "suffix": "III",
            "emails": ("jdoe@hotmail.com",),
            "phones": ("BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"),
            "organization": "Company, The",
            "department": "TheDepartment",
            "title": "The Job Title",
            "street": "123 Main St\nTheOffice",
            "city": "Austin",
            "state": "TX",
            "zip_code": "12345",
            "country": "United States of America",
            "urls": ("http://web-page-address.com",),
            "notes": "This is the note field!!\nSecond line\n\nThird line is empty",
        }
    ],
    "ezvcard__outlook-2007.vcf": [
        {
            "full_name": "Mr. Michael Angstadt Jr.",
            "first_name": "Michael",
            "last_name": "Angstadt",
            "suffix": "Jr.",
            "emails": ("mike.angstadt@gmail.com",),
            "phones": ("(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"),
            "organization": "TheCompany",
            "department": "TheDepartment",
            "title": "TheJobTitle",
            "street": "222 Broadway\nTheOffice",
            "city": "New York",
            "state": "NY",
            "zip_code": "99999",
            "country": "USA",
            "urls": ("http://mikeangstadt.name",),
            "notes": "This is the NOTE field\t\n"
            "I assume it encodes this text inside a NOTE vCard type.\n"
            "But I'm not sure because there's text formatting going on here.\n"
            "It does not preserve the formatting",
        }
    ],
    "ezvcard__rfc2426-example.vcf": [
        {
            "line": 1,
            "full_name": "Frank Dawson",
            "emails": ("Frank_Dawson@Lotus.com", "fdawson@earthlink.net"),
            "phones": ("+1-919-676-9515", "+1-919-676-9564"),
            "organization": "Lotus Development Corporation",
            "street": "6544 Battleford Drive",
            "city": "Raleigh",
            "state": "NC",
            "zip_code": "27613-3502",
            "country": "U.S.A.",
            "urls": ("http://home.earthlink.net/~fdawson",),
        },
        {
            "line": 13,
            "full_name": "Tim Howes",
            "emails": ("howes@netscape.com",),
            "phones": ("+1-415-937-3419", "+1-415-528-4164"),
            "organization": "Netscape Communications Corp.",
            "street": "501 E. Middlefield Rd.",
            "city": "Mountain View",
            "state": "CA",
            "zip_code": "94043",
        },
    ],
    "ezvcard__rfc6350-example.vcf": [
        {
            "full_name": "Simon Perreault",
            "first_name": "Simon",
            "last_name": "Perreault",
            "suffix": "ing. jr",
            "credentials": "MSc",  # "M.Sc." in N's suffix
            "emails": ("simon.perreault@viagenie.ca",),
            "phones": ("+1-418-656-9254 ext. 102", "+1-418-262-6501"),
            "organization": "Viagenie",
            "street": "2875 Laurier\nSuite D2-630",
            "city": "Quebec",
            "state": "QC",
            "zip_code": "G1V 2M2",
            "country": "Canada",
            "urls": ("http://nomis80.org",),
        }
    ],
    "ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        {
            "full_name": "John Doe",
            "first_name": "John",
            "last_name": "Doe",
            "emails": (
                "doe.john@hotmail.com",
                "additional-email@company.com",
                "additional-email1@company.com",
                "additional-email2@company.com",
                "additional-email3@company.com",
            ),
            "phones": (
                "555-555-1111",
                "555-555-2222",
                "555-555-5555",
                "555-555-3333",
                "555-555-4444",
            ),
            "organization": "TheOrganization",
            "department": "TheDepartment",
            "title": "TheTitle",
            "street": "Suite 100\n222 Broadway",
            "city": "New York",
            "state": "NY",
            "zip_code": "98765",
            "country": "USA",
            "urls": ("http://www.private-webpage.com", "http://www.work-webpage.com"),
            "tags": ("category1", "category2", "category3"),
            "notes": "This is the notes field.\nSecond Line\n\nFourth Line\n"
            'You can put anything in the "note" field; even curse words.',
        }
    ],
    "roundcube__apple.vcf": [
        {
            # A company card: its name is the company's, not split into a person's parts.
            "full_name": "Apple Computer AG",
            "first_name": "",
            "last_name": "",
            "organization": "Apple Computer AG",
            "street": "Birgistrasse 4a",
            "city": "Wallisellen-Zürich",
            "zip_code": "8304",
            "country": "Switzerland",
            "urls": ("http://www.apple.ch",),
        }
    ],
    "roundcube__photo.vcf": [
        {
            # Shown as a company, but N names the person.
            "full_name": "Jörg Müller",
            "first_name": "Jörg",
            "last_name": "Müller",
            "organization": "Apple Computer AG",
        }
    ],
    "vobject__radicale-1587.vcf": [
        {
            "full_name": "Given Family",
            "honorific": "Prefix",
            "first_name": "Given",
            "middle_name": "Additional",
            "last_name": "Family",
            "suffix": "Suffix",
        }
    ],
}

WITH_PHOTOS = {
    "aosp__v21_complicated.vcf",
    "ezvcard__John_Doe_ANDROID.vcf",
    "ezvcard__John_Doe_BLACK_BERRY.vcf",
    "ezvcard__John_Doe_IPHONE.vcf",
    "ezvcard__John_Doe_LOTUS_NOTES.vcf",
    "ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf",
    "ezvcard__John_Doe_MS_OUTLOOK.vcf",
    "ezvcard__fullcontact.vcf",
    "ezvcard__outlook-2007.vcf",
    "ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf",
    "roundcube__apple.vcf",
    "roundcube__photo.vcf",
}


def check(record: ParsedContact, expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        if key == "notes_start":
            assert record.notes.startswith(value), record.notes[:200]
        elif key == "notes_contains":
            assert value in record.notes
        elif key == "street_start":
            assert record.street.startswith(value), record.street
        else:
            assert getattr(record, key) == value, key


def test_every_corpus_vcard_has_expectations():
    assert {path.name for path in corpus("vcard").glob("*.vcf")} == set(EXPECTED)


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_corpus_vcard_imports_with_the_values_a_person_would_read(file_name):
    result = parse_file(file_name, (corpus("vcard") / file_name).read_bytes())

    assert result.format == "vcard"
    assert len(result.records) == len(EXPECTED[file_name])
    for record, expected in zip(result.records, EXPECTED[file_name], strict=True):
        check(record, expected)
        assert record.problems == ()


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_corpus_photos_are_left_out_with_a_warning(file_name):
    result = parse_file(file_name, (corpus("vcard") / file_name).read_bytes())

    if file_name in WITH_PHOTOS:
        assert "1 photo was left out." in result.warnings
    else:
        assert not any("photo" in warning for warning in result.warnings)
