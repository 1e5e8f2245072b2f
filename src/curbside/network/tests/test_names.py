import pytest

from curbside.network.names import parse_credentials, parse_name, split_credentials


@pytest.mark.parametrize(
    ("text", "honorific", "first", "middle", "last", "suffix", "credentials"),
    [
        ("Dr. Jane A. Roe Jr., MD, FACS", "Dr.", "Jane", "A.", "Roe", "Jr.", ("MD", "FACS")),
        ("John Smith DO MPH", "", "John", "", "Smith", "", ("DO", "MPH")),
        ("Smith, John", "", "John", "", "Smith", "", ()),
        ("Smith, John, M.D.", "", "John", "", "Smith", "", ("MD",)),
        ("Maria de la Cruz, md", "", "Maria", "", "de la Cruz", "", ("MD",)),
        ("Maria de la Cruz, M.D., Ph.D.", "", "Maria", "", "de la Cruz", "", ("MD", "PhD")),
        ("Prof. Ali Khan MBBS FRCS", "Prof.", "Ali", "", "Khan", "", ("MBBS", "FRCS")),
        ("Robert Chen III, MD", "", "Robert", "", "Chen", "III", ("MD",)),
    ],
)
def test_names_are_split_into_parts_with_credentials_kept_apart(
    text, honorific, first, middle, last, suffix, credentials
):
    parsed = parse_name(text)
    assert (parsed.honorific, parsed.first, parsed.middle, parsed.last) == (
        honorific,
        first,
        middle,
        last,
    )
    assert parsed.suffix == suffix
    assert parsed.credentials == credentials


def test_a_surname_that_looks_like_a_credential_stays_a_surname():
    parsed = parse_name("Kim Do")
    assert (parsed.first, parsed.last, parsed.credentials) == ("Kim", "Do", ())


def test_capitals_make_do_a_credential():
    assert parse_name("Kim Lee DO").credentials == ("DO",)


def test_the_full_name_leaves_out_honorific_and_credentials():
    assert parse_name("Dr. Maya Patel, MD").full_name == "Maya Patel"


def test_split_credentials_keeps_a_name_without_any():
    assert split_credentials("Grace Hopper") == ("Grace Hopper", ())


def test_credentials_are_canonicalised_deduplicated_and_unknown_ones_kept():
    assert parse_credentials("m.d., facs; MD / RYT") == ("MD", "FACS", "RYT")
