import datetime

import factory

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.tests.factories import ContactFactory


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    happened_on = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300)
    )
    kind = Interaction.Kind.CALL
    summary = factory.Sequence(lambda n: f"Talked about the job market ({n})")

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    kind = FollowUp.Kind.FOLLOW_UP
    due_on = datetime.date(2026, 11, 23)
