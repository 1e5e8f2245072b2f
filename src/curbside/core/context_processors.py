from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    is_current: bool


# (label, URL name, section); a page is in the section its path starts with, which is the
# item's own URL unless a wider one is given.
MAIN_NAV: tuple[tuple[str, str, str | None], ...] = (
    ("Today", "interactions:dashboard", None),
    ("Contacts", "network:contact_list", None),
    ("Organizations", "network:organization_list", None),
    ("Opportunities", "opportunities:opportunity_board", None),
    ("Job listings", "opportunities:listing_search", None),
    ("Introductions", "intros:reach", "/intros/"),
    ("Follow-ups", "interactions:follow_up_list", None),
    ("Interactions", "interactions:interaction_list", None),
)


def navigation(request: HttpRequest) -> dict[str, list[NavItem]]:
    """The main navigation, with the section of the current page marked."""
    if not request.user.is_authenticated:
        return {"main_nav": []}
    items = []
    for label, name, section in MAIN_NAV:
        url = reverse(name)
        prefix = section or url
        current = request.path == url if url == "/" else request.path.startswith(prefix)
        items.append(NavItem(label, url, current))
    return {"main_nav": items}
