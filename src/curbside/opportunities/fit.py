"""Fit: how well a position suits the physician, as a 0–100 score that explains itself.

The score is the sum of six parts, each with fixed maximum points that add up to 100:

    setting 15 (practice setting 10, position type 5) · place 20 · pay 15 · specialty 20
    · visa 10 · network 20

Criteria parts (setting, place, pay, specialty, visa) compare the position with the
physician's preferences:

- a match earns the full points, a mismatch none, and some criteria give partial credit
  (a place a little beyond the radius, a salary range that only reaches the floor, a
  salary just under it, visa sponsorship whose kind is not said);
- a criterion the physician has no preference on earns the full points ("any specialty"):
  it is never counted against a position;
- a criterion the position does not state earns half the points and says so ("salary not
  given"): unknown is neutral, neither a reason to prefer it nor to drop it.

The network part measures how well-connected the physician is to the organization: how
many contacts are there (up to 8 points), the physician's strongest tie to them (up to 6),
how many other contacts are tied to them (up to 2), and a decision maker within two steps
(4 when the physician is tied to one directly, 2 through someone they are tied to). No
organization to look at is unknown, and neutral; an organization where they know nobody
earns nothing.

Every part carries a one-line reason, so a page can show why a position scored what it
did. `weigh` re-scores the same parts with the physician's weights (0–5 per criterion)
for side-by-side comparisons. Everything here is arithmetic on the frozen inputs: O(1) per
position, no database, no clock.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES, VISA_UNSPECIFIED
from .geo import Point, haversine_miles

SETTING = "setting"
PLACE = "place"
PAY = "pay"
SPECIALTY = "specialty"
VISA = "visa"
NETWORK = "network"

CRITERIA: tuple[str, ...] = (SETTING, PLACE, PAY, SPECIALTY, VISA, NETWORK)
CRITERION_LABELS: dict[str, str] = {
    SETTING: "Setting",
    PLACE: "Place",
    PAY: "Pay",
    SPECIALTY: "Specialty",
    VISA: "Visa",
    NETWORK: "Network",
}
MAX_POINTS: dict[str, int] = {
    SETTING: 15,
    PLACE: 20,
    PAY: 15,
    SPECIALTY: 20,
    VISA: 10,
    NETWORK: 20,
}
# Within the setting part: the practice setting matters more than the position type.
SETTING_SHARE = 10
POSITION_SHARE = 5

DEFAULT_RADIUS_MILES = 50
# A salary within this fraction under the floor still earns a little ("just under").
NEAR_FLOOR = Decimal("0.9")

# Hours, days, weeks and months of full-time work in a year, to compare pay on one scale.
PER_YEAR: dict[str, int] = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}

DEFAULT_WEIGHT = 3
MAX_WEIGHT = 5


@dataclass(frozen=True, slots=True)
class FitPreferences:
    """What the physician wants; empty means no preference on that criterion."""

    specialties: frozenset[str] = frozenset()  # SPECIALTIES values
    practice_settings: frozenset[str] = frozenset()  # PRACTICE_SETTINGS values
    position_types: frozenset[str] = frozenset()  # POSITION_TYPES values
    states: frozenset[str] = frozenset()  # US postal codes
    home: Point | None = None  # the centre of the radius (a ZIP centroid)
    home_label: str = ""  # how the physician gave it: "80202"
    radius_miles: int | None = None  # DEFAULT_RADIUS_MILES when a home is given without one
    salary_floor: int | None = None  # annual
    visa_needed: str = ""  # a VISA_CHOICES value, "" if none is needed


@dataclass(frozen=True, slots=True)
class FitTarget:
    """A position as far as fit is concerned; empty or None means the position does not say."""

    specialty: str = ""
    practice_setting: str = ""
    position_type: str = ""
    state: str = ""  # US postal code
    point: Point | None = None
    is_remote: bool = False
    annual_salary_min: int | None = None
    annual_salary_max: int | None = None
    visa_offered: str | None = None  # detect_visa's values; "" offers none, None does not say


@dataclass(frozen=True, slots=True)
class FitNetwork:
    """The physician's network at the position's organization."""

    organization: str
    n_contacts: int = 0  # contacts affiliated with the organization now
    n_tied: int = 0  # other contacts tied to those
    best_strength: int = 0  # the physician's strongest tie to someone there, 0–5
    decision_maker_steps: int | None = None  # 1: tied directly; 2: through someone; None

    @property
    def has_decision_maker(self) -> bool:
        """A decision maker within two steps."""
        return self.decision_maker_steps is not None


@dataclass(frozen=True, slots=True)
class FitPart:
    name: str  # one of CRITERIA
    points: int
    max_points: int
    reason: str

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self.name]


@dataclass(frozen=True, slots=True)
class Fit:
    score: int  # 0–100, the sum of the parts' points
    parts: tuple[FitPart, ...]

    def part(self, name: str) -> FitPart:
        return next(part for part in self.parts if part.name == name)


def annual_salary(amount: object, unit: str) -> int | None:
    """An amount per hour, day, week, month or year as a yearly figure (full-time); None when
    there is no amount. An unknown unit is read as a year, the way physician pay is quoted.
    `amount` is what a money field holds: a Decimal, or a number."""
    if amount is None:
        return None
    return int(Decimal(str(amount)) * PER_YEAR.get(unit, 1))


def money(amount: int) -> str:
    """250000 → "$250,000"."""
    return f"${amount:,}"


def _points(name: str, fraction: float) -> int:
    return round(MAX_POINTS[name] * min(1.0, max(0.0, fraction)))


def _part(name: str, fraction: float, reason: str) -> FitPart:
    return FitPart(
        name=name, points=_points(name, fraction), max_points=MAX_POINTS[name], reason=reason
    )


def _choice(value: str, wanted: frozenset[str], labels: Mapping[str, str]) -> tuple[float, str]:
    """One vocabulary criterion: (fraction of the points, why)."""
    label = labels.get(value, value)
    if not wanted:
        return 1.0, ""
    if not value:
        return 0.5, "not given"
    if value in wanted:
        return 1.0, f"{label}, as you want"
    return 0.0, f"{label}, not one you want"


def _setting(preferences: FitPreferences, target: FitTarget) -> FitPart:
    setting, setting_why = _choice(
        target.practice_setting, preferences.practice_settings, PRACTICE_SETTINGS
    )
    position, position_why = _choice(
        target.position_type, preferences.position_types, POSITION_TYPES
    )
    fraction = (SETTING_SHARE * setting + POSITION_SHARE * position) / MAX_POINTS[SETTING]
    reasons = []
    if setting_why:
        reasons.append("setting not given" if setting_why == "not given" else setting_why)
    if position_why:
        reasons.append("position type not given" if position_why == "not given" else position_why)
    return _part(SETTING, fraction, "; ".join(reasons) or "any setting or position type suits you")


def _specialty(preferences: FitPreferences, target: FitTarget) -> FitPart:
    fraction, why = _choice(target.specialty, preferences.specialties, SPECIALTIES)
    if not why:
        why = "any specialty suits you"
    elif why == "not given":
        why = "specialty not given"
    return _part(SPECIALTY, fraction, why)


def _place(preferences: FitPreferences, target: FitTarget) -> FitPart:
    home = preferences.home
    if not preferences.states and home is None:
        return _part(PLACE, 1.0, "anywhere suits you")
    if target.is_remote:
        return _part(PLACE, 1.0, "remote")
    # The better of the two regions counts: a state you want, or within your radius.
    outcomes: list[tuple[float, str]] = []
    if preferences.states and target.state:
        if target.state in preferences.states:
            outcomes.append((1.0, f"in {target.state}, one of your states"))
        else:
            outcomes.append((0.0, f"in {target.state}, not one of your states"))
    if home is not None and target.point is not None:
        radius = preferences.radius_miles or DEFAULT_RADIUS_MILES
        miles = haversine_miles(home, target.point)
        where = f"{miles:,.0f} miles from {preferences.home_label or 'home'}"
        if miles <= radius:
            outcomes.append((1.0, f"{where}, within your {radius}"))
        else:
            # Full points at the radius, none at twice the radius.
            outcomes.append(((2 * radius - miles) / radius, f"{where}, beyond your {radius}"))
    if not outcomes:
        return _part(PLACE, 0.5, "location not given")
    fraction, reason = max(outcomes, key=lambda outcome: outcome[0])
    return _part(PLACE, fraction, reason)


def _pay(preferences: FitPreferences, target: FitTarget) -> FitPart:
    floor = preferences.salary_floor
    low, high = target.annual_salary_min, target.annual_salary_max
    if not floor:
        return _part(PAY, 1.0, "no salary floor set")
    if low is None and high is None:
        return _part(PAY, 0.5, "salary not given")
    if low is not None and high is not None and low != high:
        shown = f"{money(low)}–{money(high)} a year"
    else:
        shown = f"{money(low if low is not None else high or 0)} a year"
        if low is None:
            shown = f"up to {shown}"
        elif high is None:
            shown = f"from {shown}"
    floor_text = f"your floor of {money(floor)}"
    best = high if high is not None else low or 0  # one of them is known: checked above
    if low is not None and low >= floor:
        return _part(PAY, 1.0, f"{shown}, at or above {floor_text}")
    if best >= floor:
        return _part(PAY, 2 / 3, f"{shown}: the range reaches {floor_text}")
    if best >= floor * NEAR_FLOOR:
        return _part(PAY, 1 / 3, f"{shown}, just under {floor_text}")
    return _part(PAY, 0.0, f"{shown}, under {floor_text}")


def _visa_kinds(text: str) -> set[str]:
    return {kind.strip() for kind in text.split(",") if kind.strip()}


def _visa(preferences: FitPreferences, target: FitTarget) -> FitPart:
    needed = _visa_kinds(preferences.visa_needed)
    offered_text = target.visa_offered
    if not needed:
        return _part(VISA, 1.0, "no visa needed")
    if offered_text is None:
        return _part(VISA, 0.5, "visa sponsorship not mentioned")
    offered = _visa_kinds(offered_text)
    if not offered:
        return _part(VISA, 0.0, "no visa sponsorship")
    specific = offered - {VISA_UNSPECIFIED}
    if VISA_UNSPECIFIED in needed or needed & specific:
        kinds = ", ".join(sorted(specific & needed)) or ", ".join(sorted(specific))
        return _part(VISA, 1.0, f"sponsors {kinds}" if kinds else "sponsors visas")
    if not specific:
        return _part(VISA, 2 / 3, "sponsors visas, kind not said")
    wanted = " or ".join(sorted(needed))
    return _part(VISA, 0.0, f"sponsors {', '.join(sorted(specific))}, not {wanted}")


def _network(network: FitNetwork | None) -> FitPart:
    if network is None:
        return _part(NETWORK, 0.5, "organization not given")
    if network.n_contacts == 0:
        return _part(NETWORK, 0.0, f"nobody you know at {network.organization} yet")
    points = {1: 4, 2: 6}.get(network.n_contacts, 8)
    points += round(6 * min(network.best_strength, 5) / 5)
    points += 0 if network.n_tied == 0 else 1 if network.n_tied < 3 else 2
    points += {1: 4, 2: 2}.get(network.decision_maker_steps or 0, 0)
    people = "contact" if network.n_contacts == 1 else "contacts"
    reason = f"{network.n_contacts} {people} at {network.organization}"
    if network.best_strength:
        reason += f", strongest {network.best_strength}/5"
    else:
        reason += ", no tie strength recorded"
    if network.n_tied:
        others = "person knows" if network.n_tied == 1 else "people know"
        reason += f"; {network.n_tied} more {others} them"
    if network.decision_maker_steps == 1:
        reason += "; you know a decision maker there"
    elif network.decision_maker_steps == 2:
        reason += "; a decision maker 2 steps away"
    else:
        reason += "; no decision maker within two steps"
    return FitPart(
        name=NETWORK,
        points=min(points, MAX_POINTS[NETWORK]),
        max_points=MAX_POINTS[NETWORK],
        reason=reason,
    )


def fit(preferences: FitPreferences, target: FitTarget, network: FitNetwork | None) -> Fit:
    """The fit of one position; `network` is None when the position names no organization."""
    parts = (
        _setting(preferences, target),
        _place(preferences, target),
        _pay(preferences, target),
        _specialty(preferences, target),
        _visa(preferences, target),
        _network(network),
    )
    return Fit(score=sum(part.points for part in parts), parts=parts)


# Comparison


@dataclass(frozen=True, slots=True)
class WeightedPart:
    part: FitPart
    weight: int  # 0–5

    @property
    def share(self) -> float:
        """The part's points as a fraction of its maximum."""
        return self.part.points / self.part.max_points if self.part.max_points else 0.0


