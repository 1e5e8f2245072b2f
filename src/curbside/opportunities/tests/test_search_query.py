"""What a person types in the search box → full-text queries that never fail."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curbside.opportunities.search.query import MAX_TERMS, Term, TextQuery, parse_words
from curbside.opportunities.search.text import tsvector_literal, words


def test_words_are_lower_cased_without_accents_and_split_on_punctuation():
    assert words("Résumé: Ob/Gyn (J-1), naïve_word") == [
        "resume",
        "ob",
        "gyn",
        "j",
        "1",
        "naive",
        "word",
    ]


def test_plain_words_are_all_required_terms():
    query = parse_words("Nocturnist  Denver")
    assert query.terms == (Term(("nocturnist",)), Term(("denver",)))
    assert query.fts5() == '"nocturnist" "denver"'
    assert query.tsquery() == "'nocturnist' & 'denver'"


def test_a_quoted_phrase_keeps_its_words_in_order():
    query = parse_words('"loan repayment" call')
    assert query.terms[0] == Term(("loan", "repayment"))
    assert query.fts5() == '"loan repayment" "call"'
    assert query.tsquery() == "('loan' <-> 'repayment') & 'call'"


def test_a_star_makes_a_prefix_of_a_word_or_a_phrase_end():
    assert parse_words("cardio*").fts5() == '"cardio"*'
    assert parse_words("cardio*").tsquery() == "'cardio':*"
    assert parse_words('"call sched"*').tsquery() == "('call' <-> 'sched':*)"


def test_a_one_letter_prefix_is_read_as_the_word():
    assert parse_words("a*").terms == (Term(("a",), prefix=False),)


def test_a_word_with_punctuation_inside_becomes_a_phrase():
    assert parse_words("ob/gyn").terms == (Term(("ob", "gyn")),)


def test_an_unbalanced_quote_runs_to_the_end():
    assert parse_words('icu "night shift').terms == (Term(("icu",)), Term(("night", "shift")))


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"', '""*', "***", "()", "-", "^:!&|<->", "NEAR(", "OR AND NOT", "'", "\\", "\x00"],
)
def test_operators_and_punctuation_are_text_not_syntax(text):
    query = parse_words(text)
    for term in query.terms:
        assert all(word.isalnum() for word in term.words)
    assert '""' not in query.fts5()


def test_repeats_are_dropped_and_terms_are_capped():
    assert len(parse_words("icu icu ICU").terms) == 1
    assert len(parse_words(" ".join(f"w{i}" for i in range(40))).terms) == MAX_TERMS


def test_cells_are_required_besides_the_words():
    query = parse_words("icu")
    assert query.fts5(any_of=["geo_b_1", "geo_b_2"]) == '("icu") AND ("geo_b_1" OR "geo_b_2")'
    assert query.tsquery(any_of=["geo_b_1"]) == "('icu') & ('geo_b_1')"


def test_the_words_can_be_kept_to_one_column():
    query = parse_words('"call schedule" icu')
    assert query.fts5(column="title") == '{title} : ("call schedule" "icu")'
    assert query.fts5(["geo_a_7"], column="title") == (
        '({title} : ("call schedule" "icu")) AND ("geo_a_7")'
    )


def test_no_words_is_an_empty_query():
    assert not TextQuery()
    assert not parse_words("?!")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_quoted_alphanumeric_tokens_only(text):
    query = parse_words(text)
    rendered = query.fts5() + query.tsquery()
    for term in query.terms:
        assert term.words
        assert all(word.isalnum() for word in term.words)
    assert "\\" not in rendered


def test_a_tsvector_has_weighted_positions_and_a_gap_between_fields():
    literal = tsvector_literal([("Night Hospitalist", "A"), ("Front Range", "B")], ["geo_a_1"])
    assert literal == "'night':1A 'hospitalist':2A 'front':5B 'range':6B 'geo_a_1'"
