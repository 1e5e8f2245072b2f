"""Edge costs and the words that explain a link."""

import itertools

import pytest

from curbside.intros.cost import edge_cost, explain_link, time_ago

STRENGTHS = [1, 2, 3, 4, 5]
DAYS = [None, 0, 30, 182, 183, 400, 1000, 2000, 5000]
SENTIMENTS = [None, "positive", "neutral", "negative"]


def cost(strength=5, days=10, sentiment="neutral", inferred=False):
    return edge_cost(
        strength=strength, days_since_last=days, last_sentiment=sentiment, inferred=inferred
    )


@pytest.mark.parametrize(
    ("strength", "days", "sentiment", "inferred", "expected"),
    [
        (5, 10, "positive", False, 1.0),  # the cheapest link there is
        (4, 10, "neutral", False, 1.5),
        (3, 10, None, False, 2.25),
        (1, 10, None, False, 5.0625),
        (5, 182 + 365, None, False, 1.2),  # a year past fresh: +0.2
        (5, 182 + 3 * 365, None, False, 1.6),
        (5, 10_000, None, False, 2.0),  # staleness stops growing
        (5, None, None, False, 1.5),  # nothing ever logged
        (5, 10, "negative", False, 3.0),
        (5, 10, None, True, 2.0),
        (3, None, "negative", True, 2.25 * 1.5 * 3.0 * 2.0),
    ],
)
def test_edge_cost_has_these_exact_values(strength, days, sentiment, inferred, expected):
    assert cost(strength, days, sentiment, inferred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("days", "sentiment", "inferred"), list(itertools.product(DAYS, SENTIMENTS, [False, True]))
)
def test_a_stronger_tie_is_cheaper(days, sentiment, inferred):
    costs = [cost(s, days, sentiment, inferred) for s in STRENGTHS]

    assert costs == sorted(costs, reverse=True)
    assert len(set(costs)) == len(costs)


@pytest.mark.parametrize(
    ("strength", "sentiment", "inferred"),
    list(itertools.product(STRENGTHS, SENTIMENTS, [False, True])),
)
def test_a_staler_tie_is_never_cheaper_and_years_of_silence_cost_more(
    strength, sentiment, inferred
):
    known = [d for d in DAYS if d is not None]
    costs = [cost(strength, d, sentiment, inferred) for d in known]

    assert costs == sorted(costs)
    assert cost(strength, 2000, sentiment, inferred) > cost(strength, 30, sentiment, inferred)


@pytest.mark.parametrize(
    ("strength", "days", "inferred"), list(itertools.product(STRENGTHS, DAYS, [False, True]))
)
def test_a_tie_whose_last_interaction_went_badly_costs_clearly_more(strength, days, inferred):
    for sentiment in (None, "neutral", "positive"):
        good = cost(strength, days, sentiment, inferred)
        assert cost(strength, days, "negative", inferred) >= 2 * good


@pytest.mark.parametrize(
    ("strength", "days", "sentiment"), list(itertools.product(STRENGTHS, DAYS, SENTIMENTS))
)
def test_an_inferred_tie_costs_more_than_a_recorded_one_of_equal_strength(
    strength, days, sentiment
):
    assert cost(strength, days, sentiment, True) > cost(strength, days, sentiment, False)


def test_every_cost_is_positive_so_the_path_engine_accepts_it():
    everything = list(itertools.product(STRENGTHS, DAYS, SENTIMENTS, [False, True]))

    assert min(cost(*combination) for combination in everything) == 1.0


@pytest.mark.parametrize("strength", [0, 6, -1, 5.5])
def test_strength_outside_one_to_five_is_refused(strength):
    with pytest.raises(ValueError, match="between 1 and 5"):
        cost(strength)


def test_a_recorded_tie_is_explained_with_strength_and_recency():
    text = explain_link(inferred=False, strength=4, days_since_last=61, last_sentiment="positive")

    assert text == "recorded tie 4/5, last talked 2 months ago"


def test_a_recorded_tie_with_context_and_no_interaction_says_so():
    text = explain_link(inferred=False, strength=3, evidence="co-residents 2019–22")

    assert text == "recorded tie 3/5, co-residents 2019–22, no interaction logged"


def test_a_recorded_tie_that_went_badly_is_flagged():
    text = explain_link(inferred=False, strength=5, days_since_last=3, last_sentiment="negative")

    assert text == "recorded tie 5/5, last talked 3 days ago, last interaction went badly"


def test_an_inferred_tie_is_explained_by_its_evidence_and_never_as_known():
    text = explain_link(inferred=True, evidence="trained together at Mercy Hospital 2016–2019")

    assert text == "trained together at Mercy Hospital 2016–2019 (inferred)"
    assert "recorded" not in text


def test_an_inferred_tie_without_evidence_still_says_inferred():
    assert explain_link(inferred=True, days_since_last=400) == (
        "shared history (inferred), last talked 1 year ago"
    )


def test_a_fractional_strength_is_shown_with_one_decimal():
    assert explain_link(inferred=False, strength=3.5, days_since_last=0) == (
        "recorded tie 3.5/5, last talked today"
    )


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-2, "today"),
        (0, "today"),
        (1, "yesterday"),
        (6, "6 days ago"),
        (7, "1 week ago"),
        (29, "4 weeks ago"),
        (30, "1 month ago"),
        (364, "12 months ago"),
        (365, "1 year ago"),
        (800, "2 years ago"),
    ],
)
def test_time_ago_rounds_down_to_the_largest_unit(days, words):
    assert time_ago(days) == words
