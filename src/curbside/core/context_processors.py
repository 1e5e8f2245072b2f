from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    is_current: bool


# (label, URL name); a page is in the section whose URL its path starts with.
MAIN_NAV = (
    ("Today", "interactions:dashboard"),
    ("Contacts", "network:contact_list"),
    ("Organizations", "network:organization_list"),
    ("Follow-ups", "interactions:follow_up_list"),
    ("Interactions", "interactions:interaction_list"),
)


def navigation(request: HttpRequest) -> dict[str, list[NavItem]]:
    """The main navigation, with the section of the current page marked."""
    if not request.user.is_authenticated:
        return {"main_nav": []}
    items = []
    for label, name in MAIN_NAV:
        url = reverse(name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label, url, current))
    return {"main_nav": items}
