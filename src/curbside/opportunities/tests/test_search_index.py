"""listing_index / listing_unindex: the search rows kept beside the listings."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from curbside.opportunities.models import Listing, ListingSearch
from curbside.opportunities.search.cells import cell_of
from curbside.opportunities.search.index import annual, listing_index, listing_unindex
from curbside.opportunities.search.params import ListingSearchParams
from curbside.opportunities.selectors.listings import listing_search

from .listing_factories import ListingFactory

TODAY = date(2026, 3, 10)


def titles(q: str) -> set[str]:
    result = listing_search(ListingSearchParams(q=q), today=TODAY)
    return {hit.listing.title for hit in result.hits}


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [("150", "hour", 312_000), ("1200", "day", 312_000), ("6000", "week", 312_000),
     ("26000", "month", 312_000), ("312000", "year", 312_000), ("312000", "", 312_000),
     (None, "hour", None)],
)  # fmt: skip
def test_pay_is_annualised(amount, unit, expected):
    assert annual(None if amount is None else Decimal(amount), unit) == expected


@pytest.mark.django_db
def test_the_search_row_holds_the_filter_columns(alice):
    listing = ListingFactory(
        salary_min=Decimal("150"),
        salary_max=Decimal("175.50"),
        salary_unit="hour",
        visa_sponsorship="H-1B",
        expires_on=date(2026, 6, 1),
    )
    row = ListingSearch.objects.get(listing=listing)
    assert (row.annual_salary_min, row.annual_salary_max) == (312_000, 365_040)
    assert row.has_visa
    assert (row.specialty, row.practice_setting, row.position_type, row.state) == (
        "hospitalist",
        "hospital_employed",
        "full_time",
        "CO",
    )
    assert row.geocell == cell_of(listing.latitude, listing.longitude)
    assert (row.posted_on, row.expires_on) == (date(2026, 3, 1), date(2026, 6, 1))


@pytest.mark.django_db
def test_indexing_again_replaces_the_words_and_the_columns():
    listing = ListingFactory(title="Nocturnist")
    Listing.objects.filter(pk=listing.pk).update(title="Dermatologist", specialty="dermatology")
    listing_index([listing.pk, listing.pk])
    assert titles("nocturnist") == set()
    assert titles("dermatologist") == {"Dermatologist"}
    assert ListingSearch.objects.get(listing=listing).specialty == "dermatology"
    assert ListingSearch.objects.count() == 1


@pytest.mark.django_db
def test_unindexing_drops_a_listing_from_search():
    kept, dropped = (
        ListingFactory(title="Kept nocturnist"),
        ListingFactory(title="Dropped nocturnist"),
    )
    listing_unindex([dropped.pk])
    assert titles("nocturnist") == {"Kept nocturnist"}
    assert not ListingSearch.objects.filter(listing=dropped).exists()
    assert Listing.objects.filter(pk=dropped.pk).exists()
    assert kept.pk != dropped.pk


@pytest.mark.django_db
def test_deleting_a_listing_deletes_its_words_too():
    listing = ListingFactory(title="Nocturnist")
    pk = listing.pk
    listing.delete()
    with connection.cursor() as cursor:
        key = "listing_id" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(f"SELECT COUNT(*) FROM opportunities_listingtext WHERE {key} = %s", [pk])  # noqa: S608 (a test's constant)
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db
def test_a_listing_without_a_place_is_indexed_without_a_cell():
    listing = ListingFactory(latitude=None, longitude=None, title="Remote psychiatrist")
    assert ListingSearch.objects.get(listing=listing).geocell is None
    assert titles("psychiatrist") == {"Remote psychiatrist"}


@pytest.mark.django_db
def test_many_listings_are_indexed_in_batches():
    Listing.objects.bulk_create(
        Listing(source="Bulk", external_id=str(i), title=f"Job {i} nocturnist") for i in range(4500)
    )
    listing_index(list(Listing.objects.values_list("pk", flat=True)))
    assert ListingSearch.objects.count() == 4500
    assert listing_search(ListingSearchParams(q="nocturnist"), today=TODAY).total == 4500


@pytest.mark.django_db
def test_the_search_row_is_stored_under_the_listing_id():
    """Migration 0002 makes listing_id the rowid on SQLite: one B-tree seek per full-text
    hit. On both engines it is the primary key."""
    table = "opportunities_listingsearch"
    with connection.cursor() as cursor:
        assert connection.introspection.get_primary_key_column(cursor, table) == "listing_id"
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
            assert '"listing_id" integer NOT NULL PRIMARY KEY' in cursor.fetchone()[0]


def _n_text_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM opportunities_listingtext")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_emptying_the_listings_empties_their_text_too():
    # The text table is not Django's: a flush (and every transactional test's teardown)
    # must still be able to empty the listings, and take their text with them.
    kept, deleted = ListingFactory.create_batch(2)
    deleted.delete()
    assert _n_text_rows() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert _n_text_rows() == 0
    assert not Listing.objects.filter(pk=kept.pk).exists()
