"""Plan the people of a demo network: who they are, where they trained and work, how well
the resident knows them. Nothing here touches the database; the builder saves the plan.

Each contact is drawn from an archetype (co-resident, attending, classmate, recruiter…) in
fixed proportions, with a seeded random.Random, so the same seed gives the same people.
"""

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.validators import npi_is_valid

from . import data

Kind = Organization.Kind
AffKind = Affiliation.Kind


@dataclass(slots=True)
class PlannedOrganization:
    key: str
    row: Organization
    region: str
    domain: str


@dataclass(slots=True)
class PlannedAffiliation:
    organization: PlannedOrganization
    kind: str
    role: str
    start_year: int | None
    end_year: int | None
    is_decision_maker: bool = False


@dataclass(slots=True)
class Person:
    """One planned contact; `index` is its position in the plan (the self is not planned)."""

    index: int
    archetype: str
    profile: str  # which kinds of interaction are typical: peer, senior, employer, recruiter
    contact: Contact
    affiliations: list[PlannedAffiliation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, label)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (E.164, label)
    strength: int | None = None  # the tie with the resident; None: no tie recorded
    context: str = ""
    since: int | None = None
    cohort: int | None = None  # residency or school class, for ties between peers
    introduced_by: int | None = None  # index of another person
    special: str = ""  # a role the scripted recent activity looks for

    @property
    def is_decision_maker(self) -> bool:
        return any(a.is_decision_maker for a in self.affiliations)

    @property
    def main_organization(self) -> PlannedOrganization | None:
        work = [a for a in self.affiliations if a.kind != AffKind.MEMBERSHIP]
        current = [a for a in work if a.end_year is None]
        chosen = current or work or self.affiliations
        return chosen[-1].organization if chosen else None

    @property
    def mention(self) -> str:
        """How the resident refers to them in a note: a first name, or Dr. Surname."""
        if self.profile in {"senior", "employer"} and self.contact.credentials:
            return f"Dr. {self.contact.last_name}"
        return self.contact.first_name


# Shares of the network, in percent.
ARCHETYPES = (
    ("co_resident", 14),
    ("faculty", 12),
    ("classmate", 10),
    ("fellow", 5),
    ("target_practice", 18),
    ("hospital_leader", 5),
    ("recruiter", 7),
    ("public_health", 3),
    ("society", 5),
    ("alumni", 15),
    ("family_friend", 6),
)
# The faculty roles the resident's job search revolves around, filled first.
FACULTY_LEADERS = (
    ("chair", "lakeshore_umc", "Chair, Department of Medicine", ""),
    ("program_director", "lakeshore_im", "Program Director", "Hospital Medicine"),
    ("associate_program_director", "lakeshore_im", "Associate Program Director", ""),
    ("division_chief", "lakeshore_umc", "Division Chief, Hospital Medicine", "Hospital Medicine"),
)


