"""Writes of the opportunity pipeline: stages and what they owe, people, interviews, documents.

Follow-ups made here are linked to the opportunity: a deadline (on the owner's own contact,
since a follow-up always names a person), a thank-you per interviewer, and a closure note to
everyone involved when the physician declines or withdraws ("don't burn bridges").
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.services import interaction_log
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.services import contact_self_ensure, organization_get_or_create

from ..models import DocumentSent, Opportunity, OpportunityPerson, StageChange

if TYPE_CHECKING:
    from curbside.accounts.models import User

STAGES = list(Opportunity.Stage)  # in pipeline order
# Turning an offer down or stepping back: thank everyone who helped, keep the door open.
CLOSURE_STAGES = frozenset({Opportunity.Stage.DECLINED, Opportunity.Stage.WITHDRAWN})
CLOSURE_NOTE = "Leave it on a positive note: thank them for their time"
DEADLINE_PREFIX = "Deadline: "
PENDING = (FollowUp.Status.OPEN, FollowUp.Status.SNOOZED)
# What opportunity_create and opportunity_update accept besides title and organization.
FIELDS = frozenset(
    {
        "specialty",
        "practice_setting",
        "position_type",
        "city",
        "state",
        "zip_code",
        "salary_min",
        "salary_max",
        "salary_unit",
        "call_schedule",
        "loan_repayment",
        "visa_sponsorship",
        "start_on",
        "deadline_on",
        "url",
        "notes",
        "source",
        "source_name",
        "listing",
        "referrer",
    }
)


def _check_opportunity(owner: "User", opportunity: Opportunity) -> None:
    if opportunity.owner_id != owner.pk:
        raise ValidationError("Unknown opportunity.")


def _check_contacts(owner: "User", contacts: Iterable[Contact], field: str) -> None:
    for contact in contacts:
        if contact.owner_id != owner.pk:
            raise ValidationError({field: "Unknown contact."})  # a form bug or a forged id
        if contact.is_self:
            raise ValidationError({field: "Choose someone other than yourself."})


def _check_links(owner: "User", opportunity: Opportunity) -> None:
    """The organization and the referrer of an opportunity must be the owner's own rows."""
    organization = opportunity.organization
    if organization is not None and organization.owner_id != owner.pk:
        raise ValidationError({"organization": "Unknown organization."})
    if opportunity.referrer is not None:
        _check_contacts(owner, [opportunity.referrer], "referrer")


def _apply(owner: "User", opportunity: Opportunity, fields: dict[str, Any]) -> None:
    unknown = set(fields) - FIELDS - {"title", "organization"}
    if unknown:
        raise TypeError(f"Not a field of an opportunity: {', '.join(sorted(unknown))}")
    for field, value in fields.items():
        setattr(opportunity, field, value)
    if "title" in fields:
        opportunity.title = " ".join(str(fields["title"]).split())
    _check_links(owner, opportunity)
    opportunity.full_clean(exclude=["owner"])


def _today() -> date:
    return timezone.localdate()


# Deadlines


def _pending_deadlines(owner: "User", opportunity: Opportunity) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(
            owner=owner,
            opportunity=opportunity,
            kind=FollowUp.Kind.CUSTOM,
            contact__is_self=True,
            status__in=PENDING,
        ).order_by("pk")
    )


def _deadline_sync(owner: "User", opportunity: Opportunity) -> None:
    """One pending deadline follow-up while the opportunity is open and has a deadline, due
    on it; none otherwise (a closed opportunity's deadline no longer matters)."""
    pending = _pending_deadlines(owner, opportunity)
    note = f"{DEADLINE_PREFIX}{opportunity.title}"[:300]
    deadline = None if opportunity.is_closed else opportunity.deadline_on
    extra = pending[1:] if deadline else pending
    if deadline and pending:
        keep = pending[0]
        keep.due_on, keep.note, keep.status = deadline, note, FollowUp.Status.OPEN
        keep.save(update_fields=["due_on", "note", "status", "updated_at"])
    elif deadline:
        FollowUp.objects.create(
            owner=owner,
            contact=contact_self_ensure(owner=owner),
            kind=FollowUp.Kind.CUSTOM,
            due_on=deadline,
            note=note,
            opportunity=opportunity,
        )
    for follow_up in extra:
        follow_up.status = FollowUp.Status.DISMISSED
        follow_up.save(update_fields=["status", "updated_at"])


# Opportunities


