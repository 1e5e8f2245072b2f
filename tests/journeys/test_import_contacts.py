"""A new physician brings in an old phone's contacts and their LinkedIn connections."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.network.models import Contact

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "sam@example.org"
PASSWORD = "a long enough passphrase"
REPO_ROOT = Path(__file__).resolve().parents[2]
# The shared corpus beside the repository, read in place.
GMAIL_VCARD = REPO_ROOT.parent / "shared" / "corpus" / "vcard" / "ezvcard__gmail-list.vcf"
CONNECTIONS = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Maya,"Patel MD",https://www.linkedin.com/in/maya-patel,,Denver Heart,Cardiologist,14 Mar 2023
Omar,Haddad,,omar@example.org,Mayo Clinic,Physician Recruiter,02 Jan 2024
"""


def test_importing_a_gmail_vcard_and_linkedin_connections_adds_everyone(desktop_page, tmp_path):
    assert GMAIL_VCARD.exists(), GMAIL_VCARD
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS)
    user_create(email=EMAIL, password=PASSWORD, name="Sam Rivera")
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto("/contacts/")
    page.get_by_role("link", name="Import your contacts").click()
    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    page.get_by_label("Contact files").set_input_files([str(GMAIL_VCARD), str(connections)])
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Import preview")).to_be_visible()
    summary = page.get_by_role("region", name="Summary")
    expect(summary).to_contain_text("New contacts")
    expect(summary.get_by_role("definition").first).to_have_text("5")
    rows = page.get_by_role("region", name="Rows").get_by_role("row")
    expect(rows).to_have_count(6)  # the header and five people
    expect(page.get_by_role("row", name="Arnold Smith")).to_contain_text("asmithk@gmail.com")
    expect(page.get_by_role("row", name="Maya Patel")).to_contain_text("Denver Heart")
    expect(page.get_by_role("row", name="Maya Patel")).to_contain_text("Connections.csv")
    page.get_by_role("button", name="Import contacts").click()

    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    expect(page.get_by_text("Import done.")).to_be_visible()
    added = page.get_by_role("region", name="Added")
    expect(added.get_by_role("link")).to_have_count(5)
    page.get_by_role("link", name="See your contacts").click()

    results = page.get_by_role("region", name="Contacts")
    expect(results).to_contain_text("5 contacts")
    for name in ("Arnold Smith", "Chris Beatle", "Doug White", "Maya Patel, MD", "Omar Haddad"):
        expect(results.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(results).to_contain_text("Physician Recruiter, Mayo Clinic")
    assert Contact.objects.filter(owner__email=EMAIL, is_self=False).count() == 5


def test_a_csv_of_her_own_is_imported_after_naming_its_columns(desktop_page, tmp_path):
    sheet = tmp_path / "people.csv"
    sheet.write_text("Who,Mail,Hospital\nJane Roe,jane@denverhealth.org,Denver Health\n")
    user_create(email=EMAIL, password=PASSWORD, name="Sam Rivera")
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto("/import/")
    page.get_by_label("Contact files").set_input_files(str(sheet))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("group", name="Which column holds what?")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("column mapping is needed")
    page.get_by_label("Name", exact=True).select_option("Who")
    page.get_by_label("Email").select_option("Mail")
    page.get_by_label("Organization").select_option("Hospital")
    # The file chosen the first time is still there: no need to choose it again.
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Import preview")).to_be_visible()
    expect(page.get_by_role("row", name="Jane Roe")).to_contain_text("jane@denverhealth.org")
    page.get_by_role("button", name="Import contacts").click()
    expect(
        page.get_by_role("region", name="Added").get_by_role("link", name="Jane Roe")
    ).to_be_visible()
