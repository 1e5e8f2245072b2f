"""Formatting filters shared by every template. They only format: no queries, no rules."""

from datetime import date

from django import template
from django.utils import timezone

from curbside.network.contactinfo import format_phone

register = template.Library()


@register.filter
def strength_dots(value: int | None) -> str:
    """3 → ●●●○○ (a tie's strength out of five)."""
    level = max(0, min(5, int(value or 0)))
    return "●" * level + "○" * (5 - level)


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.filter
def relative_day(value: date | None) -> str:
    """A date relative to today: "today", "yesterday", "3 days ago", "in 2 days"."""
    if value is None:
        return "never"
    days = (value - timezone.localdate()).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if days < 0:
        span = -days
        if span < 60:
            return f"{span} days ago"
        if span < 730:
            return f"{span // 30} months ago"
        return f"{span // 365} years ago"
    if days < 60:
        return f"in {days} days"
    return f"in {days // 30} months"
