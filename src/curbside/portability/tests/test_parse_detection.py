"""parse_file recognises a file by its content and refuses what is not a contacts file."""

import random
import zlib

import pytest

from curbside.portability.parsers import parse_file
from curbside.portability.records import ImportFileError

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nEND:VCARD\r\n"
CSV = b"First Name,Last Name,E-mail Address\r\nJane,Roe,jane@example.org\r\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    + zlib.compress(b"\x00\xff\x00\x00")
)


def test_the_format_comes_from_the_content_not_the_file_name():
    assert parse_file("contacts.csv", VCARD).format == "vcard"
    assert parse_file("contacts.vcf", CSV).format == "outlook"


def test_a_curbside_archive_is_recognised_and_left_to_the_pipeline():
    result = parse_file("backup.json", b' \n{"format": "curbside-archive", "version": 1}')

    assert (result.format, result.records) == ("archive", ())


def test_json_that_is_not_an_archive_is_refused():
    with pytest.raises(ImportFileError, match="JSON file but not a Curbside archive"):
        parse_file("data.json", b'{"format": "something-else"}')


def test_a_cut_json_archive_says_where_it_stops():
    with pytest.raises(ImportFileError, match=r"cannot be read \(.* at line 2, column \d+\)"):
        parse_file("backup.json", b'{"format": "curbside-archive",\n "contacts": [')


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (PNG, "it is an image"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "Excel workbook; save the sheet as CSV"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "it is a PDF document"),
        (random.Random(7).randbytes(4096), "it holds binary data"),
        (b"\x00\x00\x00\x01" * 500, "it holds binary data"),
        (b"Name\x00,Email\x00\n" + b"x" * 100, "it holds binary data"),
    ],
)
def test_binary_files_are_refused_as_not_contacts(data, why):
    with pytest.raises(ImportFileError) as error:
        parse_file("upload.vcf", data)

    message = str(error.value)
    assert message.startswith("upload.vcf does not look like a contacts file (vCard or CSV)")
    assert why in message


def test_an_empty_file_is_refused_as_empty():
    with pytest.raises(ImportFileError, match=r"^contacts\.vcf is empty\.$"):
        parse_file("contacts.vcf", b" \r\n\r\n")


def test_a_vcard_after_many_blank_lines_is_still_a_vcard():
    assert parse_file("contacts.txt", b"\r\n" * 5000 + VCARD).format == "vcard"
