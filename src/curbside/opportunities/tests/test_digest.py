"""`curbside digest`: new listing matches per saved search and due follow-ups, by email."""

import datetime
import smtplib
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import QueryDict

from curbside.accounts.services import user_create
from curbside.interactions.models import FollowUp
from curbside.interactions.tests.factories import FollowUpFactory
from curbside.network.tests.factories import ContactFactory
from curbside.opportunities.models import SavedSearch
from curbside.opportunities.services import searches as search_services

from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 16, 11, 0, tzinfo=datetime.UTC)  # 6:00 in New York
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def digest(*args: str) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def save(owner, name="ICU", query="q=icu"):
    return search_services.saved_search_create(owner=owner, name=name, params=QueryDict(query))


def test_a_user_gets_their_new_matches_per_saved_search_in_text_and_html(alice, clock):
    icu = save(alice)
    save(alice, name="Dermatology", query="q=dermatology")
    ListingFactory(title="ICU physician, already seen")
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU nocturnist", employer="Denver Health", url="https://jobs.test/1")
    ListingFactory(title="Cardiologist")
    output = digest("--base-url", "https://curbside.example.org")
    assert "Sent 1 digest; 0 accounts had nothing new." in output
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Curbside: 1 new listing"
    assert 'NEW FOR "ICU" (1)' in message.body
    assert "ICU nocturnist, Denver Health (Denver, CO)" in message.body
    assert "https://jobs.test/1" in message.body
    assert f"https://curbside.example.org/listings/saved/{icu.pk}/" in message.body
    assert "already seen" not in message.body
    assert "Dermatology" not in message.body  # nothing new there
    assert isinstance(message, mail.EmailMultiAlternatives)
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert '<a href="https://jobs.test/1">ICU nocturnist</a>' in str(html)


def test_due_and_overdue_follow_ups_are_in_the_digest(alice, clock):
    contact = ContactFactory(owner=alice, full_name="Kim Park", credentials="MD")
    today = datetime.date(2026, 11, 16)
    FollowUpFactory(owner=alice, contact=contact, due_on=today, kind=FollowUp.Kind.THANK_YOU)
    FollowUpFactory(owner=alice, contact=contact, due_on=today - datetime.timedelta(days=3))
    FollowUpFactory(owner=alice, contact=contact, due_on=today + datetime.timedelta(days=1))
    FollowUpFactory(
        owner=alice, contact=contact, due_on=today, status=FollowUp.Status.DONE, note="done"
    )
    digest()
    [message] = mail.outbox
    assert message.subject == "Curbside: 2 follow-ups due"
    assert "FOLLOW-UPS DUE (2)" in message.body
    assert "- Thank-you: Kim Park, MD, due today" in message.body
    assert "overdue since Nov 13" in message.body
    assert "(done)" not in message.body


def test_nobody_gets_an_empty_digest(alice, bob, clock):
    save(alice)
    output = digest()
    assert mail.outbox == []
    assert "Sent 0 digests; 2 accounts had nothing new." in output


def test_new_matches_are_sent_once(alice, clock):
    save(alice)
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    digest()
    clock.move_to(WEDNESDAY)
    digest()
    assert len(mail.outbox) == 1
    assert SavedSearch.objects.get(owner=alice).last_notified_at == TUESDAY
    ListingFactory(title="ICU nocturnist")
    digest()
    assert len(mail.outbox) == 2
    assert "ICU nocturnist" in mail.outbox[1].body
    assert "ICU physician\n" not in mail.outbox[1].body


def test_seeing_a_search_on_the_site_does_not_keep_it_out_of_the_digest(alice, clock):
    saved = save(alice)
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    search_services.saved_search_mark_seen(owner=alice, saved_search=saved)
    digest()
    assert "ICU physician" in mail.outbox[0].body


def test_a_dry_run_prints_the_digests_and_marks_nothing(alice, clock):
    save(alice)
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    output = digest("--dry-run")
    assert mail.outbox == []
    assert "To: alice@example.org\nSubject: Curbside: 1 new listing" in output
    assert "ICU physician" in output
    assert "Would send 1 digest" in output
    assert SavedSearch.objects.get(owner=alice).last_notified_at == MONDAY


def test_the_user_option_limits_the_digest_to_one_account(alice, bob, clock):
    save(alice)
    save(bob)
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    digest("--user", "BOB@example.org")
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]
    assert SavedSearch.objects.get(owner=alice).last_notified_at == MONDAY


def test_an_unknown_or_inactive_user_is_an_error(alice):
    with pytest.raises(CommandError, match=r"no active account for nobody@example\.org"):
        digest("--user", "nobody@example.org")
    alice.is_active = False
    alice.save()
    with pytest.raises(CommandError):
        digest("--user", "alice@example.org")


def test_inactive_accounts_get_no_digest(alice, clock):
    quiet = user_create(email="quiet@example.org", password=None, name="Quiet One")
    save(quiet)
    quiet.is_active = False
    quiet.save()
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    digest()
    assert mail.outbox == []


def test_a_failed_send_marks_nothing_and_says_who_was_missed(alice, bob, clock, monkeypatch):
    save(alice)
    save(bob)
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    real_send = mail.EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if message.to == ["alice@example.org"]:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    with pytest.raises(CommandError, match=r"Could not send 1: alice@example\.org"):
        digest()
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]
    assert SavedSearch.objects.get(owner=alice).last_notified_at == MONDAY
    assert SavedSearch.objects.get(owner=bob).last_notified_at == TUESDAY
