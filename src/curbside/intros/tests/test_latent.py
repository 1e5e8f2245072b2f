"""Latent connections: people the user trained or worked with but never recorded as known."""

import pytest
import time_machine
from django.urls import reverse

from curbside.intros.selectors.ground import latent_connection_get, latent_connections
from curbside.intros.services.latent import latent_tie_record
from curbside.network.models import Affiliation, Contact, Organization, Tie
from curbside.network.services import contact_strength_set
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db

EDUCATION = Affiliation.Kind.EDUCATION
TRAINING = Affiliation.Kind.TRAINING
EMPLOYMENT = Affiliation.Kind.EMPLOYMENT


@pytest.fixture(autouse=True)
def _in_2025():
    with time_machine.travel("2025-06-01 12:00Z", tick=False):
        yield


def me_of(user) -> Contact:
    return Contact.objects.get(owner=user, is_self=True)


def affiliate(user, contact, organization, kind, start=None, end=None):
    return AffiliationFactory(
        owner=user,
        contact=contact,
        organization=organization,
        kind=kind,
        start_year=start,
        end_year=end,
    )


@pytest.fixture
def places(alice):
    school = OrganizationFactory(
        owner=alice, name="Emory School of Medicine", kind=Organization.Kind.MEDICAL_SCHOOL
    )
    program = OrganizationFactory(
        owner=alice, name="Denver Health IM", kind=Organization.Kind.RESIDENCY_PROGRAM
    )
    group = OrganizationFactory(owner=alice, name="Summit Orthopedics")
    me = me_of(alice)
    affiliate(alice, me, school, EDUCATION, 2011, 2015)
    affiliate(alice, me, program, TRAINING, 2015, 2018)
    affiliate(alice, me, group, EMPLOYMENT, 2018, None)
    return school, program, group


def test_classmates_within_a_year_are_latent_but_two_years_apart_are_not(alice, places):
    school, _, _ = places
    near = ContactFactory(owner=alice, full_name="Near Classmate")
    far = ContactFactory(owner=alice, full_name="Far Classmate")
    affiliate(alice, near, school, EDUCATION, 2012, 2016)
    affiliate(alice, far, school, EDUCATION, 2013, 2017)

    found = latent_connections(owner=alice)

    assert [c.contact.pk for c in found] == [near.pk]
    assert found[0].evidence == ("classmates at Emory School of Medicine (class of 2015/2016)",)
    assert found[0].kinds == ("classmates",)


def test_overlapping_training_and_work_are_latent_with_their_evidence_best_first(alice, places):
    _, program, group = places
    co_resident = ContactFactory(owner=alice, full_name="Co Resident")
    colleague = ContactFactory(owner=alice, full_name="Colleague")
    before_me = ContactFactory(owner=alice, full_name="Before Me")
    affiliate(alice, co_resident, program, TRAINING, 2014, 2017)
    affiliate(alice, colleague, group, EMPLOYMENT, 2023, None)
    affiliate(alice, before_me, group, EMPLOYMENT, 2010, 2016)

    found = latent_connections(owner=alice)

    assert [c.contact.pk for c in found] == [co_resident.pk, colleague.pk]
    assert found[0].evidence == ("trained together at Denver Health IM 2015–2017",)
    assert found[0].strength > found[1].strength
    assert found[1].evidence == ("worked together at Summit Orthopedics since 2023",)


def test_someone_sharing_several_places_lists_every_piece_of_evidence(alice, places):
    school, program, _ = places
    friend = ContactFactory(owner=alice)
    affiliate(alice, friend, school, EDUCATION, 2011, 2015)
    affiliate(alice, friend, program, TRAINING, 2015, 2018)

    (connection,) = latent_connections(owner=alice)

    assert set(connection.evidence) == {
        "classmates at Emory School of Medicine (class of 2015)",
        "trained together at Denver Health IM 2015–2018",
    }
    assert connection.strength == 4


def test_a_contact_already_known_is_not_latent(alice, places):
    _, program, _ = places
    known = ContactFactory(owner=alice)
    affiliate(alice, known, program, TRAINING, 2015, 2018)
    contact_strength_set(owner=alice, contact=known, strength=1)

    assert latent_connections(owner=alice) == []


def test_places_only_shared_among_contacts_do_not_make_them_latent_for_the_user(alice, places):
    elsewhere = OrganizationFactory(owner=alice)
    a, b = ContactFactory(owner=alice), ContactFactory(owner=alice)
    affiliate(alice, a, elsewhere, EMPLOYMENT, 2015, None)
    affiliate(alice, b, elsewhere, EMPLOYMENT, 2015, None)

    assert latent_connections(owner=alice) == []


