"""Write a planned network for one owner, in one transaction, with bulk inserts.

The same code makes the 150-contact demo and the 5,000-contact benchmark network. Rows are
inserted with bulk_create (which bypasses the services), so this module keeps the derived
fields the services would maintain: ties are stored with person_a.pk < person_b.pk, each
contact's last interaction and next keep-in-touch dates match its interactions and cadence
(network.services.next_touch_on), and every meeting, interview or referral owes each person
a thank-you due the next day (interactions.services.THANKS_AFTER).
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tag,
    Tie,
)
from curbside.network.services import contact_self_ensure, contact_update, next_touch_on

from . import data
from .activity import ActivityPlanner, PlannedFollowUp
from .people import PeoplePlanner, Person, PlannedAffiliation, PlannedOrganization, slug

if TYPE_CHECKING:
    from curbside.accounts.models import User

BATCH_SIZE = 1000  # Django lowers it further where the database limits query parameters.


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    n_contacts: int
    n_organizations: int
    n_affiliations: int
    n_ties: int
    n_interactions: int
    n_follow_ups: int


def _organizations(n_organizations: int) -> list[PlannedOrganization]:
    specs = list(data.ORGANIZATIONS)
    if n_organizations < len(specs):
        # Take every kind in turn, so a small network still has one of each.
        by_kind: dict[str, list[data.OrganizationSpec]] = {}
        for spec in specs:
            by_kind.setdefault(spec.kind, []).append(spec)
        specs = []
        while len(specs) < n_organizations:
            for group in by_kind.values():
                if group and len(specs) < n_organizations:
                    specs.append(group.pop(0))
    names = {spec.name for spec in specs}
    cities = list(data.CITIES.values())
    number = 0
    while len(specs) < n_organizations:
        kind, suffix = data.GENERATED_ORGANIZATION_SUFFIXES[
            number % len(data.GENERATED_ORGANIZATION_SUFFIXES)
        ]
        city = cities[(number // len(data.GENERATED_ORGANIZATION_SUFFIXES)) % len(cities)]
        name = f"{city.name} {suffix}"
        if name in names:
            name = (
                f"{name} {number // (len(cities) * len(data.GENERATED_ORGANIZATION_SUFFIXES)) + 1}"
            )
        names.add(name)
        specs.append(
            data.OrganizationSpec(
                f"generated_{number}", name, kind, city.name, f"{slug(name)}.example"
            )
        )
        number += 1
    return [
        PlannedOrganization(
            key=spec.key,
            row=Organization(
                name=spec.name,
                kind=spec.kind,
                city=spec.city,
                state=data.CITIES[spec.city].state,
                website=f"https://www.{spec.domain}/",
                notes=spec.notes,
            ),
            region=data.CITIES[spec.city].region,
            domain=spec.domain,
        )
        for spec in specs
    ]


def _self_affiliations(planner: PeoplePlanner) -> list[PlannedAffiliation]:
    """The resident's own school, residency, moonlighting job and societies."""
    kind = Organization.Kind
    start = planner.residency_start
    return [
        PlannedAffiliation(
            planner.organization("north_star_com", kind.MEDICAL_SCHOOL),
            Affiliation.Kind.EDUCATION,
            "MD",
            start - 4,
            start,
        ),
        PlannedAffiliation(
            planner.organization("lakeshore_im", kind.RESIDENCY_PROGRAM),
            Affiliation.Kind.TRAINING,
            "Resident physician (PGY-3)",
            start,
            None,
        ),
        PlannedAffiliation(
            planner.organization("mercy_lakeshore", kind.HOSPITAL),
            Affiliation.Kind.EMPLOYMENT,
            "Moonlighting hospitalist",
            planner.academic_year,
            None,
        ),
        PlannedAffiliation(
            planner.organization("college_im", kind.MEDICAL_SOCIETY),
            Affiliation.Kind.MEMBERSHIP,
            "Resident member",
            start - 1,
            None,
        ),
        PlannedAffiliation(
            planner.organization("hospital_med_society", kind.MEDICAL_SOCIETY),
            Affiliation.Kind.MEMBERSHIP,
            "Resident member",
            start + 1,
            None,
        ),
    ]


