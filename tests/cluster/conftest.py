"""Cluster tests (``cluster`` marker): several nodes sharing only PostgreSQL, Redis and S3.

They run when PIXVAULT_TEST_DATABASE_URL and PIXVAULT_TEST_REDIS_URL are set (CI's PostgreSQL +
Redis pass); locally they skip without them, in CI they fail, except in CI's first pass over the
embedded default, where they skip because the second pass runs them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.harness import Cluster, cluster
from tests.conftest import EMBEDDED_PASS, TEST_DATABASE_URL, TEST_REDIS_URL, need


@pytest.fixture(scope="package")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if EMBEDDED_PASS:
        pytest.skip("cluster tests run in CI's PostgreSQL + Redis pass")
    need("PIXVAULT_TEST_DATABASE_URL", TEST_DATABASE_URL)
    need("PIXVAULT_TEST_REDIS_URL", TEST_REDIS_URL)
    assert TEST_DATABASE_URL is not None and TEST_REDIS_URL is not None
    with cluster(tmp_path_factory.mktemp("cluster"), TEST_DATABASE_URL, TEST_REDIS_URL) as running:
        yield running
