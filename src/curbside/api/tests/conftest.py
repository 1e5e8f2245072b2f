"""An API client per physician, each holding a personal access token of their own."""

import json
import os
import shutil
from typing import Any

import pytest
from django.test import Client

from curbside.accounts.services import token_create

# Playwright's sync API runs an event loop in the test thread (see tests/journeys).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class ApiClient:
    """django.test.Client speaking JSON with a bearer token."""

    def __init__(self, token: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        self.token = token

    def get(self, path: str, params: dict[str, Any] | None = None):
        return self.client.get(f"/api/v1{path}", params or {})

    def post(self, path: str, body: Any = None):
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None):
        return self._send("patch", path, body)

    def put(self, path: str, body: Any = None):
        return self._send("put", path, body)

    def delete(self, path: str):
        return self.client.delete(f"/api/v1{path}")

    def _send(self, method: str, path: str, body: Any):
        data = "" if body is None else json.dumps(body)
        send = getattr(self.client, method)
        return send(f"/api/v1{path}", data, content_type="application/json")


@pytest.fixture
def api(alice) -> ApiClient:
    """Alice's API client."""
    _, raw = token_create(owner=alice, name="tests")
    return ApiClient(raw)


@pytest.fixture
def bob_api(bob) -> ApiClient:
    _, raw = token_create(owner=bob, name="tests")
    return ApiClient(raw)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, launched as tests/journeys does."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]
    return {**browser_type_launch_args, "executable_path": executable, "args": args}
