"""Suite-wide rules. Under CI=true a skipped test fails the run: nothing may be skipped."""

import os

import pytest

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI", "").lower() == "true" and _skipped and exitstatus == 0:
        print(f"\nCI=true: {len(_skipped)} test(s) were skipped; skipping is not allowed:")  # noqa: T201
        for nodeid in _skipped:
            print(f"  {nodeid}")  # noqa: T201
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
