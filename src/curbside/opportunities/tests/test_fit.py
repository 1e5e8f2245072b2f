"""The fit score: pure arithmetic on preferences, a position and the network there."""

from decimal import Decimal

import pytest

from curbside.opportunities import fit
from curbside.opportunities.fit import (
    Fit,
    FitNetwork,
    FitPart,
    FitPreferences,
    FitTarget,
    WeightedFit,
)

DENVER = (39.7491, -104.9946)  # 80202
BOULDER = (40.0150, -105.2705)  # ~23 miles from Denver
COLORADO_SPRINGS = (38.8339, -104.8214)  # ~64 miles from Denver
CHICAGO = (41.8781, -87.6298)

NO_PREFERENCES = FitPreferences()
WANTS = FitPreferences(
    specialties=frozenset({"cardiology"}),
    practice_settings=frozenset({"academic"}),
    position_types=frozenset({"full_time"}),
    states=frozenset({"CO"}),
    home=DENVER,
    home_label="80202",
    radius_miles=50,
    salary_floor=400_000,
    visa_needed="J-1 waiver",
)
PERFECT = FitTarget(
    specialty="cardiology",
    practice_setting="academic",
    position_type="full_time",
    state="CO",
    point=BOULDER,
    annual_salary_min=450_000,
    annual_salary_max=500_000,
    visa_offered="J-1 waiver",
)
WELL_CONNECTED = FitNetwork(
    organization="Denver Health",
    n_contacts=3,
    n_tied=4,
    best_strength=5,
    decision_maker_steps=1,
)


def part(name: str, preferences=WANTS, target=PERFECT, network=WELL_CONNECTED) -> FitPart:
    return fit.fit(preferences, target, network).part(name)


def with_target(**changes) -> FitTarget:
    fields = {name: getattr(PERFECT, name) for name in FitTarget.__slots__}
    return FitTarget(**{**fields, **changes})


def with_preferences(**changes) -> FitPreferences:
    fields = {name: getattr(WANTS, name) for name in FitPreferences.__slots__}
    return FitPreferences(**{**fields, **changes})


# The whole score


def test_the_maximum_points_add_up_to_one_hundred():
    assert sum(fit.MAX_POINTS.values()) == 100
    assert fit.MAX_POINTS[fit.SETTING] == fit.SETTING_SHARE + fit.POSITION_SHARE


def test_a_position_matching_everything_among_friends_scores_one_hundred():
    result = fit.fit(WANTS, PERFECT, WELL_CONNECTED)
    assert result.score == 100
    assert [p.name for p in result.parts] == list(fit.CRITERIA)
    assert all(p.points == p.max_points for p in result.parts)


def test_the_score_is_the_sum_of_the_parts_and_each_part_stays_within_its_maximum():
    target = with_target(specialty="radiology", point=COLORADO_SPRINGS, state="")
    network = FitNetwork(organization="UCHealth", n_contacts=1, best_strength=2)
    result = fit.fit(WANTS, target, network)
    assert result.score == sum(p.points for p in result.parts)
    assert all(0 <= p.points <= p.max_points for p in result.parts)
    assert 0 < result.score < 100


def test_without_preferences_no_criterion_counts_against_a_position():
    result = fit.fit(NO_PREFERENCES, FitTarget(), FitNetwork(organization="Anywhere"))
    criteria = [p for p in result.parts if p.name != fit.NETWORK]
    assert all(p.points == p.max_points for p in criteria)
    assert result.score == 80  # everything but the network, where they know nobody
    assert {p.reason for p in criteria} == {
        "any setting or position type suits you",
        "anywhere suits you",
        "no salary floor set",
        "any specialty suits you",
        "no visa needed",
    }


def test_a_position_that_states_nothing_scores_half_on_every_criterion_and_says_so():
    result = fit.fit(WANTS, FitTarget(), None)
    assert [(p.name, p.points) for p in result.parts] == [
        ("setting", 8),  # half of 15, rounded
        ("place", 10),
        ("pay", 8),
        ("specialty", 10),
        ("visa", 5),
        ("network", 10),
    ]
    reasons = [p.reason for p in result.parts]
    assert reasons == [
        "setting not given; position type not given",
        "location not given",
        "salary not given",
        "specialty not given",
        "visa sponsorship not mentioned",
        "organization not given",
    ]


