"""The selectors behind the network pages, and the quick-add service, called directly."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from curbside.interactions.models import FollowUp
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import selectors, services
from curbside.network.models import Affiliation, Contact

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def detail_of(owner, pk) -> selectors.ContactDetail:
    detail = selectors.contact_detail(owner=owner, pk=pk)
    assert detail is not None
    return detail


def preview_of(owner, keep, merge) -> selectors.MergePreview:
    preview = selectors.contact_merge_preview(owner=owner, keep_pk=keep.pk, merge_pk=merge.pk)
    assert preview is not None
    return preview


def page_of(owner, organization) -> selectors.OrganizationPage:
    page = selectors.organization_page(owner=owner, pk=organization.pk)
    assert page is not None
    return page


def test_contact_detail_lists_pending_follow_ups_first_soonest_first(alice):
    contact = ContactFactory(owner=alice)
    done = FollowUpFactory(
        owner=alice, contact=contact, due_on=datetime.date(2026, 1, 1), status=FollowUp.Status.DONE
    )
    later = FollowUpFactory(owner=alice, contact=contact, due_on=datetime.date(2026, 12, 1))
    sooner = FollowUpFactory(
        owner=alice,
        contact=contact,
        due_on=datetime.date(2026, 11, 1),
        status=FollowUp.Status.SNOOZED,
    )
    dismissed = FollowUpFactory(
        owner=alice,
        contact=contact,
        due_on=datetime.date(2026, 6, 1),
        status=FollowUp.Status.DISMISSED,
    )

    detail = detail_of(alice, contact.pk)

    assert detail.follow_ups == [sooner, later, dismissed, done]
    assert detail.pending_follow_ups == [sooner, later]
    assert detail.closed_follow_ups == [dismissed, done]


def test_contact_detail_groups_affiliations_current_first(alice):
    contact = ContactFactory(owner=alice)
    old_job = AffiliationFactory(owner=alice, contact=contact, start_year=2010, end_year=2014)
    job = AffiliationFactory(owner=alice, contact=contact, start_year=2015)
    school = AffiliationFactory(
        owner=alice,
        contact=contact,
        kind=Affiliation.Kind.EDUCATION,
        end_year=2009,
        start_year=2005,
    )

    groups = detail_of(alice, contact.pk).affiliation_groups

    assert [(g.label, g.affiliations) for g in groups] == [
        ("Work", [job, old_job]),
        ("Education", [school]),
    ]


def test_contact_detail_keeps_the_latest_interactions_newest_first(alice):
    contact = ContactFactory(owner=alice)
    older = InteractionFactory(
        owner=alice, contacts=[contact], happened_on=datetime.date(2025, 1, 1)
    )
    newer = InteractionFactory(
        owner=alice, contacts=[contact], happened_on=datetime.date(2026, 1, 1)
    )
    InteractionFactory(owner=alice, contacts=[ContactFactory(owner=alice)])

    detail = detail_of(alice, contact.pk)

    assert detail.interactions == [newer, older]
    assert not detail.last_went_badly


def test_contact_detail_of_another_users_contact_is_none(alice, bob):
    contact = ContactFactory(owner=bob)

    assert selectors.contact_detail(owner=alice, pk=contact.pk) is None


def test_merge_preview_needs_two_different_contacts_of_the_owner(alice, bob):
    mine = ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)

    assert selectors.contact_merge_preview(owner=alice, keep_pk=mine.pk, merge_pk=mine.pk) is None
    assert selectors.contact_merge_preview(owner=alice, keep_pk=mine.pk, merge_pk=theirs.pk) is None


def test_merge_preview_counts_what_hangs_on_each_side(alice):
    keep = services.contact_create(owner=alice, name="Maya Patel", emails=["a@x.org", "b@x.org"])
    merge = ContactFactory(owner=alice)
    services.tie_record(owner=alice, person=merge, other=keep)
    InteractionFactory.create_batch(3, owner=alice, contacts=[merge, keep])

    preview = preview_of(alice, keep, merge)

    assert (preview.keep.n_emails, preview.keep.n_ties, preview.keep.n_interactions) == (2, 1, 3)
    assert (preview.merge.n_emails, preview.merge.n_ties, preview.merge.n_interactions) == (0, 1, 3)


def test_people_who_know_an_organization_leave_out_you_and_the_people_there(alice):
    me = Contact.objects.get(owner=alice, is_self=True)
    organization = OrganizationFactory(owner=alice)
    first = AffiliationFactory(owner=alice, organization=organization).contact
    second = AffiliationFactory(owner=alice, organization=organization).contact
    outsider = ContactFactory(owner=alice)
    services.tie_record(owner=alice, person=first, other=second)  # colleagues
    services.tie_record(owner=alice, person=me, other=first)  # your own strength
    services.tie_record(owner=alice, person=outsider, other=first, strength=2)
    services.tie_record(owner=alice, person=outsider, other=second, strength=4)

    page = page_of(alice, organization)

    assert [c.person for c in page.connectors] == [outsider]
    assert [view.other for view in page.connectors[0].insiders] == [second, first]
    assert page.connectors[0].best == 4


def test_organization_page_of_another_users_organization_is_none(alice, bob):
    organization = OrganizationFactory(owner=bob)

    assert selectors.organization_page(owner=alice, pk=organization.pk) is None


def test_quick_add_needs_a_second_detail(alice):
    with pytest.raises(ValidationError):
        services.contact_quick_add(owner=alice, name="Maya Patel", email="  ")

    assert not Contact.objects.filter(owner=alice, last_name="Patel").exists()


def test_quick_add_with_a_bad_detail_leaves_nothing_behind(alice):
    with pytest.raises(ValidationError) as error:
        services.contact_quick_add(
            owner=alice, name="Maya Patel", organization="Denver Heart", phone="nope"
        )

    assert "phones" in error.value.message_dict
    assert not Contact.objects.filter(owner=alice, last_name="Patel").exists()
    assert not selectors.organization_list(owner=alice).exists()
