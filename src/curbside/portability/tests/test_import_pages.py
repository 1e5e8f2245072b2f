"""The import pages: upload, preview (with problems and their lines), commit, report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curbside.network.models import Contact
from curbside.network.services import contact_create
from curbside.portability import services
from curbside.portability.models import ImportBatch

from .import_samples import card, linkedin, vcf

pytestmark = pytest.mark.django_db

UPLOAD = reverse("portability:import")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def people(n: int, *, start: int = 0) -> bytes:
    return vcf(
        *(
            card(f"Person{i} Surname{i}", emails=[f"p{i}@example.org"], org=f"Clinic {i}")
            for i in range(start, start + n)
        )
    )


def content(response) -> str:
    return str(response.content.decode())


def test_the_contact_list_links_to_the_import_page(client, alice):
    client.force_login(alice)
    page = content(client.get(reverse("network:contact_list")))
    assert f'<a class="button" href="{UPLOAD}">Import</a>' in page


def test_the_import_pages_need_a_login(client, alice):
    batch = services.import_preview(owner=alice, files=[("a.vcf", people(1))])
    for url in (UPLOAD, reverse("portability:import_preview", args=[batch.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_uploading_two_files_shows_their_preview(client, alice):
    client.force_login(alice)
    connections = linkedin(
        [("Maya", "Patel", "", "", "Denver Heart", "Cardiologist", "14 Mar 2023")]
    )
    response = client.post(
        UPLOAD,
        {"uploads": [upload("phone.vcf", people(2)), upload("Connections.csv", connections)]},
    )
    batch = ImportBatch.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("portability:import_preview", args=[batch.pk])
    assert batch.file_names == ["phone.vcf", "Connections.csv"]
    assert batch.n_create == 3
    assert Contact.objects.filter(owner=alice).count() == 1  # nothing imported yet

    page = content(client.get(response["Location"]))
    assert "Person0 Surname0" in page
    assert "Maya Patel" in page
    assert "p1@example.org" in page
    assert "Denver Heart" in page
    assert "Connections.csv" in page
    assert "Import contacts" in page
    assert "Skip the rows with problems" not in page  # no problems, nothing to skip


def test_an_htmx_upload_is_sent_to_the_preview_by_htmx(client, alice):
    client.force_login(alice)
    response = client.post(
        UPLOAD, {"uploads": upload("a.vcf", people(1))}, headers={"HX-Request": "true"}
    )
    batch = ImportBatch.objects.get(owner=alice)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("portability:import_preview", args=[batch.pk])


def test_a_file_that_cannot_be_read_is_named_on_the_page_and_nothing_is_kept(client, alice):
    client.force_login(alice)
    response = client.post(UPLOAD, {"uploads": upload("scan.vcf", b"%PDF-1.7\n" + bytes(300))})
    assert response.status_code == 200
    assert "scan.vcf does not look like a contacts file" in content(response)
    assert "PDF" in content(response)
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_the_limit(client, alice, settings):
    settings.CURBSIDE_IMPORT_MAX_BYTES = 2048
    client.force_login(alice)
    response = client.post(UPLOAD, {"uploads": upload("big.vcf", people(40))})
    assert response.status_code == 200
    page = content(response)
    assert "big.vcf is too large to import" in page
    assert "the limit is 2 KB a file" in page
    assert not ImportBatch.objects.exists()


def test_a_csv_of_unknown_layout_asks_which_column_holds_what(client, alice):
    client.force_login(alice)
    data = b"Who,Mail,Hospital\nJane Roe,jane@example.org,Denver Health\n"
    response = client.post(
        UPLOAD, {"uploads": upload("people.csv", data)}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = content(response)
    assert "Which column holds what?" in page
    assert 'name="column_emails"' in page
    assert '<option value="Mail">Mail</option>' in page
    assert 'hx-preserve="true"' in page  # the chosen file stays in its input
    # The columns come back with the mapping, which is read with the file again.
    assert (
        'name="headers" value="[&quot;Who&quot;, &quot;Mail&quot;, &quot;Hospital&quot;]"' in page
    )
    assert not ImportBatch.objects.exists()

    response = client.post(
        UPLOAD,
        {
            "uploads": upload("people.csv", data),
            "headers": '["Who", "Mail", "Hospital"]',
            "column_full_name": "Who",
            "column_emails": "Mail",
            "column_organization": "Hospital",
        },
    )
    batch = ImportBatch.objects.get(owner=alice)
    assert response.status_code == 302
    assert batch.rows[0]["values"]["emails"] == ["jane@example.org"]
    assert batch.rows[0]["values"]["organization"] == "Denver Health"


def test_the_preview_lists_each_problem_with_its_file_and_line(client, alice):
    client.force_login(alice)
    data = vcf(
        card("Good Person", emails=["good@example.org"]), card("Bad Person", emails=["nope"])
    )
    batch = services.import_preview(owner=alice, files=[("cards.vcf", data)])
    page = content(client.get(reverse("portability:import_preview", args=[batch.pk])))
    assert "1 row has problems" in page
    assert "&#x27;nope&#x27; is not a valid email address" in page
    assert '<td>cards.vcf<div class="muted">line 6</div></td>' in page
    assert "Skip the rows with problems" in page


def test_committing_with_problems_and_no_skip_imports_nothing(client, alice):
    client.force_login(alice)
    data = vcf(
        card("Good Person", emails=["good@example.org"]), card("Bad Person", emails=["nope"])
    )
    batch = services.import_preview(owner=alice, files=[("cards.vcf", data)])
    response = client.post(reverse("portability:import_preview", args=[batch.pk]), {})
    assert response.status_code == 200
    assert "1 row has problems: fix the file, or choose to skip" in content(response)
    assert Contact.objects.filter(owner=alice).count() == 1

    response = client.post(
        reverse("portability:import_preview", args=[batch.pk]), {"skip_bad_rows": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portability:import_report", args=[batch.pk])
    assert list(
        Contact.objects.filter(owner=alice, is_self=False).values_list("full_name", flat=True)
    ) == ["Good Person"]


def test_the_report_links_to_what_was_created_and_offers_merges(client, alice):
    katherine = contact_create(owner=alice, name="Katherine Johnson")
    client.force_login(alice)
    data = vcf(card("Katharine Johnson", emails=["k@example.org"]), card("Sam Rivera"))
    batch = services.import_preview(owner=alice, files=[("c.vcf", data)])
    response = client.post(reverse("portability:import_preview", args=[batch.pk]), {}, follow=True)
    page = content(response)
    new = Contact.objects.get(owner=alice, full_name="Katharine Johnson")
    sam = Contact.objects.get(owner=alice, full_name="Sam Rivera")
    assert "Import done." in page
    assert reverse("network:contact_detail", args=[sam.pk]) in page
    assert reverse("network:contact_detail", args=[new.pk]) in page
    merge = reverse("network:contact_merge", args=[katherine.pk]) + f"?other={new.pk}"
    assert f'href="{merge}"' in page
    # The preview of a committed import is its report.
    again = client.get(reverse("portability:import_preview", args=[batch.pk]))
    assert again["Location"] == reverse("portability:import_report", args=[batch.pk])


def test_discarding_a_preview_imports_nothing(client, alice):
    client.force_login(alice)
    batch = services.import_preview(owner=alice, files=[("a.vcf", people(3))])
    response = client.post(reverse("portability:import_discard", args=[batch.pk]))
    assert response["Location"] == UPLOAD
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DISCARDED
    assert Contact.objects.filter(owner=alice).count() == 1
    page = content(client.get(reverse("portability:import_preview", args=[batch.pk])))
    assert "This import was discarded" in page


def test_the_preview_page_queries_do_not_grow_with_its_rows(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for n in (2, 50):
        batch = services.import_preview(owner=alice, files=[("a.vcf", people(n))])
        assert len(batch.rows) == n
        # session, user, the batch (its rows are in it)
        with django_assert_num_queries(3):
            response = client.get(reverse("portability:import_preview", args=[batch.pk]))
        assert content(response).count("<tr>") == n + 1


def test_the_import_page_queries_do_not_grow_with_recent_imports(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for n in (2, 8):
        while ImportBatch.objects.filter(owner=alice).count() < n:
            services.import_preview(owner=alice, files=[("a.vcf", people(1))])
        # session, user, recent imports
        with django_assert_num_queries(3):
            response = client.get(UPLOAD)
        assert content(response).count('class="row"') == n


def test_the_report_page_queries_do_not_grow_with_what_was_created(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for n, start in ((2, 0), (20, 100)):
        batch = services.import_preview(owner=alice, files=[("a.vcf", people(n, start=start))])
        batch = services.import_commit(owner=alice, batch=batch)
        # session, user, the batch, the contacts it lists
        with django_assert_num_queries(4):
            response = client.get(reverse("portability:import_report", args=[batch.pk]))
        assert content(response).count("/contacts/") >= n


def test_a_curbside_archive_is_previewed_then_restored_into_an_empty_account(client, alice):
    import json

    from curbside.accounts.services import user_create
    from curbside.portability.archive import archive_build

    contact_create(owner=alice, name="Jane Roe", emails=["jane@example.org"])
    archive = json.dumps(archive_build(alice)).encode()
    carol = user_create(email="carol@example.org", password=None, name="Carol Chen")
    client.force_login(carol)
    response = client.post(UPLOAD, {"uploads": upload("curbside.json", archive)})
    batch = ImportBatch.objects.get(owner=carol)
    assert batch.formats == ["archive"]
    page = content(client.get(response["Location"]))
    assert "Restore the archive" in page
    assert "<dt>Contacts</dt><dd>1</dd>" in page
    response = client.post(reverse("portability:import_preview", args=[batch.pk]), {}, follow=True)
    assert "Restored" in content(response)
    assert Contact.objects.filter(owner=carol, full_name="Jane Roe").exists()


def test_the_column_choices_are_the_fields_the_csv_parser_can_map():
    from curbside.portability.forms import MAPPING_FIELDS
    from curbside.portability.parsers.layouts import MAPPABLE

    assert {field for field, _ in MAPPING_FIELDS} == MAPPABLE
