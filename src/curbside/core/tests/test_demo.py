import datetime
from collections import Counter

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Q

from curbside.accounts.models import User
from curbside.accounts.services import user_create
from curbside.demo import DEMO_EMAIL, build_network, demo_account_create
from curbside.interactions import selectors as interaction_selectors
from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.services import THANKS_AFTER
from curbside.network.contactinfo import normalize_email, normalize_phone
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tie,
)
from curbside.network.services import contacts_touch_refresh
from curbside.network.validators import npi_is_valid

pytestmark = pytest.mark.django_db

# A Friday in November of a PGY-3's year: residency started in July 2024.
TODAY = datetime.date(2026, 11, 20)
NOON = datetime.datetime(2026, 11, 20, 17, 0, tzinfo=datetime.UTC)
PASSWORD = "a long demo passphrase"


@pytest.fixture
def travel():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def demo(travel):
    return demo_account_create(password=PASSWORD)


def test_the_demo_network_has_the_promised_size(demo):
    owner = demo.user
    assert Contact.objects.filter(owner=owner, is_self=False).count() >= 150
    assert Organization.objects.filter(owner=owner).count() >= 40
    assert Tie.objects.filter(owner=owner).count() >= 300
    assert Interaction.objects.filter(owner=owner).count() >= 400
    kinds = set(Organization.objects.filter(owner=owner).values_list("kind", flat=True))
    assert kinds == set(Organization.Kind.values) - {Organization.Kind.OTHER}
    affiliation_kinds = set(Affiliation.objects.filter(owner=owner).values_list("kind", flat=True))
    assert affiliation_kinds == set(Affiliation.Kind.values)
    assert Affiliation.objects.filter(owner=owner, start_year__isnull=False).count() >= 300


def test_the_demo_account_can_log_in_with_the_printed_password(demo):
    user = User.objects.get(email=DEMO_EMAIL)
    assert user.check_password(PASSWORD)
    assert demo.summary.n_contacts == 150


def test_the_demo_resident_is_a_pgy3_in_internal_medicine_with_school_and_residency(demo):
    me = Contact.objects.get(owner=demo.user, is_self=True)
    assert me.specialty == "Internal Medicine"
    assert npi_is_valid(me.npi)
    affiliations = {
        a.kind: a for a in Affiliation.objects.filter(owner=demo.user, contact=me).order_by("pk")
    }
    school = affiliations[Affiliation.Kind.EDUCATION]
    residency = affiliations[Affiliation.Kind.TRAINING]
    assert (school.start_year, school.end_year) == (2020, 2024)
    assert residency.start_year == 2024
    assert residency.end_year is None
    assert "PGY-3" in residency.role
    assert residency.organization.kind == Organization.Kind.RESIDENCY_PROGRAM


def test_the_demo_has_decision_makers_in_every_kind_of_role(demo):
    roles = set(
        Affiliation.objects.filter(owner=demo.user, is_decision_maker=True).values_list(
            "role", flat=True
        )
    )
    assert {"Chair, Department of Medicine", "Program Director", "Practice owner"} <= roles
    assert any("Recruit" in role for role in roles)
    assert any(role in {"Chief Medical Officer", "Director of Hospital Medicine"} for role in roles)


def test_the_dashboard_shows_owed_thank_yous_overdue_follow_ups_and_fading_ties(demo):
    board = interaction_selectors.dashboard(owner=demo.user, today=TODAY)
    assert board.thank_yous
    assert any(f.due_on < TODAY for f in board.thank_yous)  # overdue
    assert any(f.due_on == TODAY for f in board.thank_yous)
    assert any(f.due_on < TODAY for f in board.follow_ups)
    assert board.reconnect
    fading = interaction_selectors.contact_list_fading(owner=demo.user, today=TODAY)
    assert 0 < fading.count() < 150 // 2  # a reconnect list, not the whole network
    # The scripted recent meeting with the program director owes a thank-you today.
    assert any(
        f.due_on == TODAY and "meeting" in f.note and f.contact.full_name for f in board.thank_yous
    )


def test_a_few_interactions_went_badly(demo):
    sentiments = Counter(
        Interaction.objects.filter(owner=demo.user).values_list("sentiment", flat=True)
    )
    assert 0 < sentiments[Interaction.Sentiment.NEGATIVE] < sentiments["positive"] // 4


