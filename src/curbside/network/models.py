from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from curbside.core.models import OwnedModel, OwnedQuerySet

from .validators import validate_npi


class Tag(OwnedModel):
    name = models.CharField(max_length=60)

    objects = OwnedQuerySet["Tag"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["owner", "name"], name="tag_unique_name_per_owner")
        ]
        indexes: ClassVar = [models.Index(fields=["owner", "name"])]
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(OwnedModel):
    class Kind(models.TextChoices):
        MEDICAL_SCHOOL = "medical_school", "Medical school"
        RESIDENCY_PROGRAM = "residency_program", "Residency program"
        FELLOWSHIP_PROGRAM = "fellowship_program", "Fellowship program"
        HOSPITAL = "hospital", "Hospital"
        ACADEMIC_MEDICAL_CENTER = "academic_medical_center", "Academic medical center"
        PRIVATE_PRACTICE = "private_practice", "Private practice"
        GROUP_PRACTICE = "group_practice", "Group practice"
        PUBLIC_HEALTH_FACILITY = "public_health_facility", "Public health facility"
        MEDICAL_SOCIETY = "medical_society", "Medical society"
        RECRUITING_FIRM = "recruiting_firm", "Recruiting firm"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    objects = OwnedQuerySet["Organization"].as_manager()

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["owner", "-updated_at"]),
        ]
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(OwnedModel):
    """A person in the owner's network. Exactly one per owner is the owner (`is_self`)."""

    is_self = models.BooleanField(default=False)
    full_name = models.CharField(max_length=200, help_text="The name as it is shown.")
    honorific = models.CharField(max_length=40, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    middle_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    suffix = models.CharField(max_length=40, blank=True, help_text="Jr., III …")
    credentials = models.CharField(max_length=120, blank=True, help_text="MD, FACS …")
    specialty = models.CharField(max_length=120, blank=True)
    subspecialty = models.CharField(max_length=120, blank=True)
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField("ZIP code", max_length=12, blank=True)
    country = models.CharField(max_length=100, blank=True)
    research_interests = models.TextField(blank=True)
    procedures = models.TextField(blank=True)
    how_we_met = models.TextField(blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    notes = models.TextField(blank=True)
    cadence_days = models.PositiveIntegerField(
        "keep-in-touch every (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    photo = models.ImageField(upload_to="photos/", blank=True)
    # Kept in step with the interactions by interactions.services, so that lists can sort
    # and filter on them without aggregating thousands of interactions per page.
    last_interaction_on = models.DateField(null=True, blank=True)
    next_touch_on = models.DateField(null=True, blank=True)

    objects = OwnedQuerySet["Contact"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["owner"], condition=Q(is_self=True), name="contact_one_self_per_owner"
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "-updated_at"]),
            models.Index(fields=["owner", "last_name", "first_name"]),
            models.Index(fields=["owner", "-last_interaction_on"]),
            models.Index(fields=["owner", "next_touch_on"]),
            models.Index(fields=["owner", "npi"]),
        ]
        ordering: ClassVar = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.full_name}, {self.credentials}" if self.credentials else self.full_name

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p] or self.full_name.split()[:2]
        return "".join(p[0] for p in parts).upper()

    @property
    def location(self) -> str:
        return ", ".join(p for p in (self.city, self.state) if p)


class ContactEmail(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField()
    label = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    objects = OwnedQuerySet["ContactEmail"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["contact", "email"], name="email_unique_per_contact")
        ]
        indexes: ClassVar = [models.Index(fields=["owner", "email"])]
        ordering: ClassVar = ["-is_primary", "pk"]

    def __str__(self) -> str:
        return self.email


class ContactPhone(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=32, help_text="E.164 when it could be parsed.")
    label = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    objects = OwnedQuerySet["ContactPhone"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["contact", "number"], name="phone_unique_per_contact")
        ]
        indexes: ClassVar = [models.Index(fields=["owner", "number"])]
        ordering: ClassVar = ["-is_primary", "pk"]

    def __str__(self) -> str:
        return self.number


class Affiliation(OwnedModel):
    """A person's school, training program, job or membership, with years."""

    class Kind(models.TextChoices):
        EDUCATION = "education", "Education"
        TRAINING = "training", "Training"
        EMPLOYMENT = "employment", "Employment"
        MEMBERSHIP = "membership", "Membership"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    role = models.CharField("role or title", max_length=120, blank=True)
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Empty while current; the graduation year for a school.",
    )
    is_decision_maker = models.BooleanField(
        default=False, help_text="Chair, program director, practice owner, CMO, recruiter…"
    )

    objects = OwnedQuerySet["Affiliation"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="affiliation_ends_after_it_starts",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "organization"]),
            models.Index(fields=["owner", "contact"]),
            # The introductions graph's version check: count and latest change per owner.
            models.Index(fields=["owner", "-updated_at"]),
        ]
        ordering: ClassVar = ["-start_year", "pk"]

    def __str__(self) -> str:
        return f"{self.role or self.get_kind_display()} at {self.organization_id}"

    @property
    def years(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return f"{self.start_year}–present"
        if self.end_year:
            return str(self.end_year)
        return ""

    @property
    def is_current(self) -> bool:
        return self.end_year is None


class Tie(OwnedModel):
    """Who knows whom: undirected, stored once with person_a.pk < person_b.pk."""

    person_a = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="ties_as_a")
    person_b = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="ties_as_b")
    strength = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    context = models.CharField(max_length=200, blank=True, help_text="co-residents 2019–22")
    since = models.PositiveSmallIntegerField(
        "since (year)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    objects = OwnedQuerySet["Tie"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["owner", "person_a", "person_b"], name="tie_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="tie_stored_in_order"
            ),
            models.CheckConstraint(
                condition=Q(strength__gte=1) & Q(strength__lte=5), name="tie_strength_1_to_5"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "person_a"]),
            models.Index(fields=["owner", "person_b"]),
            # The introductions graph's version check: count and latest change per owner.
            models.Index(fields=["owner", "-updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}–{self.person_b_id} ({self.strength}/5)"

    def other(self, contact_id: int) -> Contact:
        return self.person_b if self.person_a_id == contact_id else self.person_a
