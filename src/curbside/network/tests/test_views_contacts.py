"""The contact pages: list, create, edit, detail, delete, photo, snooze and the profile."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse
from PIL import Image

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services
from curbside.network.models import Affiliation, Contact, Tie

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 22, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def image_file(name="face.png", image_format="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def strength_with_owner(owner, contact) -> int:
    """The tie between the owner's own profile and `contact`, read straight from the table."""
    me = Contact.objects.get(owner=owner, is_self=True)
    tie = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me))
        .first()
    )
    return tie.strength if tie else 0


def names_on(response):
    return [contact.full_name for contact in response.context["page"].object_list]


# The list


def test_the_contact_list_shows_credentials_specialty_organization_tags_and_last_contact(
    alice_client, alice
):
    contact = services.contact_create(
        owner=alice,
        name="Maya Patel, MD",
        specialty="Cardiology",
        city="Denver",
        state="CO",
        tags=["mentor"],
    )
    AffiliationFactory(
        owner=alice,
        contact=contact,
        organization=OrganizationFactory(owner=alice, name="Front Range Heart"),
        role="Program director",
    )
    services.contact_strength_set(owner=alice, contact=contact, strength=4)
    with time_machine.travel(NOW, tick=False):
        InteractionFactory(owner=alice, contacts=[contact], happened_on=datetime.date(2026, 11, 19))
        services.contacts_touch_refresh(owner=alice, contact_ids=[contact.pk])

        page = alice_client.get(reverse("network:contact_list")).content.decode()

    assert "Maya Patel, MD" in page
    assert "Cardiology" in page
    assert "Program director, Front Range Heart" in page
    assert "Denver, CO" in page
    assert ">mentor</a>" in page
    assert "●●●●○" in page
    assert "Last contact 3 days ago" in page
    assert "1 contact<" in page


def test_searching_matches_organization_tags_and_notes(alice_client, alice):
    AffiliationFactory(
        owner=alice,
        contact=ContactFactory(owner=alice, full_name="Ann Org"),
        organization=OrganizationFactory(owner=alice, name="Mercy Lakeshore"),
    )
    services.contact_create(owner=alice, name="Ben Tagged", tags=["lakeshore-alumni"])
    services.contact_create(owner=alice, name="Cy Noted", notes="Moved to Lakeshore in May")
    services.contact_create(owner=alice, name="Dee Elsewhere")

    response = alice_client.get(reverse("network:contact_list"), {"q": "lakeshore"})

    assert sorted(names_on(response)) == ["Ann Org", "Ben Tagged", "Cy Noted"]
    assert "3 contacts match" in response.content.decode()


