"""The OpenAPI schema and the interactive docs page, which must work offline under our CSP."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db

RESOURCES = ["contacts", "organizations", "affiliations", "ties", "interactions", "followups"]


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    parsed: dict[str, Any] = json.loads(response.content)
    return parsed


def test_the_schema_lists_every_resource_with_its_operations(schema):
    paths = schema["paths"]
    for name in RESOURCES:
        assert {"get", "post"} <= set(paths[f"/api/v1/{name}"])
        item = next(p for p in paths if re.fullmatch(rf"/api/v1/{name}/\{{\w+\}}", p))
        assert {"get", "patch", "delete"} <= set(paths[item])
    assert "post" in paths["/api/v1/contacts/{contact_id}/merge"]
    assert "get" in paths["/api/v1/me"]
    for action in ("complete", "snooze", "dismiss", "reopen"):
        assert "post" in paths[f"/api/v1/followups/{{follow_up_id}}/{action}"]


def test_the_schema_documents_bearer_tokens_and_the_error_shapes(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(s == {"type": "http", "scheme": "bearer"} for s in schemes.values())
    create = schema["paths"]["/api/v1/contacts"]["post"]
    assert create["security"]
    validation = create["responses"]["422"]["content"]["application/json"]["schema"]
    assert validation["$ref"].endswith("/ValidationErrorOut")
    assert set(schema["components"]["schemas"]["ValidationErrorOut"]["properties"]) == {
        "detail",
        "errors",
    }
    detail = schema["paths"]["/api/v1/contacts/{contact_id}"]["get"]
    assert detail["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorOut"
    )


def test_lists_are_documented_as_pages_with_a_count(schema):
    listing = schema["paths"]["/api/v1/contacts"]["get"]
    parameters = {p["name"] for p in listing["parameters"]}
    assert {
        "limit",
        "offset",
        "q",
        "tag",
        "specialty",
        "state",
        "organization",
        "sort",
    } <= parameters
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    properties = schema["components"]["schemas"][page.rsplit("/", 1)[1]]["properties"]
    assert set(properties) == {"items", "count"}


def test_each_kind_of_choice_keeps_its_own_values(schema):
    components = schema["components"]["schemas"]
    organization_kinds = components["OrganizationIn"]["properties"]["kind"]["enum"]
    affiliation_kinds = components["AffiliationIn"]["properties"]["kind"]["enum"]
    assert "hospital" in organization_kinds
    assert "employment" in affiliation_kinds
    assert "hospital" not in affiliation_kinds


class PageParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_scripts: list[str] = []
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
            self._in_script = True
        if tag == "style":
            self.styles.append(tag)
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append(value)
            if name == "style" or name.startswith("on"):
                self.styles.append(f"{name}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def test_the_docs_page_loads_only_our_own_static_files_and_runs_no_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    parts = PageParts()
    parts.feed(html)
    assert parts.inline_scripts == []
    assert all(script.get("src") for script in parts.scripts)
    assert parts.styles == []
    assert "http://" not in html
    assert "https://" not in html
    assert parts.urls
    for url in parts.urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a static file"
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy


def test_the_docs_script_turns_off_the_online_validator():
    found = finders.find("api/docs.js")
    assert isinstance(found, str)
    script = Path(found).read_text()
    assert "validatorUrl: null" in script


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_docs_page_runs_in_a_browser_under_the_csp_without_the_network(page, live_server):
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type in {"error", "warning"}:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_role("heading", name=re.compile("Curbside API"))).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    expect(page.get_by_text("/api/v1/followups/{follow_up_id}/snooze")).to_be_visible()
    assert problems == []
    assert all(url.startswith(live_server.url) for url in requested), requested
