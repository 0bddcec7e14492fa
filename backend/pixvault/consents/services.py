"""Appending to the consent ledger."""

from __future__ import annotations

from pixvault.clock import now
from pixvault.consents.models import ConsentRecord
from pixvault.graph.viewer import ClientInfo
from pixvault.policies.services import effective_version


async def record_decisions(
    decisions: dict[str, bool],
    source: str,
    client: ClientInfo,
    *,
    user_id: str | None = None,
    visitor_id: str | None = None,
) -> list[ConsentRecord]:
    policy = await effective_version("PRIVACY")
    version = policy.version if policy else "none"
    at = now()
    return [
        await ConsentRecord.create(
            user_id=user_id,
            visitor_id=visitor_id,
            purpose=purpose,
            granted=granted,
            source=source,
            policy_version=version,
            recorded_at=at,
            ip_address=client.ip_address,
            user_agent=client.user_agent[:500] or None,
        )
        for purpose, granted in decisions.items()
    ]
