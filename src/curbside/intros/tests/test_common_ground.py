"""Common ground with a contact: shared places with years, interests, procedures, mutuals."""

import pytest
import time_machine

from curbside.intros.selectors.ground import (
    CommonGround,
    MutualContact,
    SharedPlace,
    common_ground,
    person_name,
    shared_terms,
    split_terms,
)
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.services import contact_strength_set, tie_record
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


def test_an_overlapping_residency_is_a_shared_program_with_both_spans_and_the_overlap(alice):
    program = OrganizationFactory(
        owner=alice, name="Denver Health", kind=Organization.Kind.RESIDENCY_PROGRAM
    )
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), program, TRAINING, 2017, 2020)
    affiliate(alice, contact, program, TRAINING, 2016, 2019)

    ground = common_ground(owner=alice, contact=contact)

    assert ground.programs == (
        SharedPlace(
            program.pk, "Denver Health", "training", "2017–2020", "2016–2019", "2017–2019", True
        ),
    )
    assert ground.schools == ground.employers == ()
    assert "we both trained at Denver Health (you 2016–2019, me 2017–2020)" in (
        ground.summary_phrases()
    )


def test_a_classmate_of_the_same_year_is_named_a_classmate(alice):
    school = OrganizationFactory(
        owner=alice, name="CU School of Medicine", kind=Organization.Kind.MEDICAL_SCHOOL
    )
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), school, EDUCATION, 2011, 2015)
    affiliate(alice, contact, school, EDUCATION, 2011, 2015)

    ground = common_ground(owner=alice, contact=contact)

    assert ground.schools[0].is_overlapping
    assert ground.schools[0].overlap_years == "2015"
    assert ground.summary_phrases() == [
        "we were classmates at CU School of Medicine (class of 2015)"
    ]


def test_a_class_one_year_apart_still_overlaps_but_two_years_apart_does_not(alice):
    school = OrganizationFactory(owner=alice, name="Emory", kind=Organization.Kind.MEDICAL_SCHOOL)
    near, far = ContactFactory(owner=alice), ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), school, EDUCATION, None, 2015)
    affiliate(alice, near, school, EDUCATION, None, 2016)
    affiliate(alice, far, school, EDUCATION, None, 2017)

    near_place = common_ground(owner=alice, contact=near).schools[0]
    far_ground = common_ground(owner=alice, contact=far)

    assert (near_place.is_overlapping, near_place.overlap_years) == (True, "2015 and 2016")
    assert (far_ground.schools[0].is_overlapping, far_ground.schools[0].overlap_years) == (
        False,
        "",
    )
    assert far_ground.summary_phrases() == ["we both studied at Emory (you class of 2017, me 2015)"]


def test_employers_without_overlapping_years_are_shared_but_not_overlapping(alice):
    group = OrganizationFactory(owner=alice, name="Summit Orthopedics")
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), group, EMPLOYMENT, 2010, 2012)
    affiliate(alice, contact, group, EMPLOYMENT, 2018, None)

    place = common_ground(owner=alice, contact=contact).employers[0]

    assert place == SharedPlace(
        group.pk, "Summit Orthopedics", "employment", "2010–2012", "2018–present", "", False
    )


def test_two_current_jobs_overlap_until_the_present(alice):
    group = OrganizationFactory(owner=alice, name="Summit Orthopedics")
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), group, EMPLOYMENT, 2020, None)
    affiliate(alice, contact, group, EMPLOYMENT, 2022, None)

    assert common_ground(owner=alice, contact=contact).employers[0].overlap_years == (
        "2022–present"
    )


def test_a_place_where_one_trained_and_the_other_works_counts_among_employers(alice):
    hospital = OrganizationFactory(owner=alice, name="Mercy Hospital")
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), hospital, TRAINING, 2016, 2019)
    affiliate(alice, contact, hospital, EMPLOYMENT, 2018, None)

    ground = common_ground(owner=alice, contact=contact)

    assert [(p.kind, p.overlap_years) for p in ground.employers] == [("mixed", "2018–2019")]
    assert ground.programs == ()
    assert ground.summary_phrases() == [
        "we have both been at Mercy Hospital (you 2018–present, me 2016–2019)"
    ]


def test_organizations_only_one_of_them_has_are_not_shared(alice):
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), OrganizationFactory(owner=alice), EMPLOYMENT, 2010, None)
    affiliate(alice, contact, OrganizationFactory(owner=alice), EMPLOYMENT, 2010, None)

    ground = common_ground(owner=alice, contact=contact)

    assert ground.is_empty
    assert ground.summary_phrases() == []


def test_shared_memberships_are_their_own_list(alice):
    society = OrganizationFactory(owner=alice, name="ACEP", kind=Organization.Kind.MEDICAL_SOCIETY)
    contact = ContactFactory(owner=alice)
    affiliate(alice, me_of(alice), society, Affiliation.Kind.MEMBERSHIP, 2015, None)
    affiliate(alice, contact, society, Affiliation.Kind.MEMBERSHIP, 2019, None)

    ground = common_ground(owner=alice, contact=contact)

    assert [p.organization_name for p in ground.memberships] == ["ACEP"]
    assert ground.employers == ()
    assert not ground.is_empty
    assert ground.summary_phrases() == ["we are both members of ACEP"]


