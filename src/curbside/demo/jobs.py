"""The demo resident's job search: listings on a demo board, opportunities at every stage
(one never advertised), job preferences and a saved search with something new in it.

Listings are the instance's public data: they are written once under DEMO_SOURCE and kept
as they are when another demo account is made, so a reset never duplicates them.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from curbside.interactions.models import Interaction
from curbside.network.models import Affiliation, Contact, Organization
from curbside.opportunities import geo
from curbside.opportunities.models import Listing, Opportunity, OpportunityPerson, SavedSearch
from curbside.opportunities.search.index import listing_index
from curbside.opportunities.services import pipeline, preferences, searches

if TYPE_CHECKING:
    from curbside.accounts.models import User

DEMO_SOURCE = "Curbside demo board"


@dataclass(frozen=True, slots=True)
class DemoListing:
    key: str
    title: str
    employer: str
    city: str
    state: str
    zip_code: str
    specialty: str
    setting: str
    position: str
    pay: tuple[int, int, str] | None
    visa: str = ""
    days_ago: int = 3
    description: str = ""


LISTINGS = (
    DemoListing(
        "cc-nocturnist",
        "Nocturnist Hospitalist",
        "Cherry Creek Medical Center",
        "Denver",
        "CO",
        "80206",
        "hospitalist",
        "hospital_employed",
        "full_time",
        (330000, 360000, "year"),
        "H-1B",
        2,
        "Seven nights on, seven off; an open ICU with intensivist backup.",
    ),
    DemoListing(
        "cc-day",
        "Day Hospitalist",
        "Cherry Creek Medical Center",
        "Denver",
        "CO",
        "80206",
        "hospitalist",
        "hospital_employed",
        "full_time",
        (290000, 315000, "year"),
        "",
        5,
        "Block schedule, 15 patients a day, teaching residents on one service.",
    ),
    DemoListing(
        "fruh-academic",
        "Academic Hospitalist, Clinician-Educator Track",
        "Front Range University Hospital",
        "Aurora",
        "CO",
        "80045",
        "hospitalist",
        "academic",
        "faculty",
        (255000, 280000, "year"),
        "J-1 waiver",
        9,
        "Faculty appointment, protected time for medical education, a growing QI program.",
    ),
    DemoListing(
        "bv-hospitalist",
        "Hospitalist",
        "Boulder Valley Regional Hospital",
        "Boulder",
        "CO",
        "80303",
        "hospitalist",
        "hospital_employed",
        "full_time",
        (300000, 320000, "year"),
        "",
        12,
        "Community hospital, 12-hour shifts, sign-on bonus.",
    ),
    DemoListing(
        "rmhg-locums",
        "Locum Tenens Hospitalist",
        "Rocky Mountain Hospitalist Group",
        "Denver",
        "CO",
        "80218",
        "hospitalist",
        "locums",
        "locums",
        (185, 210, "hour"),
        "",
        1,
        "Flexible blocks across four metro hospitals; malpractice covered.",
    ),
    DemoListing(
        "cim-outpatient",
        "Outpatient Internist",
        "Colorado Internal Medicine Partners",
        "Englewood",
        "CO",
        "80113",
        "internal_medicine",
        "group",
        "full_time",
        (260000, 290000, "year"),
        "",
        20,
        "Physician-owned group, partnership in two years.",
    ),
    DemoListing(
        "mhchc-im",
        "Internal Medicine Physician (NHSC site)",
        "Mile High Community Health Center",
        "Denver",
        "CO",
        "80220",
        "internal_medicine",
        "public_health",
        "full_time",
        (225000, 240000, "year"),
        "J-1 waiver",
        4,
        "Federally qualified health center; NHSC loan repayment and Conrad 30 J-1 waiver.",
    ),
    DemoListing(
        "wp-hospitalist",
        "Hospitalist, 7-on/7-off",
        "Wake Pines Regional Medical Center",
        "Raleigh",
        "NC",
        "27607",
        "hospitalist",
        "hospital_employed",
        "full_time",
        (295000, 325000, "year"),
        "H-1B",
        6,
        "Loan repayment up to $100,000; new tower opening.",
    ),
    DemoListing(
        "tpca-internist",
        "General Internist",
        "Triangle Primary Care Associates",
        "Raleigh",
        "NC",
        "27609",
        "internal_medicine",
        "private_practice",
        "full_time",
        (250000, 275000, "year"),
        "",
        15,
        "28 physicians, adding two internists this summer.",
    ),
    DemoListing(
        "tuh-faculty",
        "Hospital Medicine Faculty",
        "Triangle University Health",
        "Durham",
        "NC",
        "27710",
        "hospitalist",
        "academic",
        "faculty",
        (245000, 265000, "year"),
        "J-1 waiver",
        30,
        "Assistant professor; research mentorship in health services.",
    ),
    DemoListing(
        "cary-concierge",
        "Concierge Internist",
        "Cary Concierge Medicine",
        "Cary",
        "NC",
        "27518",
        "internal_medicine",
        "private_practice",
        "part_time",
        (180000, 210000, "year"),
        "",
        8,
        "Four days a week, 300 patients, no call.",
    ),
    DemoListing(
        "telehealth-im",
        "Telemedicine Internist",
        "MedBridge Locum Partners",
        "Dallas",
        "TX",
        "75201",
        "internal_medicine",
        "telemedicine",
        "part_time",
        (140, 160, "hour"),
        "",
        2,
        "Work from home in any state where you hold a license.",
    ),
)


def _listing_rows(today: date) -> list[int]:
    """Write the demo board's listings (or refresh them) and index them; their ids."""
    ids = []
    for spec in LISTINGS:
        point = geo.zip_to_point(spec.zip_code)
        pay_min, pay_max, unit = spec.pay or (None, None, "")
        listing, _ = Listing.objects.update_or_create(
            source=DEMO_SOURCE,
            external_id=spec.key,
            defaults={
                "url": f"https://jobs.curbside.example/{spec.key}",
                "title": spec.title,
                "employer": spec.employer,
                "description": spec.description,
                "specialty": spec.specialty,
                "practice_setting": spec.setting,
                "position_type": spec.position,
                "city": spec.city,
                "state": spec.state,
                "zip_code": spec.zip_code,
                "country": "US",
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
                "salary_min": None if pay_min is None else Decimal(pay_min),
                "salary_max": None if pay_max is None else Decimal(pay_max),
                "salary_unit": unit,
                "currency": "USD" if unit else "",
                "visa_sponsorship": spec.visa,
                "posted_on": today - timedelta(days=spec.days_ago),
                "expires_on": today + timedelta(days=60),
            },
        )
        ids.append(listing.pk)
    listing_index(ids)
    return ids


