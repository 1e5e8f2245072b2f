import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from curbside.interactions import services as interaction_services
from curbside.interactions.models import FollowUp, Interaction
from curbside.network import selectors, services
from curbside.network.models import Affiliation, Contact, ContactEmail, Organization, Tie

from .factories import ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_creating_a_contact_parses_the_name_and_keeps_credentials_apart(alice):
    contact = services.contact_create(
        owner=alice,
        name="Dr. Maya R. Patel, MD, FACS",
        emails=["Maya.Patel@Example.org", "maya.patel@example.org"],
        phones=["(303) 555-0142"],
        tags=["mentor", "Denver"],
        specialty="Cardiology",
    )
    contact.refresh_from_db()
    assert (contact.honorific, contact.first_name, contact.middle_name, contact.last_name) == (
        "Dr.",
        "Maya",
        "R.",
        "Patel",
    )
    assert contact.full_name == "Maya R. Patel"
    assert contact.credentials == "MD, FACS"
    assert contact.display_name == "Maya R. Patel, MD, FACS"
    assert list(contact.emails.values_list("email", "is_primary")) == [
        ("maya.patel@example.org", True)
    ]
    assert list(contact.phones.values_list("number", flat=True)) == ["+13035550142"]
    assert sorted(contact.tags.values_list("name", flat=True)) == ["Denver", "mentor"]


def test_a_contact_with_a_bad_npi_email_or_phone_is_refused_field_by_field(alice):
    with pytest.raises(ValidationError) as error:
        services.contact_create(owner=alice, name="Al Bad", npi="1234567890")
    assert "npi" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contact_create(owner=alice, name="Al Bad", emails=["not-an-email"])
    assert "emails" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.contact_create(owner=alice, name="Al Bad", phones=["call me"])
    assert "phones" in error.value.message_dict
    assert not Contact.objects.filter(owner=alice, full_name="Al Bad").exists()


def test_updating_emails_replaces_them_and_keeps_the_first_primary(alice):
    contact = services.contact_create(owner=alice, name="Ann Lee", emails=["a@x.org", "b@x.org"])
    services.contact_update(owner=alice, contact=contact, emails=["b@x.org", "c@x.org"])
    assert list(
        contact.emails.order_by("-is_primary", "email").values_list("email", "is_primary")
    ) == [
        ("b@x.org", True),
        ("c@x.org", False),
    ]


def test_tags_are_shared_per_owner_case_insensitively(alice, bob):
    services.contact_create(owner=alice, name="Ann Lee", tags=["Mentor"])
    services.contact_create(owner=alice, name="Ben Ode", tags=["mentor"])
    services.contact_create(owner=bob, name="Cy Po", tags=["mentor"])
    assert alice_tags(alice) == ["Mentor"]


def alice_tags(owner):
    from curbside.network.models import Tag

    return list(Tag.objects.filter(owner=owner).values_list("name", flat=True))


def test_a_contact_cannot_be_introduced_by_someone_elses_contact(alice, bob):
    theirs = ContactFactory(owner=bob)
    with pytest.raises(ValidationError):
        services.contact_create(owner=alice, name="Ann Lee", introduced_by=theirs)


def test_every_account_has_exactly_one_self_contact(alice):
    me = services.contact_self_ensure(owner=alice)
    assert services.contact_self_ensure(owner=alice) == me
    assert me.is_self
    assert me.full_name == "Alice Adams"
    assert Contact.objects.filter(owner=alice, is_self=True).count() == 1
    with pytest.raises(ValidationError):
        services.contact_delete(owner=alice, contact=me)


