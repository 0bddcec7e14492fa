"""Running the suite on several pytest-xdist workers (`make pytest` runs ``-n 2``).

What one worker owns must not be shared with another:

- its Redis database: PIXVAULT_TEST_REDIS_URL names one (CI: ``redis://.../15``) and worker
  ``gwN`` uses that number minus N (gw0: 15, gw1: 14), since the fixtures flush it per module;
- its ports: ``free_port`` hands each worker ports from its own block below Linux's ephemeral
  range, so one worker's server never takes a port another worker was just given;
- its files: pytest's ``tmp_path_factory`` is already per worker, and each PostgreSQL test
  database has a random name.

Work is handed out a test module at a time (the module's ``env`` is built once), except that a
package whose tests share one package-scoped set of servers (tests/faults, tests/cluster) goes
to a single worker whole, and goes first, being the longest.
"""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from xdist.scheduler import LoadScopeScheduling

#: Packages whose tests share package-scoped servers: each runs whole on one worker.
WHOLE_PACKAGES = ("tests/faults/", "tests/cluster/")
#: Scopes handed out first (the longest), so no long one starts near the end of the run.
LONGEST_FIRST = (*WHOLE_PACKAGES, "tests/test_fuzz.py", "tests/test_cli.py")

#: Each worker's block of ports, below the kernel's ephemeral range (32768-60999).
PORT_BASE = 20000
PORT_BLOCK = 1500


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


def _worker_ports(index: int) -> Iterator[int]:
    start = PORT_BASE + index * PORT_BLOCK
    return itertools.cycle(range(start, start + PORT_BLOCK))


_ports: Iterator[int] | None = None


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on: any free one outside xdist, else the next free
    one of this worker's block (never one the kernel hands out, nor another worker's)."""
    global _ports
    index = worker_index()
    if index is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])
    if _ports is None:
        _ports = _worker_ports(index)
    for port in itertools.islice(_ports, PORT_BLOCK):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port left in worker gw{index}'s block")


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
