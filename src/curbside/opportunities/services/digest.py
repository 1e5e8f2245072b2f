"""Sending the email digest: new listing matches per saved search and due follow-ups."""

from datetime import datetime
from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse

from ..selectors.digest import Digest
from .searches import saved_searches_mark_notified


def digest_subject(digest: Digest) -> str:
    """ "Curbside: 3 new listings, 2 follow-ups due"."""
    parts = []
    if digest.n_new:
        parts.append(f"{digest.n_new} new listing{'s' if digest.n_new != 1 else ''}")
    if digest.n_follow_ups:
        n = digest.n_follow_ups
        parts.append(f"{n} follow-up{'s' if n != 1 else ''} due")
    return "Curbside: " + (", ".join(parts) or "nothing new")


def digest_message(digest: Digest, *, base_url: str = "") -> EmailMultiAlternatives:
    """The digest as an email with a plain-text body and an HTML alternative. With
    `base_url`, it links to the pages of this instance."""

    def link(name: str, *args: int) -> str:
        return urljoin(base_url, reverse(name, args=args)) if base_url else ""

    context = {
        "digest": digest,
        "searches": [
            {
                "entry": entry,
                "url": link("opportunities:saved_search_detail", entry.saved_search.pk),
                "n_more": entry.result.total - len(entry.result.hits),
            }
            for entry in digest.searches
        ],
        "follow_ups_url": link("interactions:follow_up_list"),
        "n_more_follow_ups": digest.n_follow_ups - len(digest.follow_ups),
    }
    text = render_to_string("opportunities/email/digest.txt", context)
    html = render_to_string("opportunities/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=digest_subject(digest), body=text, to=[digest.user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_send(
    *,
    digest: Digest,
    notified_at: datetime,
    base_url: str = "",
    connection: BaseEmailBackend | None = None,
) -> bool:
    """Send a digest unless it is empty; only once it is sent, its searches count as
    notified up to `notified_at` (taken before the digest was read, so that listings
    imported meanwhile come in the next one). True if it was sent."""
    if digest.is_empty:
        return False
    message = digest_message(digest, base_url=base_url)
    message.connection = connection
    message.send(fail_silently=False)
    saved_searches_mark_notified(
        owner=digest.user,
        saved_search_ids=[entry.saved_search.pk for entry in digest.searches],
        at=notified_at,
    )
    return True
