"""Who each imported record is: one of the owner's contacts, a person met earlier in the same
import, or someone new, and what the record would add to them.

The owner's network is loaded once (a handful of owner-scoped queries) into `Network`; each
record is then matched in memory, in file order: by email first, then by normalised name
plus organization (a current affiliation; a record without one matches a person without
one). A match gets whatever the record adds that the person lacks (empty fields filled,
new emails, phones, tags, a job, a LinkedIn connection date; nothing already there is
overwritten); a match that adds nothing is skipped, which is what makes a re-import create
nothing. A record that matches no one is someone new, and the people whose names are close
to theirs (rapidfuzz token_sort_ratio ≥ NEAR_SCORE, computed as the plain ratio of names
whose words are sorted once) are offered as possible duplicates, never merged. The rows of
a LinkedIn export are not compared with each other: it lists each connection once.

Exact matching costs a few dictionary lookups a record. Close names are looked for only
among the people who share a name word with the record and whose names are long enough and
short enough to reach the score; rapidfuzz scans them in C. The cost is the number of those
people per record: near-linear in the size of the import and the network unless thousands
of people share one name word. A commit matches again without looking for close names.
"""

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from curbside.interactions.models import Interaction
from curbside.network.models import Affiliation, Contact, ContactEmail, ContactPhone

from .rows import key, name_key

if TYPE_CHECKING:
    from curbside.accounts.models import User

NEAR_SCORE = 90
MAX_CANDIDATES = 3
PROGRESS_EVERY = 1000
CONNECTED_SUMMARY = "Connected on LinkedIn"
NAME_FIELDS = ("full_name", "honorific", "first_name", "middle_name", "last_name", "suffix")
# Filled on a match only when the person has none: what the user typed is never replaced.
FILLABLE = ("credentials", "city", "state", "zip_code", "country")
# What a contact created by an import is given (a new person's `fields`).
CONTACT_FIELDS = (*NAME_FIELDS, *FILLABLE, "notes")
EMPTY_CONTACT = dict.fromkeys(CONTACT_FIELDS, "")
FIELD_LABELS = {
    "credentials": "credentials",
    "city": "city",
    "state": "state",
    "zip_code": "ZIP code",
    "country": "country",
    "notes": "notes",
}


@dataclass(slots=True)
class Job:
    """A person's affiliation at an organization, existing (id) or to create (id None)."""

    id: int | None
    organization: str
    role: str


@dataclass(slots=True)
class Person:
    """A contact as matching sees it: an existing one, or one this import will create."""

    contact_id: int | None
    row: int | None  # the index of the row that creates this person
    source: str | None  # the file of the row that creates this person
    fields: dict[str, str]
    name_key: str
    sorted_key: str = ""  # the name's words in order: token_sort_ratio is ratio on these
    words: tuple[str, ...] = ()  # the name's distinct words
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)  # casefolded name → name
    jobs: dict[str, Job] = field(default_factory=dict)  # organization key → job
    connected: set[str] = field(default_factory=set)  # ISO dates of LinkedIn connections
    # What this import adds.
    changed: set[str] = field(default_factory=set)
    new_emails: list[str] = field(default_factory=list)
    new_phones: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)
    new_jobs: list[Job] = field(default_factory=list)
    role_fills: dict[int, str] = field(default_factory=dict)  # affiliation id → role
    new_connected: list[str] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        name, credentials = self.fields.get("full_name", ""), self.fields.get("credentials", "")
        return f"{name}, {credentials}" if credentials else name

    @property
    def is_new(self) -> bool:
        return self.contact_id is None

    @property
    def is_touched(self) -> bool:
        return bool(
            self.changed
            or self.new_emails
            or self.new_phones
            or self.new_tags
            or self.new_jobs
            or self.role_fills
            or self.new_connected
        )


Block = tuple[list[int], list[str], list[Person]]