@dataclass(frozen=True, slots=True)
class WeightedFit:
    fit: Fit
    total: int | None  # 0–100; None when every weight is 0
    parts: tuple[WeightedPart, ...]


def comparison_weights(raw: Mapping[str, object]) -> dict[str, int]:
    """A weight 0–5 for every criterion from what was stored or posted: a missing or
    unreadable weight is the default, an out-of-range one is clamped."""
    weights = {}
    for name in CRITERIA:
        value = raw.get(name, DEFAULT_WEIGHT)
        try:
            number = int(str(value))
        except ValueError:
            number = DEFAULT_WEIGHT
        weights[name] = min(MAX_WEIGHT, max(0, number))
    return weights


def weigh(fit: Fit, weights: Mapping[str, int]) -> WeightedFit:
    """Re-score a fit with the physician's weights: each criterion's share of its points,
    weighted, as a percentage of what the weights allow."""
    parts = tuple(WeightedPart(part=part, weight=weights.get(part.name, 0)) for part in fit.parts)
    total_weight = sum(part.weight for part in parts)
    if total_weight == 0:
        return WeightedFit(fit=fit, total=None, parts=parts)
    earned = sum(part.weight * part.share for part in parts)
    return WeightedFit(fit=fit, total=round(100 * earned / total_weight), parts=parts)


def leaders(weighted: Sequence[WeightedFit]) -> frozenset[int]:
    """Positions (indexes) with the highest weighted total; none when no total is known."""
    totals = [item.total for item in weighted if item.total is not None]
    if not totals:
        return frozenset()
    best = max(totals)
    return frozenset(index for index, item in enumerate(weighted) if item.total == best)
