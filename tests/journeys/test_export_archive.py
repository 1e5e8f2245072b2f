"""A physician takes her whole network with her: she downloads the JSON archive."""

import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.network.services import contact_create

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "rosa@example.org"
PASSWORD = "a long enough passphrase"


def test_downloading_the_archive_gives_a_file_with_every_contact(desktop_page, tmp_path):
    user = user_create(email=EMAIL, password=PASSWORD, name="Rosa Marquez")
    contact_create(owner=user, name="Dr. Ann Lee, MD", emails=["ann.lee@example.org"])
    contact_create(owner=user, name="Ben Ford", tags=["mentor"])
    other = user_create(email="otto@example.org", password=PASSWORD, name="Otto Other")
    contact_create(owner=other, name="Olga Unseen")
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto("/export/")
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    contents = page.get_by_role("region", name="What the archive holds")
    expect(contents).to_contain_text(re.compile(r"Contacts\s*2\s*Organizations"))
    expect(page.get_by_label("Complete archive (JSON)")).to_be_checked()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download").click()
    download = download_info.value
    today = timezone.localdate(timezone=ZoneInfo(user.time_zone))
    assert download.suggested_filename == f"curbside-{today:%Y-%m-%d}.json"
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    archive = json.loads(target.read_text(encoding="utf-8"))
    assert archive["format"] == "curbside-archive"
    assert archive["owner"]["email"] == EMAIL
    contacts = {c["full_name"]: c for c in archive["contacts"]}
    assert set(contacts) == {"Rosa Marquez", "Ann Lee", "Ben Ford"}
    assert contacts["Ann Lee"]["credentials"] == "MD"
    assert contacts["Ann Lee"]["emails"][0]["email"] == "ann.lee@example.org"
    assert contacts["Ben Ford"]["tags"] == ["mentor"]
    assert "Olga Unseen" not in target.read_text(encoding="utf-8")