def archetype_counts(n_contacts: int) -> list[tuple[str, int]]:
    """Split n_contacts by the archetype shares (largest remainders get the leftovers)."""
    total = sum(share for _, share in ARCHETYPES)
    exact = [(name, n_contacts * share / total) for name, share in ARCHETYPES]
    counts = {name: int(value) for name, value in exact}
    leftover = n_contacts - sum(counts.values())
    by_remainder = sorted(exact, key=lambda item: (-(item[1] - int(item[1])), item[0]))
    for name, _ in by_remainder[:leftover]:
        counts[name] += 1
    return [(name, counts[name]) for name, _ in ARCHETYPES]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class PeoplePlanner:
    """Draws people for one network. Years are relative to `today`: the resident is a PGY-3."""

    def __init__(
        self, rng: random.Random, today: date, organizations: Sequence[PlannedOrganization]
    ) -> None:
        self.rng = rng
        self.today = today
        # The academic year starts in July: a PGY-3 started residency two Julys ago.
        self.academic_year = today.year if today.month >= 7 else today.year - 1
        self.residency_start = self.academic_year - 2
        self.graduation = self.residency_start
        self.organizations = list(organizations)
        self.by_key = {o.key: o for o in organizations}
        self._pools: dict[tuple[tuple[str, ...], tuple[str, ...]], list[PlannedOrganization]] = {}
        self._names: set[str] = set()
        self._npis: set[str] = set()
        self._owned: set[str] = set()  # organizations that already have an owner or director
        self._leaders = list(FACULTY_LEADERS)

    # Organizations -------------------------------------------------------------------

    def organization(self, key: str, *kinds: str) -> PlannedOrganization:
        return self.by_key.get(key) or self.pick(kinds or (Kind.OTHER,))

    def pick(self, kinds: Sequence[str], regions: Sequence[str] = ()) -> PlannedOrganization:
        """A random organization of these kinds, in these regions when there is one."""
        cache_key = (tuple(kinds), tuple(regions))
        pool = self._pools.get(cache_key)
        if pool is None:
            of_kind = [o for o in self.organizations if o.row.kind in kinds]
            in_region = [o for o in of_kind if o.region in regions]
            pool = in_region or of_kind or self.organizations
            self._pools[cache_key] = pool
        return self.rng.choice(pool)

    def career_start(self, graduation: int, spread: int) -> int:
        """A first year in a post after a three-year residency, never in the future."""
        earliest = min(graduation + 3, self.academic_year)
        return self.rng.randint(earliest, min(earliest + spread, self.academic_year))

    def first_claim(self, organization: PlannedOrganization) -> bool:
        """True the first time it is asked for an organization: one owner per practice."""
        if organization.key in self._owned:
            return False
        self._owned.add(organization.key)
        return True

    # People --------------------------------------------------------------------------

    def _name(self) -> tuple[str, str, str]:
        for attempt in range(500):
            first = self.rng.choice(data.FIRST_NAMES)
            last = self.rng.choice(data.LAST_NAMES)
            middle = self.rng.choice(data.MIDDLE_INITIALS) + "." if attempt > 50 else ""
            full = " ".join(p for p in (first, middle, last) if p)
            if full not in self._names:
                self._names.add(full)
                return first, middle, last
        # Past the space of plain names (very large networks): number the surname.
        last = f"{self.rng.choice(data.LAST_NAMES)}-{len(self._names)}"
        first = self.rng.choice(data.FIRST_NAMES)
        self._names.add(f"{first} {last}")
        return first, "", last

    def new_npi(self) -> str:
        while True:
            body = "1" + "".join(str(self.rng.randrange(10)) for _ in range(8))
            npi = next(body + d for d in "0123456789" if npi_is_valid(body + d))
            if npi not in self._npis:
                self._npis.add(npi)
                return npi

    def _person(
        self,
        index: int,
        archetype: str,
        profile: str,
        *,
        credentials: str,
        specialty: str = "",
        subspecialty: str = "",
    ) -> Person:
        first, middle, last = self._name()
        contact = Contact(
            first_name=first,
            middle_name=middle,
            last_name=last,
            full_name=" ".join(p for p in (first, middle, last) if p),
            credentials=credentials,
            specialty=specialty,
            subspecialty=subspecialty,
            npi=self.new_npi() if credentials.startswith(("MD", "DO")) else "",
        )
        return Person(index=index, archetype=archetype, profile=profile, contact=contact)

    def _physician_credentials(self, school: PlannedOrganization, *, senior: bool) -> str:
        degree = "DO" if "Osteopathic" in school.row.name or self.rng.random() < 0.08 else "MD"
        if senior:
            degree += self.rng.choice(("", "", "", ", FACP", ", FACP", ", MPH", ", PhD", ", MBA"))
        return degree

    def _education(self, person: Person, school: PlannedOrganization, graduation: int) -> None:
        degree = person.contact.credentials.split(",")[0] or "MD"
        person.affiliations.append(
            PlannedAffiliation(school, AffKind.EDUCATION, degree, graduation - 4, graduation)
        )

    def _past_residency(self, person: Person, graduation: int, *, years: int = 3) -> None:
        program = self.pick((Kind.RESIDENCY_PROGRAM,))
        person.affiliations.append(
            PlannedAffiliation(
                program, AffKind.TRAINING, "Resident physician", graduation, graduation + years
            )
        )

    def _maybe_member(self, person: Person, start: int) -> None:
        if self.rng.random() < 0.25:
            society = self.pick((Kind.MEDICAL_SOCIETY,))
            person.affiliations.append(
                PlannedAffiliation(society, AffKind.MEMBERSHIP, "Member", start, None)
            )

    def _finish(self, person: Person, cadences: Sequence[int | None]) -> Person:
        """Place, contact details and cadence, from the person's main organization."""
        contact = person.contact
        organization = person.main_organization
        city = data.CITIES.get(organization.row.city) if organization else None
        city = city or data.CITIES["Chicago"]
        contact.city, contact.state = city.name, city.state
        contact.zip_code = self.rng.choice(city.zip_codes)
        contact.cadence_days = self.rng.choice(cadences)
        domain = organization.domain if organization else "mail.example"
        person.emails.append(
            (f"{slug(contact.first_name)}.{slug(contact.last_name)}@{domain}", "work")
        )
        if self.rng.random() < 0.25:
            number = self.rng.randint(1, 99)
            personal = f"{slug(contact.first_name)}{slug(contact.last_name)}{number}@mail.example"
            person.emails.append((personal, "personal"))
        if person.profile == "recruiter" or self.rng.random() < 0.8:
            area = self.rng.choice(city.area_codes)
            person.phones.append((f"+1{area}55501{self.rng.randrange(100):02d}", "mobile"))
        work = f"+1{self.rng.choice(city.area_codes)}55501{self.rng.randrange(100):02d}"
        if self.rng.random() < 0.2 and work not in {number for number, _ in person.phones}:
            person.phones.append((work, "work"))
        return person

    def plan(self, n_contacts: int) -> list[Person]:
        archetypes = [name for name, count in archetype_counts(n_contacts) for _ in range(count)]
        people = [getattr(self, f"_{name}")(index) for index, name in enumerate(archetypes)]
        self._introductions(people)
        return people

    def _introductions(self, people: list[Person]) -> None:
        """Some new acquaintances came through a mentor, an alumnus or a society contact."""
        introducers = [p for p in people if p.archetype in {"faculty", "alumni", "society"}]
        if not introducers:
            return
        for person in people:
            if person.archetype in {"target_practice", "alumni", "hospital_leader"} and (
                self.rng.random() < 0.3
            ):
                introducer = self.rng.choice(introducers)
                if introducer.index == person.index:
                    continue
                person.introduced_by = introducer.index
                person.contact.how_we_met = (
                    f"Introduced by {introducer.contact.full_name} "
                    f"({self.rng.choice(('email', 'at a conference', 'over coffee'))})"
                )

    # Archetypes: one method each, named after the archetype -------------------------------

    def _co_resident(self, index: int) -> Person:
        rng = self.rng
        start = rng.choice((0, 0, 0, 0, 0, 1, 1, 1, 2, -1, -1)) + self.residency_start
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "co_resident",
            "peer",
            credentials=self._physician_credentials(school, senior=False),
            specialty="Internal Medicine",
        )
        person.cohort = start
        self._education(person, school, start)
        residency = self.organization("lakeshore_im", Kind.RESIDENCY_PROGRAM)
        graduated = start + 3 <= self.academic_year
        role = "Chief resident" if graduated and rng.random() < 0.2 else "Resident physician"
        person.affiliations.append(
            PlannedAffiliation(
                residency, AffKind.TRAINING, role, start, start + 3 if graduated else None
            )
        )
        if graduated:
            if rng.random() < 0.5:
                fellowship = self.pick((Kind.FELLOWSHIP_PROGRAM,))
                person.contact.subspecialty = data.FELLOWSHIP_SUBSPECIALTY.get(
                    fellowship.key, rng.choice(data.IM_SUBSPECIALTIES)
                )
                person.affiliations.append(
                    PlannedAffiliation(fellowship, AffKind.TRAINING, "Fellow", start + 3, None)
                )
            else:
                job = self.pick((Kind.HOSPITAL, Kind.ACADEMIC_MEDICAL_CENTER))
                person.contact.subspecialty = "Hospital Medicine"
                person.affiliations.append(
                    PlannedAffiliation(job, AffKind.EMPLOYMENT, "Hospitalist", start + 3, None)
                )
        person.tags.append("co-resident")
        if rng.random() < 0.3:
            person.contact.notes = rng.choice(
                (
                    "Applying to {sub} fellowship this cycle.",
                    "Also looking at hospitalist jobs in Denver; compare offers.",
                    "Great on nights. Runs the residents' journal club.",
                    "Partner is a resident in Raleigh; knows the Triangle well.",
                )
            ).format(sub=rng.choice(data.IM_SUBSPECIALTIES).lower())
        if rng.random() < 0.4:
            person.contact.procedures = rng.choice(data.PROCEDURES[:5])
        same_class = start == self.residency_start
        person.strength = rng.choice((3, 4, 4, 5, 5) if same_class else (2, 3, 3, 4))
        person.context = (
            f"co-residents {start}–{(start + 3) % 100:02d}"
            if same_class
            else f"same residency program, class of {start + 3}"
        )
        person.since = max(start, self.residency_start)
        person.contact.how_we_met = rng.choice(
            (f"Intern orientation, June {person.since}", "Wards team", "Night float")
        )
        return self._finish(person, (None, 30, 60, 60, 90))

    def _faculty(self, index: int) -> Person:
        rng = self.rng
        special, key, role, subspecialty = (
            self._leaders.pop(0) if self._leaders else ("", "lakeshore_umc", "", "")
        )
        subspecialty = subspecialty or rng.choice(data.IM_SUBSPECIALTIES)
        graduation = self.academic_year - rng.randint(8, 35)
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "faculty",
            "senior",
            credentials=self._physician_credentials(school, senior=True),
            specialty="Internal Medicine",
            subspecialty=subspecialty,
        )
        person.special = special
        self._education(person, school, graduation)
        self._past_residency(person, graduation)
        organization = self.organization(key, Kind.ACADEMIC_MEDICAL_CENTER)
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                role or f"Attending physician, {subspecialty}",
                self.career_start(graduation, 8),
                None,
                is_decision_maker=bool(special),
            )
        )
        self._maybe_member(person, graduation + 3)
        if rng.random() < 0.7:
            person.contact.research_interests = rng.choice(data.RESEARCH_INTERESTS)
        is_mentor = bool(special) or rng.random() < 0.3
        person.tags.append("attending")
        if is_mentor:
            person.tags.append("mentor")
        if special in {"program_director", "division_chief", "chair"}:
            person.tags.append("reference")
        person.strength = rng.choice((4, 4, 5) if is_mentor else (2, 3, 3, 4))
        person.since = rng.randint(self.residency_start, self.academic_year)
        person.context = (
            f"mentor since {person.since}"
            if is_mentor
            else f"attending on the {subspecialty.lower()} service, {person.since}"
        )
        person.contact.how_we_met = rng.choice(("Wards rotation", "Clinic preceptor", "QI project"))
        return self._finish(person, (None, 60, 90, 90))

    def _classmate(self, index: int) -> Person:
        rng = self.rng
        school = self.organization("north_star_com", Kind.MEDICAL_SCHOOL)
        specialty = rng.choice(data.OTHER_SPECIALTIES)
        person = self._person(
            index,
            "classmate",
            "peer",
            credentials=self._physician_credentials(school, senior=False),
            specialty=specialty,
        )
        person.cohort = self.graduation
        self._education(person, school, self.graduation)
        if specialty in {"Internal Medicine", "Family Medicine"}:
            program = self.pick((Kind.RESIDENCY_PROGRAM,))
            role = "Resident physician"
        else:
            program = self.pick((Kind.ACADEMIC_MEDICAL_CENTER, Kind.HOSPITAL))
            role = f"Resident, {specialty}"
        person.affiliations.append(
            PlannedAffiliation(program, AffKind.TRAINING, role, self.graduation, None)
        )
        person.tags.append("classmate")
        person.strength = rng.choice((2, 3, 3, 4, 5))
        person.context = f"med school classmates, class of {self.graduation}"
        person.since = self.graduation - 4
        person.contact.how_we_met = "Medical school"
        return self._finish(person, (None, None, 90, 180))

    def _fellow(self, index: int) -> Person:
        rng = self.rng
        start = self.academic_year - rng.choice((1, 2))
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        fellowship = self.pick((Kind.FELLOWSHIP_PROGRAM,))
        subspecialty = data.FELLOWSHIP_SUBSPECIALTY.get(
            fellowship.key, rng.choice(data.IM_SUBSPECIALTIES)
        )
        person = self._person(
            index,
            "fellow",
            "peer",
            credentials=self._physician_credentials(school, senior=False),
            specialty="Internal Medicine",
            subspecialty=subspecialty,
        )
        self._education(person, school, start - 3)
        same_program = rng.random() < 0.6
        residency = (
            self.organization("lakeshore_im", Kind.RESIDENCY_PROGRAM)
            if same_program
            else self.pick((Kind.RESIDENCY_PROGRAM,))
        )
        person.affiliations.append(
            PlannedAffiliation(residency, AffKind.TRAINING, "Resident physician", start - 3, start)
        )
        person.affiliations.append(
            PlannedAffiliation(fellowship, AffKind.TRAINING, "Fellow", start, None)
        )
        person.tags.append("fellow")
        person.strength = rng.choice((2, 3, 3, 4))
        person.since = self.residency_start
        person.context = (
            f"my senior resident in {self.residency_start}"
            if same_program
            else f"met on the {subspecialty.lower()} consult service"
        )
        return self._finish(person, (None, None, 90))

    def _target_practice(self, index: int) -> Person:
        rng = self.rng
        region = rng.choice(data.TARGET_REGIONS) if rng.random() < 0.85 else "twin_cities"
        organization = self.pick(
            (Kind.PRIVATE_PRACTICE, Kind.GROUP_PRACTICE, Kind.HOSPITAL), (region,)
        )
        kind = organization.row.kind
        hospitalist = kind == Kind.HOSPITAL or "Hospitalist" in organization.row.name
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "target_practice",
            "employer",
            credentials=self._physician_credentials(school, senior=True),
            specialty="Family Medicine"
            if not hospitalist and rng.random() < 0.3
            else "Internal Medicine",
            subspecialty="Hospital Medicine" if hospitalist else "",
        )
        graduation = self.academic_year - rng.randint(4, 30)
        self._education(person, school, graduation)
        self._past_residency(person, graduation)
        is_decision_maker = False
        if kind == Kind.PRIVATE_PRACTICE and self.first_claim(organization):
            role, is_decision_maker = "Practice owner", True
        elif kind == Kind.GROUP_PRACTICE and (
            self.first_claim(organization) or rng.random() < 0.15
        ):
            role = rng.choice(("Managing partner", "Medical director"))
            is_decision_maker = True
        elif kind == Kind.HOSPITAL and rng.random() < 0.15:
            role, is_decision_maker = "Director of Hospital Medicine", True
        else:
            role = rng.choice(
                ("Physician", "Partner", "Associate physician", "Hospitalist")
                if not hospitalist
                else ("Hospitalist", "Nocturnist", "Hospitalist")
            )
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                role,
                self.career_start(graduation, 10),
                None,
                is_decision_maker,
            )
        )
        self._maybe_member(person, graduation + 3)
        person.tags.append(data.REGION_LABELS.get(region, "Minneapolis"))
        person.tags.append("hospitalist" if hospitalist else "primary care")
        person.strength = rng.choice((None, 1, 2, 2, 3))
        conference = rng.choice(data.CONFERENCES)
        person.since = rng.randint(self.residency_start, self.academic_year)
        person.context = f"met at the {conference} {person.since}"
        person.contact.how_we_met = f"{conference} {person.since}"
        if rng.random() < 0.4:
            person.contact.notes = rng.choice(
                (
                    "Group is adding two physicians next summer.",
                    "Planning to retire in about five years; wants a partner-track physician.",
                    "Four-day clinic week, no inpatient work.",
                    "Offered to show me around the group and the hospital.",
                    "Trained in Chicago too; knows my program director.",
                )
            )
        return self._finish(person, (None, None, 60, 90))

    def _hospital_leader(self, index: int) -> Person:
        rng = self.rng
        region = rng.choice((*data.TARGET_REGIONS, *data.TARGET_REGIONS, "chicago", "twin_cities"))
        organization = self.pick((Kind.HOSPITAL, Kind.ACADEMIC_MEDICAL_CENTER), (region,))
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "hospital_leader",
            "employer",
            credentials=self._physician_credentials(school, senior=True),
            specialty="Internal Medicine",
            subspecialty=rng.choice(
                ("Hospital Medicine", "", "Pulmonary Disease and Critical Care")
            ),
        )
        person.special = "leader"
        graduation = self.academic_year - rng.randint(15, 35)
        self._education(person, school, graduation)
        self._past_residency(person, graduation)
        role = rng.choice(
            (
                "Chief Medical Officer",
                "Director of Hospital Medicine",
                "Vice President, Medical Affairs",
                "Chief of Staff",
                "Medical Director, Hospitalist Service",
            )
        )
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                role,
                self.academic_year - rng.randint(1, 12),
                None,
                is_decision_maker=True,
            )
        )
        person.tags.append("leadership")
        if region in data.REGION_LABELS:
            person.tags.append(data.REGION_LABELS[region])
        person.strength = rng.choice((None, 1, 2, 2))
        person.since = self.academic_year - rng.randint(0, 1)
        person.context = f"interviewed with them, {person.since}"
        return self._finish(person, (None, None, 90))

    def _recruiter(self, index: int) -> Person:
        rng = self.rng
        in_house = rng.random() < 0.4
        organization = (
            self.pick(
                (Kind.HOSPITAL, Kind.ACADEMIC_MEDICAL_CENTER, Kind.GROUP_PRACTICE),
                data.TARGET_REGIONS,
            )
            if in_house
            else self.pick((Kind.RECRUITING_FIRM,))
        )
        person = self._person(
            index, "recruiter", "recruiter", credentials=rng.choice(("", "", "MBA", "MHA"))
        )
        person.special = "recruiter"
        role = (
            "In-house Physician Recruiter"
            if in_house
            else rng.choice(
                (
                    "Senior Physician Recruiter",
                    "Physician Recruiter",
                    "Director of Physician Recruitment",
                )
            )
        )
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                role,
                self.academic_year - rng.randint(0, 10),
                None,
                is_decision_maker=True,
            )
        )
        person.tags.append("recruiter")
        person.strength = rng.choice((None, 1, 2, 2, 3))
        person.since = self.academic_year - rng.randint(0, 1)
        person.context = rng.choice(
            (
                "recruiter for Denver hospitalist searches",
                "recruiter for Triangle primary care",
                "locums recruiter",
            )
        )
        person.contact.notes = rng.choice(
            (
                "Prefers calls on Tuesdays and Thursdays.",
                "Mentioned a sign-on bonus and loan repayment for July starts.",
                "Sends weekly lists of openings; most are nocturnist jobs.",
                "",
            )
        )
        return self._finish(person, (30, 45, 60))

    def _public_health(self, index: int) -> Person:
        rng = self.rng
        organization = self.pick((Kind.PUBLIC_HEALTH_FACILITY,))
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "public_health",
            "senior",
            credentials=self._physician_credentials(school, senior=True),
            specialty=rng.choice(("Internal Medicine", "Family Medicine", "Preventive Medicine")),
        )
        graduation = self.academic_year - rng.randint(6, 30)
        self._education(person, school, graduation)
        self._past_residency(person, graduation)
        director = self.first_claim(organization)
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                "Medical Director" if director else "Staff physician",
                self.career_start(graduation, 10),
                None,
                is_decision_maker=director,
            )
        )
        person.tags.append("public health")
        person.strength = rng.choice((1, 2, 3))
        person.since = rng.randint(self.residency_start, self.academic_year)
        person.context = "volunteered at their clinic"
        return self._finish(person, (None, 90, 120))

    def _society(self, index: int) -> Person:
        rng = self.rng
        society = self.pick((Kind.MEDICAL_SOCIETY,))
        job = self.pick((Kind.HOSPITAL, Kind.ACADEMIC_MEDICAL_CENTER, Kind.GROUP_PRACTICE))
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "society",
            "senior",
            credentials=self._physician_credentials(school, senior=True),
            specialty="Internal Medicine",
            subspecialty=rng.choice(data.IM_SUBSPECIALTIES),
        )
        graduation = self.academic_year - rng.randint(8, 30)
        self._education(person, school, graduation)
        person.affiliations.append(
            PlannedAffiliation(
                job,
                AffKind.EMPLOYMENT,
                "Attending physician",
                self.career_start(graduation, 8),
                None,
            )
        )
        role, deciding = rng.choice(
            (
                ("Governor, Colorado Chapter", True),
                ("Chair, Council of Early Career Physicians", False),
                ("Member, Health Policy Committee", False),
                ("Chapter president", True),
            )
        )
        person.affiliations.append(
            PlannedAffiliation(
                society, AffKind.MEMBERSHIP, role, graduation + 3, None, is_decision_maker=deciding
            )
        )
        person.tags.append("society")
        person.strength = rng.choice((1, 2, 2, 3))
        person.since = rng.randint(self.residency_start, self.academic_year)
        person.context = f"{rng.choice(data.CONFERENCES)} {person.since}"
        return self._finish(person, (None, None, 120))

    def _alumni(self, index: int) -> Person:
        rng = self.rng
        school = self.organization("north_star_com", Kind.MEDICAL_SCHOOL)
        region = rng.choice((*data.TARGET_REGIONS, *data.TARGET_REGIONS, "twin_cities", "chicago"))
        organization = self.pick(
            (
                Kind.GROUP_PRACTICE,
                Kind.HOSPITAL,
                Kind.ACADEMIC_MEDICAL_CENTER,
                Kind.PRIVATE_PRACTICE,
            ),
            (region,),
        )
        specialty = rng.choice(("Internal Medicine", "Internal Medicine", *data.OTHER_SPECIALTIES))
        person = self._person(
            index,
            "alumni",
            "senior",
            credentials=self._physician_credentials(school, senior=True),
            specialty=specialty,
            subspecialty=rng.choice(data.IM_SUBSPECIALTIES)
            if specialty == "Internal Medicine" and rng.random() < 0.5
            else "",
        )
        graduation = self.academic_year - rng.randint(4, 25)
        person.cohort = graduation
        self._education(person, school, graduation)
        self._past_residency(person, graduation)
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                rng.choice(("Attending physician", "Physician", "Partner", "Hospitalist")),
                self.career_start(graduation, 8),
                None,
            )
        )
        self._maybe_member(person, graduation + 3)
        person.tags.append("alumni")
        if region in data.REGION_LABELS:
            person.tags.append(data.REGION_LABELS[region])
        person.strength = rng.choice((None, 1, 2, 2, 3))
        person.since = rng.randint(self.residency_start - 3, self.academic_year)
        person.context = f"North Star alumni, class of {graduation}"
        return self._finish(person, (None, None, 90, 180))

    def _family_friend(self, index: int) -> Person:
        rng = self.rng
        organization = self.pick(
            (Kind.HOSPITAL, Kind.PRIVATE_PRACTICE, Kind.GROUP_PRACTICE), ("twin_cities",)
        )
        school = self.pick((Kind.MEDICAL_SCHOOL,))
        person = self._person(
            index,
            "family_friend",
            "peer",
            credentials=self._physician_credentials(school, senior=True),
            specialty=rng.choice(data.OTHER_SPECIALTIES),
        )
        graduation = self.academic_year - rng.randint(15, 35)
        self._education(person, school, graduation)
        person.affiliations.append(
            PlannedAffiliation(
                organization,
                AffKind.EMPLOYMENT,
                "Physician",
                min(graduation + 4, self.academic_year),
                None,
            )
        )
        person.tags.append("family friend")
        person.strength = rng.choice((3, 4, 5))
        person.since = self.academic_year - rng.randint(10, 25)
        person.context = "family friend from Minneapolis"
        person.contact.how_we_met = "Family friend; shadowed them in college"
        return self._finish(person, (60, 90, 120))
