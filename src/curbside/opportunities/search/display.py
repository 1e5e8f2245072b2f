"""How a listing's pay and distance read on a page."""

from decimal import Decimal

_UNITS = {"year": "a year", "month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}


def _money(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def salary_text(minimum: Decimal | None, maximum: Decimal | None, unit: str) -> str:
    """ "$250,000–$300,000 a year", "from $150 an hour", "up to $90,000 a year", or ""."""
    per = f" {_UNITS[unit]}" if unit in _UNITS else ""
    if minimum is not None and maximum is not None and minimum != maximum:
        return f"{_money(minimum)}–{_money(maximum)}{per}"
    if minimum is not None:
        return f"{'' if maximum is not None else 'from '}{_money(minimum)}{per}"
    if maximum is not None:
        return f"up to {_money(maximum)}{per}"
    return ""


def miles_text(miles: float | None) -> str:
    """ "0.4 mi", "12 mi"; "" when there is no distance."""
    if miles is None:
        return ""
    return f"{miles:.1f} mi" if miles < 10 else f"{miles:,.0f} mi"