def test_a_fit_is_frozen():
    result = fit.fit(WANTS, PERFECT, WELL_CONNECTED)
    with pytest.raises(AttributeError):
        result.score = 3  # type: ignore[misc]


# Specialty


def test_a_wanted_specialty_earns_the_specialty_points():
    assert part("specialty") == FitPart("specialty", 20, 20, "Cardiology, as you want")


def test_another_specialty_earns_nothing_and_is_named():
    result = part("specialty", target=with_target(specialty="radiology"))
    assert (result.points, result.reason) == (0, "Radiology, not one you want")


def test_any_of_several_wanted_specialties_is_a_match():
    preferences = with_preferences(specialties=frozenset({"cardiology", "internal_medicine"}))
    result = part("specialty", preferences, with_target(specialty="internal_medicine"))
    assert result.points == 20


# Setting and position type


def test_the_practice_setting_weighs_more_than_the_position_type():
    wrong_setting = part("setting", target=with_target(practice_setting="private_practice"))
    wrong_type = part("setting", target=with_target(position_type="part_time"))
    assert wrong_setting.points == 5
    assert wrong_type.points == 10
    assert wrong_setting.reason == "Private practice, not one you want; Full-time, as you want"


def test_an_unknown_position_type_is_neutral_while_the_setting_matches():
    result = part("setting", target=with_target(position_type=""))
    assert result.points == 12  # 10 + half of 5, rounded
    assert result.reason == "Academic / research, as you want; position type not given"


def test_a_preference_on_the_setting_alone_ignores_the_position_type():
    preferences = with_preferences(position_types=frozenset())
    result = part("setting", preferences, with_target(position_type="locums"))
    assert result.points == 15
    assert result.reason == "Academic / research, as you want"


# Place


def test_a_place_within_the_radius_earns_the_place_points_even_out_of_the_wanted_states():
    preferences = with_preferences(states=frozenset({"WY"}))
    result = part("place", preferences, with_target(state="CO", point=BOULDER))
    assert result.points == 20
    assert result.reason == "23 miles from 80202, within your 50"


def test_a_wanted_state_earns_the_place_points_even_far_from_home():
    result = part("place", target=with_target(state="CO", point=(37.2753, -107.8801)))
    assert result.points == 20
    assert result.reason == "in CO, one of your states"


def test_a_place_a_little_beyond_the_radius_earns_part_of_the_points():
    preferences = with_preferences(states=frozenset())
    result = part("place", preferences, with_target(point=COLORADO_SPRINGS))
    assert 0 < result.points < 20
    assert result.reason == "64 miles from 80202, beyond your 50"


def test_twice_the_radius_away_earns_nothing():
    preferences = with_preferences(states=frozenset())
    result = part("place", preferences, with_target(state="IL", point=CHICAGO))
    assert result.points == 0
    assert result.reason.endswith("miles from 80202, beyond your 50")


def test_a_state_you_do_not_want_earns_nothing():
    preferences = with_preferences(home=None)
    result = part("place", preferences, with_target(state="TX"))
    assert (result.points, result.reason) == (0, "in TX, not one of your states")


def test_a_home_without_a_radius_uses_the_default_radius():
    preferences = with_preferences(states=frozenset(), radius_miles=None)
    result = part("place", preferences, with_target(point=COLORADO_SPRINGS))
    assert result.reason == f"64 miles from 80202, beyond your {fit.DEFAULT_RADIUS_MILES}"


def test_a_remote_position_is_anywhere_you_want():
    result = part("place", target=with_target(state="", point=None, is_remote=True))
    assert (result.points, result.reason) == (20, "remote")


def test_a_position_without_coordinates_is_judged_on_its_state():
    result = part("place", target=with_target(point=None, state="NM"))
    assert result.reason == "in NM, not one of your states"


# Pay


