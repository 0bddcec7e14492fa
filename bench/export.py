"""The access export against `zip -0`: a user with 2,000 images (about 1 GB).

`.venv/bin/python bench/export.py [--images 2000] [--size 500000]` from the repository root.

Builds a fresh SQLite data dir with one user whose 2,000 originals (incompressible bytes, as
JPEGs are) sit in the filesystem storage, then, in a child process each so peak memory is
the process's own:
  1. Pixvault's export job (register records, recipients, every original) to a ZIP;
  2. `zip -0 -q` over the same files.
Prints both times, their ratio (target at most 1.5x) and the export's peak memory (target under
150 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


async def seed(data_dir: Path, images: int, size: int) -> tuple[str, str]:
    from pixvault import db
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.accounts.registration import create_user
    from pixvault.assets.models import Asset
    from pixvault.core.clock import now
    from pixvault.core.settings import Settings
    from pixvault.privacy.deadlines import first_due
    from pixvault.privacy.models import DataSubjectRequest

    settings = Settings(data_dir=data_dir, secret_key="bench")
    await db.connect(settings)
    await db.migrate(settings)
    user = await create_user(
        PasswordHasher(), email="bench@example.com", name="Bench", password="a long passphrase"
    )
    originals = data_dir / "storage" / "users" / str(user.id) / "originals"
    originals.mkdir(parents=True)
    rows = []
    for i in range(images):
        data = os.urandom(size)
        digest = hashlib.sha256(data).hexdigest()
        (originals / digest).write_bytes(data)
        rows.append(
            Asset(
                owner=user,
                filename=f"photo-{i:04d}.jpg",
                content_type="image/jpeg",
                byte_size=size,
                width=4000,
                height=3000,
                sha256=digest,
                original_key=f"users/{user.id}/originals/{digest}",
                created_at=now(),
                updated_at=now(),
            )
        )
    await Asset.bulk_create(rows, batch_size=500)
    request = await DataSubjectRequest.create(
        kind="ACCESS",
        status="VERIFIED",
        subject=user,
        requester_email=user.email,
        received_at=now(),
        verified_at=now(),
        due_at=first_due(now()),
    )
    await db.disconnect()
    return str(user.id), str(request.id)


async def export(data_dir: Path, request_id: str) -> None:
    from pixvault import db
    from pixvault.core.settings import Settings
    from pixvault.privacy.exports import build_export
    from pixvault.privacy.models import DataSubjectRequest
    from pixvault.runtime import Runtime

    settings = Settings(data_dir=data_dir, secret_key="bench")
    await db.connect(settings)
    runtime = Runtime.from_settings(settings)
    request = await DataSubjectRequest.get(id=request_id)
    started = time.perf_counter()
    key = await build_export(runtime, request)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stored = await runtime.storage.open(key)
    assert stored is not None
    print(f"{elapsed:.3f} {peak_mb:.1f} {stored.size}")
    await runtime.close()
    await db.disconnect()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=2000)
    parser.add_argument("--size", type=int, default=500_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(export(Path(args.child[0]), args.child[1]))
        return
    with tempfile.TemporaryDirectory(
        dir=Path("bench/out").resolve() if Path("bench/out").is_dir() else None
    ) as tmp:
        data_dir = Path(tmp)
        user_id, request_id = asyncio.run(seed(data_dir, args.images, args.size))
        total = args.images * args.size
        print(f"{args.images} images, {total / 1e9:.2f} GB of originals")
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(data_dir), request_id],
            check=True,
            capture_output=True,
            text=True,
        )
        export_s, peak_mb, export_bytes = child.stdout.split()
        originals = data_dir / "storage" / "users" / user_id / "originals"
        started = time.perf_counter()
        subprocess.run(
            ["zip", "-0", "-q", "-r", str(data_dir / "baseline.zip"), "."],
            cwd=originals,
            check=True,
        )
        zip_s = time.perf_counter() - started
        ratio = float(export_s) / zip_s
        print(
            f"pixvault export: {float(export_s):.2f} s, {int(export_bytes) / 1e9:.2f} GB, "
            f"peak memory {float(peak_mb):.0f} MB (target < 150 MB)"
        )
        print(f"zip -0:          {zip_s:.2f} s")
        print(f"ratio:           {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
