from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from curbside.core.models import OwnedModel, OwnedQuerySet
from curbside.network.models import Affiliation, Contact, Organization

from .classify import POSITION_TYPES, PRACTICE_SETTINGS, SALARY_UNITS, SPECIALTIES
from .fit import Fit

SPECIALTY_CHOICES = list(SPECIALTIES.items())
SETTING_CHOICES = list(PRACTICE_SETTINGS.items())
POSITION_CHOICES = list(POSITION_TYPES.items())
SALARY_UNIT_CHOICES = list(SALARY_UNITS.items())
VISA_CHOICES = [
    ("J-1 waiver", "J-1 waiver"),
    ("H-1B", "H-1B"),
    ("J-1 waiver, H-1B", "J-1 waiver and H-1B"),
    ("Visa sponsorship", "Visa sponsorship (kind not said)"),
]


def _money() -> models.DecimalField[object, object]:
    return models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )


class Listing(models.Model):
    """A job as a board or employer published it: public data shared by the whole instance.

    Identity is (source, external_id) when the board gives an id, else (source, url);
    re-importing updates the row in place. Search reads the narrow `ListingSearch` row
    and the full-text index kept beside it by `services.listings`.
    """

    source = models.CharField(max_length=100, help_text="The board or employer it came from.")
    external_id = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=1000, blank=True)
    title = models.CharField(max_length=300)
    employer = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    requirements = models.TextField(blank=True)
    specialty = models.CharField(max_length=40, choices=SPECIALTY_CHOICES, blank=True)
    practice_setting = models.CharField(max_length=20, choices=SETTING_CHOICES, blank=True)
    position_type = models.CharField(max_length=20, choices=POSITION_CHOICES, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField("ZIP code", max_length=12, blank=True)
    country = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    is_remote = models.BooleanField(default=False)
    salary_min = _money()
    salary_max = _money()
    salary_unit = models.CharField(max_length=8, choices=SALARY_UNIT_CHOICES, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    visa_sponsorship = models.CharField(max_length=20, choices=VISA_CHOICES, blank=True)
    posted_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not stored: the viewer's fit score, set by the pages that show it (selectors.fit).
    fit: Fit | None = None

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~Q(external_id=""),
                name="listing_unique_external_id_per_source",
            ),
            models.UniqueConstraint(
                fields=["source", "url"],
                condition=Q(external_id="") & ~Q(url=""),
                name="listing_unique_url_per_source",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["-posted_on"]),
            models.Index(fields=["-created_at"]),
        ]
        ordering: ClassVar = ["-posted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.employer}" if self.employer else self.title


class ListingSearch(models.Model):
    """The narrow twin of a Listing: only what search filters and sorts on.

    Search intersects full-text candidates with this table; keeping it narrow (no text
    columns) is what keeps a filtered query over a million listings fast. Salaries are
    annualised here so that one floor compares hourly and yearly pay.
    """

    listing = models.OneToOneField(
        Listing, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    specialty = models.CharField(max_length=40, blank=True)
    practice_setting = models.CharField(max_length=20, blank=True)
    position_type = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=100, blank=True)
    annual_salary_min = models.IntegerField(null=True, blank=True)
    annual_salary_max = models.IntegerField(null=True, blank=True)
    has_visa = models.BooleanField(default=False)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    posted_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    # The grid cell of (latitude, longitude) (`search.cells`): a radius search reads the
    # few dozen cells around the point through the covering index below, never the rows.
    geocell = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(
                fields=[
                    "geocell",
                    "latitude",
                    "longitude",
                    "expires_on",
                    "annual_salary_max",
                    "annual_salary_min",
                    "has_visa",
                    "specialty",
                    "practice_setting",
                    "position_type",
                    "posted_on",
                    "created_at",
                ],
                name="listing_search_geo_cover",
            ),
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["specialty", "-posted_on"]),
            models.Index(fields=["-posted_on"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"Search row of listing {self.listing_id}"


class ListingImport(models.Model):
    """One upload of listing files by staff or the CLI: its preview, then what commit did."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        COMMITTED = "committed", "Committed"
        DISCARDED = "discarded", "Discarded"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True)
    file_names = models.JSONField(default=list, blank=True)
    formats = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    rows = models.JSONField(default=list, blank=True)  # parsed records, action, problems
    warnings = models.JSONField(default=list, blank=True)
    n_create = models.PositiveIntegerField(default=0)
    n_update = models.PositiveIntegerField(default=0)
    n_skip = models.PositiveIntegerField(default=0)
    n_error = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Listing import of {', '.join(self.file_names) or 'nothing'} ({self.status})"


class Opportunity(OwnedModel):
    """A position the physician is tracking, advertised or heard of through a contact."""

    class Stage(models.TextChoices):
        FOUND = "found", "Found"
        RESEARCHING = "researching", "Researching"
        REACHED_OUT = "reached_out", "Reached out"
        APPLIED = "applied", "Applied"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Source(models.TextChoices):
        ADVERTISED = "advertised", "Advertised"
        NETWORK = "network", "Through my network"

    title = models.CharField(max_length=300)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    specialty = models.CharField(max_length=40, choices=SPECIALTY_CHOICES, blank=True)
    practice_setting = models.CharField(max_length=20, choices=SETTING_CHOICES, blank=True)
    position_type = models.CharField(max_length=20, choices=POSITION_CHOICES, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField("ZIP code", max_length=12, blank=True)
    salary_min = _money()
    salary_max = _money()
    salary_unit = models.CharField(
        "salary basis", max_length=8, choices=SALARY_UNIT_CHOICES, default="year", blank=True
    )
    call_schedule = models.CharField(max_length=200, blank=True, help_text="1 in 6 weekends …")
    loan_repayment = models.CharField(max_length=200, blank=True, help_text="$50k over 3 years …")
    visa_sponsorship = models.CharField(max_length=20, choices=VISA_CHOICES, blank=True)
    start_on = models.DateField("start date", null=True, blank=True)
    deadline_on = models.DateField("deadline", null=True, blank=True)
    url = models.URLField("URL", max_length=1000, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.ADVERTISED)
    source_name = models.CharField(
        "advertised on", max_length=100, blank=True, help_text="The board or listing."
    )
    listing = models.ForeignKey(
        Listing, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    referrer = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referred_opportunities",
        help_text="The contact who told you about it.",
    )
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.FOUND)
    stage_changed_on = models.DateField(null=True, blank=True)

    # Not stored: the fit score, set by the pages that show it (selectors.fit computes it).
    fit: Fit | None = None

    objects = OwnedQuerySet["Opportunity"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(salary_max__isnull=True)
                | Q(salary_min__isnull=True)
                | Q(salary_max__gte=F("salary_min")),
                name="opportunity_salary_range_in_order",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "-updated_at"]),
            models.Index(fields=["owner", "stage", "-updated_at"]),
            models.Index(fields=["owner", "organization"]),
        ]
        ordering: ClassVar = ["-updated_at", "-pk"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def is_hidden(self) -> bool:
        """Heard of through a contact and never advertised: the network's own opportunities."""
        return self.source == self.Source.NETWORK and self.listing_id is None


CLOSED_STAGES = frozenset(
    {Opportunity.Stage.ACCEPTED, Opportunity.Stage.DECLINED, Opportunity.Stage.WITHDRAWN}
)


class OpportunityPerson(OwnedModel):
    """A contact who matters for an opportunity, and why."""

    class Role(models.TextChoices):
        REFERRER = "referrer", "Referrer"
        INSIDER = "insider", "Insider"
        DECISION_MAKER = "decision_maker", "Decision maker"
        INTERVIEWER = "interviewer", "Interviewer"
        RECRUITER = "recruiter", "Recruiter"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="people")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="opportunity_roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    affiliation = models.ForeignKey(
        Affiliation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The affiliation that makes them so.",
    )
    note = models.CharField(max_length=200, blank=True)

    objects = OwnedQuerySet["OpportunityPerson"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["opportunity", "contact", "role"], name="opportunity_person_unique_role"
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["owner", "opportunity"]),
            models.Index(fields=["owner", "contact"]),
        ]
        ordering: ClassVar = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.contact_id} as {self.role} on {self.opportunity_id}"