def test_recording_a_latent_tie_links_self_with_the_evidence_as_context(alice, places):
    _, program, _ = places
    co_resident = ContactFactory(owner=alice)
    affiliate(alice, co_resident, program, TRAINING, 2016, 2019)

    tie = latent_tie_record(owner=alice, contact=co_resident)

    assert {tie.person_a_id, tie.person_b_id} == {me_of(alice).pk, co_resident.pk}
    assert tie.strength == 2
    assert tie.context == "trained together at Denver Health IM 2016–2018"
    assert latent_connection_get(owner=alice, contact=co_resident) is None
    assert latent_connections(owner=alice) == []


def test_recording_twice_keeps_the_tie_the_user_already_has(alice, places):
    _, program, _ = places
    co_resident = ContactFactory(owner=alice)
    affiliate(alice, co_resident, program, TRAINING, 2016, 2019)
    contact_strength_set(owner=alice, contact=co_resident, strength=5)

    tie = latent_tie_record(owner=alice, contact=co_resident)

    assert tie.strength == 5
    assert Tie.objects.filter(owner=alice).count() == 1


def test_another_users_contact_cannot_be_recorded(alice, bob):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        latent_tie_record(owner=alice, contact=ContactFactory(owner=bob))
    assert not Tie.objects.exists()


def test_bobs_contacts_never_appear_in_alices_latent_list(alice, bob, places):
    _, program, _ = places
    bobs_program = OrganizationFactory(owner=bob, name=program.name)
    affiliate(bob, me_of(bob), bobs_program, TRAINING, 2015, 2018)
    bobs_friend = ContactFactory(owner=bob)
    affiliate(bob, bobs_friend, bobs_program, TRAINING, 2015, 2018)
    alices = ContactFactory(owner=alice)
    affiliate(alice, alices, program, TRAINING, 2015, 2018)

    assert [c.contact.pk for c in latent_connections(owner=alice)] == [alices.pk]
    assert [c.contact.pk for c in latent_connections(owner=bob)] == [bobs_friend.pk]


def test_the_latent_page_lists_people_with_their_evidence(client, alice, places):
    _, program, _ = places
    co_resident = ContactFactory(owner=alice, full_name="Priya Raman")
    affiliate(alice, co_resident, program, TRAINING, 2016, 2019)
    client.force_login(alice)

    response = client.get(reverse("intros:latent"))

    html = response.content.decode()
    assert "Priya Raman" in html
    assert "Trained together at Denver Health IM 2016–2018" in html
    assert reverse("intros:latent_record", args=[co_resident.pk]) in html


def test_one_click_records_the_tie_and_the_row_leaves_the_list(client, alice, places):
    _, program, _ = places
    co_resident = ContactFactory(owner=alice, full_name="Priya Raman")
    affiliate(alice, co_resident, program, TRAINING, 2016, 2019)
    client.force_login(alice)

    response = client.post(reverse("intros:latent_record", args=[co_resident.pk]), follow=True)

    assert response.redirect_chain == [(reverse("intros:latent"), 302)]
    assert "Recorded that you know Priya Raman" in response.content.decode()
    assert response.context["connections"] == []
    assert Tie.objects.filter(owner=alice, strength=2).count() == 1


def test_with_htmx_the_row_is_swapped_for_a_confirmation(client, alice, places):
    _, program, _ = places
    co_resident = ContactFactory(owner=alice, full_name="Priya Raman")
    affiliate(alice, co_resident, program, TRAINING, 2016, 2019)
    client.force_login(alice)

    response = client.post(
        reverse("intros:latent_record", args=[co_resident.pk]), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert html.strip().startswith(f'<li class="row" id="latent-{co_resident.pk}" role="status">')
    assert "Recorded that you know" in html
    assert "<html" not in html
    assert Tie.objects.filter(owner=alice).count() == 1


def test_the_latent_page_runs_the_same_queries_at_any_size(
    client, alice, places, django_assert_num_queries
):
    school, program, group = places
    client.force_login(alice)
    for size in (2, 20):
        for i in range(size):
            person = ContactFactory(owner=alice)
            place, kind, start, end = [
                (school, EDUCATION, 2011, 2015),
                (program, TRAINING, 2016, 2019),
                (group, EMPLOYMENT, 2020, None),
            ][i % 3]
            affiliate(alice, person, place, kind, start, end)
        # session, user, affiliations at the user's places with contacts and organizations
        with django_assert_num_queries(3):
            response = client.get(reverse("intros:latent"))
        assert len(response.context["connections"]) == (2 if size == 2 else 22)
