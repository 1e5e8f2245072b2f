"""What the REST API reads and writes: typed schemas, one set per resource.

Choice fields are Django's TextChoices with their JSON schema inlined, because every model
calls its choices `Kind` and the OpenAPI components would otherwise overwrite one another.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import Affiliation, Contact, Organization, Tie


def _enum_schema(choices: type[TextChoices], title: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": list(choices.values), "title": title})


OrganizationKind = Annotated[
    Organization.Kind, _enum_schema(Organization.Kind, "Organization kind")
]
AffiliationKind = Annotated[Affiliation.Kind, _enum_schema(Affiliation.Kind, "Affiliation kind")]
InteractionKind = Annotated[Interaction.Kind, _enum_schema(Interaction.Kind, "Interaction kind")]
Sentiment = Annotated[Interaction.Sentiment, _enum_schema(Interaction.Sentiment, "Sentiment")]
FollowUpKind = Annotated[FollowUp.Kind, _enum_schema(FollowUp.Kind, "Follow-up kind")]
FollowUpStatus = Annotated[FollowUp.Status, _enum_schema(FollowUp.Status, "Follow-up status")]
FollowUpStatusFilter = Literal["pending", "open", "done", "snoozed", "dismissed"]
# The keys of network.selectors.CONTACT_SORTS (a test keeps them in step).
ContactSort = Literal["name", "-name", "last_contact", "-last_contact", "strength", "recent"]
# A relationship strength: 1–5 is the tie between the owner and the contact, 0 is none.
Strength = Annotated[int, Field(ge=0, le=5)]


class InputSchema(Schema):
    """A request body: a field the API does not know is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# Errors ---------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(examples=["Not found."])


class FieldErrorOut(Schema):
    field: str | None = Field(
        description="The input field at fault; null when the error is about the whole input.",
        examples=["npi"],
    )
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


# Contacts ---------------------------------------------------------------------------------------


class ContactOut(Schema):
    id: int
    is_self: bool = Field(description="True for the owner's own profile.")
    full_name: str
    honorific: str
    first_name: str
    middle_name: str
    last_name: str
    suffix: str
    credentials: str
    specialty: str
    subspecialty: str
    npi: str
    emails: list[str] = Field(description="The primary address first.")
    phones: list[str] = Field(description="E.164 numbers, the primary first.")
    city: str
    state: str
    zip_code: str
    country: str
    research_interests: str
    procedures: str
    how_we_met: str
    introduced_by: int | None = Field(description="The id of the contact who introduced us.")
    tags: list[str]
    notes: str
    cadence_days: int | None = Field(description="Keep in touch every so many days.")
    strength: int = Field(description="Relationship strength 1–5, or 0 when not set.")
    last_interaction_on: date | None
    next_touch_on: date | None
    created_at: datetime
    updated_at: datetime

    # The lists are read from prefetched rows: `.all()` never queries per contact.
    @staticmethod
    def resolve_emails(obj: Contact) -> list[str]:
        return [email.email for email in obj.emails.all()]

    @staticmethod
    def resolve_phones(obj: Contact) -> list[str]:
        return [phone.number for phone in obj.phones.all()]

    @staticmethod
    def resolve_tags(obj: Contact) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_introduced_by(obj: Contact) -> int | None:
        return obj.introduced_by_id

    @staticmethod
    def resolve_strength(obj: Contact) -> int:
        strength: int = getattr(obj, "strength", 0)
        return strength


NAME_PARTS = ("honorific", "first_name", "middle_name", "last_name", "suffix")


