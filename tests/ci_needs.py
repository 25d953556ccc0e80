"""Components some tests need (Chromium, LibreOffice, PostgreSQL): skipped on a developer's
machine without them, but a FAILURE under CI=true, where .ci/run must have provided them."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(component: str) -> NoReturn:
    """Skip the test for want of `component`, or fail it when running in CI."""
    if IN_CI:
        pytest.fail(f"{component} is required under CI=true (.ci/run installs it)")
    pytest.skip(f"{component} is not available")
