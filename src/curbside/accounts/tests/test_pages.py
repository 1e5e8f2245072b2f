"""The account pages work under the Content-Security-Policy and label every field."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from curbside.accounts import services

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["accounts:login", "accounts:signup", "accounts:password_reset"]
SIGNED_IN_PAGES = [
    "accounts:settings",
    "accounts:token_list",
    "accounts:invitation_list",
    "accounts:password_change",
]
HIDDEN_INPUTS = {"hidden", "submit", "button"}


class FormAudit(HTMLParser):
    """Collects the page's form controls, labels, and what the CSP would block."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "label" and attributes.get("for"):
            self.labelled.add(attributes["for"] or "")
        if tag in {"select", "textarea"} or (
            tag == "input" and attributes.get("type") not in HIDDEN_INPUTS
        ):
            self.controls.append(attributes.get("id") or f"<{tag} name={attributes.get('name')}>")
        if tag == "script" and not attributes.get("src"):
            self.blocked.append("inline <script>")
        if tag == "style" or "style" in attributes:
            self.blocked.append(f"inline style on <{tag}>")
        self.blocked += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]
        self.blocked += [f"{name} on <{tag}>" for name in attributes if name.startswith("hx-on")]


def _audit(html: str) -> FormAudit:
    audit = FormAudit()
    audit.feed(html)
    return audit


def _pages(client, alice):
    pages = {name: client.get(reverse(name)) for name in ANONYMOUS_PAGES}
    client.force_login(alice)
    services.token_create(owner=alice, name="Laptop")
    services.invitation_create(created_by=alice, email="dana@example.org")
    pages |= {name: client.get(reverse(name)) for name in SIGNED_IN_PAGES}
    # The pages that show a secret once, and forms with errors.
    pages["new token"] = client.post(reverse("accounts:token_list"), {"name": "CLI"})
    pages["new invitation"] = client.post(
        reverse("accounts:invitation_list"), {"email": "eve@example.org"}
    )
    pages["settings with errors"] = client.post(reverse("accounts:settings"), {})
    return pages


def test_every_form_control_has_a_label(client, settings, alice):
    settings.SIGNUP_POLICY = "open"
    for page, response in _pages(client, alice).items():
        assert response.status_code == 200, page
        audit = _audit(response.content.decode())
        assert audit.controls, page
        unlabelled = [control for control in audit.controls if control not in audit.labelled]
        assert not unlabelled, (page, unlabelled)


def test_no_page_relies_on_inline_scripts_or_styles(client, settings, alice):
    settings.SIGNUP_POLICY = "open"
    for page, response in _pages(client, alice).items():
        assert _audit(response.content.decode()).blocked == [], page


def test_errors_are_announced_next_to_their_fields(client, alice):
    client.force_login(alice)

    page = client.post(reverse("accounts:settings"), {}).content.decode()

    assert re.search(r'class="errors" role="alert">.*This field is required', page, re.S)