def test_research_interests_and_procedures_match_whatever_the_case_and_hyphens(alice):
    me = me_of(alice)
    me.research_interests = "Point-of-care ultrasound; sepsis\nMedical education"
    me.procedures = "ERCP, EUS"
    me.save()
    contact = ContactFactory(
        owner=alice,
        research_interests="point of care ultrasound, medical  EDUCATION.",
        procedures="eus; colonoscopy",
    )

    ground = common_ground(owner=alice, contact=contact)

    assert ground.research_interests == ("Point-of-care ultrasound", "Medical education")
    assert ground.procedures == ("EUS",)
    assert ground.summary_phrases() == [
        "we share an interest in Point-of-care ultrasound and Medical education",
        "we both perform EUS",
    ]


def test_terms_are_split_on_commas_semicolons_and_newlines_without_duplicates():
    assert split_terms(" Sepsis ;sepsis,\n\nHeart failure.\r\n- ECMO ") == [
        "Sepsis",
        "Heart failure",
        "ECMO",
    ]


def test_different_terms_are_not_confused():
    assert shared_terms("cardiology, nephrology", "neurology; pulmonology") == ()


def test_mutual_contacts_are_people_tied_to_both_strongest_first(alice):
    contact = ContactFactory(owner=alice)
    me = me_of(alice)
    close = ContactFactory(owner=alice, full_name="Jane Roe", honorific="Dr.")
    loose = ContactFactory(owner=alice, full_name="John Poe")
    only_theirs = ContactFactory(owner=alice)
    only_mine = ContactFactory(owner=alice)
    for person, mine, theirs in ((close, 5, 4), (loose, 2, 5)):
        contact_strength_set(owner=alice, contact=person, strength=mine)
        tie_record(owner=alice, person=contact, other=person, strength=theirs)
    tie_record(owner=alice, person=contact, other=only_theirs, strength=5)
    contact_strength_set(owner=alice, contact=only_mine, strength=5)
    contact_strength_set(owner=alice, contact=contact, strength=3)  # not a mutual of itself

    ground = common_ground(owner=alice, contact=contact)

    assert ground.mutual_contacts == (
        MutualContact(close, 5, 4),
        MutualContact(loose, 2, 5),
    )
    assert ground.summary_phrases() == ["we both know Dr. Jane Roe and Dr. John Poe"]
    assert me.pk not in {m.contact.pk for m in ground.mutual_contacts}


def test_many_mutual_contacts_are_summed_up_after_three_names():
    people = [Contact(full_name=f"P{i}", credentials="RN") for i in range(5)]
    ground = CommonGround((), (), (), (), (), tuple(MutualContact(p, 3, 3) for p in people))
    assert ground.summary_phrases() == ["we both know P0, P1, P2 and 2 others"]


def test_a_physician_is_named_doctor_and_others_by_their_name():
    assert person_name(Contact(full_name="Ann Lee", credentials="M.D., FACS")) == "Dr. Ann Lee"
    assert person_name(Contact(full_name="Ann Lee", credentials="RN")) == "Ann Lee"
    assert person_name(Contact(full_name="Ann Lee", honorific="Prof.")) == "Prof. Ann Lee"


def test_common_ground_with_oneself_is_empty(alice):
    me = me_of(alice)
    affiliate(alice, me, OrganizationFactory(owner=alice), EMPLOYMENT, 2010, None)
    assert common_ground(owner=alice, contact=me).is_empty


def test_common_ground_runs_three_queries_however_large_the_network(
    alice, django_assert_num_queries
):
    contact = ContactFactory(owner=alice)
    me = me_of(alice)
    for n in (2, 20):
        for _ in range(n):
            organization = OrganizationFactory(owner=alice)
            affiliate(alice, me, organization, EMPLOYMENT, 2015, None)
            affiliate(alice, contact, organization, EMPLOYMENT, 2016, None)
            mutual = ContactFactory(owner=alice)
            contact_strength_set(owner=alice, contact=mutual, strength=3)
            tie_record(owner=alice, person=contact, other=mutual, strength=3)
        # self contact, both people's affiliations with organizations, ties with contacts
        with django_assert_num_queries(3):
            ground = common_ground(owner=alice, contact=contact)
        assert len(ground.employers) == len(ground.mutual_contacts)


def test_another_users_affiliations_and_ties_never_count(alice, bob):
    contact = ContactFactory(owner=alice)
    bobs_self = me_of(bob)
    bobs_org = OrganizationFactory(owner=bob)
    affiliate(bob, bobs_self, bobs_org, EMPLOYMENT, 2015, None)
    bobs_person = ContactFactory(owner=bob)
    affiliate(bob, bobs_person, bobs_org, EMPLOYMENT, 2015, None)
    contact_strength_set(owner=bob, contact=bobs_person, strength=5)

    assert common_ground(owner=alice, contact=contact).is_empty
    # bob asking about alice's contact gets nothing of hers
    assert common_ground(owner=bob, contact=contact).is_empty