class ContactIn(InputSchema):
    """A new contact (or, with PUT, the whole of one). Give `name`, or the parts of a name."""

    name: str | None = Field(
        None,
        description='Parsed into its parts: "Dr. Jane A. Roe, MD, FACS". '
        "When absent, the name parts are taken as given.",
        examples=["Dr. Jane A. Roe, MD"],
    )
    honorific: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    suffix: str = ""
    credentials: str = Field("", examples=["MD, FACS"])
    specialty: str = ""
    subspecialty: str = ""
    npi: str = Field("", description="10 digits with a valid check digit.")
    emails: list[str] = []
    phones: list[str] = Field([], description="Numbers without a country code are read as US.")
    city: str = ""
    state: str = ""
    zip_code: str = ""
    country: str = ""
    research_interests: str = ""
    procedures: str = ""
    how_we_met: str = ""
    introduced_by: int | None = Field(None, description="The id of one of your contacts.")
    tags: list[str] = Field([], description="Tag names; missing tags are created.")
    notes: str = ""
    cadence_days: int | None = None
    strength: Strength | None = Field(None, description="1–5, or 0 to clear.")


class ContactPatch(InputSchema):
    """Only the fields given change. `name` is parsed; name parts are taken as given."""

    name: str | None = None
    honorific: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    suffix: str | None = None
    credentials: str | None = None
    specialty: str | None = None
    subspecialty: str | None = None
    npi: str | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    country: str | None = None
    research_interests: str | None = None
    procedures: str | None = None
    how_we_met: str | None = None
    introduced_by: int | None = None
    tags: list[str] | None = None
    notes: str | None = None
    cadence_days: int | None = None
    strength: Strength | None = Field(None, description="1–5, or 0 to clear.")


class ContactFilters(Schema):
    q: str = Field("", description="Words matched against name, organization, specialty, …")
    tag: str = ""
    specialty: str = Field("", description="Matches the specialty or the subspecialty.")
    state: str = ""
    organization: int | None = Field(None, description="People affiliated with it, ever.")
    sort: ContactSort = "name"


class ContactMergeIn(InputSchema):
    other: int = Field(description="The contact folded into this one, then deleted.")


# Organizations ----------------------------------------------------------------------------------


class OrganizationOut(Schema):
    id: int
    name: str
    kind: OrganizationKind
    city: str
    state: str
    website: str
    notes: str
    n_people: int = Field(description="How many of your contacts are or were there.")
    n_decision_makers: int
    created_at: datetime
    updated_at: datetime


class OrganizationIn(InputSchema):
    name: str
    kind: OrganizationKind = Organization.Kind.OTHER
    city: str = ""
    state: str = ""
    website: str = ""
    notes: str = ""


class OrganizationPatch(InputSchema):
    name: str | None = None
    kind: OrganizationKind | None = None
    city: str | None = None
    state: str | None = None
    website: str | None = None
    notes: str | None = None


class OrganizationFilters(Schema):
    q: str = ""
    kind: OrganizationKind | None = None
    state: str = ""


# Affiliations -----------------------------------------------------------------------------------


class AffiliationOut(Schema):
    id: int
    contact: int
    contact_name: str
    organization: int
    organization_name: str
    kind: AffiliationKind
    role: str
    start_year: int | None
    end_year: int | None
    is_decision_maker: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_contact(obj: Affiliation) -> int:
        return obj.contact_id

    @staticmethod
    def resolve_contact_name(obj: Affiliation) -> str:
        return obj.contact.full_name

    @staticmethod
    def resolve_organization(obj: Affiliation) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: Affiliation) -> str:
        return obj.organization.name


class AffiliationIn(InputSchema):
    contact: int = Field(description="One of your contacts, or your own profile.")
    organization: int
    kind: AffiliationKind
    role: str = ""
    start_year: int | None = None
    end_year: int | None = Field(None, description="Empty while current.")
    is_decision_maker: bool = False


class AffiliationPatch(InputSchema):
    contact: int | None = None
    organization: int | None = None
    kind: AffiliationKind | None = None
    role: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    is_decision_maker: bool | None = None


class AffiliationFilters(Schema):
    contact: int | None = None
    organization: int | None = None
    kind: AffiliationKind | None = None
    is_decision_maker: bool | None = None


# Ties -------------------------------------------------------------------------------------------


