"""Writing and verifying the hash-chained audit trail."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from pixvault.audit.models import AuditEntry
from pixvault.clock import now

GENESIS = "0" * 64
_RETRIES = 20


@dataclass(frozen=True)
class AuditEvent:
    actor_id: str | None
    actor_roles: str
    action: str
    subject_id: str | None
    target: str | None
    ip_address: str | None


def _digest(prev_hash: str, at: datetime, event: AuditEvent) -> str:
    parts = [
        prev_hash,
        at.isoformat(),
        event.actor_id or "",
        event.actor_roles,
        event.action,
        event.subject_id or "",
        event.target or "",
        event.ip_address or "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def entry_digest(entry: AuditEntry) -> str:
    event = AuditEvent(
        entry.actor_id, entry.actor_roles, entry.action, entry.subject_id, entry.target,
        entry.ip_address,
    )
    return _digest(entry.prev_hash, entry.at, event)


async def record(events: list[AuditEvent]) -> None:
    """Append events to the chain. A unique prev_hash makes racing writers retry, not fork."""
    if not events:
        return
    for _ in range(_RETRIES):
        try:
            async with in_transaction():
                last = await AuditEntry.all().order_by("-id").first()
                prev = last.hash if last else GENESIS
                for event in events:
                    at = now().replace(microsecond=now().microsecond // 1000 * 1000)
                    digest = _digest(prev, at, event)
                    await AuditEntry.create(
                        at=at,
                        actor_id=event.actor_id,
                        actor_roles=event.actor_roles,
                        action=event.action,
                        subject_id=event.subject_id,
                        target=event.target,
                        ip_address=event.ip_address,
                        prev_hash=prev,
                        hash=digest,
                    )
                    prev = digest
            return
        except IntegrityError:
            continue
    raise RuntimeError("could not append to the audit trail after repeated conflicts")


async def first_broken_link() -> AuditEntry | None:
    """The first entry whose hash or link to its predecessor does not check out."""
    prev = GENESIS
    async for entry in AuditEntry.all().order_by("id"):
        if entry.prev_hash != prev or entry_digest(entry) != entry.hash:
            return entry
        prev = entry.hash
    return None
