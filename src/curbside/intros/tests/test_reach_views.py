"""The "How do I reach…" page, its panel on contact and organization pages, and the draft."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.intros.graph import graph_cache_clear, personal_graph
from curbside.network.tests.factories import AffiliationFactory

from .reach_network import Network, build, person

pytestmark = pytest.mark.django_db

REACH = reverse("intros:reach")
PANEL = reverse("intros:reach_panel")
DRAFT = reverse("intros:draft")


@pytest.fixture(autouse=True)
def _on_june_first():
    graph_cache_clear()
    with time_machine.travel("2026-06-01 12:00Z", tick=False):
        yield
    graph_cache_clear()


@pytest.fixture
def net(client, alice) -> Network:
    client.force_login(alice)
    return build(alice)


def chain_param(*people) -> str:
    return ",".join(str(p.pk) for p in people)


def test_the_page_shows_the_best_chains_with_each_links_reason_and_kind(client, net):
    page = client.get(REACH, {"organization": net.mercy.pk}).content.decode()

    assert "Chains to" in page
    assert "You → Ann Lee, MD → Carl Diaz, MD" in page
    assert "Recorded tie 4/5, last talked 1 week ago" in page
    assert "Recorded tie 4/5, co-residents, no interaction logged" in page
    assert "Department chair at Mercy Hospital since 2015, decision maker" in page
    assert "total 3.8" in page
    assert f"{DRAFT}?chain={chain_param(net.me, net.ann, net.carl)}&amp;organization=" in page


def test_inferred_links_are_marked_inferred_and_never_known(client, net):
    page = client.get(REACH, {"contact": net.eve.pk}).content.decode()

    assert "Trained together at Denver Health IM Residency 2017–2019 (inferred)" in page
    assert '<span class="badge due">inferred</span>' in page
    assert "known" not in page.lower().replace("you know", "")


def test_a_direct_chain_needs_no_introduction(client, net):
    page = client.get(REACH, {"contact": net.dana.pk}).content.decode()

    assert "You know Dana Fox directly" in page


def test_decision_makers_only_shows_chains_to_them_alone(client, net):
    page = client.get(REACH, {"organization": net.mercy.pk, "decision_makers": "1"})

    targets = {chain.target for chain in page.context["chains"]}
    assert targets == {net.carl}
    assert "To its decision makers only." in page.content.decode()


def test_k_sets_how_many_chains_are_shown(client, net):
    one = client.get(REACH, {"organization": net.mercy.pk, "k": "1"}).context["chains"]
    three = client.get(REACH, {"organization": net.mercy.pk}).context["chains"]

    assert (len(one), len(three)) == (1, 3)


def test_the_search_box_suggests_people_and_organizations_with_or_without_htmx(client, net):
    full = client.get(REACH, {"q": "mercy"}).content.decode()
    fragment = client.get(
        REACH, {"q": "lee"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="suggestions"
    ).content.decode()

    assert f'href="{REACH}?organization={net.mercy.pk}"' in full
    assert "<h1>" in full
    assert f'href="{REACH}?contact={net.ann.pk}"' in fragment
    assert fragment.lstrip().startswith('<div id="suggestions"')
    assert "<h1>" not in fragment


def test_a_person_and_an_organization_at_once_is_a_form_error(client, net):
    page = client.get(REACH, {"contact": net.carl.pk, "organization": net.mercy.pk})

    assert page.status_code == 200
    assert "not both at once" in page.content.decode()
    assert "chains" not in page.context or not page.context["chains"]


def test_the_panel_shows_three_chains_and_links_to_the_full_page(client, net):
    panel = client.get(PANEL, {"organization": net.mercy.pk, "decision_makers": "1"})
    html = panel.content.decode()

    assert len(panel.context["chains"]) <= 3
    assert "How do I reach Mercy Hospital?" in html
    assert "You → Ann Lee, MD → Carl Diaz, MD" in html
    assert f"{REACH}?organization={net.mercy.pk}&amp;decision_makers=1" in html
    assert "<html" not in html


def test_the_panel_without_a_target_is_not_found(client, net):
    assert client.get(PANEL).status_code == 404


def test_contact_and_organization_pages_load_the_panel_lazily_with_a_plain_link(client, net):
    contact_page = client.get(reverse("network:contact_detail", args=[net.carl.pk]))
    organization_page = client.get(reverse("network:organization_detail", args=[net.mercy.pk]))

    contact_html = contact_page.content.decode()
    organization_html = organization_page.content.decode()
    assert f'hx-get="{PANEL}?contact={net.carl.pk}" hx-trigger="load"' in contact_html
    assert f'href="{REACH}?contact={net.carl.pk}"' in contact_html
    assert (
        f'hx-get="{PANEL}?organization={net.mercy.pk}&amp;decision_makers=1" hx-trigger="load"'
        in organization_html
    )
    assert f'href="{REACH}?organization={net.mercy.pk}&amp;decision_makers=1"' in organization_html


def test_the_draft_page_shows_the_editable_message_and_a_mailto_link(client, net):
    page = client.get(
        DRAFT, {"chain": chain_param(net.me, net.ann, net.carl), "organization": net.mercy.pk}
    )
    html = page.content.decode()

    assert page.status_code == 200
    assert "Ask Ann Lee for an introduction" in html
    assert "<textarea" in html
    assert "Dear Ann," in page.context["form"].initial["message"]
    assert "coffee after grand rounds" in page.context["form"].initial["message"]
    assert 'href="mailto:ann@example.org?subject=Your%20advice%20about%20Mercy%20Hospital' in html
    assert "Mark as sent" in html


def test_marking_sent_logs_it_and_goes_to_the_first_persons_page_with_a_message(client, net):
    url = f"{DRAFT}?chain={chain_param(net.me, net.ann, net.carl)}&organization={net.mercy.pk}"

    response = client.post(
        url, {"message": "Dear Ann, my edited note.", "kind": "email", "sent_on": "2026-06-01"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("network:contact_detail", args=[net.ann.pk])
    interaction = Interaction.objects.get(summary__startswith="Asked Ann Lee")
    assert interaction.summary.endswith("Dear Ann, my edited note.")
    follow_up = FollowUp.objects.get(interaction=interaction)
    assert follow_up.due_on == date(2026, 6, 8)
    page = client.get(response["Location"]).content.decode()
    assert "Marked as sent. A follow-up with Ann Lee is due in 7 days." in page


def test_a_draft_without_a_message_is_shown_again_with_the_error(client, net):
    url = f"{DRAFT}?chain={chain_param(net.me, net.ann, net.carl)}"

    response = client.post(url, {"message": "", "kind": "email", "sent_on": "2026-06-01"})

    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert not Interaction.objects.filter(summary__startswith="Asked").exists()


@pytest.mark.parametrize(
    "chain",
    [
        "me,carl",  # not linked
        "ann,carl",  # not from the user
        "me,dana",  # direct: nobody to ask
        "me,ann,ann",
        "me,ann,x",
        "",
    ],
)
def test_a_chain_that_does_not_hold_is_not_found(client, net, chain):
    people = {"me": net.me.pk, "ann": net.ann.pk, "carl": net.carl.pk, "dana": net.dana.pk}
    value = ",".join(str(people.get(name, name)) for name in chain.split(",")) if chain else ""

    assert client.get(DRAFT, {"chain": value}).status_code == 404
    assert client.post(f"{DRAFT}?chain={value}", {"message": "x"}).status_code == 404


def grow(owner, net, n):
    for i in range(n):
        contact = person(owner, f"Extra Person{n}x{i}")
        AffiliationFactory(owner=owner, contact=contact, organization=net.mercy)


def test_the_reach_page_queries_do_not_grow(alice, client, net, django_assert_num_queries):
    for n in (2, 20):
        grow(alice, net, n)
        personal_graph(owner=alice)  # built once, as the first visit would
        # session, user, the organization, the graph's version, the chains' people
        with django_assert_num_queries(5):
            client.get(REACH, {"organization": net.mercy.pk, "k": "5"})


def test_the_panel_queries_do_not_grow(alice, client, net, django_assert_num_queries):
    for n in (2, 20):
        grow(alice, net, n)
        personal_graph(owner=alice)
        # session, user, the contact, the graph's version, the chains' people
        with django_assert_num_queries(5):
            client.get(PANEL, {"contact": net.carl.pk})


def test_the_search_queries_do_not_grow(alice, client, net, django_assert_num_queries):
    for n in (2, 20):
        grow(alice, net, n)
        # session, user, matching people, matching organizations
        with django_assert_num_queries(4):
            client.get(REACH, {"q": "extra"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="suggestions")


def test_the_draft_page_queries_do_not_grow(alice, client, net, django_assert_num_queries):
    url = f"{DRAFT}?chain={chain_param(net.me, net.ann, net.carl)}&organization={net.mercy.pk}"
    for n in (2, 20):
        grow(alice, net, n)
        personal_graph(owner=alice)
        # session, user, organization, version, chain's people, last positive interaction,
        # common ground (self contact, affiliations, mutual ties), the first person's email
        with django_assert_num_queries(10):
            client.get(url)


def test_the_page_leads_to_the_map_and_to_people_you_may_know(client, net):
    page = client.get(REACH).content.decode()

    assert f'href="{reverse("intros:map")}">Network map</a>' in page
    assert f'href="{reverse("intros:latent")}">People you may know</a>' in page
