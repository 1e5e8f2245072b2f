"""Errors are JSON: a message, and for invalid input the fields at fault (422)."""

import pytest

from curbside.network.models import Contact
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def fields(response) -> dict[str | None, str]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"]
    return {error["field"]: error["message"] for error in body["errors"]}


def test_a_bad_npi_is_refused_with_the_npi_field(api, alice):
    response = api.post("/contacts", {"name": "Jane Roe", "npi": "1234567890"})
    errors = fields(response)
    assert list(errors) == ["npi"]
    assert "not a valid NPI" in errors["npi"]
    assert "npi" in response.json()["detail"]
    assert not Contact.objects.filter(owner=alice, full_name="Jane Roe").exists()


def test_a_bad_email_is_refused_with_the_emails_field(api, alice):
    errors = fields(api.post("/contacts", {"name": "Jane Roe", "emails": ["jane-at-example"]}))
    assert list(errors) == ["emails"]
    assert "not a valid email address" in errors["emails"]
    assert not Contact.objects.filter(owner=alice, full_name="Jane Roe").exists()


def test_a_bad_phone_is_refused_with_the_phones_field(api, alice):
    errors = fields(api.post("/contacts", {"name": "Jane Roe", "phones": ["12"]}))
    assert list(errors) == ["phones"]
    assert "'12'" in errors["phones"]
    assert not Contact.objects.filter(owner=alice, full_name="Jane Roe").exists()


def test_a_bad_npi_in_a_patch_leaves_the_contact_as_it_was(api, alice):
    contact = ContactFactory(owner=alice, npi="1234567893")
    errors = fields(api.patch(f"/contacts/{contact.pk}", {"npi": "999", "city": "Paris"}))
    assert list(errors) == ["npi"]
    contact.refresh_from_db()
    assert (contact.npi, contact.city) == ("1234567893", "Denver")


def test_input_of_the_wrong_type_names_each_field(api, alice):
    errors = fields(
        api.post("/contacts", {"name": "Jane Roe", "cadence_days": "often", "emails": "x@y.org"})
    )
    assert set(errors) == {"cadence_days", "emails"}
    assert "integer" in errors["cadence_days"]


def test_a_missing_required_field_is_named(api, alice):
    errors = fields(api.post("/organizations", {"kind": "hospital"}))
    assert errors == {"name": "Field required"}


def test_an_unknown_field_is_refused_rather_than_ignored(api, alice):
    errors = fields(api.post("/contacts", {"name": "Jane Roe", "speciality": "Cardiology"}))
    assert set(errors) == {"speciality"}
    assert not Contact.objects.filter(owner=alice, full_name="Jane Roe").exists()


def test_a_value_out_of_the_choices_is_refused(api, alice):
    errors = fields(api.post("/organizations", {"name": "Mercy", "kind": "spa"}))
    assert set(errors) == {"kind"}
    assert "hospital" in errors["kind"]


def test_a_bad_query_parameter_is_named(api, alice):
    errors = fields(api.get("/interactions", {"since": "last tuesday"}))
    assert set(errors) == {"since"}


def test_a_rule_about_the_whole_input_has_no_field(api, alice):
    contact = ContactFactory(owner=alice)
    errors = fields(
        api.post("/ties", {"person_a": contact.pk, "person_b": contact.pk, "strength": 3})
    )
    assert errors == {None: "A person cannot have a tie with themselves."}


def test_a_body_that_is_not_json_is_a_bad_request(api, alice):
    response = api.client.post("/api/v1/contacts", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_a_missing_object_is_not_found_in_json(api, alice):
    response = api.get("/contacts/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("path", ["/", "/nothing-here", "/contacts/abc", "/contacts/1/unknown"])
def test_a_path_the_api_does_not_have_is_not_found_in_json(api, alice, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_method_a_path_does_not_take_is_refused_in_json(api, alice):
    response = api.put("/ties/1", {"strength": 2})
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH", "DELETE"}
