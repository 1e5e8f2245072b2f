"""Fixtures shared by every test: two physicians, each with a private workspace."""

import os

import pytest

from curbside.accounts.models import User
from curbside.accounts.services import user_create


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def alice(db) -> User:
    """The owner in most tests; the instance's first account."""
    return user_create(
        email="alice@example.org", password="correct horse battery", name="Alice Adams"
    )


@pytest.fixture
def bob(db, alice) -> User:
    """Another physician on the same instance, with data of his own."""
    from curbside.network.tests.factories import ContactFactory

    user = user_create(email="bob@example.org", password="correct horse battery", name="Bob Brown")
    ContactFactory.create_batch(2, owner=user)
    return user


def pytest_report_header(config) -> str:
    return f"database: {os.environ.get('DATABASE_URL') or 'SQLite'}"