def _other_ties(
    rng: random.Random, people: list[Person], n_ties: int
) -> list[tuple[Person, Person, int, str, int | None]]:
    """Ties among contacts: mostly people who share a school, program or workplace."""
    members: dict[str, list[Person]] = {}
    for person in people:
        for affiliation in person.affiliations:
            members.setdefault(affiliation.organization.key, []).append(person)
    shared = [(key, group) for key, group in members.items() if len(group) > 1]
    possible = len(people) * (len(people) - 1) // 2
    wanted = min(n_ties, possible)
    seen: set[tuple[int, int]] = set()
    ties: list[tuple[Person, Person, int, str, int | None]] = []
    attempts = 0
    while len(ties) < wanted and attempts < wanted * 50:
        attempts += 1
        if shared and rng.random() < 0.7:
            key, group = rng.choice(shared)
            first, second = rng.sample(group, 2)
            affiliation = next(a for a in first.affiliations if a.organization.key == key)
            context = _shared_context(first, second, affiliation)
            strength = rng.choice((2, 3, 3, 4, 5))
            since = affiliation.start_year
        else:
            first, second = rng.sample(people, 2)
            context = rng.choice(
                (
                    f"met at the {rng.choice(data.CONFERENCES)}",
                    "friends from college",
                    "served on a committee together",
                    "neighbors",
                    "trained together years ago",
                )
            )
            strength = rng.choice((1, 2, 2, 3))
            since = None
        pair = (min(first.index, second.index), max(first.index, second.index))
        if pair in seen:
            continue
        seen.add(pair)
        ties.append((first, second, strength, context, since))
    return ties


def _shared_context(first: Person, second: Person, affiliation: PlannedAffiliation) -> str:
    kind = affiliation.organization.row.kind
    name = affiliation.organization.row.name
    if first.archetype == second.archetype == "co_resident" and first.cohort == second.cohort:
        start = first.cohort or 0
        return f"co-residents {start}–{(start + 3) % 100:02d}"
    if kind == Organization.Kind.MEDICAL_SCHOOL:
        return f"{name} alumni"
    if kind in {Organization.Kind.RESIDENCY_PROGRAM, Organization.Kind.FELLOWSHIP_PROGRAM}:
        return f"trained together at {name}"
    if kind == Organization.Kind.MEDICAL_SOCIETY:
        return f"{name} members"
    return f"colleagues at {name}"


def _aware(day: date, rng: random.Random) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(hour=rng.randint(7, 21))))
    return min(moment, timezone.now())


@transaction.atomic
def build_network(
    owner: "User",
    *,
    n_contacts: int,
    n_organizations: int,
    n_ties: int,
    n_interactions: int,
    seed: int,
) -> NetworkSummary:
    """Give `owner` a believable network of a PGY-3 internal-medicine resident looking for
    a job. The same seed and the same day give the same network."""
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not a secret
    today = timezone.localdate()
    organizations = _organizations(max(1, n_organizations))
    people_planner = PeoplePlanner(rng, today, organizations)
    people = people_planner.plan(n_contacts)
    activity = ActivityPlanner(rng, today, people).plan(n_interactions) if people else None

    # Derived fields first, so each contact is written once.
    last_seen: dict[int, date] = {}
    for planned in activity.interactions if activity else []:
        for index in planned.people:
            if planned.happened_on > last_seen.get(index, date.min):
                last_seen[index] = planned.happened_on
    for person in people:
        contact = person.contact
        contact.owner = owner
        contact.last_interaction_on = last_seen.get(person.index)
        contact.next_touch_on = next_touch_on(
            last_interaction_on=contact.last_interaction_on,
            cadence_days=contact.cadence_days,
            created_on=today,
        )

    for planned_organization in organizations:
        planned_organization.row.owner = owner
    Organization.objects.bulk_create([o.row for o in organizations], batch_size=BATCH_SIZE)
    me = _update_self(owner, people_planner)
    Contact.objects.bulk_create([p.contact for p in people], batch_size=BATCH_SIZE)
    _write_details(owner, people, me, _self_affiliations(people_planner))
    n_ties_written = _write_ties(owner, rng, people, me, n_ties)

    n_interactions_written = n_follow_ups = 0
    if activity is not None:
        interactions = [
            Interaction(
                owner=owner,
                happened_on=planned.happened_on,
                kind=planned.kind,
                summary=planned.summary,
                sentiment=planned.sentiment,
            )
            for planned in activity.interactions
        ]
        Interaction.objects.bulk_create(interactions, batch_size=BATCH_SIZE)
        through = Interaction.contacts.through
        Interaction.contacts.through.objects.bulk_create(
            [
                through(interaction_id=row.pk, contact_id=people[index].contact.pk)
                for row, planned in zip(interactions, activity.interactions, strict=True)
                for index in planned.people
            ],
            batch_size=BATCH_SIZE,
        )
        caused = [
            (row, follow_up)
            for row, planned in zip(interactions, activity.interactions, strict=True)
            for follow_up in planned.follow_ups
        ]
        standalone: list[tuple[Interaction | None, PlannedFollowUp]] = [
            (None, follow_up) for follow_up in activity.follow_ups
        ]
        follow_ups = [
            FollowUp(
                owner=owner,
                contact=people[planned.person].contact,
                kind=planned.kind,
                due_on=planned.due_on,
                status=planned.status,
                note=planned.note,
                interaction=row,
                completed_at=_aware(planned.completed_on, rng) if planned.completed_on else None,
            )
            for row, planned in [*caused, *standalone]
        ]
        FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH_SIZE)
        n_interactions_written, n_follow_ups = len(interactions), len(follow_ups)

    return NetworkSummary(
        n_contacts=len(people),
        n_organizations=len(organizations),
        n_affiliations=Affiliation.objects.filter(owner=owner).count(),
        n_ties=n_ties_written,
        n_interactions=n_interactions_written,
        n_follow_ups=n_follow_ups,
    )


