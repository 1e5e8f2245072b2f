"""What /opportunities reads and writes: tracked opportunities, their people and stages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import WithJsonSchema

from curbside.interactions.models import Interaction
from curbside.opportunities.models import (
    POSITION_CHOICES,
    SALARY_UNIT_CHOICES,
    SETTING_CHOICES,
    SPECIALTY_CHOICES,
    VISA_CHOICES,
    DocumentSent,
    Opportunity,
    OpportunityPerson,
    StageChange,
)

from .schemas import InputSchema, Sentiment


def _enum_schema(choices: type[TextChoices], title: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": list(choices.values), "title": title})


Stage = Annotated[Opportunity.Stage, _enum_schema(Opportunity.Stage, "Opportunity stage")]
Source = Annotated[Opportunity.Source, _enum_schema(Opportunity.Source, "Opportunity source")]
PersonRole = Annotated[
    OpportunityPerson.Role, _enum_schema(OpportunityPerson.Role, "Role on an opportunity")
]
DocumentKind = Annotated[DocumentSent.Kind, _enum_schema(DocumentSent.Kind, "Document kind")]


def _values(choices: list[tuple[str, str]]) -> str:
    return "One of: " + ", ".join(value for value, _ in choices) + "; empty when not said."


Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class PersonOut(Schema):
    id: int
    contact: int
    contact_name: str
    role: PersonRole
    affiliation: int | None
    affiliation_role: str = Field(description="The role or title that makes them so.")
    is_decision_maker: bool
    note: str

    @staticmethod
    def resolve_contact(obj: OpportunityPerson) -> int:
        return obj.contact_id

    @staticmethod
    def resolve_contact_name(obj: OpportunityPerson) -> str:
        return obj.contact.full_name

    @staticmethod
    def resolve_affiliation(obj: OpportunityPerson) -> int | None:
        return obj.affiliation_id

    @staticmethod
    def resolve_affiliation_role(obj: OpportunityPerson) -> str:
        return obj.affiliation.role if obj.affiliation else ""

    @staticmethod
    def resolve_is_decision_maker(obj: OpportunityPerson) -> bool:
        return bool(obj.affiliation and obj.affiliation.is_decision_maker)


class StageChangeOut(Schema):
    from_stage: str = Field(description='"" for the stage it was added in.')
    to_stage: Stage
    changed_on: date
    note: str

    @staticmethod
    def resolve_from_stage(obj: StageChange) -> str:
        return obj.from_stage


class DocumentOut(Schema):
    id: int
    kind: DocumentKind
    version: str
    sent_on: date
    recipients: list[int]
    sent_to: str
    note: str

    @staticmethod
    def resolve_recipients(obj: DocumentSent) -> list[int]:
        return [contact.pk for contact in obj.recipients.all()]


class OpportunityOut(Schema):
    id: int
    title: str
    organization: int | None
    organization_name: str
    specialty: str
    practice_setting: str
    position_type: str
    city: str
    state: str
    zip_code: str
    salary_min: Decimal | None
    salary_max: Decimal | None
    salary_unit: str
    call_schedule: str
    loan_repayment: str
    visa_sponsorship: str
    start_on: date | None
    deadline_on: date | None
    url: str
    notes: str
    source: Source
    source_name: str
    listing: int | None
    referrer: int | None
    referrer_name: str
    is_hidden: bool = Field(description="Heard of through the network and never advertised.")
    stage: Stage
    stage_changed_on: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_organization(obj: Opportunity) -> int | None:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: Opportunity) -> str:
        return obj.organization.name if obj.organization else ""

    @staticmethod
    def resolve_listing(obj: Opportunity) -> int | None:
        return obj.listing_id

    @staticmethod
    def resolve_referrer(obj: Opportunity) -> int | None:
        return obj.referrer_id

    @staticmethod
    def resolve_referrer_name(obj: Opportunity) -> str:
        return obj.referrer.full_name if obj.referrer else ""


class OpportunityDetailOut(OpportunityOut):
    people: list[PersonOut]
    stage_changes: list[StageChangeOut] = Field(description="The latest first.")
    documents: list[DocumentOut] = Field(description="Documents sent, the latest first.")

    @staticmethod
    def resolve_people(obj: Opportunity) -> list[OpportunityPerson]:
        return list(obj.people.all())

    @staticmethod
    def resolve_stage_changes(obj: Opportunity) -> list[StageChange]:
        return list(obj.stage_changes.all())

    @staticmethod
    def resolve_documents(obj: Opportunity) -> list[DocumentSent]:
        return list(obj.documents.all())


class _OpportunityFields(InputSchema):
    specialty: str = Field("", description=_values(SPECIALTY_CHOICES))
    practice_setting: str = Field("", description=_values(SETTING_CHOICES))
    position_type: str = Field("", description=_values(POSITION_CHOICES))
    city: str = ""
    state: str = ""
    zip_code: str = ""
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_unit: str = Field("year", description=_values(SALARY_UNIT_CHOICES))
    call_schedule: str = ""
    loan_repayment: str = ""
    visa_sponsorship: str = Field("", description=_values(VISA_CHOICES))
    start_on: date | None = None
    deadline_on: date | None = Field(None, description="Becomes a follow-up due that day.")
    url: str = ""
    notes: str = ""
    source: Source = Opportunity.Source.ADVERTISED
    source_name: str = Field("", description="The board or listing it was advertised on.")
    listing: int | None = Field(None, description="The id of a job listing.")
    referrer: int | None = Field(None, description="The contact who told you about it.")


class OpportunityIn(_OpportunityFields):
    title: str
    organization: int | None = Field(None, description="One of your organizations.")
    stage: Stage = Opportunity.Stage.FOUND


class OpportunityPatch(InputSchema):
    title: str | None = None
    organization: int | None = None
    specialty: str | None = None
    practice_setting: str | None = None
    position_type: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    salary_min: Money | None = None
    salary_max: Money | None = None
    salary_unit: str | None = None
    call_schedule: str | None = None
    loan_repayment: str | None = None
    visa_sponsorship: str | None = None
    start_on: date | None = None
    deadline_on: date | None = None
    url: str | None = None
    notes: str | None = None
    source: Source | None = None
    source_name: str | None = None
    listing: int | None = None
    referrer: int | None = None


class OpportunityFilters(Schema):
    stage: Stage | None = None
    organization: int | None = None
    q: str = ""


class StageIn(InputSchema):
    stage: Stage
    on: date | None = Field(None, description="The day it moved; today by default.")
    note: str = ""


class PersonIn(InputSchema):
    contact: int
    role: PersonRole
    affiliation: int | None = Field(
        None, description="Theirs; by default their affiliation with the organization."
    )
    note: str = ""


class InterviewIn(InputSchema):
    interviewers: list[int] = Field(description="Ids of your contacts who interviewed you.")
    happened_on: date
    summary: str = ""
    sentiment: Sentiment = Interaction.Sentiment.NEUTRAL


class InterviewOut(Schema):
    interaction: int = Field(description="The job interview logged in your interactions.")
    opportunity: OpportunityDetailOut


class DocumentIn(InputSchema):
    kind: DocumentKind = DocumentSent.Kind.CV
    version: str
    sent_on: date
    recipients: list[int] = Field(default_factory=list, description="Ids of your contacts.")
    sent_to: str = ""
    note: str = ""
