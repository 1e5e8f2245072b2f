"""In a browser: staff import a CSV of listings, naming its columns, then commit it."""

import os
import shutil
from pathlib import Path

import pytest

from curbside.opportunities.models import Listing

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHOTS = Path(os.environ.get("CURBSIDE_SHOTS", "/tmp/shots"))  # noqa: S108 (screenshots to look at)
CSV = (
    b"Posting,Practice,Where,Pay\n"
    b'Cardiologist,Heart Group,"Boulder, CO 80302","$400,000 - $450,000"\n'
    b'Nocturnist,Front Range Health,"Denver, CO 80202",$210/hr\n'
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_staff_import_a_csv_naming_its_columns(browser, live_server, alice, name, viewport):
    from playwright.sync_api import expect

    context = browser.new_context(
        viewport=viewport, is_mobile=name == "phone", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto("/listings/import/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"listing-import-{name}.png", full_page=True)

    page.get_by_label("Listing files").set_input_files(
        files=[{"name": "jobs.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_label("Source").fill("Heart jobs")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("group", name="Which column holds what?")).to_be_visible()
    page.screenshot(path=SHOTS / f"listing-import-mapping-{name}.png", full_page=True)
    page.get_by_label("Job title").select_option("Posting")
    page.get_by_label("Employer").select_option("Practice")
    page.get_by_label("Location (city, state ZIP)").select_option("Where")
    page.get_by_label("Salary (a range as text)").select_option("Pay")
    # The chosen file stays in its input while the form asks for the columns.
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Listing import preview")).to_be_visible()
    expect(page.get_by_role("cell", name="Cardiologist")).to_be_visible()
    page.screenshot(path=SHOTS / f"listing-import-preview-{name}.png", full_page=True)
    page.get_by_role("button", name="Commit the import").click()

    expect(page.get_by_text("Imported: 2 new, 0 updated, 0 unchanged.")).to_be_visible()
    assert sorted(Listing.objects.values_list("title", "employer")) == [
        ("Cardiologist", "Heart Group"),
        ("Nocturnist", "Front Range Health"),
    ]
    context.close()