@pytest.mark.parametrize(
    ("low", "high", "points", "reason"),
    [
        (450_000, 500_000, 15, "$450,000–$500,000 a year, at or above your floor of $400,000"),
        (400_000, 400_000, 15, "$400,000 a year, at or above your floor of $400,000"),
        (
            350_000,
            450_000,
            10,
            "$350,000–$450,000 a year: the range reaches your floor of $400,000",
        ),
        (None, 420_000, 10, "up to $420,000 a year: the range reaches your floor of $400,000"),
        (380_000, None, 5, "from $380,000 a year, just under your floor of $400,000"),
        (300_000, 350_000, 0, "$300,000–$350,000 a year, under your floor of $400,000"),
        (None, None, 8, "salary not given"),
    ],
)
def test_pay_is_compared_with_the_salary_floor(low, high, points, reason):
    result = part("pay", target=with_target(annual_salary_min=low, annual_salary_max=high))
    assert (result.points, result.reason) == (points, reason)


def test_without_a_salary_floor_any_pay_suits():
    preferences = with_preferences(salary_floor=None)
    result = part("pay", preferences, with_target(annual_salary_min=1, annual_salary_max=2))
    assert (result.points, result.reason) == (15, "no salary floor set")


@pytest.mark.parametrize(
    ("amount", "unit", "annual"),
    [
        (Decimal("150.00"), "hour", 312_000),
        (Decimal(2000), "day", 520_000),
        (Decimal(8000), "week", 416_000),
        (Decimal(30000), "month", 360_000),
        (Decimal(300000), "year", 300_000),
        (Decimal(300000), "", 300_000),
        (None, "hour", None),
    ],
)
def test_pay_is_annualised_for_full_time_work(amount, unit, annual):
    assert fit.annual_salary(amount, unit) == annual


# Visa


@pytest.mark.parametrize(
    ("needed", "offered", "points", "reason"),
    [
        ("", "", 10, "no visa needed"),
        ("J-1 waiver", "J-1 waiver", 10, "sponsors J-1 waiver"),
        ("J-1 waiver", "J-1 waiver, H-1B", 10, "sponsors J-1 waiver"),
        ("J-1 waiver, H-1B", "H-1B", 10, "sponsors H-1B"),
        ("Visa sponsorship", "H-1B", 10, "sponsors H-1B"),
        ("Visa sponsorship", "Visa sponsorship", 10, "sponsors visas"),
        ("J-1 waiver", "Visa sponsorship", 7, "sponsors visas, kind not said"),
        ("J-1 waiver", "H-1B", 0, "sponsors H-1B, not J-1 waiver"),
        ("H-1B", "", 0, "no visa sponsorship"),
        ("H-1B", None, 5, "visa sponsorship not mentioned"),
    ],
)
def test_visa_sponsorship_is_matched_with_the_visa_needed(needed, offered, points, reason):
    result = part("visa", with_preferences(visa_needed=needed), with_target(visa_offered=offered))
    assert (result.points, result.reason) == (points, reason)


# Network


def test_the_network_part_explains_who_you_know_there():
    network = FitNetwork(
        organization="Denver Health",
        n_contacts=3,
        n_tied=0,
        best_strength=5,
        decision_maker_steps=2,
    )
    result = part("network", network=network)
    assert (
        result.reason == "3 contacts at Denver Health, strongest 5/5; a decision maker 2 steps away"
    )
    assert result.points == 8 + 6 + 0 + 2


def test_knowing_nobody_at_the_organization_earns_no_network_points():
    result = part("network", network=FitNetwork(organization="Kaiser"))
    assert (result.points, result.reason) == (0, "nobody you know at Kaiser yet")


def test_one_weak_contact_earns_a_little_and_says_what_is_missing():
    network = FitNetwork(organization="Kaiser", n_contacts=1, n_tied=1, best_strength=1)
    result = part("network", network=network)
    assert result.points == 4 + 1 + 1
    assert result.reason == (
        "1 contact at Kaiser, strongest 1/5; 1 more person knows them; "
        "no decision maker within two steps"
    )


def test_contacts_without_a_recorded_strength_still_count():
    network = FitNetwork(organization="Kaiser", n_contacts=2, n_tied=5)
    result = part("network", network=network)
    assert result.points == 6 + 0 + 2
    assert "no tie strength recorded; 5 more people know them" in result.reason


