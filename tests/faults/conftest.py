"""Fault tests: each starts the real services it needs (tests/faults/services.py) and breaks
them on purpose. They carry the ``faults`` marker.

They need redis-server and PostgreSQL's server binaries (not PIXVAULT_TEST_* services). Locally
they skip when those are missing; with CI=true they fail instead, except in CI's first pass over
the embedded default, where they skip because the second pass (PostgreSQL + Redis) runs them,
so that CI runs them exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import EMBEDDED_PASS, IN_CI
from tests.faults.services import Stack, missing_binaries, stack


def require_binaries() -> None:
    if EMBEDDED_PASS:
        pytest.skip("fault tests run in CI's PostgreSQL + Redis pass")
    missing = missing_binaries()
    if not missing:
        return
    if IN_CI:
        pytest.fail(f"fault tests need {', '.join(missing)} in CI")
    pytest.skip(f"fault tests need {', '.join(missing)}")


@pytest.fixture(scope="package")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """One private PostgreSQL + Redis + `pixvault serve --workers 2` + `pixvault worker`."""
    require_binaries()
    with stack(tmp_path_factory.mktemp("faults"), PIXVAULT_JOB_HEARTBEAT_SECONDS="0.5") as running:
        yield running