def test_an_htmx_search_gets_only_the_results_partial(alice_client, alice):
    services.contact_create(owner=alice, name="Maya Patel")
    services.contact_create(owner=alice, name="Omar Haddad")

    response = alice_client.get(
        reverse("network:contact_list"), {"q": "maya"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()

    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "Maya Patel" in html
    assert "Omar Haddad" not in html


def test_the_search_box_asks_htmx_for_live_results_and_pushes_the_url(alice_client):
    html = alice_client.get(reverse("network:contact_list")).content.decode()

    assert 'hx-get="/contacts/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert "delay:300ms" in html


def test_filters_narrow_by_tag_specialty_and_state(alice_client, alice):
    services.contact_create(owner=alice, name="Ann A", specialty="Cardiology", state="CO")
    services.contact_create(
        owner=alice, name="Ben B", specialty="Cardiology", state="NC", tags=["mentor"]
    )
    services.contact_create(owner=alice, name="Cy C", specialty="Neurology", state="CO")
    url = reverse("network:contact_list")

    assert names_on(alice_client.get(url, {"specialty": "Cardiology"})) == ["Ann A", "Ben B"]
    assert names_on(alice_client.get(url, {"state": "CO"})) == ["Ann A", "Cy C"]
    assert names_on(alice_client.get(url, {"tag": "mentor"})) == ["Ben B"]
    assert names_on(alice_client.get(url, {"specialty": "Cardiology", "state": "CO"})) == ["Ann A"]
    filters = alice_client.get(url).context["facets"]
    assert filters == {
        "specialties": ["Cardiology", "Neurology"],
        "states": ["CO", "NC"],
        "tags": ["mentor"],
    }


def test_sorting_by_strength_and_by_last_contact(alice_client, alice):
    weak = services.contact_create(owner=alice, name="Al Adams")
    strong = services.contact_create(owner=alice, name="Zed Zimmer")
    services.contact_strength_set(owner=alice, contact=weak, strength=1)
    services.contact_strength_set(owner=alice, contact=strong, strength=5)
    InteractionFactory(owner=alice, contacts=[weak], happened_on=datetime.date(2026, 1, 1))
    InteractionFactory(owner=alice, contacts=[strong], happened_on=datetime.date(2026, 6, 1))
    services.contacts_touch_refresh(owner=alice, contact_ids=[weak.pk, strong.pk])
    url = reverse("network:contact_list")

    assert names_on(alice_client.get(url)) == ["Al Adams", "Zed Zimmer"]
    assert names_on(alice_client.get(url, {"sort": "strength"})) == ["Zed Zimmer", "Al Adams"]
    assert names_on(alice_client.get(url, {"sort": "last_contact"})) == ["Al Adams", "Zed Zimmer"]
    assert names_on(alice_client.get(url, {"sort": "-last_contact"})) == [
        "Zed Zimmer",
        "Al Adams",
    ]
    assert names_on(alice_client.get(url, {"sort": "nonsense"})) == ["Al Adams", "Zed Zimmer"]
    sort_links = alice_client.get(url, {"q": "m"}).content.decode()
    assert "?q=m&amp;sort=strength" in sort_links


def test_the_list_shows_fifty_a_page(alice_client, alice):
    ContactFactory.create_batch(51, owner=alice)
    url = reverse("network:contact_list")

    first = alice_client.get(url)
    second = alice_client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    assert len(second.context["page"].object_list) == 1
    assert 'href="?page=1"' in second.content.decode()


def test_an_empty_network_invites_a_quick_add(alice_client):
    html = alice_client.get(reverse("network:contact_list")).content.decode()

    assert "Your network starts here" in html
    assert "Quick add a contact" in html


def test_a_search_with_no_match_says_so(alice_client, alice):
    services.contact_create(owner=alice, name="Maya Patel")

    html = alice_client.get(reverse("network:contact_list"), {"q": "zzz"}).content.decode()

    assert "No contacts match." in html
    assert "Your network starts here" not in html


def test_the_list_leaves_out_your_own_profile(alice_client, alice):
    response = alice_client.get(reverse("network:contact_list"))

    assert response.context["page"].paginator.count == 0
    assert "Alice Adams" not in response.content.decode()


def test_the_pages_need_a_signed_in_user(client, alice):
    contact = ContactFactory(owner=alice)

    for url in (
        reverse("network:contact_list"),
        reverse("network:contact_detail", args=[contact.pk]),
        reverse("network:contact_quick_add"),
        reverse("network:profile"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


# Creating and editing


def test_creating_a_contact_parses_the_name_and_saves_every_field(alice_client, alice):
    introducer = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("network:contact_create"),
        {
            "name": "Dr. Jane A. Roe, MD, FACS",
            "credentials": "MPH",
            "specialty": "Surgery",
            "subspecialty": "Trauma",
            "npi": "1234567893",
            "emails": "Jane.Roe@Example.org\njroe@gmail.com",
            "phones": "(303) 555-0142\n+44 20 7946 0958",
            "city": "Denver",
            "state": "CO",
            "zip_code": "80202",
            "country": "USA",
            "research_interests": "Trauma systems",
            "procedures": "Laparotomy",
            "how_we_met": "ACS 2026",
            "introduced_by": introducer.pk,
            "tags": "mentor, Denver",
            "notes": "Runs the trauma service.",
            "cadence_days": "90",
            "strength": "4",
        },
    )

    contact = Contact.objects.get(owner=alice, last_name="Roe")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:contact_detail", args=[contact.pk])
    assert (contact.honorific, contact.first_name, contact.middle_name) == ("Dr.", "Jane", "A.")
    assert contact.credentials == "MPH, MD, FACS"
    assert (contact.specialty, contact.subspecialty, contact.npi) == (
        "Surgery",
        "Trauma",
        "1234567893",
    )
    assert list(contact.emails.values_list("email", flat=True)) == [
        "jane.roe@example.org",
        "jroe@gmail.com",
    ]
    assert list(contact.phones.values_list("number", flat=True)) == [
        "+13035550142",
        "+442079460958",
    ]
    assert (contact.city, contact.state, contact.zip_code, contact.country) == (
        "Denver",
        "CO",
        "80202",
        "USA",
    )
    assert contact.introduced_by == introducer
    assert sorted(contact.tags.values_list("name", flat=True)) == ["Denver", "mentor"]
    assert contact.cadence_days == 90
    assert contact.next_touch_on is not None
    assert strength_with_owner(alice, contact) == 4


def test_the_detail_page_shows_the_parsed_parts_of_the_name(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Dr. Jane A. Roe Jr., MD")

    html = alice_client.get(reverse("network:contact_detail", args=[contact.pk])).content.decode()

    assert "Jane A. Roe Jr., MD" in html
    assert "first: Jane · middle: A. · last: Roe · suffix: Jr." in html
    assert "Dr. Jane A. Roe Jr." in html


def test_a_bad_email_or_npi_goes_back_onto_its_field_and_nothing_is_saved(alice_client, alice):
    response = alice_client.post(
        reverse("network:contact_create"),
        {"name": "Al Bad", "emails": "not-an-email", "npi": "1234567890"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert "emails" in form.errors or "npi" in form.errors
    assert not Contact.objects.filter(owner=alice, full_name="Al Bad").exists()
    html = response.content.decode()
    assert 'class="errors"' in html
    assert 'value="Al Bad"' in html


def test_each_bad_field_is_reported_on_its_own(alice_client):
    bad_npi = alice_client.post(
        reverse("network:contact_create"), {"name": "Al Bad", "npi": "1234567890"}
    )
    bad_phone = alice_client.post(
        reverse("network:contact_create"), {"name": "Al Bad", "phones": "call me"}
    )

    assert list(bad_npi.context["form"].errors) == ["npi"]
    assert list(bad_phone.context["form"].errors) == ["phones"]


def test_a_name_is_required(alice_client, alice):
    response = alice_client.post(reverse("network:contact_create"), {"name": "  "})

    assert "name" in response.context["form"].errors
    assert Contact.objects.filter(owner=alice).count() == 1  # only the owner's own profile


def test_editing_a_contact_changes_its_fields_emails_tags_and_strength(alice_client, alice):
    contact = services.contact_create(
        owner=alice, name="Maya Patel", emails=["old@example.org"], tags=["old"]
    )
    services.contact_strength_set(owner=alice, contact=contact, strength=2)
    form = alice_client.get(reverse("network:contact_edit", args=[contact.pk]))
    assert form.context["form"].initial["emails"] == "old@example.org"
    assert form.context["form"].initial["strength"] == 2

    response = alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {
            "name": "Maya Patel",
            "credentials": "MD",
            "specialty": "Cardiology",
            "emails": "new@example.org",
            "tags": "mentor",
            "strength": "5",
            "cadence_days": "",
        },
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.display_name == "Maya Patel, MD"
    assert contact.specialty == "Cardiology"
    assert [e.email for e in contact.emails.all()] == ["new@example.org"]
    assert [t.name for t in contact.tags.all()] == ["mentor"]
    assert strength_with_owner(alice, contact) == 5


def test_editing_without_touching_the_name_keeps_its_parts_as_they_were(alice_client, alice):
    # Parts set apart from parsing (an import, the API) survive an edit of other fields.
    contact = ContactFactory(
        owner=alice,
        full_name="Ana María López García",
        first_name="Ana María",
        last_name="López García",
        credentials="",
    )
    form = alice_client.get(reverse("network:contact_edit", args=[contact.pk])).context["form"]

    alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {**{k: v or "" for k, v in form.initial.items() if k != "photo"}, "city": "Boulder"},
    )

    contact.refresh_from_db()
    assert (contact.first_name, contact.last_name, contact.city) == (
        "Ana María",
        "López García",
        "Boulder",
    )


def test_setting_the_strength_to_not_set_removes_the_tie_with_you(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Maya Patel")
    services.contact_strength_set(owner=alice, contact=contact, strength=3)

    alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]), {"name": "Maya Patel", "strength": "0"}
    )

    assert strength_with_owner(alice, contact) == 0
    assert not Tie.objects.filter(owner=alice).exists()


def test_a_contact_cannot_be_introduced_by_themselves(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Maya Patel")

    response = alice_client.get(reverse("network:contact_edit", args=[contact.pk]))

    choices = response.context["form"].fields["introduced_by"].queryset
    assert contact not in choices


# Photos


def test_an_uploaded_photo_is_served_to_its_owner_with_its_content_type(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Maya Patel")

    alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {"name": "Maya Patel", "photo": image_file("../../etc/evil.png.html", "JPEG")},
    )
    contact.refresh_from_db()
    response = alice_client.get(reverse("network:contact_photo", args=[contact.pk]))

    assert contact.photo.name.startswith("photos/")
    assert contact.photo.name.endswith(".jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    detail = alice_client.get(reverse("network:contact_detail", args=[contact.pk]))
    assert f'src="/contacts/{contact.pk}/photo/"' in detail.content.decode()


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Maya Patel")

    response = alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {"name": "Maya Patel", "photo": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")},
    )

    assert "photo" in response.context["form"].errors
    contact.refresh_from_db()
    assert not contact.photo


def test_a_photo_over_five_megabytes_is_refused(alice_client, alice, settings):
    contact = services.contact_create(owner=alice, name="Maya Patel")
    big = image_file("big.bmp", "BMP", size=(1400, 1400))  # about 5.9 MB uncompressed
    assert big.size > 5 * 1024 * 1024

    response = alice_client.post(
        reverse("network:contact_edit", args=[contact.pk]), {"name": "Maya Patel", "photo": big}
    )

    assert response.context["form"].errors["photo"] == ["The photo is larger than 5 MB."]


def test_a_contact_without_a_photo_has_none_to_serve(alice_client, alice):
    contact = services.contact_create(owner=alice, name="Maya Patel")

    response = alice_client.get(reverse("network:contact_photo", args=[contact.pk]))

    assert response.status_code == 404


# The detail page


def test_the_detail_page_gathers_affiliations_ties_follow_ups_and_the_timeline(alice_client, alice):
    contact = services.contact_create(
        owner=alice,
        name="Maya Patel, MD",
        emails=["maya@example.org"],
        phones=["3035550142"],
        npi="1234567893",
        how_we_met="ACC 2025 poster hall",
        research_interests="Heart failure",
        procedures="TAVR",
    )
    friend = services.contact_create(owner=alice, name="Omar Haddad, DO", introduced_by=contact)
    services.tie_record(owner=alice, person=contact, other=friend, strength=4, context="co-fellows")
    services.contact_strength_set(owner=alice, contact=contact, strength=3)
    AffiliationFactory(
        owner=alice,
        contact=contact,
        organization=OrganizationFactory(owner=alice, name="Denver Heart"),
        role="Chair",
        is_decision_maker=True,
        start_year=2019,
        end_year=None,
    )
    AffiliationFactory(
        owner=alice,
        contact=contact,
        organization=OrganizationFactory(owner=alice, name="Lakeshore Fellowship"),
        kind=Affiliation.Kind.TRAINING,
        role="Fellow",
        start_year=2012,
        end_year=2015,
    )
    InteractionFactory(
        owner=alice,
        contacts=[contact, friend],
        kind=Interaction.Kind.MEETING,
        summary="Coffee about the cardiology opening",
        sentiment=Interaction.Sentiment.POSITIVE,
    )
    FollowUpFactory(
        owner=alice, contact=contact, note="Send CV", due_on=datetime.date(2026, 11, 20)
    )
    FollowUpFactory(owner=alice, contact=contact, note="Old thanks", status=FollowUp.Status.DONE)

    with time_machine.travel(NOW, tick=False):
        response = alice_client.get(reverse("network:contact_detail", args=[contact.pk]))
    html = response.content.decode()

    assert 'href="mailto:maya@example.org"' in html
    assert 'href="tel:+13035550142"' in html
    assert "(303) 555-0142" in html
    assert "1234567893" in html
    assert [g.label for g in response.context["detail"].affiliation_groups] == ["Work", "Training"]
    assert "Denver Heart" in html
    assert "Decision maker" in html
    assert "2012–2015" in html
    assert "Omar Haddad, DO" in html
    assert "co-fellows" in html
    assert "●●●●○" in html  # the tie with Omar
    assert "●●●○○" in html  # the strength with the owner
    assert "Coffee about the cardiology opening" in html
    assert "Went well" in html
    assert "Send CV" in html
    assert "overdue" in html
    assert "Done and dismissed (1)" in html
    assert "ACC 2025 poster hall" in html
    assert "Heart failure" in html
    assert "TAVR" in html
    assert "Introduced you to" in html
    assert f"/interactions/new/?contact={contact.pk}" in html
    assert f"/follow-ups/new/?contact={contact.pk}" in html
    for action in ("done", "snooze", "dismiss"):
        follow_up = FollowUp.objects.get(note="Send CV")
        assert f'action="/follow-ups/{follow_up.pk}/{action}/"' in html
    assert f'name="next" value="/contacts/{contact.pk}/"' in html
    assert "went badly" not in html


def test_a_last_interaction_that_went_badly_is_flagged(alice_client, alice):
    contact = ContactFactory(owner=alice)
    InteractionFactory(owner=alice, contacts=[contact], happened_on=datetime.date(2026, 1, 1))
    InteractionFactory(
        owner=alice,
        contacts=[contact],
        happened_on=datetime.date(2026, 3, 1),
        sentiment=Interaction.Sentiment.NEGATIVE,
    )

    html = alice_client.get(reverse("network:contact_detail", args=[contact.pk])).content.decode()

    assert "The last interaction went badly — don't burn bridges" in html


def test_a_bad_interaction_followed_by_a_good_one_is_not_flagged(alice_client, alice):
    contact = ContactFactory(owner=alice)
    InteractionFactory(
        owner=alice,
        contacts=[contact],
        happened_on=datetime.date(2026, 1, 1),
        sentiment=Interaction.Sentiment.NEGATIVE,
    )
    InteractionFactory(owner=alice, contacts=[contact], happened_on=datetime.date(2026, 3, 1))

    html = alice_client.get(reverse("network:contact_detail", args=[contact.pk])).content.decode()

    assert "don't burn bridges" not in html


# Deleting and snoozing


def test_deleting_a_contact_asks_first_then_removes_it(alice_client, alice):
    contact = ContactFactory(owner=alice, full_name="Maya Patel")
    url = reverse("network:contact_delete", args=[contact.pk])

    confirm = alice_client.get(url)
    assert "Delete Maya Patel, MD?" in confirm.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()

    response = alice_client.post(url, follow=True)

    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert response.redirect_chain[-1][0] == reverse("network:contact_list")
    assert "Deleted Maya Patel, MD." in response.content.decode()


def test_your_own_profile_cannot_be_deleted(alice_client, alice):
    me = Contact.objects.get(owner=alice, is_self=True)

    response = alice_client.post(reverse("network:contact_delete", args=[me.pk]), follow=True)

    assert Contact.objects.filter(pk=me.pk).exists()
    assert "Your own profile cannot be deleted." in response.content.decode()


def test_snoozing_puts_the_keep_in_touch_off_for_thirty_days_by_default(alice_client, alice):
    contact = ContactFactory(owner=alice, cadence_days=30)
    with time_machine.travel(NOW, tick=False):
        response = alice_client.post(reverse("network:contact_snooze", args=[contact.pk]))

    contact.refresh_from_db()
    assert contact.next_touch_on == datetime.date(2026, 12, 22)
    assert response["Location"] == reverse("network:contact_detail", args=[contact.pk])


def test_snoozing_until_a_date_returns_to_the_page_that_asked(alice_client, alice):
    contact = ContactFactory(owner=alice, cadence_days=30)

    response = alice_client.post(
        reverse("network:contact_snooze", args=[contact.pk]),
        {"until": "2027-02-01", "next": "/"},
    )

    contact.refresh_from_db()
    assert contact.next_touch_on == datetime.date(2027, 2, 1)
    assert response["Location"] == "/"


def test_snoozing_never_redirects_to_another_site(alice_client, alice):
    contact = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("network:contact_snooze", args=[contact.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("network:contact_detail", args=[contact.pk])


def test_snoozing_needs_a_post(alice_client, alice):
    contact = ContactFactory(owner=alice, next_touch_on=datetime.date(2026, 1, 1))

    response = alice_client.get(reverse("network:contact_snooze", args=[contact.pk]))

    assert response.status_code == 405
    contact.refresh_from_db()
    assert contact.next_touch_on == datetime.date(2026, 1, 1)


# The profile


def test_me_leads_to_your_own_page_which_says_you(alice_client, alice):
    me = Contact.objects.get(owner=alice, is_self=True)

    response = alice_client.get(reverse("network:profile"), follow=True)
    html = response.content.decode()

    assert response.redirect_chain == [(reverse("network:contact_detail", args=[me.pk]), 302)]
    assert '<span class="badge ok">You</span>' in html
    assert "Add school, program or job" in html
    assert "Delete" not in html


def test_you_can_add_your_own_residency_as_an_affiliation(alice_client, alice):
    me = Contact.objects.get(owner=alice, is_self=True)

    alice_client.post(
        reverse("network:affiliation_create", args=[me.pk]),
        {
            "new_organization": "Lakeshore Internal Medicine Residency",
            "kind": "training",
            "role": "Resident",
            "start_year": "2024",
        },
    )

    affiliation = Affiliation.objects.get(owner=alice, contact=me)
    assert affiliation.organization.name == "Lakeshore Internal Medicine Residency"
    assert (affiliation.kind, affiliation.start_year) == ("training", 2024)
    page = alice_client.get(reverse("network:contact_detail", args=[me.pk])).content.decode()
    assert "Your schools, programs and jobs" in page
    assert "Lakeshore Internal Medicine Residency" in page


def test_your_profile_form_leaves_out_what_describes_other_people(alice_client, alice):
    me = Contact.objects.get(owner=alice, is_self=True)

    form = alice_client.get(reverse("network:contact_edit", args=[me.pk])).context["form"]

    assert "strength" not in form.fields
    assert "introduced_by" not in form.fields


@pytest.mark.parametrize(
    ("button", "status"),
    [("done", FollowUp.Status.DONE), ("dismiss", FollowUp.Status.DISMISSED)],
)
def test_a_follow_up_button_on_a_contacts_page_returns_to_it(alice_client, alice, button, status):
    contact = ContactFactory(owner=alice)
    follow_up = FollowUpFactory(owner=alice, contact=contact)
    page = reverse("network:contact_detail", args=[contact.pk])
    html = alice_client.get(page).content.decode()
    action = f"/follow-ups/{follow_up.pk}/{button}/"
    assert f'action="{action}"' in html

    response = alice_client.post(action, {"next": page})

    assert response["Location"] == page
    follow_up.refresh_from_db()
    assert follow_up.status == status
