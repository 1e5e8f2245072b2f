"""A network with every kind of record and field, built through the services as a physician
would build it: what the archive and export tests export, restore and compare."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image

from curbside.accounts.models import User
from curbside.interactions import services as interaction_services
from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.services import tags_resolve
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
    TieFactory,
)
from curbside.opportunities.models import (
    DocumentSent,
    JobPreferences,
    Listing,
    Opportunity,
    OpportunityPerson,
    SavedSearch,
    StageChange,
)

VALID_NPI = "1234567893"


def png_bytes(color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), color).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Network:
    me: Contact
    maya: Contact
    zed: Contact
    aaron: Contact
    twins: tuple[Contact, Contact]


def build_network(owner: User) -> Network:
    """Run inside time_machine.travel(...) on 2026-11-22 (snoozes need a future day)."""
    me = services.contact_self_ensure(owner=owner)
    services.contact_update(
        owner=owner,
        contact=me,
        credentials="MD",
        specialty="Internal Medicine",
        city="Denver",
        state="CO",
        phones=["+1 303 555 0100"],
        emails=[owner.email, "alice.personal@example.com"],
        tags=["me"],
        research_interests="Hospital medicine",
    )
    zed = services.contact_create(
        owner=owner, name="Zed Zulu, DO", emails=["zed@example.org"], specialty="Cardiology"
    )
    maya = services.contact_create(
        owner=owner,
        name="Dr. Maya Ann Patel Jr., MD, FACS",
        emails=["maya.patel@example.org", "maya@home.example.com"],
        phones=["(303) 555-0199", "+44 20 7946 0958"],
        tags=["mentor", "conference, 2026"],
        introduced_by=zed,
        specialty="Cardiology",
        subspecialty="Electrophysiology",
        npi=VALID_NPI,
        city="Aurora",
        state="CO",
        zip_code="80045",
        country="USA",
        research_interests="Atrial fibrillation; ablation outcomes",
        procedures="Ablation, pacemakers",
        how_we_met="ACC 2026, poster hall",
        notes="Line one\nLine two; with a semicolon, a comma and a backslash \\ — ünïcødé",
        cadence_days=90,
        photo=ContentFile(png_bytes(), name="maya.png"),
    )
    # Named so that the introducer sorts after the person introduced: a forward reference.
    aaron = services.contact_create(
        owner=owner, name="Aaron Able", introduced_by=zed, tags=["mentor"], cadence_days=30
    )
    twins = (
        services.contact_create(owner=owner, name="Sam Lee", notes="the first Sam Lee"),
        services.contact_create(owner=owner, name="Sam Lee", notes="the second Sam Lee"),
    )
    services.tags_resolve(owner=owner, names=["unused tag"])

    hospital = services.organization_create(
        owner=owner,
        name="University Hospital",
        kind="academic_medical_center",
        city="Aurora",
        state="CO",
        website="https://hospital.example.org",
        notes="Big place",
    )
    school = services.organization_create(owner=owner, name="Rocky Mountain Medical School")
    practice = services.organization_create(
        owner=owner, name="alpine heart group", kind="group_practice"
    )
    services.affiliation_create(
        owner=owner,
        contact=maya,
        organization=hospital,
        kind=Affiliation.Kind.EMPLOYMENT,
        role="Chief of Cardiology",
        start_year=2019,
        is_decision_maker=True,
    )
    services.affiliation_create(
        owner=owner,
        contact=maya,
        organization=school,
        kind=Affiliation.Kind.EDUCATION,
        end_year=2008,
    )
    services.affiliation_create(
        owner=owner,
        contact=zed,
        organization=practice,
        kind=Affiliation.Kind.EMPLOYMENT,
        role="Practice owner",
        start_year=2015,
        end_year=2022,
    )
    services.affiliation_create(
        owner=owner, contact=me, organization=school, kind=Affiliation.Kind.EDUCATION
    )

    services.tie_record(
        owner=owner, person=maya, other=zed, strength=5, context="co-fellows 2010–12", since=2010
    )
    services.tie_record(owner=owner, person=twins[1], other=aaron, strength=2)
    services.contact_strength_set(owner=owner, contact=maya, strength=4)
    services.contact_strength_set(owner=owner, contact=zed, strength=1)

    meeting = interaction_services.interaction_log(
        owner=owner,
        kind=Interaction.Kind.MEETING,
        contacts=[maya, zed],
        happened_on=date(2026, 11, 20),
        summary="Coffee about the EP opening",
        sentiment=Interaction.Sentiment.POSITIVE,
    )
    interaction_services.interaction_log(
        owner=owner,
        kind=Interaction.Kind.CALL,
        contacts=[aaron],
        happened_on=date(2026, 10, 1),
        sentiment=Interaction.Sentiment.NEGATIVE,
    )
    interaction_services.interaction_log(
        owner=owner,
        kind=Interaction.Kind.EMAIL,
        contacts=[twins[0], twins[1]],
        happened_on=date(2026, 10, 1),
    )
    thanks = {f.contact_id: f for f in FollowUp.objects.filter(owner=owner, interaction=meeting)}
    interaction_services.follow_up_complete(owner=owner, follow_up=thanks[maya.pk])
    interaction_services.follow_up_snooze(
        owner=owner, follow_up=thanks[zed.pk], until=date(2026, 12, 1)
    )
    dismissed = interaction_services.follow_up_create(
        owner=owner, contact=aaron, kind=FollowUp.Kind.KEEP_IN_TOUCH, due_on=date(2026, 11, 1)
    )
    interaction_services.follow_up_dismiss(owner=owner, follow_up=dismissed)
    interaction_services.follow_up_create(
        owner=owner,
        contact=twins[0],
        kind=FollowUp.Kind.CUSTOM,
        due_on=date(2026, 11, 30),
        note="Send the CV",
    )
    services.contact_touch_snooze(owner=owner, contact=aaron, until=date(2027, 1, 15))
    return Network(me=me, maya=maya, zed=zed, aaron=aaron, twins=twins)


def add_network(owner, n: int) -> None:
    """n contacts, each with an email, a phone, tags, a job, a tie, an interaction and a
    follow-up."""
    tags = tags_resolve(owner=owner, names=["mentor", "conference"])
    previous = None
    for contact in ContactFactory.create_batch(n, owner=owner):
        contact.emails.create(owner=owner, email=f"c{contact.pk}@example.org", is_primary=True)
        contact.phones.create(owner=owner, number=f"+1303555{contact.pk:04d}", is_primary=True)
        contact.tags.set(tags)
        AffiliationFactory(
            owner=owner, contact=contact, organization=OrganizationFactory(owner=owner)
        )
        if previous is not None:
            TieFactory(owner=owner, person_a=previous, person_b=contact)
        interaction = InteractionFactory(owner=owner, contacts=[contact])
        FollowUpFactory(owner=owner, contact=contact, interaction=interaction)
        previous = contact


def add_job_search(owner: User, network: Network) -> Opportunity:
    """An opportunity with everything that hangs on it, preferences and a saved search, on
    top of build_network (run inside the same time_machine.travel)."""
    hospital = Organization.objects.get(owner=owner, name="University Hospital")
    chief = Affiliation.objects.get(owner=owner, role="Chief of Cardiology")
    listing = Listing.objects.create(
        source="Example Board", external_id="EP-7", title="Electrophysiologist", employer="UH"
    )
    opportunity = Opportunity.objects.create(
        owner=owner,
        title="Electrophysiologist",
        organization=hospital,
        specialty="cardiology",
        practice_setting="academic",
        position_type="full_time",
        city="Aurora",
        state="CO",
        zip_code="80045",
        salary_min=Decimal("450000.00"),
        salary_max=Decimal("520000.50"),
        call_schedule="1 in 5",
        visa_sponsorship="H-1B",
        deadline_on=date(2026, 12, 15),
        source=Opportunity.Source.ADVERTISED,
        source_name="Example Board",
        listing=listing,
        referrer=network.zed,
        stage=Opportunity.Stage.INTERVIEWING,
        stage_changed_on=date(2026, 11, 20),
    )
    hidden = Opportunity.objects.create(
        owner=owner, title="Unadvertised EP role", source=Opportunity.Source.NETWORK
    )
    OpportunityPerson.objects.create(
        owner=owner,
        opportunity=opportunity,
        contact=network.maya,
        role=OpportunityPerson.Role.DECISION_MAKER,
        affiliation=chief,
    )
    OpportunityPerson.objects.create(
        owner=owner, opportunity=hidden, contact=network.zed, role=OpportunityPerson.Role.REFERRER
    )
    for before, after, on in (("", "found", 1), ("found", "interviewing", 20)):
        StageChange.objects.create(
            owner=owner,
            opportunity=opportunity,
            from_stage=before,
            to_stage=after,
            changed_on=date(2026, 11, on),
        )
    document = DocumentSent.objects.create(
        owner=owner, opportunity=opportunity, version="CV 2026-11", sent_on=date(2026, 11, 2)
    )
    document.recipients.set([network.maya, network.zed])
    interview = Interaction.objects.create(
        owner=owner,
        kind=Interaction.Kind.JOB_INTERVIEW,
        happened_on=date(2026, 11, 21),
        opportunity=opportunity,
    )
    interview.contacts.set([network.maya])
    FollowUp.objects.create(
        owner=owner,
        contact=network.maya,
        kind=FollowUp.Kind.THANK_YOU,
        due_on=date(2026, 11, 22),
        interaction=interview,
        opportunity=opportunity,
    )
    JobPreferences.objects.create(
        owner=owner,
        specialties=["cardiology"],
        states=["CO", "UT"],
        salary_floor=Decimal("400000"),
        comparison_weights={"pay": 5, "network": 3},
    )
    SavedSearch.objects.create(
        owner=owner, name="EP near Denver", params={"q": "electrophysiology", "near": "80202"}
    )
    return opportunity