def test_every_meeting_interview_and_referral_owes_each_person_a_thank_you(demo):
    interactions = Interaction.objects.filter(owner=demo.user, kind__in=THANKS_AFTER)
    assert interactions.exists()
    for interaction in interactions.prefetch_related("contacts", "follow_ups"):
        thanks = [f for f in interaction.follow_ups.all() if f.kind == FollowUp.Kind.THANK_YOU]
        assert sorted(f.contact_id for f in thanks) == sorted(
            c.pk for c in interaction.contacts.all()
        )
        assert all(f.due_on == interaction.happened_on + datetime.timedelta(days=1) for f in thanks)
    done = FollowUp.objects.filter(owner=demo.user, status=FollowUp.Status.DONE)
    assert not done.filter(completed_at__isnull=True).exists()


def test_last_interaction_and_next_touch_dates_match_what_the_services_compute(demo):
    owner = demo.user
    before = (
        dict(Contact.objects.filter(owner=owner).values_list("pk", "last_interaction_on")),
        dict(Contact.objects.filter(owner=owner).values_list("pk", "next_touch_on")),
    )
    contacts_touch_refresh(
        owner=owner, contact_ids=Contact.objects.filter(owner=owner).values_list("pk", flat=True)
    )
    after = (
        dict(Contact.objects.filter(owner=owner).values_list("pk", "last_interaction_on")),
        dict(Contact.objects.filter(owner=owner).values_list("pk", "next_touch_on")),
    )
    assert before == after
    assert any(before[1].values())  # cadences are set on many contacts


def test_every_row_passes_model_validation_and_contact_details_are_normalised(demo):
    owner = demo.user
    contacts = Contact.objects.filter(owner=owner)
    # Field validation (NPI check digit, lengths, choices); the database checks the keys.
    for contact in contacts:
        contact.clean_fields(exclude=["owner", "tags", "introduced_by"])
    npis = [c.npi for c in contacts if c.npi]
    assert len(npis) > 100
    assert len(set(npis)) == len(npis)
    for email in ContactEmail.objects.filter(owner=owner).values_list("email", flat=True):
        assert normalize_email(email) == email
    for number in ContactPhone.objects.filter(owner=owner).values_list("number", flat=True):
        assert normalize_phone(number) == number
    for affiliation in Affiliation.objects.filter(owner=owner):
        affiliation.clean_fields(exclude=["owner", "contact", "organization"])
        assert affiliation.end_year is None or affiliation.end_year <= TODAY.year
    for tie in Tie.objects.filter(owner=owner):
        tie.clean_fields(exclude=["owner", "person_a", "person_b"])
        assert tie.person_a_id < tie.person_b_id


def test_the_residents_own_ties_are_relationship_strengths_with_contexts(demo):
    me = Contact.objects.get(owner=demo.user, is_self=True)
    own = Tie.objects.filter(owner=demo.user).filter(Q(person_a=me) | Q(person_b=me))
    assert own.count() >= 100
    contexts = set(own.values_list("context", flat=True))
    assert "co-residents 2024–27" in contexts
    assert "med school classmates, class of 2024" in contexts
    # and the second degree: people the resident knows who know each other
    assert Tie.objects.filter(owner=demo.user).exclude(person_a=me).exclude(person_b=me).count()


def fingerprint(owner):
    contacts = list(
        Contact.objects.filter(owner=owner, is_self=False).values_list(
            "full_name",
            "credentials",
            "npi",
            "specialty",
            "city",
            "cadence_days",
            "last_interaction_on",
            "next_touch_on",
        )
    )
    interactions = list(
        Interaction.objects.filter(owner=owner)
        .order_by("happened_on", "summary", "kind")
        .values_list("happened_on", "kind", "summary", "sentiment")
    )
    ties = sorted(
        (
            "me" if a_is_self else a_name,
            "me" if b_is_self else b_name,
            strength,
            context,
        )
        for a_is_self, a_name, b_is_self, b_name, strength, context in Tie.objects.filter(
            owner=owner
        ).values_list(
            "person_a__is_self",
            "person_a__full_name",
            "person_b__is_self",
            "person_b__full_name",
            "strength",
            "context",
        )
    )
    return contacts, interactions, ties


