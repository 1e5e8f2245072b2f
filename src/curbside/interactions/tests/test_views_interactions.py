"""Logging, listing, editing and deleting interactions through the pages."""

import datetime

import pytest
from django.urls import reverse

from curbside.interactions import services
from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import InteractionFactory
from curbside.network import services as network_services
from curbside.network.models import Contact
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("interactions:interaction_create")
LIST = reverse("interactions:interaction_list")


def log_form(*contacts: Contact, **fields: str) -> dict[str, object]:
    return {
        "contacts": [c.pk for c in contacts],
        "happened_on": "2026-11-20",
        "kind": Interaction.Kind.MEETING,
        "summary": "",
        "sentiment": Interaction.Sentiment.NEUTRAL,
        "owe_thanks": "on",
        **fields,
    }


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_log_form_starts_today_with_a_thank_you_owed_and_the_people_asked_for(
    alice_client, alice, on_nov_22
):
    ann, ben, cat = ContactFactory.create_batch(3, owner=alice)

    response = alice_client.get(CREATE, {"contact": [ann.pk, cat.pk]})

    form = response.context["form"]
    assert form["happened_on"].value() == on_nov_22
    assert form["kind"].value() == Interaction.Kind.MEETING
    assert form["owe_thanks"].value() is True
    assert sorted(form["contacts"].value()) == sorted([ann.pk, cat.pk])
    choices = list(form.fields["contacts"].queryset)
    assert choices[:2] == sorted([ann, cat], key=lambda c: c.last_name)  # the chosen come first
    assert ben in choices
    html = response.content.decode()
    assert f'<option value="{ann.pk}" selected>' in html
    assert f'<option value="{ben.pk}">' in html


def test_the_log_form_owes_no_thank_you_by_default_for_a_call(alice_client, on_nov_22):
    form = alice_client.get(CREATE, {"kind": Interaction.Kind.CALL}).context["form"]
    assert form["owe_thanks"].value() is False


def test_the_people_to_choose_from_never_include_yourself_or_anyone_elses_contacts(
    alice_client, alice, bob, on_nov_22
):
    ann = ContactFactory(owner=alice)

    choices = set(alice_client.get(CREATE).context["form"].fields["contacts"].queryset)

    assert choices == {ann}  # not alice's own profile, not bob's two contacts