@transaction.atomic
def opportunity_create(
    *, owner: "User", title: str, organization: Organization | None = None, **fields: Any
) -> Opportunity:
    """Track an opportunity: its first stage is recorded, its deadline becomes a follow-up.

    `organization_name` (instead of `organization`) finds or creates the owner's organization.
    """
    name = str(fields.pop("organization_name", "") or "").strip()
    if organization is None and name:
        organization = organization_get_or_create(owner=owner, name=name)
    stage = fields.pop("stage", Opportunity.Stage.FOUND)
    on = fields.pop("on", None) or _today()
    opportunity = Opportunity(owner=owner, stage=stage, stage_changed_on=on)
    _apply(owner, opportunity, {"title": title, "organization": organization, **fields})
    opportunity.save()
    StageChange.objects.create(
        owner=owner, opportunity=opportunity, from_stage="", to_stage=stage, changed_on=on
    )
    _deadline_sync(owner, opportunity)
    return opportunity


@transaction.atomic
def opportunity_update(*, owner: "User", opportunity: Opportunity, **fields: Any) -> Opportunity:
    """Change an opportunity's fields; a new deadline moves its open deadline follow-up.

    A `stage` among the fields moves it through `opportunity_advance` (dated today).
    """
    _check_opportunity(owner, opportunity)
    stage = fields.pop("stage", None)
    name = str(fields.pop("organization_name", "") or "").strip()
    if fields.get("organization") is None and name:
        fields["organization"] = organization_get_or_create(owner=owner, name=name)
    # Compare with the stored row: a form may already have written its values on the instance.
    before = Opportunity.objects.filter(owner=owner, pk=opportunity.pk).values(
        "title", "deadline_on"
    )[0]
    _apply(owner, opportunity, fields)
    opportunity.save()
    if (opportunity.title, opportunity.deadline_on) != (before["title"], before["deadline_on"]):
        _deadline_sync(owner, opportunity)
    if stage and stage != opportunity.stage:
        opportunity_advance(owner=owner, opportunity=opportunity, stage=stage)
    return opportunity


@transaction.atomic
def opportunity_delete(*, owner: "User", opportunity: Opportunity) -> None:
    """Delete it; its pending deadline reminder goes too (thank-yous owed to people stay)."""
    _check_opportunity(owner, opportunity)
    FollowUp.objects.filter(pk__in=[f.pk for f in _pending_deadlines(owner, opportunity)]).delete()
    opportunity.delete()


def _linked_contacts(owner: "User", opportunity: Opportunity) -> list[Contact]:
    """Everyone involved: the people on it and the referrer, each once, never the owner."""
    people = Contact.objects.filter(
        owner=owner, is_self=False, opportunity_roles__opportunity=opportunity
    )
    found = {contact.pk: contact for contact in people}
    referrer = opportunity.referrer
    if referrer is not None and not referrer.is_self:
        found.setdefault(referrer.pk, referrer)
    return sorted(found.values(), key=lambda contact: contact.pk)


def _closure_follow_ups(owner: "User", opportunity: Opportunity, on: date) -> None:
    """A closure note to every contact linked to the opportunity who has none for it yet."""
    already = set(
        FollowUp.objects.filter(
            owner=owner, opportunity=opportunity, kind=FollowUp.Kind.CLOSURE
        ).values_list("contact_id", flat=True)
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            owner=owner,
            contact=contact,
            kind=FollowUp.Kind.CLOSURE,
            due_on=on + timedelta(days=1),
            note=CLOSURE_NOTE,
            opportunity=opportunity,
        )
        for contact in _linked_contacts(owner, opportunity)
        if contact.pk not in already
    )


@transaction.atomic
def opportunity_advance(
    *,
    owner: "User",
    opportunity: Opportunity,
    stage: str,
    on: date | None = None,
    note: str = "",
) -> Opportunity:
    """Move an opportunity to `stage` on `on` (today by default), recording the step.

    Declining or withdrawing owes each person involved a closure note (once per person);
    closing it in any way drops its pending deadline follow-up.
    """
    _check_opportunity(owner, opportunity)
    if stage not in Opportunity.Stage.values:
        raise ValidationError({"stage": f"Unknown stage: {stage}."})
    if stage == opportunity.stage:
        return opportunity
    on = on or _today()
    change = StageChange(
        owner=owner,
        opportunity=opportunity,
        from_stage=opportunity.stage,
        to_stage=stage,
        changed_on=on,
        note=note,
    )
    change.full_clean(exclude=["owner", "opportunity"])
    was_closed = opportunity.is_closed
    opportunity.stage = stage
    opportunity.stage_changed_on = on
    opportunity.save(update_fields=["stage", "stage_changed_on", "updated_at"])
    change.save()
    if stage in CLOSURE_STAGES:
        _closure_follow_ups(owner, opportunity, on)
    if was_closed != opportunity.is_closed:
        _deadline_sync(owner, opportunity)
    return opportunity


# People


