"""Thinning out old telemetry: activity events and session records (the retention job in
records/retention.py decides the cut-offs and who is exempt).

IP addresses are truncated in place, IPv4 to its /24 (203.0.113.7 becomes 203.0.113.0) and
IPv6 to its /48 (2001:db8:1:2::7 becomes 2001:db8:1::). A value that is not an IP address at
all is dropped. A truncated address is recognisable from its text alone, so each run reads only
rows not yet truncated: an IPv4 address ending in .0, or an IPv6 address ending in :: with at
most three groups before it.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Any

from tortoise.expressions import Q, RawSQL
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from pixvault.accounts.models import ActivityEvent, Session

BATCH = 500
_COLONS = RawSQL("LENGTH(ip_address) - LENGTH(REPLACE(ip_address, ':', ''))")


def truncate_ip(value: str) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network address of an IP, or None for a non-address."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped
        if mapped is None:
            network = ipaddress.IPv6Network((int(address), 48), strict=False)
            return str(network.network_address)
        address = mapped
    return str(ipaddress.IPv4Network((int(address), 24), strict=False).network_address)


def _not_exempt(query: QuerySet[Any], exempt: set[str]) -> QuerySet[Any]:
    return query.exclude(user_id__in=sorted(exempt)) if exempt else query


async def _truncate(query: QuerySet[Any], model: type[Model]) -> int:
    """Truncate the addresses of ``query``'s rows not yet truncated, in keyset batches."""
    pending = (
        query.filter(ip_address__isnull=False)
        .annotate(colons=_COLONS)
        .filter(Q(colons__gt=4) | ~Q(ip_address__endswith="::"))
        .exclude(Q(ip_address__endswith=".0") & Q(colons=0))
        .order_by("id")
    )
    changed = 0
    last: Any = None
    while True:
        page = pending.filter(id__gt=last) if last is not None else pending
        rows = await page.limit(BATCH).only("id", "ip_address")
        if not rows:
            return changed
        for row in rows:
            row.ip_address = truncate_ip(row.ip_address)
        async with in_transaction():  # one commit per batch
            await model.bulk_update(rows, fields=["ip_address"], batch_size=BATCH)
        changed += len(rows)
        last = rows[-1].pk


async def delete_activity_before(cutoff: datetime, exempt: set[str]) -> int:
    return await _not_exempt(ActivityEvent.filter(at__lt=cutoff), exempt).delete()


async def truncate_addresses_before(cutoff: datetime, exempt: set[str]) -> int:
    """Truncate the addresses of activity before ``cutoff`` and of sessions begun before it."""
    events = _not_exempt(ActivityEvent.filter(at__lt=cutoff), exempt)
    sessions = _not_exempt(Session.filter(created_at__lt=cutoff), exempt)
    return await _truncate(events, ActivityEvent) + await _truncate(sessions, Session)


async def purge_sessions_ended_before(cutoff: datetime, exempt: set[str]) -> int:
    """Delete sessions that ended, or expired unmarked, before ``cutoff``."""
    ended = Q(ended_at__lt=cutoff) | Q(ended_at__isnull=True, expires_at__lt=cutoff)
    return await _not_exempt(Session.filter(ended), exempt).delete()
