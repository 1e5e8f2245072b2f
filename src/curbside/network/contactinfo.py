"""Validate and normalise email addresses and phone numbers (email-validator, phonenumbers)."""

import phonenumbers
from email_validator import EmailNotValidError, validate_email


class ContactInfoError(ValueError):
    """Raised with a message that can be shown to the user as it is."""


def normalize_email(raw: str) -> str:
    """Return the address with its domain normalised; raise ContactInfoError if invalid.

    Deliverability (DNS) is not checked: the instance works offline.
    """
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ContactInfoError(f"{raw.strip()!r} is not a valid email address: {error}") from None
    return result.normalized.lower()


def normalize_phone(raw: str, region: str = "US") -> str:
    """Return E.164 (+15551234567) with any extension; raise ContactInfoError if invalid."""
    text = raw.strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ContactInfoError(f"{text!r} is not a phone number.") from None
    if not phonenumbers.is_possible_number(number):
        raise ContactInfoError(f"{text!r} is not a possible phone number.")
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{formatted};ext={number.extension}" if number.extension else formatted


def format_phone(e164: str) -> str:
    """Show a stored number the way people read it: (555) 123-4567 or +44 20 7946 0958."""
    try:
        number = phonenumbers.parse(e164.replace(";ext=", " ext. "), "US")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)
