"""Factories of the pipeline: opportunities, the people on them, stages and documents."""

import datetime

import factory

from curbside.network.tests.factories import ContactFactory, OrganizationFactory
from curbside.opportunities.models import (
    DocumentSent,
    Opportunity,
    OpportunityPerson,
    StageChange,
)


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A hospitalist position at a Denver group, found and not yet acted on."""

    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Hospitalist position {n}")
    organization = factory.SubFactory(OrganizationFactory, owner=factory.SelfAttribute("..owner"))
    specialty = "hospitalist"
    practice_setting = "group"
    position_type = "full_time"
    city = "Denver"
    state = "CO"
    stage = Opportunity.Stage.FOUND
    stage_changed_on = datetime.date(2026, 3, 1)


class OpportunityPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpportunityPerson

    opportunity = factory.SubFactory(OpportunityFactory, owner=factory.SelfAttribute("..owner"))
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    role = OpportunityPerson.Role.INSIDER


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    opportunity = factory.SubFactory(OpportunityFactory, owner=factory.SelfAttribute("..owner"))
    from_stage = ""
    to_stage = Opportunity.Stage.FOUND
    changed_on = datetime.date(2026, 3, 1)


class DocumentSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentSent
        skip_postgeneration_save = True

    opportunity = factory.SubFactory(OpportunityFactory, owner=factory.SelfAttribute("..owner"))
    kind = DocumentSent.Kind.CV
    version = factory.Sequence(lambda n: f"CV 2026-{n % 12 + 1:02d}")
    sent_on = datetime.date(2026, 3, 2)

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if create and extracted:
            self.recipients.set(extracted)
