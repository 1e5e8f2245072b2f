"""Every URL that takes an object id has a cross-user test (STYLE.md §7).

The convention: an app whose URLs take an object id (`<int:pk>`, `<uuid:…>`, or an API
path parameter such as `<int:contact_id>` or `<contact_id>`) has `tests/test_isolation.py`
declaring the namespaced names of those URLs, and parametrizes its cross-user tests over them:

    CROSS_USER_URL_NAMES = ["network:contact_detail", "network:contact_edit"]

    @pytest.mark.parametrize("name", CROSS_USER_URL_NAMES)
    def test_another_users_contact_is_not_found(client, alice, bob, name):
        ...  # bob gets 404 for alice's object, and the object is unchanged

The API (`curbside.api`) follows the same convention with django-ninja's URL names, whose
namespace is the NinjaAPI's urls_namespace (`"api:contact_detail"`); each operation on
a path (get, update, delete) is its own URL name.

The tests below gather CROSS_USER_URL_NAMES from `curbside.<app>.tests.test_isolation` of
every installed Curbside app, and fail when a URL with an object id is declared nowhere, when
a declared name is no longer a URL of the site, or when a declared name is in no test's
parametrize list (a declaration without a test proves nothing).
"""

import inspect
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from .url_walk import Route, site_routes, walk

ISOLATION_MODULE = "tests.test_isolation"
# The Django admin is the instance administrator's tool over every row: no owner applies.
NOT_OWNED_PREFIXES = ("admin/",)


def isolation_modules() -> dict[str, ModuleType]:
    """The tests.test_isolation module of each installed Curbside app that has one."""
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("curbside."):
            continue
        module_name = f"{config.name}.{ISOLATION_MODULE}"
        try:
            found[module_name] = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is None or not module_name.startswith(error.name):
                raise  # the module exists but imports something missing
    return found


def declared_names() -> dict[str, str]:
    """URL name → the module that declares a cross-user test for it."""
    return {
        name: module_name
        for module_name, module in isolation_modules().items()
        for name in getattr(module, "CROSS_USER_URL_NAMES", [])
    }


def _flatten(value: Any) -> Iterator[Any]:
    if isinstance(value, str):
        yield value
    elif hasattr(value, "values") and not isinstance(value, dict):  # pytest.param(...)
        for item in value.values:
            yield from _flatten(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _flatten(item)


def parametrized_values(module: ModuleType) -> set[str]:
    """Every string a test function (or Test class method) in `module` is parametrized with."""
    functions = []
    for name, member in vars(module).items():
        if name.startswith("test") and callable(member):
            functions.append(member)
        elif name.startswith("Test") and inspect.isclass(member):
            functions += [m for n, m in vars(member).items() if n.startswith("test")]
    values: set[str] = set()
    for function in functions:
        for mark in getattr(function, "pytestmark", []):
            if mark.name != "parametrize":
                continue
            argvalues = mark.args[1] if len(mark.args) > 1 else mark.kwargs.get("argvalues", [])
            values.update(v for v in _flatten(list(argvalues)) if isinstance(v, str))
    return values


def object_routes() -> list[Route]:
    return [
        route
        for route in site_routes()
        if route.has_object_id and not route.route.startswith(NOT_OWNED_PREFIXES)
    ]


def test_every_url_with_an_object_id_has_a_cross_user_test():
    declared = declared_names()
    routes = object_routes()
    unnamed = [route.route for route in routes if not route.name]
    missing = sorted(
        f"{route.name}  ({route.route})"
        for route in routes
        if route.name and route.name not in declared
    )
    assert not unnamed, f"Name these URL patterns so a cross-user test can list them: {unnamed}"
    assert not missing, (
        "These URLs take an object id but no cross-user test covers them. Add the names to "
        "CROSS_USER_URL_NAMES in the app's tests/test_isolation.py and test that another "
        "user's object is 404:\n  " + "\n  ".join(missing)
    )


def test_every_declared_name_is_a_url_of_the_site():
    names = {route.name for route in site_routes()}
    stale = {name: module for name, module in declared_names().items() if name not in names}
    assert not stale, f"CROSS_USER_URL_NAMES lists URLs the site no longer has: {stale}"


def test_every_declared_name_is_exercised_by_a_parametrized_test():
    untested = {}
    for module_name, module in isolation_modules().items():
        names = set(getattr(module, "CROSS_USER_URL_NAMES", []))
        if leftover := names - parametrized_values(module):
            untested[module_name] = sorted(leftover)
    assert not untested, f"Declared but parametrized into no test: {untested}"


def test_accounts_declares_its_token_revoke_url():
    # The gathering itself works: the accounts app's declaration is found.
    assert declared_names()["accounts:token_revoke"] == "curbside.accounts.tests.test_isolation"


def _view(request: object) -> HttpResponse:
    return HttpResponse()


def test_the_walk_finds_object_ids_in_pages_includes_and_api_routes():
    api_patterns = [
        path("contacts", _view, name="contact_list"),
        path("contacts/<int:contact_id>", _view, name="contact_get"),
        path("ties/<tie_id>", _view, name="tie_get"),
        path("events/<uuidstr:event_uuid>", _view, name="event_get"),
    ]
    patterns: list[URLPattern | URLResolver] = [
        path("things/<int:pk>/edit/", _view, name="thing_edit"),
        path("files/<uuid:key>/", _view, name="file_get"),
        path("reset/<uidb64>/<token>/", _view, name="reset"),
        path("app/", include(([path("<slug:slug>/", _view, name="by_slug")], "app"))),
        path("api/v1/", include((api_patterns, "ninja"), namespace="api-1.0.0")),
    ]
    routes = {route.name: route for route in walk(patterns)}

    assert routes["thing_edit"].object_parameters == ["pk"]
    assert routes["file_get"].object_parameters == ["key"]
    assert routes["api-1.0.0:contact_get"].route == "api/v1/contacts/<int:contact_id>"
    assert routes["api-1.0.0:contact_get"].object_parameters == ["contact_id"]
    assert routes["api-1.0.0:tie_get"].object_parameters == ["tie_id"]
    assert routes["api-1.0.0:event_get"].object_parameters == ["event_uuid"]
    assert not routes["api-1.0.0:contact_list"].has_object_id
    assert not routes["reset"].has_object_id
    assert not routes["app:by_slug"].has_object_id
    assert routes["thing_edit"].path(object_id=7) == "/things/7/edit/"


def test_a_test_module_without_parametrized_names_declares_nothing_tested():
    module = ModuleType("fake_isolation")
    module.CROSS_USER_URL_NAMES = ["network:contact_detail"]  # type: ignore[attr-defined]  # a stand-in module

    def test_something():
        pass

    module.test_something = test_something  # type: ignore[attr-defined]  # a stand-in module
    assert parametrized_values(module) == set()
