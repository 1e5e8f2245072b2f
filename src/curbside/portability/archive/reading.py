"""Reading an archive: every value checked as the models would check it, every reference
resolved, and the first problem named with where it is (`contacts[3].emails[0]: …`)."""

import base64
import binascii
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import models
from PIL import Image

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.contactinfo import ContactInfoError, normalize_email
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tie,
)

from ..records import ImportFileError
from .fields import (
    AFFILIATION_FIELDS,
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    CONTACT_FIELDS,
    FOLLOW_UP_FIELDS,
    INTERACTION_FIELDS,
    ORGANIZATION_FIELDS,
    PHOTO_EXTENSIONS,
    PHOTO_FORMATS,
    PHOTO_MAX_BYTES,
    TIE_FIELDS,
    TIMESTAMPS,
)

Record = dict[str, Any]


def _fail(message: str) -> NoReturn:
    raise ImportFileError(message)


def _list(container: Record, key: str, where: str) -> list[Any]:
    value = container.get(key, [])
    if not isinstance(value, list):
        _fail(f"{where}: must be a list")
    return value


def _object(value: object, where: str) -> Record:
    if not isinstance(value, dict):
        _fail(f"{where}: must be an object")
    return value


def _type_error(field: models.Field[Any, Any], raw: object) -> str | None:
    """What is wrong with the JSON type of `raw` for this model field, if anything."""
    if isinstance(field, models.BooleanField):
        return None if isinstance(raw, bool) else "must be true or false"
    if isinstance(field, models.IntegerField):
        ok = isinstance(raw, int) and not isinstance(raw, bool)
        return None if ok else "must be a whole number"
    if isinstance(field, models.CharField | models.TextField):
        return None if isinstance(raw, str) else "must be text"
    return None