def _people_at(owner: "User", organization: Organization) -> list[Affiliation]:
    """The owner's contacts working at an organization now, deciders first."""
    return list(
        Affiliation.objects.filter(
            owner=owner,
            organization=organization,
            kind=Affiliation.Kind.EMPLOYMENT,
            end_year__isnull=True,
        )
        .exclude(contact__is_self=True)
        .select_related("contact")
        .order_by("-is_decision_maker", "pk")
    )


def _organization(owner: "User", name: str) -> Organization | None:
    return Organization.objects.filter(owner=owner, name=name).order_by("pk").first()


def _link_people(owner: "User", opportunity: Opportunity) -> list[Contact]:
    """Put the people who work at the opportunity's organization on it, by what they are."""
    if opportunity.organization is None:
        return []
    contacts = []
    for affiliation in _people_at(owner, opportunity.organization)[:3]:
        role = (
            OpportunityPerson.Role.DECISION_MAKER
            if affiliation.is_decision_maker
            else OpportunityPerson.Role.INSIDER
        )
        pipeline.opportunity_person_add(
            owner=owner,
            opportunity=opportunity,
            contact=affiliation.contact,
            role=role,
            affiliation=affiliation,
        )
        contacts.append(affiliation.contact)
    return contacts


# What the physician learned of each tracked job beyond its listing: call schedule, loan
# repayment, and the start and deadline, in days from today.
TERMS = {
    "cc-nocturnist": ("7 nights on, 7 off; no home call", "$40,000 over 2 years", 240, 21),
    "fruh-academic": ("1 in 6 weekends; residents take nights", "PSLF-eligible employer", 270, 10),
    "wp-hospitalist": ("7 on / 7 off days, 1 in 4 weekend admitting", "", 300, 45),
    "tpca-internist": ("Phone call 1 in 8 nights", "$25,000 a year for 3 years", 330, 50),
    "bv-hospitalist": ("Weekdays; 1 in 3 weekends", "$100,000 over 4 years (rural)", 365, 30),
}


