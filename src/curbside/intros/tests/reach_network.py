"""A small network for the chain, draft and page tests: Mercy Hospital's chair is two steps
away (through Ann), one of its attendings is known directly but weakly, and someone who
used to work there trained with the user."""

from dataclasses import dataclass
from datetime import date

from curbside.interactions.models import Interaction
from curbside.interactions.services import interaction_log
from curbside.network.models import Affiliation, Contact, ContactEmail, Organization
from curbside.network.services import contact_strength_set, tie_record
from curbside.network.tests.factories import AffiliationFactory, ContactFactory


@dataclass
class Network:
    me: Contact
    ann: Contact  # a close friend, who knows the chair
    carl: Contact  # the chair at Mercy, a decision maker
    dana: Contact  # an attending at Mercy, known weakly
    eve: Contact  # worked at Mercy before; trained with the user
    mercy: Organization
    program: Organization


def person(owner, name: str, **fields) -> Contact:
    first, last = name.split()
    return ContactFactory(owner=owner, first_name=first, last_name=last, full_name=name, **fields)


def build(owner) -> Network:
    me = Contact.objects.get(owner=owner, is_self=True)
    ann = person(owner, "Ann Lee", specialty="Cardiology")
    carl = person(owner, "Carl Diaz", specialty="Internal Medicine")
    dana = person(owner, "Dana Fox")
    eve = person(owner, "Eve Park")
    ContactEmail.objects.create(owner=owner, contact=ann, email="ann@example.org", is_primary=True)
    mercy = Organization.objects.create(
        owner=owner, name="Mercy Hospital", kind=Organization.Kind.HOSPITAL
    )
    program = Organization.objects.create(
        owner=owner,
        name="Denver Health IM Residency",
        kind=Organization.Kind.RESIDENCY_PROGRAM,
    )
    employment = Affiliation.Kind.EMPLOYMENT
    AffiliationFactory(
        owner=owner,
        contact=carl,
        organization=mercy,
        kind=employment,
        role="Department chair",
        start_year=2015,
        is_decision_maker=True,
    )
    AffiliationFactory(
        owner=owner, contact=dana, organization=mercy, kind=employment, role="Attending physician"
    )
    AffiliationFactory(
        owner=owner,
        contact=eve,
        organization=mercy,
        kind=employment,
        role="Hospitalist",
        start_year=2010,
        end_year=2015,
    )
    for contact, start, end in ((me, 2016, 2019), (ann, 2016, 2019), (eve, 2017, 2020)):
        AffiliationFactory(
            owner=owner,
            contact=contact,
            organization=program,
            kind=Affiliation.Kind.TRAINING,
            role="Resident",
            start_year=start,
            end_year=end,
        )
    contact_strength_set(owner=owner, contact=ann, strength=4)
    contact_strength_set(owner=owner, contact=dana, strength=2)
    tie_record(owner=owner, person=ann, other=carl, strength=4, context="co-residents")
    interaction_log(
        owner=owner,
        kind=Interaction.Kind.MEETING,
        contacts=[ann],
        happened_on=date(2026, 4, 2),
        summary="Coffee after grand rounds",
        sentiment=Interaction.Sentiment.POSITIVE,
        owe_thanks=False,
    )
    interaction_log(
        owner=owner,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=date(2026, 5, 20),
        summary="Quick call about call schedules",
        sentiment=Interaction.Sentiment.NEUTRAL,
    )
    return Network(me, ann, carl, dana, eve, mercy, program)
