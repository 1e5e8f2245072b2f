"""Whether SQLite's bm25 can rank a search's listings cheaply.

bm25 (FTS5's ranking function) first weighs each word of the query by how rare it is: it
counts, across the whole instance, the listings holding the word, reading the word's whole
entry in the full-text index. For a word in most listings ("patients", in 98 out of 100)
that reading is most of a search's time at a million listings (20 to 40 ms a word), and it
says almost nothing: such a word weighs next to nothing. So a search near a place is ranked
by bm25 when its words are estimated to be in at most RANK_BUDGET listings together;
otherwise the listings with the words in their title come first, then the newest.

The estimate counts each word among the SAMPLE most recently indexed listings (a seek into
its index entry, well under a millisecond) and scales the share up to the instance.
"""

from typing import Any

from django.db import connection

from .query import TextQuery

RANK_BUDGET = 25_000
SAMPLE = 2_000


def bm25_affordable(words: TextQuery, *, text_table: str, search_table: str) -> bool:
    """True when bm25 would read at most RANK_BUDGET listings' entries to weigh the words."""
    latest = f"(SELECT MAX(listing_id) FROM {search_table})"  # noqa: S608 (table names)
    counts = [
        f"(SELECT COUNT(*) FROM {text_table} WHERE {text_table} MATCH %s "  # noqa: S608 (constants and placeholders)
        f"AND rowid > {latest} - %s)"
        for _ in words.terms
    ]
    parameters: list[Any] = [SAMPLE]
    for term in words.terms:
        parameters.extend([TextQuery((term,)).fts5(), SAMPLE])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {latest}, "  # noqa: S608 (constants and placeholders)
            f"(SELECT COUNT(*) FROM {search_table} WHERE listing_id > {latest} - %s), "
            f"{', '.join(counts)}",
            parameters,
        )
        row = cursor.fetchone()
    newest, sampled, *hits = row
    if not newest or not sampled:
        return True
    return bool(sum(hits) / sampled * newest <= RANK_BUDGET)