def test_searching_people_returns_only_the_list_and_keeps_the_chosen_ones(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee", specialty="Cardiology")
    ben = network_services.contact_create(owner=alice, name="Ben Ford", specialty="Surgery")
    cat = network_services.contact_create(owner=alice, name="Cat Diaz", specialty="Cardiology")

    response = alice_client.get(
        CREATE, {"q": "cardio", "contacts": [ben.pk]}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert html.startswith('<div id="contacts-field">')
    assert "<html" not in html
    assert f'<option value="{ben.pk}" selected>' in html  # chosen before searching
    assert f'value="{ann.pk}"' in html
    assert f'value="{cat.pk}"' in html
    assert html.count("<option") == 3


def test_logging_a_call_with_one_person_says_so_and_goes_to_their_page(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")

    response = alice_client.post(CREATE, log_form(ann, kind=Interaction.Kind.CALL))

    assert response.status_code == 302
    assert response["Location"] == reverse("network:contact_detail", args=[ann.pk])
    interaction = Interaction.objects.get(owner=alice)
    assert interaction.kind == Interaction.Kind.CALL
    assert not FollowUp.objects.filter(owner=alice).exists()
    ann.refresh_from_db()
    assert ann.last_interaction_on == datetime.date(2026, 11, 20)


def test_logging_a_meeting_tells_when_the_thank_you_is_due(alice_client, alice, on_nov_22):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")

    response = alice_client.post(
        CREATE, log_form(ann, happened_on="2026-11-22", next=LIST), follow=True
    )

    assert response.redirect_chain == [(LIST, 302)]
    assert messages_of(response) == ["Logged. A thank-you to Ann Lee is due tomorrow."]
    thanks = FollowUp.objects.get(owner=alice)
    assert (thanks.contact, thanks.due_on) == (ann, datetime.date(2026, 11, 23))


def test_unticking_owe_a_thank_you_logs_the_meeting_without_one(alice_client, alice, on_nov_22):
    ann = ContactFactory(owner=alice)
    form = log_form(ann)
    del form["owe_thanks"]

    alice_client.post(CREATE, form)

    assert Interaction.objects.filter(owner=alice).count() == 1
    assert not FollowUp.objects.filter(owner=alice).exists()


def test_a_forged_contact_id_is_refused_and_nothing_is_logged(alice_client, alice, bob, on_nov_22):
    ann = ContactFactory(owner=alice)
    theirs = Contact.objects.filter(owner=bob, is_self=False)[0]
    me = Contact.objects.get(owner=alice, is_self=True)

    for forged in (theirs, me):
        response = alice_client.post(CREATE, log_form(ann, forged))
        assert response.status_code == 200
        assert "contacts" in response.context["form"].errors

    response = alice_client.post(CREATE, {**log_form(ann), "contacts": [ann.pk, 999_999]})
    assert "contacts" in response.context["form"].errors
    assert not Interaction.objects.exists()
    assert not FollowUp.objects.exists()


def test_logging_without_anyone_shows_the_error_on_the_form(alice_client, alice, on_nov_22):
    response = alice_client.post(CREATE, log_form())

    assert response.status_code == 200
    assert response.context["form"].errors["contacts"]
    assert 'role="alert"' in response.content.decode()
    assert not Interaction.objects.exists()


def test_editing_an_interaction_moves_the_last_interaction_dates_of_everyone_involved(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    ben = network_services.contact_create(owner=alice, name="Ben Ford")
    services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=datetime.date(2026, 10, 1),
    )
    latest = services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=datetime.date(2026, 11, 20),
    )

    response = alice_client.post(
        reverse("interactions:interaction_edit", args=[latest.pk]),
        log_form(ben, happened_on="2026-11-21", kind=Interaction.Kind.EMAIL, summary="Sent CV"),
    )

    assert response.status_code == 302
    latest.refresh_from_db()
    assert (latest.kind, latest.summary) == (Interaction.Kind.EMAIL, "Sent CV")
    assert list(latest.contacts.all()) == [ben]
    ann.refresh_from_db()
    ben.refresh_from_db()
    assert ann.last_interaction_on == datetime.date(2026, 10, 1)
    assert ben.last_interaction_on == datetime.date(2026, 11, 21)
    assert not FollowUp.objects.filter(owner=alice).exists()  # editing never owes thanks


def test_the_edit_form_shows_the_interaction_as_it_is(alice_client, alice, on_nov_22):
    ann = ContactFactory(owner=alice)
    interaction = InteractionFactory(
        owner=alice, contacts=[ann], summary="Lunch", kind=Interaction.Kind.MEETING
    )

    response = alice_client.get(reverse("interactions:interaction_edit", args=[interaction.pk]))

    form = response.context["form"]
    assert form["contacts"].value() == [ann.pk]
    assert form["summary"].value() == "Lunch"
    assert "owe_thanks" not in form.fields
    assert "Edit interaction" in response.content.decode()


def test_deleting_an_interaction_asks_first_then_refreshes_the_last_interaction_date(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=datetime.date(2026, 9, 1),
    )
    latest = services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ann],
        happened_on=datetime.date(2026, 11, 20),
    )
    url = reverse("interactions:interaction_delete", args=[latest.pk])

    confirm = alice_client.get(url)
    assert "Delete the call of Nov 20, 2026 with Ann Lee?" in " ".join(
        confirm.content.decode().split()
    )
    assert Interaction.objects.filter(pk=latest.pk).exists()

    response = alice_client.post(url, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert messages_of(response) == ["Deleted the call of Nov. 20, 2026."]
    assert not Interaction.objects.filter(pk=latest.pk).exists()
    ann.refresh_from_db()
    assert ann.last_interaction_on == datetime.date(2026, 9, 1)


def test_the_list_filters_by_kind_person_and_dates(alice_client, alice, on_nov_22):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    ben = network_services.contact_create(owner=alice, name="Ben Ford")
    call = InteractionFactory(
        owner=alice,
        contacts=[ann],
        kind=Interaction.Kind.CALL,
        happened_on=datetime.date(2026, 11, 1),
    )
    meeting = InteractionFactory(
        owner=alice,
        contacts=[ann, ben],
        kind=Interaction.Kind.MEETING,
        happened_on=datetime.date(2026, 11, 10),
    )
    email = InteractionFactory(
        owner=alice,
        contacts=[ben],
        kind=Interaction.Kind.EMAIL,
        happened_on=datetime.date(2026, 11, 20),
    )

    def listed(**filters: object) -> list[Interaction]:
        return list(alice_client.get(LIST, filters).context["page"])

    assert listed() == [email, meeting, call]
    assert listed(kind="call") == [call]
    assert listed(q="ann") == [meeting, call]
    assert listed(q="ford") == [email, meeting]
    assert listed(contact=ben.pk) == [email, meeting]
    assert listed(since="2026-11-05", until="2026-11-15") == [meeting]
    assert listed(since="not a date") == [email, meeting, call]  # a bad filter is ignored


def test_the_list_shows_people_and_flags_interactions_that_went_badly(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    InteractionFactory(
        owner=alice, contacts=[ann], sentiment=Interaction.Sentiment.NEGATIVE, summary="Tense"
    )

    html = alice_client.get(LIST).content.decode()

    assert reverse("network:contact_detail", args=[ann.pk]) in html
    assert '<span class="badge negative">Went badly</span>' in html
    assert "Tense" in html


def test_the_list_pages_by_fifty_and_keeps_the_filters_in_page_links(
    alice_client, alice, on_nov_22
):
    ann = ContactFactory(owner=alice)
    for _ in range(51):
        InteractionFactory(owner=alice, contacts=[ann], kind=Interaction.Kind.CALL)

    first = alice_client.get(LIST, {"kind": "call"})
    second = alice_client.get(LIST, {"kind": "call", "page": 2})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 1
    assert "?kind=call&amp;page=2" in first.content.decode()


def test_the_list_answers_htmx_with_the_results_alone(alice_client, alice, on_nov_22):
    InteractionFactory(owner=alice, contacts=[ContactFactory(owner=alice)])

    html = alice_client.get(LIST, headers={"HX-Request": "true"}).content.decode()

    assert html.strip().startswith('<div id="results">')
    assert "<html" not in html


def test_a_new_user_sees_how_to_log_a_first_interaction(alice_client, on_nov_22):
    html = alice_client.get(LIST).content.decode()
    assert "No interactions logged yet" in html
    assert CREATE in html
