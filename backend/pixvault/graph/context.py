"""The per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pixvault.audit.service import AuditEvent
from pixvault.graph.viewer import Viewer
from pixvault.runtime import Runtime


@dataclass
class Context:
    request: Request
    response: Response
    runtime: Runtime
    viewer: Viewer
    #: Staff reads of other people's data: subject id to the fields read. Written as one audit
    #: entry per subject when the request ends.
    audit_reads: dict[str, set[str]] = field(default_factory=dict)
    #: Per-request caches (dataloaders and the like), keyed by their owner.
    loaders: dict[str, Any] = field(default_factory=dict)

    def audit_read(self, what: str, subject_id: str) -> None:
        self.audit_reads.setdefault(subject_id, set()).add(what)

    def audit_events(self) -> list[AuditEvent]:
        roles = ",".join(sorted(self.viewer.roles))
        return [
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