class TieOut(Schema):
    id: int
    person_a: int = Field(description="The person with the lower id.")
    person_a_name: str
    person_b: int
    person_b_name: str
    strength: int
    context: str
    since: int | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_person_a(obj: Tie) -> int:
        return obj.person_a_id

    @staticmethod
    def resolve_person_a_name(obj: Tie) -> str:
        return obj.person_a.full_name

    @staticmethod
    def resolve_person_b(obj: Tie) -> int:
        return obj.person_b_id

    @staticmethod
    def resolve_person_b_name(obj: Tie) -> str:
        return obj.person_b.full_name


class TieIn(InputSchema):
    """Two people who know each other, in either order; an existing tie is updated."""

    person_a: int
    person_b: int
    strength: int = Field(3, description="1–5.")
    context: str = Field("", examples=["co-residents 2019–22"])
    since: int | None = Field(None, description="A year.")


class TiePatch(InputSchema):
    strength: int | None = None
    context: str | None = None
    since: int | None = None


class TieFilters(Schema):
    contact: int | None = Field(None, description="Ties of this person.")
    min_strength: int | None = Field(None, ge=1, le=5)


# Interactions -----------------------------------------------------------------------------------


class InteractionOut(Schema):
    id: int
    kind: InteractionKind
    happened_on: date
    contacts: list[int]
    contact_names: list[str] = Field(description="In the same order as `contacts`.")
    summary: str
    sentiment: Sentiment
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_contacts(obj: Interaction) -> list[int]:
        return [contact.pk for contact in obj.contacts.all()]

    @staticmethod
    def resolve_contact_names(obj: Interaction) -> list[str]:
        return [contact.full_name for contact in obj.contacts.all()]


class InteractionIn(InputSchema):
    kind: InteractionKind
    happened_on: date
    contacts: list[int] = Field(description="Ids of one or more of your contacts.")
    summary: str = ""
    sentiment: Sentiment = Interaction.Sentiment.NEUTRAL
    owe_thanks: bool = Field(
        True,
        description="Meetings, interviews and referrals owe each person a thank-you "
        "due the next day; false skips that.",
    )


class InteractionPatch(InputSchema):
    kind: InteractionKind | None = None
    happened_on: date | None = None
    contacts: list[int] | None = None
    summary: str | None = None
    sentiment: Sentiment | None = None


class InteractionFilters(Schema):
    contact: int | None = None
    kind: InteractionKind | None = None
    since: date | None = Field(None, description="On or after this day.")
    until: date | None = Field(None, description="On or before this day.")


# Follow-ups -------------------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: int
    contact: int
    contact_name: str
    kind: FollowUpKind
    due_on: date
    status: FollowUpStatus
    is_pending: bool = Field(description="Open or snoozed.")
    note: str
    interaction: int | None = Field(description="The interaction that caused it.")
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_contact(obj: FollowUp) -> int:
        return obj.contact_id

    @staticmethod
    def resolve_contact_name(obj: FollowUp) -> str:
        return obj.contact.full_name

    @staticmethod
    def resolve_interaction(obj: FollowUp) -> int | None:
        return obj.interaction_id


class FollowUpIn(InputSchema):
    contact: int
    kind: FollowUpKind = FollowUp.Kind.FOLLOW_UP
    due_on: date
    note: str = ""
    interaction: int | None = None


class FollowUpPatch(InputSchema):
    kind: FollowUpKind | None = None
    due_on: date | None = None
    note: str | None = None
    status: FollowUpStatus | None = None


class FollowUpSnoozeIn(InputSchema):
    until: date = Field(description="A day after today.")


class FollowUpFilters(Schema):
    status: FollowUpStatusFilter | None = Field(
        None, description='"pending" is open or snoozed; absent means every status.'
    )
    kind: FollowUpKind | None = None
    contact: int | None = None
    due_by: date | None = Field(None, description="Due on or before this day.")


def changes(payload: Schema) -> dict[str, Any]:
    """The fields a PATCH body actually gave, null included."""
    return payload.model_dump(exclude_unset=True)
