"""The "ask for an introduction" draft, and marking it sent: the interaction and follow-up."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from curbside.interactions.models import FollowUp, Interaction
from curbside.intros.drafts import (
    IntroRequest,
    PastInteraction,
    intro_request_draft,
    long_date,
)
from curbside.intros.graph import graph_cache_clear
from curbside.intros.selectors.paths import chain_get, intro_draft
from curbside.intros.services.requests import intro_request_mark_sent
from curbside.network.models import Contact

from .reach_network import Network, build

REQUEST = IntroRequest(
    my_name="Alice Adams",
    reader_name="Ann",
    target_name="Carl Diaz, MD",
    target_role="department chair at Mercy Hospital",
    organization_name="Mercy Hospital",
    last_positive=PastInteraction(date(2026, 4, 2), "Meeting", "Coffee after grand rounds."),
    common_ground=("we both trained at Denver Health (2016–2019)", "we both know Bo Li"),
)


def test_the_draft_greets_the_first_person_and_recalls_the_last_time_it_went_well():
    body = intro_request_draft(REQUEST).body

    assert body.startswith("Dear Ann,\n\n")
    assert "our meeting on April 2, 2026 (coffee after grand rounds)" in body


def test_the_draft_names_the_common_ground_the_target_and_why():
    body = intro_request_draft(REQUEST).body

    assert "we both trained at Denver Health (2016–2019) and we both know Bo Li" in body
    assert "Carl Diaz, MD, department chair at Mercy Hospital" in body
    assert "Mercy Hospital is high on my list" in body
    assert body.rstrip().endswith("Thank you,\nAlice Adams")


def test_the_draft_asks_for_advice_and_an_introduction_not_for_a_job():
    draft = intro_request_draft(REQUEST)

    assert draft.subject == "Your advice about Mercy Hospital"
    assert "advice" in draft.body
    assert "a short email introducing us" in draft.body
    assert "not asking you to vouch for me or to find me a job" in draft.body


def test_a_longer_chain_asks_to_meet_the_next_person_on_the_way():
    body = intro_request_draft(
        IntroRequest(
            my_name="Alice Adams", reader_name="Ann", target_name="Carl Diaz", next_name="Ben Ford"
        )
    ).body

    assert "you know Ben Ford, who knows Carl Diaz" in body
    assert "introduce me to Ben Ford" in body


def test_without_a_good_last_interaction_or_common_ground_the_draft_stays_plain():
    body = intro_request_draft(
        IntroRequest(my_name="Alice Adams", reader_name="Ann", target_name="Carl Diaz")
    ).body

    assert "I hope you are well.\n\n" in body
    assert "As you know" not in body
    assert "our " not in body.split("\n\n")[1]


def test_dates_are_written_out_in_full():
    assert long_date(date(2026, 3, 3)) == "March 3, 2026"


@pytest.mark.django_db
class TestFromTheDatabase:
    @pytest.fixture(autouse=True)
    def _on_june_first(self):
        graph_cache_clear()
        with time_machine.travel("2026-06-01 12:00Z", tick=False):
            yield
        graph_cache_clear()

    @pytest.fixture
    def net(self, alice) -> Network:
        return build(alice)

    def chain(self, alice, net):
        chain = chain_get(
            owner=alice, contact_ids=[net.me.pk, net.ann.pk, net.carl.pk], organization=net.mercy
        )
        assert chain is not None
        return chain

    def test_the_draft_mentions_the_last_positive_interaction_not_the_latest_one(self, alice, net):
        intro = intro_draft(owner=alice, chain=self.chain(alice, net), organization=net.mercy)

        assert intro.last_positive is not None
        assert intro.last_positive.summary == "Coffee after grand rounds"
        assert "our meeting on April 2, 2026 (coffee after grand rounds)" in intro.draft.body
        assert "call schedules" not in intro.draft.body

    def test_the_draft_mentions_the_common_ground_and_the_targets_role(self, alice, net):
        intro = intro_draft(owner=alice, chain=self.chain(alice, net), organization=net.mercy)

        assert intro.common_ground
        assert "Denver Health IM Residency" in intro.common_ground[0]
        assert intro.common_ground[0] in intro.draft.body
        assert "Carl Diaz, MD, department chair at Mercy Hospital" in intro.draft.body
        assert intro.email == "ann@example.org"

    def test_marking_it_sent_logs_the_request_and_owes_a_follow_up_in_a_week(self, alice, net):
        sent = intro_request_mark_sent(
            owner=alice,
            chain_contact_ids=[net.me.pk, net.ann.pk, net.carl.pk],
            organization=net.mercy,
            message="Dear Ann, …",
            sent_on=date(2026, 6, 1),
        )

        interaction = Interaction.objects.get(pk=sent.interaction.pk)
        assert interaction.kind == Interaction.Kind.EMAIL
        assert list(interaction.contacts.all()) == [net.ann]
        assert interaction.happened_on == date(2026, 6, 1)
        assert interaction.summary == (
            "Asked Ann Lee for advice and an introduction to Carl Diaz (Mercy Hospital).\n\n"
            "Dear Ann, …"
        )
        follow_up = FollowUp.objects.get(owner=alice, interaction=interaction)
        assert (follow_up.contact, follow_up.kind) == (net.ann, FollowUp.Kind.FOLLOW_UP)
        assert follow_up.due_on == date(2026, 6, 8)
        assert follow_up.note == "Introduction to Carl Diaz: did Ann Lee answer?"
        assert not FollowUp.objects.filter(owner=alice, kind=FollowUp.Kind.THANK_YOU).exists()

    def test_a_request_by_message_is_logged_as_a_message(self, alice, net):
        sent = intro_request_mark_sent(
            owner=alice,
            chain_contact_ids=[net.me.pk, net.ann.pk, net.carl.pk],
            message="Hi",
            sent_on=date(2026, 6, 1),
            kind=Interaction.Kind.MESSAGE,
        )

        assert sent.interaction.kind == Interaction.Kind.MESSAGE
        assert sent.interaction.summary.startswith(
            "Asked Ann Lee for advice and an introduction to Carl Diaz.\n"
        )

    @pytest.mark.parametrize("position", [0, 1, 2])
    def test_another_users_id_anywhere_in_the_chain_is_refused_and_nothing_is_logged(
        self, alice, bob, net, position
    ):
        ids = [net.me.pk, net.ann.pk, net.carl.pk]
        ids[position] = Contact.objects.filter(owner=bob).values_list("pk", flat=True)[0]

        with pytest.raises(ValidationError):
            intro_request_mark_sent(
                owner=alice, chain_contact_ids=ids, message="Hi", sent_on=date(2026, 6, 1)
            )

        assert not Interaction.objects.filter(kind=Interaction.Kind.EMAIL).exists()
        assert not FollowUp.objects.filter(kind=FollowUp.Kind.FOLLOW_UP).exists()

    @pytest.mark.parametrize(
        ("ids", "kind"),
        [
            ("me ann", "email"),  # nobody between the user and the target
            ("ann me carl", "email"),  # not from the user
            ("me ann carl", "meeting"),  # not how a request is sent
        ],
    )
    def test_a_malformed_request_is_refused(self, alice, net, ids, kind):
        people = {"me": net.me.pk, "ann": net.ann.pk, "carl": net.carl.pk}

        with pytest.raises(ValidationError):
            intro_request_mark_sent(
                owner=alice,
                chain_contact_ids=[people[name] for name in ids.split()],
                message="Hi",
                sent_on=date(2026, 6, 1),
                kind=kind,
            )

        assert not Interaction.objects.filter(summary__startswith="Asked").exists()

    def test_another_users_organization_is_refused(self, alice, bob, net):
        bobs = build(bob)

        with pytest.raises(ValidationError):
            intro_request_mark_sent(
                owner=alice,
                chain_contact_ids=[net.me.pk, net.ann.pk, net.carl.pk],
                organization=bobs.mercy,
                message="Hi",
                sent_on=date(2026, 6, 1),
            )