def _track(owner: "User", external_id: str, stage: str, on: date) -> Opportunity | None:
    listing = Listing.objects.get(source=DEMO_SOURCE, external_id=external_id)
    today = timezone.localdate()
    call_schedule, loan_repayment, start_in, deadline_in = TERMS.get(external_id, ("", "", 0, 60))
    organization = _organization(owner, listing.employer)
    if organization is None:
        return None
    opportunity = pipeline.opportunity_create(
        owner=owner,
        title=listing.title,
        organization=organization,
        specialty=listing.specialty,
        practice_setting=listing.practice_setting,
        position_type=listing.position_type,
        city=listing.city,
        state=listing.state,
        zip_code=listing.zip_code,
        salary_min=listing.salary_min,
        salary_max=listing.salary_max,
        salary_unit=listing.salary_unit,
        visa_sponsorship=listing.visa_sponsorship,
        url=listing.url,
        source=Opportunity.Source.ADVERTISED,
        source_name=listing.source,
        listing=listing,
        call_schedule=call_schedule,
        loan_repayment=loan_repayment,
        start_on=today + timedelta(days=start_in),
        deadline_on=min(today + timedelta(days=deadline_in), listing.expires_on or date.max),
        on=on,
    )
    if stage != Opportunity.Stage.FOUND:
        pipeline.opportunity_advance(owner=owner, opportunity=opportunity, stage=stage, on=on)
    return opportunity


def build_job_search(owner: "User") -> int:
    """Give the demo account its job search; returns how many opportunities it tracks."""
    today = timezone.localdate()
    _listing_rows(today)
    n = 0
    nocturnist = _track(owner, "cc-nocturnist", Opportunity.Stage.APPLIED, today - timedelta(9))
    if nocturnist is not None:
        n += 1
        interviewers = _link_people(owner, nocturnist)
        if interviewers:
            pipeline.opportunity_log_interview(
                owner=owner,
                opportunity=nocturnist,
                interviewers=interviewers[:2],
                happened_on=today - timedelta(days=1),
                summary="Met the medical director and two nocturnists; toured the ICU.",
                sentiment=Interaction.Sentiment.POSITIVE,
            )
    for key, stage, days in (
        ("fruh-academic", Opportunity.Stage.OFFER, 4),
        ("wp-hospitalist", Opportunity.Stage.REACHED_OUT, 6),
        ("tpca-internist", Opportunity.Stage.RESEARCHING, 2),
        ("bv-hospitalist", Opportunity.Stage.FOUND, 1),
    ):
        opportunity = _track(owner, key, stage, today - timedelta(days=days))
        if opportunity is not None:
            _link_people(owner, opportunity)
            n += 1

    practice = _organization(owner, "Alvarez Internal Medicine")
    if practice is not None:
        people = _people_at(owner, practice)
        owner_of_practice = people[0].contact if people else None
        referrer = (
            Contact.objects.filter(owner=owner, is_self=False)
            .filter(
                Q(ties_as_a__person_b=owner_of_practice) | Q(ties_as_b__person_a=owner_of_practice)
            )
            .order_by("pk")
            .first()
            if owner_of_practice
            else None
        )
        hidden = pipeline.opportunity_create(
            owner=owner,
            title="Partner-track internist (not advertised)",
            organization=practice,
            specialty="internal_medicine",
            practice_setting="private_practice",
            position_type="full_time",
            city="Denver",
            state="CO",
            source=Opportunity.Source.NETWORK,
            referrer=referrer,
            call_schedule="Shared phone call with the partners, 1 in 4 weeks",
            notes="Dr. Alvarez plans to retire within five years and wants a partner first.",
            on=today - timedelta(days=14),
        )
        _link_people(owner, hidden)
        n += 1

    preferences.job_preferences_update(
        owner=owner,
        specialties=["hospitalist", "internal_medicine"],
        practice_settings=["hospital_employed", "academic", "group"],
        states=["CO", "NC"],
        zip_code="80206",
        radius_miles=60,
        salary_floor=Decimal(270000),
        salary_floor_unit="year",
        must_haves="No more than 7 nights a month\nLoan repayment",
    )
    saved = searches.saved_search_create(
        owner=owner,
        name="Hospitalist near Denver",
        params={"q": "hospitalist", "near": "80206", "radius_miles": "50"},
    )
    # Seen a week ago: the board's listings since then show as new.
    SavedSearch.objects.filter(pk=saved.pk).update(last_seen_at=timezone.now() - timedelta(days=7))
    return n