def test_a_tie_is_the_same_whichever_way_round_it_is_recorded(alice):
    ann, ben = ContactFactory.create_batch(2, owner=alice)
    first = services.tie_record(
        owner=alice, person=ben, other=ann, strength=2, context="co-residents"
    )
    second = services.tie_record(
        owner=alice, person=ann, other=ben, strength=4, context="co-fellows"
    )
    assert first.pk == second.pk
    tie = Tie.objects.get(owner=alice)
    assert (tie.person_a_id, tie.person_b_id) == (min(ann.pk, ben.pk), max(ann.pk, ben.pk))
    assert (tie.strength, tie.context) == (4, "co-fellows")
    assert [view.other for view in selectors.tie_list_for(owner=alice, contact=ben)] == [ann]
    assert [view.other for view in selectors.tie_list_for(owner=alice, contact=ann)] == [ben]


def test_a_tie_needs_two_different_people_of_the_same_owner(alice, bob):
    ann = ContactFactory(owner=alice)
    with pytest.raises(ValidationError):
        services.tie_record(owner=alice, person=ann, other=ann)
    with pytest.raises(ValidationError):
        services.tie_record(owner=alice, person=ann, other=ContactFactory(owner=bob))
    with pytest.raises(ValidationError):
        services.tie_record(owner=alice, person=ann, other=ContactFactory(owner=alice), strength=6)


def test_the_tie_with_self_is_the_contacts_relationship_strength(alice):
    ann = ContactFactory(owner=alice)

    def strength():
        # The annotation is not a model field, so it is read from the row's attributes.
        return vars(selectors.with_strength(Contact.objects.filter(pk=ann.pk), alice).get())[
            "strength"
        ]

    services.contact_strength_set(owner=alice, contact=ann, strength=5)
    assert strength() == 5
    services.contact_strength_set(owner=alice, contact=ann, strength=None)
    assert strength() == 0


def test_merging_moves_everything_and_keeps_both_histories(alice):
    keep = services.contact_create(
        owner=alice,
        name="Maya Patel, MD",
        emails=["maya@work.org"],
        tags=["mentor"],
        notes="Met at ACP 2025.",
    )
    merge = services.contact_create(
        owner=alice,
        name="Maya Patel",
        emails=["maya@home.org", "maya@work.org"],
        phones=["303 555 0142"],
        tags=["Denver"],
        specialty="Cardiology",
        notes="Knows the chair at Mercy.",
    )
    friend = ContactFactory(owner=alice)
    introduced = services.contact_create(owner=alice, name="Ian Ito", introduced_by=merge)
    services.tie_record(owner=alice, person=merge, other=friend, strength=4, context="co-fellows")
    services.tie_record(owner=alice, person=keep, other=merge, strength=5)
    org = OrganizationFactory(owner=alice)
    services.affiliation_create(owner=alice, contact=merge, organization=org, kind="employment")
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)):
        interaction_services.interaction_log(
            owner=alice,
            kind=Interaction.Kind.MEETING,
            contacts=[merge],
            happened_on=datetime.date(2026, 11, 19),
        )
        interaction_services.interaction_log(
            owner=alice,
            kind=Interaction.Kind.CALL,
            contacts=[keep],
            happened_on=datetime.date(2026, 10, 1),
        )

    kept = services.contact_merge(owner=alice, keep=keep, merge=merge)

    assert not Contact.objects.filter(pk=merge.pk).exists()
    assert sorted(kept.emails.values_list("email", flat=True)) == ["maya@home.org", "maya@work.org"]
    assert list(kept.phones.values_list("number", flat=True)) == ["+13035550142"]
    assert sorted(kept.tags.values_list("name", flat=True)) == ["Denver", "mentor"]
    assert kept.specialty == "Cardiology"
    assert kept.credentials == "MD"
    assert "Met at ACP 2025." in kept.notes
    assert "Knows the chair at Mercy." in kept.notes
    assert Affiliation.objects.get(owner=alice, organization=org).contact == kept
    assert kept.interactions.count() == 2
    assert FollowUp.objects.get(owner=alice, kind=FollowUp.Kind.THANK_YOU).contact == kept
    assert kept.last_interaction_on == datetime.date(2026, 11, 19)
    views = selectors.tie_list_for(owner=alice, contact=kept)
    assert [(v.other, v.tie.strength, v.tie.context) for v in views] == [(friend, 4, "co-fellows")]
    introduced.refresh_from_db()
    assert introduced.introduced_by == kept


