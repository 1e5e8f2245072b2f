"""Security headers on every kind of response, and Django's deployment checks."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from curbside.accounts import services

pytestmark = pytest.mark.django_db

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*")


def _bearer(user) -> dict[str, str]:
    _, raw = services.token_create(owner=user, name="headers test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def responses(client, alice):
    """One response of each kind: anonymous page, missing page, signed-in pages, API."""
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(alice)
    return {
        "anonymous page": anonymous.get(reverse("accounts:login")),
        "anonymous missing page": anonymous.get("/no-such-page/"),
        "signed-in page": signed_in.get(reverse("interactions:dashboard")),
        "signed-in form post": signed_in.post(reverse("accounts:token_list"), {"name": "CLI"}),
        "API with a token": anonymous.get("/api/v1/contacts", headers=_bearer(alice)),
        "API without a token": anonymous.get("/api/v1/contacts"),
    }


def test_every_kind_of_response_has_a_strict_content_security_policy(responses):
    for kind, response in responses.items():
        policy = response.headers.get("Content-Security-Policy", "")
        directives = {}
        for part in policy.split(";"):
            name, _, sources = part.strip().partition(" ")
            directives[name] = sources
        assert directives.get("default-src") == "'self'", kind
        assert directives.get("script-src") == "'self'", kind
        assert directives.get("style-src") == "'self'", kind
        assert directives.get("frame-ancestors") == "'none'", kind
        assert directives.get("object-src") == "'none'", kind
        for unsafe in UNSAFE_SOURCES:
            assert unsafe not in policy.split(), (kind, unsafe)


def test_every_kind_of_response_has_the_security_headers(responses):
    for kind, response in responses.items():
        assert response.headers.get("X-Content-Type-Options") == "nosniff", kind
        assert response.headers.get("X-Frame-Options") == "DENY", kind
        assert response.headers.get("Referrer-Policy") == "same-origin", kind
        assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", kind


def test_signed_in_responses_are_never_stored_by_browsers_or_proxies(responses):
    for kind in ("signed-in page", "signed-in form post", "API with a token"):
        cache_control = responses[kind].headers.get("Cache-Control", "")
        assert "no-store" in cache_control, kind
        assert "private" in cache_control, kind


def test_the_responses_are_what_they_claim_to_be(responses):
    # Guards the fixture: headers on an error page would prove less than they seem to.
    assert responses["anonymous page"].status_code == 200
    assert responses["anonymous missing page"].status_code == 404
    assert responses["signed-in page"].status_code == 200
    assert responses["signed-in form post"].status_code == 200
    assert responses["API with a token"].status_code == 200
    assert responses["API without a token"].status_code == 401


def test_htmx_keeps_no_copy_of_pages_in_browser_storage(client, alice):
    client.force_login(alice)
    page = client.get(reverse("interactions:dashboard")).content.decode()

    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)

    assert meta is not None
    config = json.loads(meta[1])
    assert config["historyCacheSize"] == 0
    assert config["allowEval"] is False


# The browser journeys set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment does not,
# and Django's deployment checks rightly refuse it.
TEST_ONLY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def test_the_deployment_checks_pass_with_the_settings_in_force(monkeypatch):
    for name in TEST_ONLY_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    call_command("check", deploy=True, fail_level="WARNING")


def test_the_deployment_checks_pass_behind_https(tmp_path):
    # CURBSIDE_HTTPS changes settings read at start-up, so this runs in a fresh process.
    env = {
        **{name: value for name, value in os.environ.items() if name not in TEST_ONLY_VARIABLES},
        "DJANGO_SETTINGS_MODULE": "curbside.settings",
        "CURBSIDE_HTTPS": "true",
        "CURBSIDE_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(  # our own interpreter, fixed arguments
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