def _update_self(owner: "User", planner: PeoplePlanner) -> Contact:
    me = contact_self_ensure(owner=owner)
    graduation_year = planner.residency_start + 3
    return contact_update(
        owner=owner,
        contact=me,
        credentials="MD",
        specialty="Internal Medicine",
        npi=planner.new_npi(),
        city="Chicago",
        state="IL",
        zip_code="60611",
        research_interests="Hospital medicine; transitions of care; point-of-care ultrasound",
        procedures="Paracentesis, thoracentesis, lumbar puncture, central lines, POCUS",
        notes=(
            f"PGY-3 in internal medicine, finishing residency in June {graduation_year}. "
            f"Looking for a hospitalist or outpatient internal medicine position from July "
            f"{graduation_year}, in the Denver area or the Triangle (Raleigh–Durham)."
        ),
        phones=["+13125550142"],
    )


def _write_details(
    owner: "User", people: list[Person], me: Contact, own: list[PlannedAffiliation]
) -> None:
    """Tags, emails, phones, introductions and affiliations of every planned contact."""
    tag_names = list(dict.fromkeys(name for p in people for name in p.tags))
    existing = {t.name: t for t in Tag.objects.filter(owner=owner, name__in=tag_names)}
    new_tags = [Tag(owner=owner, name=name) for name in tag_names if name not in existing]
    Tag.objects.bulk_create(new_tags, batch_size=BATCH_SIZE)
    tags = {**existing, **{t.name: t for t in new_tags}}
    tagging = Contact.tags.through
    tagging.objects.bulk_create(
        [tagging(contact_id=p.contact.pk, tag_id=tags[name].pk) for p in people for name in p.tags],
        batch_size=BATCH_SIZE,
    )
    ContactEmail.objects.bulk_create(
        [
            ContactEmail(
                owner=owner, contact=p.contact, email=address, label=label, is_primary=n == 0
            )
            for p in people
            for n, (address, label) in enumerate(p.emails)
        ],
        batch_size=BATCH_SIZE,
    )
    ContactPhone.objects.bulk_create(
        [
            ContactPhone(
                owner=owner, contact=p.contact, number=number, label=label, is_primary=n == 0
            )
            for p in people
            for n, (number, label) in enumerate(p.phones)
        ],
        batch_size=BATCH_SIZE,
    )
    introduced = [p for p in people if p.introduced_by is not None]
    for person in introduced:
        person.contact.introduced_by = people[person.introduced_by or 0].contact
    Contact.objects.bulk_update([p.contact for p in introduced], ["introduced_by"], BATCH_SIZE)
    rows = [(me, a) for a in own] + [(p.contact, a) for p in people for a in p.affiliations]
    Affiliation.objects.bulk_create(
        [
            Affiliation(
                owner=owner,
                contact=contact,
                organization=a.organization.row,
                kind=a.kind,
                role=a.role,
                start_year=a.start_year,
                end_year=a.end_year,
                is_decision_maker=a.is_decision_maker,
            )
            for contact, a in rows
        ],
        batch_size=BATCH_SIZE,
    )


def _write_ties(
    owner: "User", rng: random.Random, people: list[Person], me: Contact, n_ties: int
) -> int:
    """The resident's own ties (relationship strengths) first, then ties among contacts."""
    rows: list[tuple[Contact, Contact, int, str, int | None]] = []
    for person in people:
        if person.strength is not None and len(rows) < n_ties:
            rows.append((me, person.contact, person.strength, person.context, person.since))
    for first, second, strength, context, since in _other_ties(rng, people, n_ties - len(rows)):
        rows.append((first.contact, second.contact, strength, context, since))
    ties = []
    for one, other, strength, context, since in rows:
        low, high = (one, other) if (one.pk or 0) < (other.pk or 0) else (other, one)
        ties.append(
            Tie(
                owner=owner,
                person_a=low,
                person_b=high,
                strength=strength,
                context=context[:200],
                since=since,
            )
        )
    Tie.objects.bulk_create(ties, batch_size=BATCH_SIZE)
    return len(ties)
