"""Ranking near a place when bm25 would cost too much (search.rank), on either database.

On SQLite a search whose words are in more than RANK_BUDGET listings puts the listings with
the words in their title first, then the newest; otherwise bm25 ranks them (title weighed
highest, then how often the words appear). PostgreSQL always ranks with ts_rank."""

from datetime import date

import pytest
from django.db import connection

from curbside.opportunities.search import rank
from curbside.opportunities.search.params import ListingSearchParams
from curbside.opportunities.search.query import parse_words
from curbside.opportunities.selectors.listings import SEARCH_TABLE, listing_search

from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)
DENVER = {"city": "Denver", "zip_code": "80202", "latitude": 39.7527, "longitude": -104.9992}


@pytest.fixture
def nocturnists():
    ListingFactory(title="Nocturnist", posted_on=date(2026, 1, 5), **DENVER)
    ListingFactory(
        title="Hospitalist nights",
        description="Nocturnist team; nocturnist pay; nocturnist schedule.",
        posted_on=date(2026, 2, 1),
        **DENVER,
    )
    ListingFactory(
        title="Hospitalist days",
        description="A nocturnist covers.",
        posted_on=date(2026, 3, 1),
        **DENVER,
    )
    ListingFactory(title="Pediatrician", description="Clinic days.", **DENVER)


def titles(q: str) -> list[str]:
    result = listing_search(ListingSearchParams(q=q, near="80202", sort="relevance"), today=TODAY)
    return [hit.listing.title for hit in result.hits]


BY_FREQUENCY = ["Nocturnist", "Hospitalist nights", "Hospitalist days"]


def test_words_in_few_listings_are_ranked_by_bm25_title_first_then_frequency(nocturnists):
    assert titles("nocturnist") == BY_FREQUENCY


def test_words_in_too_many_listings_rank_title_matches_first_then_the_newest(
    nocturnists, monkeypatch
):
    monkeypatch.setattr(rank, "RANK_BUDGET", 2)  # "nocturnist" is in 3 listings
    if connection.vendor == "sqlite":
        expected = ["Nocturnist", "Hospitalist days", "Hospitalist nights"]
    else:
        expected = BY_FREQUENCY  # ts_rank needs no such estimate
    assert titles("nocturnist") == expected


def test_the_estimate_counts_every_word_of_the_query(nocturnists):
    if connection.vendor != "sqlite":
        assert parse_words("nocturnist")  # only SQLite asks; nothing to estimate here
        return
    text = "opportunities_listingtext"

    def affordable(q: str, budget: int, sample: int) -> bool:
        words = parse_words(q)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(rank, "RANK_BUDGET", budget)
            patch.setattr(rank, "SAMPLE", sample)
            return rank.bm25_affordable(words, text_table=text, search_table=SEARCH_TABLE)

    # Among all four listings: 3 hold "nocturnist", so about 3 of the 4.
    assert affordable("nocturnist", budget=3, sample=100)
    assert not affordable("nocturnist", budget=2, sample=100)
    # Both words count: 3 + 1.
    assert not affordable("nocturnist pediatrician", budget=3, sample=100)
    assert affordable("nocturnist pediatrician", budget=4, sample=100)
    assert affordable("cardiology", budget=0, sample=100)
