"""Listings for search tests: every listing the factory creates is indexed for search."""

from datetime import date
from decimal import Decimal

import factory
from django.db import connection

from curbside.opportunities.models import Listing
from curbside.opportunities.search.index import listing_index


class ListingFactory(factory.django.DjangoModelFactory):
    """A hospitalist job in Denver, posted on 2026-03-01, indexed for search."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    source = "Test board"
    external_id = factory.Sequence(lambda n: f"job-{n}")
    url = factory.Sequence(lambda n: f"https://jobs.example.org/{n}")
    title = "Hospitalist"
    employer = factory.Sequence(lambda n: f"Front Range Health {n}")
    description = "Caring for adult patients in a community hospital."
    requirements = "Board certified in internal medicine."
    specialty = "hospitalist"
    practice_setting = "hospital_employed"
    position_type = "full_time"
    city = "Denver"
    state = "CO"
    zip_code = "80202"
    country = "US"
    latitude = 39.7527
    longitude = -104.9992
    salary_min = Decimal("280000")
    salary_max = Decimal("320000")
    salary_unit = "year"
    currency = "USD"
    posted_on = date(2026, 3, 1)

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            listing_index([self.pk])


def ranking_estimate(params: dict[str, str]) -> int:
    """The queries a search spends estimating whether bm25 is cheap: one on SQLite for words
    near a place, ranked by relevance (the default), none otherwise."""
    ranked = params.get("sort", "relevance") == "relevance"
    return int(
        connection.vendor == "sqlite"
        and bool(params.get("q"))
        and bool(params.get("near"))
        and ranked
    )