@dataclass
class Network:
    """The owner's people, indexed for matching; people created by the import join it."""

    by_email: dict[str, Person] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Person] = field(default_factory=dict)
    # Where people come from (None: the network; else the file of the import) → name word →
    # the people whose name has it, by the length of their sorted name: (those lengths,
    # those names, those people).
    by_word: dict[str | None, dict[str, Block]] = field(default_factory=dict)
    # Without it, close names are not looked for (a commit keeps what its preview found).
    near: bool = True
    # Files that never list one person twice (a LinkedIn export has one row a connection):
    # their people are not compared with each other.
    distinct_files: frozenset[str] = frozenset()

    def add(self, person: Person) -> None:
        for email in person.emails:
            self.by_email.setdefault(email, person)
        self.index_name(person)
        if not self.near:
            return
        words = person.name_key.split()
        person.sorted_key = " ".join(sorted(words))
        person.words = tuple(set(words))
        length = len(person.sorted_key)
        blocks = self.by_word.setdefault(person.source, {})
        for word in person.words:
            lengths, names, people = blocks.setdefault(word, ([], [], []))
            at = bisect_right(lengths, length)
            lengths.insert(at, length)
            names.insert(at, person.sorted_key)
            people.insert(at, person)

    def index_name(self, person: Person) -> None:
        if not person.name_key:
            return
        for organization in list(person.jobs) or [""]:
            self.by_name.setdefault((person.name_key, organization), person)

    def match(self, values: dict[str, Any], name: str) -> tuple[Person | None, str]:
        """The person these values are (by email, else by name key `name` and organization)."""
        for email in values.get("emails", ()):
            if email in self.by_email:
                return self.by_email[email], "email"
        wanted = (name, key(values.get("organization", "")))
        if wanted[0] and wanted in self.by_name:
            return self.by_name[wanted], "name"
        return None, ""

    def close_to(self, person: Person) -> list[tuple[Person, int]]:
        """People whose names are close to this person's, best first."""
        # A ratio of NEAR_SCORE needs lengths within NEAR_SCORE / (200 - NEAR_SCORE) of
        # each other: only that slice of each word's people is compared.
        length = len(person.sorted_key)
        shortest = math.ceil(length * NEAR_SCORE / (200 - NEAR_SCORE))
        longest = math.floor(length * (200 - NEAR_SCORE) / NEAR_SCORE)
        names: list[str] = []
        spans: list[tuple[list[Person], int, int]] = []
        for source, blocks in self.by_word.items():
            if source == person.source and source in self.distinct_files:
                continue
            for word in person.words:
                if word in blocks:
                    lengths, block_names, block_people = blocks[word]
                    start, end = bisect_left(lengths, shortest), bisect_right(lengths, longest)
                    names += block_names[start:end]
                    spans.append((block_people, start, end - start))
        if not names:
            return []
        # Someone who shares two words with the person is listed twice, the person too.
        found = process.extract(
            person.sorted_key,
            names,
            scorer=fuzz.ratio,
            score_cutoff=NEAR_SCORE,
            limit=2 * MAX_CANDIDATES + 2,
        )
        best: dict[int, tuple[Person, float]] = {}
        for _, score, index in found:
            other = person
            for people, start, size in spans:
                if index < size:
                    other = people[start + index]
                    break
                index -= size
            if other is not person:
                best.setdefault(id(other), (other, score))
        return [(other, round(score)) for other, score in list(best.values())[:MAX_CANDIDATES]]


def network_load(
    *, owner: "User", near: bool = True, distinct_files: Iterable[str] = ()
) -> Network:
    """The owner's contacts with their emails, phones, tags, current jobs and LinkedIn dates,
    ready to match rows (and, if `near`, to look for close names)."""
    people: dict[int, Person] = {}
    for row in (
        Contact.objects.filter(owner=owner)
        .order_by("pk")
        .values("pk", *NAME_FIELDS, *FILLABLE, "notes")
    ):
        fields = {name: row[name] for name in (*NAME_FIELDS, *FILLABLE, "notes")}
        people[row["pk"]] = Person(
            contact_id=row["pk"], row=None, source=None, fields=fields, name_key=name_key(fields)
        )
    emails = ContactEmail.objects.filter(owner=owner).order_by("pk")
    for contact_id, email in emails.values_list("contact_id", "email"):
        people[contact_id].emails.append(email.lower())
    phones = ContactPhone.objects.filter(owner=owner).order_by("pk")
    for contact_id, number in phones.values_list("contact_id", "number"):
        people[contact_id].phones.append(number)
    tagged = Contact.tags.through.objects.filter(contact__owner=owner)
    for contact_id, tag in tagged.values_list("contact_id", "tag__name"):
        people[contact_id].tags[tag.casefold()] = tag
    jobs = Affiliation.objects.filter(owner=owner, end_year__isnull=True).order_by("pk")
    for pk, contact_id, organization, role in jobs.values_list(
        "pk", "contact_id", "organization__name", "role"
    ):
        people[contact_id].jobs.setdefault(key(organization), Job(pk, organization, role))
    connections = Interaction.contacts.through.objects.filter(
        interaction__owner=owner,
        interaction__kind=Interaction.Kind.NOTE,
        interaction__summary=CONNECTED_SUMMARY,
    )
    for contact_id, happened_on in connections.values_list(
        "contact_id", "interaction__happened_on"
    ):
        people[contact_id].connected.add(happened_on.isoformat())
    network = Network(near=near, distinct_files=frozenset(distinct_files))
    for person in people.values():
        network.add(person)
    return network


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def absorb(network: Network, person: Person, values: dict[str, Any]) -> list[str]:
    """Add to `person` what `values` hold that they lack; say what was added."""
    added: list[str] = []
    for name in FILLABLE:
        if values.get(name) and not person.fields.get(name):
            person.fields[name] = values[name]
            person.changed.add(name)
            added.append(FIELD_LABELS[name])
    notes = values.get("notes", "")
    if notes and notes not in person.fields.get("notes", ""):
        person.fields["notes"] = f"{person.fields.get('notes', '')}\n\n{notes}".strip()
        person.changed.add("notes")
        added.append("notes")
    # An address that is someone else's stays theirs: it is what matches them.
    emails = [
        e
        for e in values.get("emails", ())
        if e not in person.emails and network.by_email.get(e, person) is person
    ]
    for email in emails:
        person.emails.append(email)
        person.new_emails.append(email)
        network.by_email[email] = person
    if emails:
        added.append(_count(len(emails), "email"))
    phones = [p for p in values.get("phones", ()) if p not in person.phones]
    person.phones += phones
    person.new_phones += phones
    if phones:
        added.append(_count(len(phones), "phone"))
    tags = [t for t in values.get("tags", ()) if t.casefold() not in person.tags]
    for tag in tags:
        person.tags[tag.casefold()] = tag
        person.new_tags.append(tag)
    if tags:
        added.append(_count(len(tags), "tag"))
    added += _absorb_job(network, person, values)
    connected_on = values.get("connected_on", "")
    if connected_on and connected_on not in person.connected:
        person.connected.add(connected_on)
        person.new_connected.append(connected_on)
        added.append(f"connected on LinkedIn {connected_on}")
    return added


