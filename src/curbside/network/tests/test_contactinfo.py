import pytest

from curbside.network.contactinfo import (
    ContactInfoError,
    format_phone,
    normalize_email,
    normalize_phone,
)
from curbside.network.validators import npi_is_valid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(303) 555-0142", "+13035550142"),
        ("303.555.0142", "+13035550142"),
        ("+1 303 555 0142", "+13035550142"),
        ("+44 20 7946 0958", "+442079460958"),
        ("303-555-0142 x 17", "+13035550142;ext=17"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["call me", "12", "+1 555"])
def test_impossible_phone_numbers_are_refused_with_the_input_named(raw):
    with pytest.raises(ContactInfoError, match="phone number"):
        normalize_phone(raw)


def test_stored_numbers_are_shown_the_way_people_read_them():
    assert format_phone("+13035550142") == "(303) 555-0142"
    assert format_phone("+442079460958") == "+44 20 7946 0958"


def test_email_addresses_are_normalised_to_lower_case():
    assert normalize_email("  Jane.Roe@Example.ORG ") == "jane.roe@example.org"


@pytest.mark.parametrize("raw", ["jane", "jane@", "jane@@example.org", "jane roe@example.org"])
def test_invalid_email_addresses_are_refused(raw):
    with pytest.raises(ContactInfoError, match="not a valid email address"):
        normalize_email(raw)


@pytest.mark.parametrize("npi", ["1234567893", "1003000126", "1245319599"])
def test_npis_with_a_correct_check_digit_are_valid(npi):
    assert npi_is_valid(npi)


@pytest.mark.parametrize("npi", ["1234567890", "123456789", "12345678931", "abcdefghij", ""])
def test_npis_with_a_wrong_check_digit_or_shape_are_invalid(npi):
    assert not npi_is_valid(npi)