def _affiliation_there(
    owner: "User", opportunity: Opportunity, contact: Contact
) -> Affiliation | None:
    """The contact's affiliation with the opportunity's organization: current and deciding
    ones first."""
    if opportunity.organization_id is None:
        return None
    return (
        Affiliation.objects.filter(
            owner=owner, contact=contact, organization_id=opportunity.organization_id
        )
        .order_by("-is_decision_maker", "end_year", "-start_year", "pk")
        .first()
    )


@transaction.atomic
def opportunity_person_add(
    *,
    owner: "User",
    opportunity: Opportunity,
    contact: Contact,
    role: str,
    affiliation: Affiliation | None = None,
    note: str = "",
) -> OpportunityPerson:
    """Link a contact to an opportunity in a role, with the affiliation that makes them so
    (by default their affiliation with the opportunity's organization, if any)."""
    _check_opportunity(owner, opportunity)
    _check_contacts(owner, [contact], "contact")
    if affiliation is not None and (
        affiliation.owner_id != owner.pk or affiliation.contact_id != contact.pk
    ):
        raise ValidationError({"affiliation": "Choose one of this person's affiliations."})
    if OpportunityPerson.objects.filter(
        owner=owner, opportunity=opportunity, contact=contact, role=role
    ).exists():
        raise ValidationError({"contact": f"{contact.full_name} is already on it in this role."})
    person = OpportunityPerson(
        owner=owner,
        opportunity=opportunity,
        contact=contact,
        role=role,
        affiliation=affiliation or _affiliation_there(owner, opportunity, contact),
        note=note,
    )
    person.full_clean(exclude=["owner"])
    person.save()
    return person


@transaction.atomic
def opportunity_person_remove(*, owner: "User", person: OpportunityPerson) -> None:
    if person.owner_id != owner.pk:
        raise ValidationError("Unknown person on the opportunity.")
    person.delete()


# Interviews and documents


@transaction.atomic
def opportunity_log_interview(
    *,
    owner: "User",
    opportunity: Opportunity,
    interviewers: Sequence[Contact],
    happened_on: date,
    summary: str = "",
    sentiment: str = Interaction.Sentiment.NEUTRAL,
) -> Interaction:
    """Log a job interview: the interviewers join the opportunity, each is owed a thank-you
    the next day, and an opportunity not yet interviewing moves to interviewing."""
    _check_opportunity(owner, opportunity)
    if not interviewers:
        raise ValidationError({"interviewers": "Choose at least one interviewer."})
    _check_contacts(owner, interviewers, "interviewers")
    # interaction_log owes the thank-yous (one per interviewer); they are linked here.
    interaction = interaction_log(
        owner=owner,
        kind=Interaction.Kind.JOB_INTERVIEW,
        contacts=interviewers,
        happened_on=happened_on,
        summary=summary,
        sentiment=sentiment,
    )
    interaction.opportunity = opportunity
    interaction.save(update_fields=["opportunity", "updated_at"])
    FollowUp.objects.filter(owner=owner, interaction=interaction).update(opportunity=opportunity)
    on_it = set(
        OpportunityPerson.objects.filter(
            owner=owner, opportunity=opportunity, role=OpportunityPerson.Role.INTERVIEWER
        ).values_list("contact_id", flat=True)
    )
    for interviewer in dict.fromkeys(interviewers):
        if interviewer.pk not in on_it:
            opportunity_person_add(
                owner=owner,
                opportunity=opportunity,
                contact=interviewer,
                role=OpportunityPerson.Role.INTERVIEWER,
            )
    interviewing = STAGES.index(Opportunity.Stage.INTERVIEWING)
    if STAGES.index(Opportunity.Stage(opportunity.stage)) < interviewing:
        opportunity_advance(
            owner=owner,
            opportunity=opportunity,
            stage=Opportunity.Stage.INTERVIEWING,
            on=happened_on,
            note="Interview logged",
        )
    return interaction


@transaction.atomic
def document_record(
    *,
    owner: "User",
    opportunity: Opportunity,
    kind: str,
    version: str,
    sent_on: date,
    recipients: Sequence[Contact] = (),
    sent_to: str = "",
    note: str = "",
) -> DocumentSent:
    """Record a CV version or a letter sent for an opportunity: what, when and to whom."""
    _check_opportunity(owner, opportunity)
    if any(contact.owner_id != owner.pk for contact in recipients):
        raise ValidationError({"recipients": "Unknown contact."})
    document = DocumentSent(
        owner=owner,
        opportunity=opportunity,
        kind=kind,
        version=version.strip(),
        sent_on=sent_on,
        sent_to=sent_to.strip(),
        note=note.strip(),
    )
    document.full_clean(exclude=["owner", "recipients"])
    document.save()
    document.recipients.set(recipients)
    return document


@transaction.atomic
def document_delete(*, owner: "User", document: DocumentSent) -> None:
    if document.owner_id != owner.pk:
        raise ValidationError("Unknown document.")
    document.delete()