@pytest.mark.parametrize(
    ("steps", "points"),
    [(1, 4), (2, 2), (None, 0)],
)
def test_a_decision_maker_counts_more_the_closer_they_are(steps, points):
    base = FitNetwork(organization="X", n_contacts=1, best_strength=5)
    network = FitNetwork(
        organization="X", n_contacts=1, best_strength=5, decision_maker_steps=steps
    )
    assert part("network", network=network).points - part("network", network=base).points == points
    assert network.has_decision_maker is (steps is not None)


def test_more_contacts_and_stronger_ties_never_lower_the_network_points():
    previous = -1
    for n_contacts, strength, n_tied, steps in [
        (0, 0, 0, None),
        (1, 0, 0, None),
        (1, 3, 0, None),
        (2, 3, 1, None),
        (3, 4, 3, 2),
        (9, 5, 40, 1),
    ]:
        network = FitNetwork("X", n_contacts, n_tied, strength, steps)
        points = part("network", network=network).points
        assert points >= previous
        previous = points
    assert previous == 20


# Comparison weights


def test_missing_or_unreadable_weights_are_the_default_and_the_rest_are_clamped():
    weights = fit.comparison_weights({"pay": 9, "place": -2, "visa": "x", "network": "4", "?": 1})
    assert weights == {
        "setting": 3,
        "place": 0,
        "pay": 5,
        "specialty": 3,
        "visa": 3,
        "network": 4,
    }


def make_fit(**points: int) -> Fit:
    return Fit(
        score=sum(points.values()),
        parts=tuple(
            FitPart(name, points.get(name, 0), fit.MAX_POINTS[name], "") for name in fit.CRITERIA
        ),
    )


def test_equal_weights_give_the_average_share_of_each_criterion():
    full = make_fit(**fit.MAX_POINTS)
    assert fit.weigh(full, fit.comparison_weights({})).total == 100
    half_pay_only = make_fit(pay=15)
    # one criterion of six at full share
    assert fit.weigh(half_pay_only, fit.comparison_weights({})).total == 17


def test_only_weighted_criteria_count_toward_the_total():
    rich_far = make_fit(pay=15, place=0)
    weights = dict.fromkeys(fit.CRITERIA, 0) | {"pay": 5}
    assert fit.weigh(rich_far, weights).total == 100
    weights = dict.fromkeys(fit.CRITERIA, 0) | {"place": 5}
    assert fit.weigh(rich_far, weights).total == 0


def test_weights_change_which_position_leads():
    rich_far = make_fit(pay=15, place=4, network=4)
    close_to_friends = make_fit(pay=5, place=20, network=20)
    money_first = dict.fromkeys(fit.CRITERIA, 0) | {"pay": 5, "place": 1, "network": 1}
    people_first = dict.fromkeys(fit.CRITERIA, 0) | {"pay": 1, "place": 3, "network": 5}
    by_money = [fit.weigh(f, money_first) for f in (rich_far, close_to_friends)]
    by_people = [fit.weigh(f, people_first) for f in (rich_far, close_to_friends)]
    assert fit.leaders(by_money) == {0}
    assert fit.leaders(by_people) == {1}


def test_the_weighted_parts_keep_each_part_with_its_weight_and_share():
    result = fit.weigh(make_fit(setting=15, place=10), fit.comparison_weights({"place": 5}))
    place = next(p for p in result.parts if p.part.name == "place")
    assert (place.weight, place.share) == (5, 0.5)


def test_all_weights_at_zero_give_no_total_and_no_leader():
    weights = dict.fromkeys(fit.CRITERIA, 0)
    weighted = fit.weigh(make_fit(pay=15), weights)
    assert weighted == WeightedFit(fit=weighted.fit, total=None, parts=weighted.parts)
    assert fit.leaders([weighted]) == frozenset()


def test_tied_totals_lead_together():
    same = make_fit(pay=15)
    weighted = [fit.weigh(same, fit.comparison_weights({})) for _ in range(3)]
    assert fit.leaders(weighted) == {0, 1, 2}