def _absorb_job(network: Network, person: Person, values: dict[str, Any]) -> list[str]:
    organization, role = values.get("organization", ""), values.get("role", "")
    organization_key = key(organization)
    if not organization_key:
        return []
    job = person.jobs.get(organization_key)
    if job is None:
        job = Job(None, organization, role)
        person.jobs[organization_key] = job
        person.new_jobs.append(job)
        network.by_name.setdefault((person.name_key, organization_key), person)
        return [f"{role} at {organization}" if role else f"works at {organization}"]
    if role and not job.role:
        job.role = role
        if job.id is not None:
            person.role_fills[job.id] = role
        return [f"title {role}"]
    return []


def _new_person(
    network: Network, values: dict[str, Any], row: int, source: str, name: str
) -> Person:
    """Someone the import creates, with everything the row holds, added to the network."""
    # The row's values over empty contact fields: the extra keys (emails, organization…)
    # are never read from `fields`.
    fields = {**EMPTY_CONTACT, **values}
    emails = list(values.get("emails", ()))
    phones = list(values.get("phones", ()))
    tags = list(values.get("tags", ()))
    organization = values.get("organization", "")
    jobs = [Job(None, organization, values.get("role", ""))] if key(organization) else []
    connected = [values["connected_on"]] if values.get("connected_on") else []
    person = Person(
        contact_id=None,
        row=row,
        source=source,
        fields=fields,
        name_key=name,
        emails=emails,
        phones=phones,
        tags={tag.casefold(): tag for tag in tags},
        jobs={key(job.organization): job for job in jobs},
        connected=set(connected),
        new_emails=list(emails),
        new_phones=list(phones),
        new_tags=tags,
        new_jobs=jobs,
        new_connected=connected,
    )
    network.add(person)
    return person


def _reference(person: Person, rows: list[dict[str, Any]]) -> str:
    if person.row is None:
        return person.display_name
    first = rows[person.row]
    return f"{person.display_name} (line {first['line']} of {first['file']})"


def plan(
    network: Network,
    rows: list[dict[str, Any]],
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Person]:
    """Decide each row's action in place; return the people the rows create or change.

    Each row gains `action` (create, update, skip or error), and for a match `contact` (an
    existing contact's id) or `same_as` (the index of the row that creates the person),
    `match` (who, as shown), `matched_by` and `adds` (what the row brings them); a new person
    gets `duplicates`, the people close enough to be the same person; in a network loaded
    without `near`, the rows keep the duplicates found before (a commit offers what its
    preview showed).
    """
    involved: dict[int, Person] = {}
    for index, row in enumerate(rows):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress("Matching", index, len(rows))
        for stale in ("contact", "same_as", "match", "matched_by", "adds"):
            row.pop(stale, None)
        if network.near:
            row.pop("duplicates", None)
        values = row["values"]
        if row.get("problems"):
            row["action"] = "error"
            continue
        name = name_key(values)
        person, matched_by = network.match(values, name)
        if person is None:
            person = _new_person(network, values, index, row["file"], name)
            row["action"] = "create"
            if network.near and (close := network.close_to(person)):
                row["duplicates"] = [
                    {
                        "contact": other.contact_id,
                        "same_as": other.row,
                        "name": _reference(other, rows),
                        "score": score,
                    }
                    for other, score in close
                ]
            person.candidates = [
                {"contact": duplicate["contact"], "row": duplicate["same_as"]}
                for duplicate in row.get("duplicates", ())
            ]
        else:
            row.pop("duplicates", None)
            row["adds"] = absorb(network, person, values)
            row["action"] = "update" if row["adds"] else "skip"
            row["match"] = _reference(person, rows)
            row["matched_by"] = matched_by
            if person.is_new:
                row["same_as"] = person.row
            else:
                row["contact"] = person.contact_id
        involved[id(person)] = person
    if progress is not None:
        progress("Matching", len(rows), len(rows))
    return [person for person in involved.values() if person.is_new or person.is_touched]
