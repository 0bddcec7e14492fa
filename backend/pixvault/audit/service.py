"""Writing and verifying the hash-chained audit trail."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from pixvault.audit.models import AuditAnchor, AuditEntry
from pixvault.core.clock import now

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
        entry.actor_id,
        entry.actor_roles,
        entry.action,
        entry.subject_id,
        entry.target,
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
                prev = last.hash if last else (await _chain_start())[1]
                entries = []
                for event in events:
                    at = now().replace(microsecond=now().microsecond // 1000 * 1000)
                    digest = _digest(prev, at, event)
                    entries.append(
                        AuditEntry(
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
                    )
                    prev = digest
                # One batched insert for a request's entries (one per person read), in chain
                # order, so their ids follow the chain.
                await AuditEntry.bulk_create(entries)
            return
        except IntegrityError:
            continue
    raise RuntimeError("could not append to the audit trail after repeated conflicts")


async def _chain_start() -> tuple[int, str]:
    """The id after which the chain starts, and the hash its first entry links to."""
    anchor = await AuditAnchor.all().order_by("-id").first()
    return (anchor.last_id, anchor.last_hash) if anchor else (0, GENESIS)


async def prune_before(cutoff: datetime, keep_subjects: frozenset[str]) -> int:
    """Cut the entries older than ``cutoff`` off the start of the chain, stopping at the first
    entry about (or by) someone in ``keep_subjects`` (a legal hold), and record the new start
    so the chain still verifies; returns how many entries went."""
    async with in_transaction():
        last: AuditEntry | None = None
        count = 0
        async for entry in AuditEntry.all().order_by("id"):
            if entry.at >= cutoff or {entry.subject_id, entry.actor_id} & keep_subjects:
                break
            last = entry
            count += 1
        if last is None:
            return 0
        await AuditEntry.filter(id__lte=last.id).delete()
        await AuditAnchor.create(pruned_at=now(), last_id=last.id, last_hash=last.hash, count=count)
    return count


async def first_broken_link() -> AuditEntry | None:
    """The first entry whose hash or link to its predecessor does not check out (from where
    retention last cut the chain: an entry missing after that point breaks it)."""
    start, prev = await _chain_start()
    async for entry in AuditEntry.filter(id__gt=start).order_by("id"):
        if entry.prev_hash != prev or entry_digest(entry) != entry.hash:
            return entry
        prev = entry.hash
    return None
