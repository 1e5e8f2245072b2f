"""Fixtures of the interactions pages: a fixed "today" and a logged-in owner."""

import datetime

import pytest
import time_machine

# 10:00 in New York, the users' time zone: the same day everywhere in the Americas.
NOW = datetime.datetime(2026, 11, 22, 15, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def on_nov_22():
    """Freeze the clock on Sunday 22 November 2026."""
    with time_machine.travel(NOW, tick=False):
        yield TODAY


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client
