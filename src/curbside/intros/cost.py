"""What a link in an introduction chain costs, and how to say why in words.

This is the one place an edge's cost comes from; the path engine (`intros.paths`) only
adds costs up. A cost is a product of independent factors, each at least 1, so every rule
is monotonic on its own and the cheapest possible link (a recorded 5/5 tie, in touch
lately, last interaction not negative) costs exactly 1:

    cost = strength factor x recency factor x sentiment factor x inferred factor

- Strength (1–5): 1.5 ** (5 - strength), so 5 → 1, 4 → 1.5, 3 → 2.25, 2 → 3.375,
  1 → 5.0625. A weak tie is about five strong ones: a longer chain of close friends beats
  a short one through acquaintances.
- Recency: no penalty within FRESH_DAYS (half a year); then +0.2 per year, at most
  MAX_STALE_FACTOR (reached after five years). With no interaction logged at all the
  factor is NEVER_LOGGED_FACTOR, like a tie left alone for about two and a half years.
- Sentiment: a tie whose last interaction went badly costs NEGATIVE_FACTOR (3x): don't
  burn bridges, and don't ask a favour of someone it went badly with. "positive" and
  "neutral" cost the same.
- Inferred ties (shared history, not recorded by the user) cost INFERRED_FACTOR (2x)
  more than a recorded tie with the same strength, recency and sentiment, and are never
  presented as known.
"""

from __future__ import annotations

FRESH_DAYS = 182
STALE_FACTOR_PER_YEAR = 0.2
MAX_STALE_FACTOR = 2.0
NEVER_LOGGED_FACTOR = 1.5
NEGATIVE_FACTOR = 3.0
INFERRED_FACTOR = 2.0
STRENGTH_BASE = 1.5
NEGATIVE = "negative"

__all__ = ["edge_cost", "explain_link", "time_ago"]


def edge_cost(
    *,
    strength: float,
    days_since_last: int | None,
    last_sentiment: str | None,
    inferred: bool,
) -> float:
    """The cost of one link: lower for strong, recent, good, recorded ties."""
    if not 1 <= strength <= 5:
        raise ValueError(f"strength must be between 1 and 5, not {strength}.")
    cost = float(STRENGTH_BASE ** (5 - strength))
    cost *= _recency_factor(days_since_last)
    if last_sentiment == NEGATIVE:
        cost *= NEGATIVE_FACTOR
    if inferred:
        cost *= INFERRED_FACTOR
    return cost


def _recency_factor(days_since_last: int | None) -> float:
    if days_since_last is None:
        return NEVER_LOGGED_FACTOR
    stale_years = max(days_since_last - FRESH_DAYS, 0) / 365
    return min(1 + STALE_FACTOR_PER_YEAR * stale_years, MAX_STALE_FACTOR)


def explain_link(
    *,
    inferred: bool,
    strength: float | None = None,
    days_since_last: int | None = None,
    last_sentiment: str | None = None,
    evidence: str = "",
) -> str:
    """Why a link is strong or weak, for the chain shown to the user.

    "recorded tie 4/5, last talked 2 months ago" or
    "trained together at Mercy Hospital 2016–2019 (inferred)".
    """
    parts: list[str] = []
    if inferred:
        parts.append(f"{evidence or 'shared history'} (inferred)")
    else:
        parts.append("recorded tie" if strength is None else f"recorded tie {_score(strength)}/5")
        if evidence:
            parts.append(evidence)
    if days_since_last is not None:
        parts.append(f"last talked {time_ago(days_since_last)}")
    elif not inferred:
        parts.append("no interaction logged")
    if last_sentiment == NEGATIVE:
        parts.append("last interaction went badly")
    return ", ".join(parts)


def time_ago(days: int) -> str:
    """A day count in words: "today", "yesterday", "3 weeks ago", "2 years ago"."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    for size, unit in ((365, "year"), (30, "month"), (7, "week")):
        if days >= size:
            count = days // size
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return f"{days} days ago"


def _score(strength: float) -> str:
    return str(int(strength)) if float(strength).is_integer() else f"{strength:.1f}"
