"""The directory prometheus_client's multiprocess mode shares between processes.

`pixvault serve` (and `pixvault worker`, so job durations on the same host are scraped too)
sets PROMETHEUS_MULTIPROC_DIR to DATA_DIR/tmp/metrics, unless the operator set it, before any
metric is made: prometheus_client picks its storage when it is first imported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pixvault.core.settings import Settings

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
#: prometheus_client names each process's files <kind>_<pid>.db.
_FILE = re.compile(r"[a-z_]+_(\d+)\.db")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare(settings: Settings) -> Path | None:
    """Point PROMETHEUS_MULTIPROC_DIR at the shared directory when metrics are on, deleting
    the files of processes that are gone (counters restart with the service, as Prometheus
    expects), but not those of live ones (a worker started before the app)."""
    if not settings.metrics_token:
        return None
    directory = Path(os.environ.get(VARIABLE) or settings.data_dir / "tmp" / "metrics")
    directory.mkdir(parents=True, exist_ok=True)
    for path in directory.iterdir():
        match = _FILE.fullmatch(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
    os.environ[VARIABLE] = str(directory.resolve())
    return directory