def test_merging_keeps_the_stronger_of_two_ties_to_the_same_person(alice):
    keep, merge, friend = ContactFactory.create_batch(3, owner=alice)
    services.tie_record(owner=alice, person=keep, other=friend, strength=2)
    services.tie_record(owner=alice, person=merge, other=friend, strength=5, context="partners")
    services.contact_merge(owner=alice, keep=keep, merge=merge)
    tie = Tie.objects.get(owner=alice)
    assert (tie.strength, tie.context) == (5, "partners")


def test_merging_someone_elses_contact_is_refused_and_changes_nothing(alice, bob):
    mine = ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)
    with pytest.raises(ValidationError):
        services.contact_merge(owner=alice, keep=mine, merge=theirs)
    assert Contact.objects.filter(pk=theirs.pk, owner=bob).exists()


def test_merging_into_self_keeps_the_self_profile(alice):
    me = services.contact_self_ensure(owner=alice)
    duplicate = services.contact_create(owner=alice, name="Alice Adams", emails=["alice@home.org"])
    kept = services.contact_merge(owner=alice, keep=duplicate, merge=me)
    assert kept.pk == me.pk
    assert kept.is_self
    assert set(ContactEmail.objects.filter(contact=me).values_list("email", flat=True)) == {
        "alice@example.org",
        "alice@home.org",
    }


def test_affiliations_link_only_the_owners_people_and_organizations(alice, bob):
    ann = ContactFactory(owner=alice)
    with pytest.raises(ValidationError):
        services.affiliation_create(
            owner=alice, contact=ann, organization=OrganizationFactory(owner=bob), kind="employment"
        )
    with pytest.raises(ValidationError):
        services.affiliation_create(
            owner=alice,
            contact=ann,
            organization=OrganizationFactory(owner=alice),
            kind="employment",
            start_year=2020,
            end_year=2019,
        )
    assert not Affiliation.objects.exists()


def test_organization_get_or_create_matches_names_case_insensitively(alice):
    first = services.organization_get_or_create(owner=alice, name="Mercy  Hospital")
    again = services.organization_get_or_create(owner=alice, name="mercy hospital")
    assert first.pk == again.pk
    assert Organization.objects.filter(owner=alice).count() == 1
    assert first.name == "Mercy Hospital"


def test_contact_search_finds_people_by_organization_tag_city_and_notes(alice, bob):
    ann = services.contact_create(owner=alice, name="Ann Lee", city="Boulder", tags=["mentor"])
    ben = services.contact_create(owner=alice, name="Ben Ode", notes="Runs the echo lab")
    cy = services.contact_create(owner=alice, name="Cy Po")
    org = services.organization_create(owner=alice, name="Mercy Hospital")
    services.affiliation_create(owner=alice, contact=cy, organization=org, kind="employment")
    services.contact_create(owner=bob, name="Boulder Bob", city="Boulder")

    def found(query):
        return list(selectors.contact_list(owner=alice, query=query))

    assert found("boulder") == [ann]
    assert found("MENTOR") == [ann]
    assert found("echo lab") == [ben]
    assert found("mercy") == [cy]
    assert found("ann boulder") == [ann]


def test_deleting_a_contact_removes_interactions_with_them_alone_and_keeps_shared_ones(alice):
    ann, ben = ContactFactory.create_batch(2, owner=alice)
    alone = interaction_services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=datetime.date(2026, 5, 1),
    )
    shared = interaction_services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann, ben],
        happened_on=datetime.date(2026, 5, 2),
    )
    services.contact_delete(owner=alice, contact=ann)
    assert not Interaction.objects.filter(pk=alone.pk).exists()
    assert list(Interaction.objects.get(pk=shared.pk).contacts.all()) == [ben]
