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


def empty_postgres() -> str:
    """The URL of the PostgreSQL server in MTQG_TEST_POSTGRES_URL, emptied of mtqg's tables
    (missing when it names none, or none that answers)."""
    import sqlalchemy as sa

    url = os.environ.get("MTQG_TEST_POSTGRES_URL")
    if url is None:
        missing("PostgreSQL (MTQG_TEST_POSTGRES_URL)")
    try:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            for table in ("mtqg_lines", "mtqg_names", "mtqg_figures", "mtqg_runs", "mtqg_meta"):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        engine.dispose()
    except sa.exc.OperationalError as exc:
        missing(f"PostgreSQL at MTQG_TEST_POSTGRES_URL ({exc})")
    return url
