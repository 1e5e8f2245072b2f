"""The job search travels in the archive: opportunities and what hangs on them, preferences,
saved searches, and the links from interactions and follow-ups."""

import copy
import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from curbside.accounts.services import user_create
from curbside.interactions.models import FollowUp, Interaction
from curbside.opportunities.models import (
    DocumentSent,
    JobPreferences,
    Listing,
    Opportunity,
    OpportunityPerson,
    SavedSearch,
    StageChange,
)
from curbside.portability.archive import archive_build, archive_restore, archive_summary
from curbside.portability.records import ImportFileError

from .archive_network import add_job_search, build_network

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)


@pytest.fixture
def searching(alice):
    with time_machine.travel(NOW):
        network = build_network(alice)
        return network, add_job_search(alice, network)


@pytest.fixture
def carol(alice):
    return user_create(email="carol@example.org", password="correct horse battery", name="Carol")


def comparable(archive: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(archive))
    del data["exported_at"]
    del data["owner"]["email"]
    return data


def test_the_archive_holds_the_job_search_with_archive_references(alice, searching):
    archive = archive_build(alice)
    maya = next(c for c in archive["contacts"] if c["full_name"] == "Maya Ann Patel Jr.")
    zed = next(c for c in archive["contacts"] if c["full_name"] == "Zed Zulu")
    hospital = next(o for o in archive["organizations"] if o["name"] == "University Hospital")

    ep, hidden = archive["opportunities"]
    assert (ep["id"], ep["title"], ep["stage"]) == (1, "Electrophysiologist", "interviewing")
    assert ep["organization"] == hospital["id"]
    assert ep["referrer"] == zed["id"]
    assert ep["salary_min"] == "450000.00"
    assert ep["salary_max"] == "520000.50"
    assert ep["deadline_on"] == "2026-12-15"
    assert ep["listing"] == {"source": "Example Board", "external_id": "EP-7", "url": ""}
    assert hidden["source"] == "network"
    assert hidden["listing"] is None
    assert hidden["organization"] is None

    chief = archive["affiliations"].index(
        next(a for a in archive["affiliations"] if a["role"] == "Chief of Cardiology")
    )
    people = {(p["contact"], p["role"]): p for p in archive["opportunity_people"]}
    assert people[(maya["id"], "decision_maker")]["affiliation"] == chief + 1
    assert people[(zed["id"], "referrer")]["opportunity"] == hidden["id"]
    assert [(c["from_stage"], c["to_stage"]) for c in archive["stage_changes"]] == [
        ("", "found"),
        ("found", "interviewing"),
    ]
    (document,) = archive["documents_sent"]
    assert document["recipients"] == sorted([maya["id"], zed["id"]])
    interview = next(i for i in archive["interactions"] if i["kind"] == "job_interview")
    assert interview["opportunity"] == ep["id"]
    thanks = next(f for f in archive["follow_ups"] if f["opportunity"] is not None)
    assert (thanks["opportunity"], thanks["interaction"]) == (ep["id"], interview["id"])
    assert archive["job_preferences"]["states"] == ["CO", "UT"]
    assert archive["job_preferences"]["salary_floor"] == "400000.00"
    assert archive["saved_searches"][0]["params"] == {"q": "electrophysiology", "near": "80202"}
    assert archive_summary(archive)["opportunities"] == 2
    json.dumps(archive)


def test_the_job_search_restores_into_an_empty_account_and_exports_the_same(
    alice, searching, carol
):
    archive = archive_build(alice)
    archive_restore(owner=carol, data=archive)

    assert comparable(archive_build(carol)) == comparable(archive)
    ep = Opportunity.objects.get(owner=carol, title="Electrophysiologist")
    assert ep.organization is not None
    assert ep.organization.owner_id == carol.pk
    assert ep.referrer is not None
    assert ep.referrer.owner_id == carol.pk
    # Listings are the instance's public data: the restored opportunity links the same one.
    assert ep.listing == Listing.objects.get(external_id="EP-7")
    person = OpportunityPerson.objects.get(owner=carol, opportunity=ep)
    assert person.affiliation is not None
    assert person.affiliation.owner_id == carol.pk
    assert StageChange.objects.filter(owner=carol, opportunity=ep).count() == 2
    assert DocumentSent.objects.get(owner=carol).recipients.count() == 2
    assert Interaction.objects.get(owner=carol, kind="job_interview").opportunity == ep
    assert FollowUp.objects.get(owner=carol, opportunity__isnull=False).opportunity == ep
    assert JobPreferences.objects.get(owner=carol).comparison_weights == {"pay": 5, "network": 3}
    assert SavedSearch.objects.get(owner=carol).name == "EP near Denver"
    # Alice's rows are untouched.
    assert Opportunity.objects.filter(owner=alice).count() == 2


def test_an_opportunity_whose_listing_is_not_on_this_instance_restores_without_it(
    alice, searching, carol
):
    archive = archive_build(alice)
    Listing.objects.all().delete()
    archive_restore(owner=carol, data=archive)
    assert Opportunity.objects.get(owner=carol, title="Electrophysiologist").listing is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: a["opportunities"][0].update(organization=99),
            "opportunities[0] refers to organization 99 which is not in the archive",
        ),
        (
            lambda a: a["opportunity_people"][0].update(opportunity=42),
            "opportunity_people[0] refers to opportunity 42 which is not in the archive",
        ),
        (
            lambda a: a["opportunities"][0].update(stage="hired"),
            "opportunities[0].stage:",
        ),
        (
            lambda a: a["opportunities"][0].update(salary_min="600000", salary_max="500000"),
            "opportunities[0]: salary_max (500000) is below salary_min (600000)",
        ),
        (
            lambda a: a["interactions"][-1].update(opportunity=7),
            "refers to opportunity 7 which is not in the archive",
        ),
        (
            lambda a: a["job_preferences"].update(states="CO"),
            "job_preferences.states: must be a list of text",
        ),
        (
            lambda a: a["saved_searches"].append(dict(a["saved_searches"][0])),
            "saved_searches[1]: the name 'EP near Denver' is used twice",
        ),
    ],
)
def test_a_damaged_job_search_names_the_problem_and_restores_nothing(
    alice, searching, carol, change, message
):
    archive = copy.deepcopy(archive_build(alice))
    change(archive)
    with pytest.raises(ImportFileError, match=re.escape(message)):
        archive_restore(owner=carol, data=archive)
    assert not Opportunity.objects.filter(owner=carol).exists()
    assert not JobPreferences.objects.filter(owner=carol).exists()


def test_a_version_1_archive_without_a_job_search_still_restores(alice, carol):
    with time_machine.travel(NOW):
        build_network(alice)
    archive = archive_build(alice)
    archive["version"] = 1
    for key in (
        "opportunities",
        "opportunity_people",
        "stage_changes",
        "documents_sent",
        "job_preferences",
        "saved_searches",
    ):
        del archive[key]
    archive_restore(owner=carol, data=archive)
    assert not Opportunity.objects.filter(owner=carol).exists()
    assert Interaction.objects.filter(owner=carol).count() == 3