def _datetime(raw: object, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        _fail(f"{where}: must be a date and time with its time zone (ISO 8601)")
    return value


def _date(raw: object, where: str) -> date:
    try:
        value = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    if value is None:
        _fail(f"{where}: must be a date (YYYY-MM-DD)")
    return value


def _clean(model: type[models.Model], record: Record, name: str, where: str) -> Any:
    """The value of one model field in a record, checked as the model would check it."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101  # every name listed is a concrete field
    raw = record[name] if name in record else field.get_default()
    where = f"{where}.{name}"
    if raw is None:
        if not field.null and name not in TIMESTAMPS:  # missing times become the restore's
            _fail(f"{where}: is required")
        return None
    if isinstance(field, models.DateTimeField):
        return _datetime(raw, where)
    if isinstance(field, models.DateField):
        return _date(raw, where)
    if problem := _type_error(field, raw):
        _fail(f"{where}: {problem}")
    try:
        return field.clean(raw, None)
    except ValidationError as error:
        _fail(f"{where}: {' '.join(error.messages)}")


def _values(model: type[models.Model], record: Record, names: Iterable[str], where: str) -> Record:
    return {name: _clean(model, record, name, where) for name in names}


def _id(record: Record, where: str, seen: set[int]) -> int:
    value = record.get("id")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        _fail(f"{where}.id: must be a whole number from 1")
    if value in seen:
        _fail(f"{where}.id: {value} is used by another record")
    seen.add(value)
    return value


def _reference(
    record: Record, key: str, where: str, known: set[int], what: str, *, optional: bool = False
) -> int | None:
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        _fail(f"{where}.{key}: must be the id of a{'n' if what[0] in 'aeiou' else ''} {what}")
    if value not in known:
        _fail(f"{where} refers to {what} {value} which is not in the archive")
    return value


def _photo_content(raw: object, where: str) -> tuple[str, bytes] | None:
    """(media type, bytes) of an archived photo, checked to be the image it says it is."""
    if raw is None:
        return None
    photo = _object(raw, where)
    media_type = photo.get("media_type")
    if media_type not in PHOTO_EXTENSIONS:
        _fail(f"{where}.media_type: must be one of {', '.join(PHOTO_EXTENSIONS)}")
    data = photo.get("data")
    if not isinstance(data, str):
        _fail(f"{where}.data: must be base64 text")
    if len(data) > (PHOTO_MAX_BYTES + 2) // 3 * 4:
        _fail(f"{where}: the photo is larger than 5 MB")
    try:
        content = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        _fail(f"{where}.data: not valid base64")
    try:
        with Image.open(io.BytesIO(content)) as image:
            found = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds of errors on a damaged or hostile file
        _fail(f"{where}: not a readable image")
    if found != PHOTO_FORMATS[media_type]:
        _fail(f"{where}: the data is a {found} image, not {media_type}")
    return media_type, content


def _email(raw: object, where: str) -> str:
    if not isinstance(raw, str):
        _fail(f"{where}: must be text")
    try:
        return normalize_email(raw)
    except ContactInfoError:
        _fail(f"{where}: not a valid email address ({raw!r})")


def _emails(contact: Record, where: str) -> list[Record]:
    emails: list[Record] = []
    for index, raw in enumerate(_list(contact, "emails", f"{where}.emails")):
        at = f"{where}.emails[{index}]"
        record = _object(raw, at)
        email = _email(record.get("email"), at)
        if any(known["email"] == email for known in emails):
            _fail(f"{at}: {email} is listed twice")
        values = _values(ContactEmail, record, ("label", "is_primary"), at)
        emails.append({"email": email, **values})
    return emails


def _phones(contact: Record, where: str) -> list[Record]:
    phones: list[Record] = []
    for index, raw in enumerate(_list(contact, "phones", f"{where}.phones")):
        at = f"{where}.phones[{index}]"
        record = _object(raw, at)
        values = _values(ContactPhone, record, ("number", "label", "is_primary"), at)
        if any(known["number"] == values["number"] for known in phones):
            _fail(f"{at}: {values['number']} is listed twice")
        phones.append(values)
    return phones


def _tag_names(container: Record, key: str, where: str) -> list[str]:
    names: list[str] = []
    for index, raw in enumerate(_list(container, key, where)):
        at = f"{where}[{index}]"
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 60:
            _fail(f"{at}: a tag is a name of 1 to 60 characters")
        if raw in names:
            _fail(f"{at}: the tag {raw!r} is listed twice")
        names.append(raw)
    return names


class Archive:
    """An archive read and checked: every value cleaned, every reference resolved."""

    def __init__(self, data: object) -> None:
        archive = _check_header(data)
        self.owner = _object(archive.get("owner", {}), "owner")
        tags = []
        for index, raw in enumerate(_list(archive, "tags", "tags")):
            tags.append(_object(raw, f"tags[{index}]").get("name"))
        self.tags = _tag_names({"tags": tags}, "tags", "tags")
        self.organizations = self._read(
            archive, "organizations", Organization, ORGANIZATION_FIELDS, with_id=True
        )
        organization_ids = {o["id"] for o in self.organizations}
        self.contacts = self._read(archive, "contacts", Contact, CONTACT_FIELDS, with_id=True)
        contact_ids = {c["id"] for c in self.contacts}
        known_tags = set(self.tags)
        n_self = 0
        for index, (contact, raw) in enumerate(
            zip(self.contacts, _list(archive, "contacts", "contacts"), strict=True)
        ):
            where = f"contacts[{index}]"
            contact["is_self"] = _clean(Contact, raw, "is_self", where)
            n_self += contact["is_self"]
            if n_self > 1:
                _fail(f"{where}: only one contact can be your own profile (is_self)")
            contact["introduced_by"] = _reference(
                raw, "introduced_by", where, contact_ids, "contact", optional=True
            )
            contact["emails"] = _emails(raw, where)
            contact["phones"] = _phones(raw, where)
            contact["tags"] = _tag_names(raw, "tags", f"{where}.tags")
            for tag_index, name in enumerate(contact["tags"]):
                if name not in known_tags:
                    _fail(f"{where}.tags[{tag_index}]: the tag {name!r} is not in the archive")
            contact["photo"] = _photo_content(raw.get("photo"), f"{where}.photo")

        self.affiliations = self._read(archive, "affiliations", Affiliation, AFFILIATION_FIELDS)
        for index, (affiliation, raw) in enumerate(
            zip(self.affiliations, archive.get("affiliations", []), strict=True)
        ):
            where = f"affiliations[{index}]"
            affiliation["contact"] = _reference(raw, "contact", where, contact_ids, "contact")
            affiliation["organization"] = _reference(
                raw, "organization", where, organization_ids, "organization"
            )
            start, end = affiliation["start_year"], affiliation["end_year"]
            if start is not None and end is not None and end < start:
                _fail(f"{where}: ends ({end}) before it starts ({start})")

        self.ties = self._read(archive, "ties", Tie, TIE_FIELDS)
        pairs: set[tuple[int, int]] = set()
        for index, (tie, raw) in enumerate(zip(self.ties, archive.get("ties", []), strict=True)):
            where = f"ties[{index}]"
            a = _reference(raw, "person_a", where, contact_ids, "contact")
            b = _reference(raw, "person_b", where, contact_ids, "contact")
            assert a is not None  # noqa: S101  # not an optional reference
            assert b is not None  # noqa: S101  # not an optional reference
            if a == b:
                _fail(f"{where}: a person cannot have a tie with themselves")
            pair = (min(a, b), max(a, b))
            if pair in pairs:
                _fail(f"{where}: contacts {a} and {b} already have a tie")
            pairs.add(pair)
            tie["person_a"], tie["person_b"] = pair

        from .opportunities import read_job_search

        self.job_search = read_job_search(
            archive,
            contact_ids=contact_ids,
            organization_ids=organization_ids,
            n_affiliations=len(self.affiliations),
        )
        opportunity_ids = {o["id"] for o in self.job_search["opportunities"]}

        self.interactions = self._read(
            archive, "interactions", Interaction, INTERACTION_FIELDS, with_id=True
        )
        interaction_ids = {i["id"] for i in self.interactions}
        for index, (interaction, raw) in enumerate(
            zip(self.interactions, archive.get("interactions", []), strict=True)
        ):
            where = f"interactions[{index}]"
            interaction["opportunity"] = _reference(
                raw, "opportunity", where, opportunity_ids, "opportunity", optional=True
            )
            people = _list(raw, "contacts", f"{where}.contacts")
            if not people:
                _fail(f"{where}.contacts: an interaction is with at least one person")
            interaction["contacts"] = []
            for person_index in range(len(people)):
                person = _reference(
                    {"contact": people[person_index]},
                    "contact",
                    f"{where}.contacts[{person_index}]",
                    contact_ids,
                    "contact",
                )
                if person in interaction["contacts"]:
                    _fail(f"{where}.contacts[{person_index}]: contact {person} is listed twice")
                interaction["contacts"].append(person)

        self.follow_ups = self._read(archive, "follow_ups", FollowUp, FOLLOW_UP_FIELDS)
        for index, (follow_up, raw) in enumerate(
            zip(self.follow_ups, archive.get("follow_ups", []), strict=True)
        ):
            where = f"follow_ups[{index}]"
            follow_up["contact"] = _reference(raw, "contact", where, contact_ids, "contact")
            follow_up["interaction"] = _reference(
                raw, "interaction", where, interaction_ids, "interaction", optional=True
            )
            follow_up["opportunity"] = _reference(
                raw, "opportunity", where, opportunity_ids, "opportunity", optional=True
            )

    @staticmethod
    def _read(
        archive: Record,
        key: str,
        model: type[models.Model],
        names: tuple[str, ...],
        *,
        with_id: bool = False,
    ) -> list[Record]:
        """The records of one list: each an object, its fields and timestamps cleaned."""
        seen: set[int] = set()
        records = []
        for index, raw in enumerate(_list(archive, key, key)):
            where = f"{key}[{index}]"
            record = _object(raw, where)
            values = _values(model, record, (*names, *TIMESTAMPS), where)
            if with_id:
                values["id"] = _id(record, where, seen)
            records.append(values)
        return records

    def summary(self) -> dict[str, int]:
        return {
            "contacts": sum(1 for contact in self.contacts if not contact["is_self"]),
            "organizations": len(self.organizations),
            "affiliations": len(self.affiliations),
            "ties": len(self.ties),
            "interactions": len(self.interactions),
            "follow_ups": len(self.follow_ups),
            "tags": len(self.tags),
            "opportunities": len(self.job_search["opportunities"]),
            "saved_searches": len(self.job_search["saved_searches"]),
        }


def _check_header(data: object) -> Record:
    if not isinstance(data, dict):
        _fail("This is not a Curbside archive: the file is not a JSON object.")
    marker = data.get("format")
    if marker != ARCHIVE_FORMAT:
        _fail(
            f'This is not a Curbside archive: "format" is {marker!r}, not "{ARCHIVE_FORMAT}".'
            if marker is not None
            else f'This is not a Curbside archive: it has no "format": "{ARCHIVE_FORMAT}".'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        _fail(f"The archive's version must be a whole number from 1, not {version!r}.")
    if version > ARCHIVE_VERSION:
        _fail(
            f"version {version} is newer than this Curbside understands (it reads version "
            f"{ARCHIVE_VERSION}); update Curbside, then restore the archive."
        )
    return data


def archive_summary(data: dict[str, Any]) -> dict[str, int]:
    """Check an archive through and through and count what it holds (contacts without the
    owner's own profile). Raises ImportFileError naming the first problem and where it is."""
    return Archive(data).summary()
