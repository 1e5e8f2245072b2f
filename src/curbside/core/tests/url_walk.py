"""Every URL pattern of the site, found by walking the URL resolver.

Tests that must hold for every page (CSRF on every form, cross-user isolation on every
object URL) enumerate URLs with `site_routes()` instead of a hand-kept list, so a URL added
tomorrow is checked by tests written today.
"""

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
# Path parameters that name a row even without an int/uuid converter: django-ninja turns
# "/contacts/{contact_id}" into the route "contacts/<contact_id>" (a str converter).
ID_NAME = re.compile(r"^(pk|id|uuid)$|_(pk|id|uuid)$")
SAMPLE_BY_CONVERTER = {"str": "sample", "slug": "sample", "path": "sample/path"}


@dataclass(frozen=True)
class Route:
    """One URL pattern: its namespaced name, its full route and its parameters."""

    name: str  # "accounts:token_revoke"; "" for an unnamed pattern
    route: str  # "accounts/tokens/<int:pk>/revoke/"
    converters: dict[str, Any] = field(default_factory=dict)
    is_regex: bool = False  # a re_path() somewhere on the way: no converters to read

    @property
    def object_parameters(self) -> list[str]:
        """The parameters that identify a row (and so must be checked for another owner)."""
        return [
            name
            for name, converter in self.converters.items()
            if isinstance(converter, IntConverter | UUIDConverter) or ID_NAME.search(name)
        ]

    @property
    def has_object_id(self) -> bool:
        return bool(self.object_parameters)

    def path(self, *, object_id: int = 1) -> str:
        """A concrete URL path for this route, with sample values for its parameters."""
        if self.is_regex:
            raise ValueError(f"{self.route!r} is a regular expression; give it a path() route.")

        def sample(match: re.Match[str]) -> str:
            converter = self.converters[match["name"]]
            if isinstance(converter, IntConverter):
                return str(object_id)
            if isinstance(converter, UUIDConverter):
                return str(uuid.UUID(int=object_id))
            kind = match["converter"] or "str"
            if kind not in SAMPLE_BY_CONVERTER:
                raise ValueError(f"No sample value for the <{kind}:…> converter of {self.route!r}")
            return SAMPLE_BY_CONVERTER[kind]

        return "/" + PARAMETER.sub(sample, self.route)


def walk(
    patterns: Iterable[URLPattern | URLResolver],
    *,
    prefix: str = "",
    namespace: str = "",
    converters: dict[str, Any] | None = None,
    is_regex: bool = False,
) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        regex = is_regex or not isinstance(pattern.pattern, RoutePattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(
                pattern.url_patterns,
                prefix=route,
                namespace=inner,
                converters=found,
                is_regex=regex,
            )
        else:
            name = ""
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, route=route, converters=found, is_regex=regex)


def site_routes() -> list[Route]:
    """Every URL pattern of the site (ROOT_URLCONF), in resolver order."""
    return list(walk(get_resolver().url_patterns))