class StageChange(OwnedModel):
    """One dated step of an opportunity through the pipeline."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=16, choices=Opportunity.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Opportunity.Stage.choices)
    changed_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    objects = OwnedQuerySet["StageChange"].as_manager()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["owner", "opportunity", "-changed_on"])]
        ordering: ClassVar = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} → {self.to_stage} on {self.changed_on}"


class DocumentSent(OwnedModel):
    """A CV version or cover letter sent for an opportunity: what, when and to whom."""

    class Kind(models.TextChoices):
        CV = "cv", "CV"
        COVER_LETTER = "cover_letter", "Cover letter"
        LETTER_OF_INTEREST = "letter_of_interest", "Letter of interest"
        REFERENCES = "references", "References"
        OTHER = "other", "Other"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CV)
    version = models.CharField(max_length=120, help_text="CV 2026-10 (academic) …")
    sent_on = models.DateField()
    recipients = models.ManyToManyField(Contact, blank=True, related_name="documents_received")
    sent_to = models.CharField(
        max_length=200, blank=True, help_text="Anyone not in your contacts (HR portal …)."
    )
    note = models.CharField(max_length=300, blank=True)

    objects = OwnedQuerySet["DocumentSent"].as_manager()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["owner", "opportunity", "-sent_on"])]
        ordering: ClassVar = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version} on {self.sent_on}"


class JobPreferences(OwnedModel):
    """What the physician wants from a position; the fit score reads it."""

    specialties = models.JSONField(default=list, blank=True)  # SPECIALTIES values
    practice_settings = models.JSONField(default=list, blank=True)  # PRACTICE_SETTINGS values
    position_types = models.JSONField(default=list, blank=True)  # POSITION_TYPES values
    states = models.JSONField(default=list, blank=True)  # US postal codes
    zip_code = models.CharField("ZIP code", max_length=12, blank=True)
    radius_miles = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3000)]
    )
    salary_floor = _money()
    salary_floor_unit = models.CharField(
        max_length=8, choices=SALARY_UNIT_CHOICES, default="year", blank=True
    )
    visa_needed = models.CharField(max_length=20, choices=VISA_CHOICES, blank=True)
    must_haves = models.TextField(blank=True, help_text="One per line: “no OB call”, “4-day week”.")
    # criterion → weight 0–5 for comparisons; missing criteria weigh the default.
    comparison_weights = models.JSONField(default=dict, blank=True)

    objects = OwnedQuerySet["JobPreferences"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["owner"], name="job_preferences_one_per_owner")
        ]
        verbose_name_plural = "job preferences"

    def __str__(self) -> str:
        return f"Job preferences of {self.owner_id}"


class SavedSearch(OwnedModel):
    """A named listing search; what is new is what was imported since it was last seen."""

    name = models.CharField(max_length=120)
    # The search form's cleaned parameters (q, specialty, setting, …), as the form reads them.
    params = models.JSONField(default=dict, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_notified_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet["SavedSearch"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_search_unique_name")
        ]
        indexes: ClassVar = [models.Index(fields=["owner", "name"])]
        ordering: ClassVar = ["name"]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name
