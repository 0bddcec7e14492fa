"""The per-request context every resolver receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from pixvault.audit.service import AuditEvent
from pixvault.core.viewer import Viewer
from pixvault.runtime import Runtime

K = TypeVar("K")
V = TypeVar("V")


@dataclass
class Context:
    request: Request
    response: Response
    runtime: Runtime
    viewer: Viewer
    #: Staff reads of other people's data: subject id to the fields read. Written as one audit
    #: entry per subject when the request ends.
    audit_reads: dict[str, set[str]] = field(default_factory=dict)
    #: Other audited staff actions (searches, signed URLs to someone's private image) as
    #: (action, subject id, target), each written once when the request ends.
    audit_actions: dict[tuple[str, str | None, str], None] = field(default_factory=dict)
    #: Per-request caches (dataloaders and the like), keyed by their owner.
    loaders: dict[str, Any] = field(default_factory=dict)

    def loader(self, name: str, load: Callable[[list[K]], Awaitable[list[V]]]) -> DataLoader[K, V]:
        """This request's DataLoader called ``name``, made on first use, so every resolver of
        the request batches into the same one."""
        existing: DataLoader[K, V] | None = self.loaders.get(name)
        if existing is None:
            existing = self.loaders[name] = DataLoader(load_fn=load)
        return existing

    def audit_read(self, what: str, subject_id: str) -> None:
        self.audit_reads.setdefault(subject_id, set()).add(what)

    def audit_action(self, action: str, subject_id: str | None, target: str) -> None:
        self.audit_actions[(action, subject_id, target[:200])] = None

    @property
    def audited(self) -> bool:
        return bool(self.audit_reads or self.audit_actions)

    def audit_events(self) -> list[AuditEvent]:
        roles = ",".join(sorted(self.viewer.roles))
        reads = [
            AuditEvent(
                actor_id=self.viewer.user_id,
                actor_roles=roles,
                action="READ_PERSONAL_DATA",
                subject_id=subject_id,
                target=",".join(sorted(fields_read))[:200],
                ip_address=self.viewer.client.ip_address,
            )
            for subject_id, fields_read in sorted(self.audit_reads.items())
        ]
        actions = [
            AuditEvent(
                actor_id=self.viewer.user_id,
                actor_roles=roles,
                action=action,
                subject_id=subject_id,
                target=target,
                ip_address=self.viewer.client.ip_address,
            )
            for action, subject_id, target in self.audit_actions
        ]
        return reads + actions