@pytest.fixture
def carol(alice):
    return user_create(email="carol@example.org", password=PASSWORD, name="Carol Chen")


def test_the_same_seed_on_the_same_day_builds_the_same_network(travel, alice, carol):
    sizes = {"n_contacts": 60, "n_organizations": 40, "n_ties": 120, "n_interactions": 150}
    build_network(alice, seed=7, **sizes)
    build_network(carol, seed=7, **sizes)
    assert fingerprint(alice) == fingerprint(carol)
    assert len(fingerprint(alice)[1]) == 150


def test_a_different_seed_builds_a_different_network(travel, alice, carol):
    sizes = {"n_contacts": 40, "n_organizations": 20, "n_ties": 60, "n_interactions": 60}
    build_network(alice, seed=1, **sizes)
    build_network(carol, seed=2, **sizes)
    assert fingerprint(alice)[0] != fingerprint(carol)[0]


def test_the_generator_scales_past_the_hand_written_organizations(travel, alice):
    summary = build_network(
        alice, n_contacts=400, n_organizations=90, n_ties=1600, n_interactions=2000, seed=3
    )
    assert (summary.n_contacts, summary.n_organizations) == (400, 90)
    assert (summary.n_ties, summary.n_interactions) == (1600, 2000)
    names = list(Organization.objects.filter(owner=alice).values_list("name", flat=True))
    assert len(set(names)) == 90
    board = interaction_selectors.dashboard(owner=alice, today=TODAY)
    # However large the network, only a handful of things are open at once.
    assert len(board.thank_yous) <= 10
    assert len(board.follow_ups) + len(board.upcoming) <= 20


def test_running_the_demo_again_refuses_and_reset_replaces_it(demo):
    with pytest.raises(ValidationError, match="already exists"):
        demo_account_create(password=PASSWORD)
    replaced = demo_account_create(password=PASSWORD, reset=True)
    assert not User.objects.filter(pk=demo.user.pk).exists()
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
    assert Contact.objects.filter(owner=replaced.user, is_self=False).count() == 150


def test_reset_never_deletes_an_account_that_is_not_a_demo(travel, alice):
    with pytest.raises(ValidationError, match="not a demo account"):
        demo_account_create(email=alice.email, password=PASSWORD, reset=True)
    assert User.objects.filter(pk=alice.pk).exists()
    assert Contact.objects.filter(owner=alice).count() == 1  # only her own profile


def test_the_demo_resident_is_looking_for_a_job_through_their_network(demo):
    from curbside.opportunities.models import Listing, Opportunity, SavedSearch
    from curbside.opportunities.selectors.searches import saved_search_list

    owner = demo.user
    opportunities = Opportunity.objects.filter(owner=owner)
    stages = set(opportunities.values_list("stage", flat=True))
    assert {"interviewing", "offer", "reached_out", "researching", "found"} <= stages
    hidden = opportunities.get(source=Opportunity.Source.NETWORK)
    assert hidden.listing is None
    assert hidden.is_hidden
    nocturnist = opportunities.get(title="Nocturnist Hospitalist")
    assert nocturnist.people.exists()
    # The finalists differ on what the comparison shows beside pay and place.
    advertised = opportunities.filter(source=Opportunity.Source.ADVERTISED)
    assert all(o.call_schedule and o.start_on and o.deadline_on for o in advertised)
    assert len({o.deadline_on for o in advertised}) == advertised.count()
    # The interview owes each interviewer a thank-you.
    assert (
        FollowUp.objects.filter(
            owner=owner, opportunity=nocturnist, kind=FollowUp.Kind.THANK_YOU
        ).count()
        == nocturnist.people.filter(role="interviewer").count()
        > 0
    )
    saved = SavedSearch.objects.get(owner=owner)
    (row,) = saved_search_list(owner=owner, today=TODAY)
    assert row.saved_search == saved
    assert row.n_new > 0
    n_listings = Listing.objects.count()
    demo_account_create(password=PASSWORD, reset=True)
    assert Listing.objects.count() == n_listings  # the board's listings are not duplicated
