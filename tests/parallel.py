"""Running the suite on several pytest-xdist workers (`make pytest` runs ``-n 2``).

What one worker owns must not be shared with another:

- its Redis database: PIXVAULT_TEST_REDIS_URL names one (CI: ``redis://.../15``) and worker
  ``gwN`` uses that number minus N (gw0: 15, gw1: 14), since the fixtures flush it per module;
- its ports: ``tests.live.free_port`` asks the kernel for a free one, which it picks at random
  from its ephemeral range (no fixed blocks per worker: those would collide between two runs
  of the suite on one machine);
- its files: pytest's ``tmp_path_factory`` is already per worker, and each PostgreSQL test
  database has a random name.

Work is handed out a test module at a time (the module's ``env`` is built once), except that a
package whose tests share one package-scoped set of servers (tests/faults, tests/cluster) goes
to a single worker whole, and goes first, being the longest.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from xdist.scheduler import LoadScopeScheduling

#: Packages whose tests share package-scoped servers: each runs whole on one worker.
WHOLE_PACKAGES = ("tests/faults/", "tests/cluster/")
#: Scopes handed out first (the longest), so no long one starts near the end of the run.
LONGEST_FIRST = (
    *WHOLE_PACKAGES,
    "tests/test_cli.py",
    "tests/test_fuzz.py",
    "tests/test_api_guide.py",
    "tests/test_backup_restore.py",
)


def worker_index() -> int | None:
    """This process's xdist worker number (gw3 is 3), or None outside xdist."""
    name = os.environ.get("PYTEST_XDIST_WORKER")
    return int(name.removeprefix("gw")) if name else None


def worker_redis_url(url: str | None) -> str | None:
    """``url`` with its database number lowered by the worker's index (see the module doc)."""
    index = worker_index()
    if not url or not index:
        return url
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) - index
    if number < 0:
        raise RuntimeError(
            f"PIXVAULT_TEST_REDIS_URL {url}: worker gw{index} would need database {number}; "
            "name a higher database number or run fewer workers"
        )
    return urlunsplit(parts._replace(path=f"/{number}"))


def scope_of(nodeid: str) -> str:
    """The unit of work a test goes out in: its package if listed, else its module."""
    path = nodeid.split("::", 1)[0]
    return next((p for p in WHOLE_PACKAGES if path.startswith(p)), path)


def longest_first(nodeid: str) -> int:
    """Sort key putting the tests of LONGEST_FIRST's scopes first, in that order."""
    path = nodeid.split("::", 1)[0]
    return next(
        (i for i, scope in enumerate(LONGEST_FIRST) if path.startswith(scope)), len(LONGEST_FIRST)
    )


class ModuleScheduling(LoadScopeScheduling):
    """xdist's load-by-scope scheduling with ``scope_of``'s scopes, in collection order."""

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)
