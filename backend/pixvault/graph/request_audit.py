"""What a request's staff did, as audit entries: written by the view when the request ends."""

from __future__ import annotations

from pixvault.audit.service import AuditEvent
from pixvault.graphkit.context import Context


def audit_events(context: Context) -> list[AuditEvent]:
    """The audit entries of a request's staff reads and actions, one per subject read and one
    per action."""
    roles = ",".join(sorted(context.viewer.roles))
    reads = [
        AuditEvent(
            actor_id=context.viewer.user_id,
            actor_roles=roles,
            action="READ_PERSONAL_DATA",
            subject_id=subject_id,
            target=",".join(sorted(fields_read))[:200],
            ip_address=context.viewer.client.ip_address,
        )
        for subject_id, fields_read in sorted(context.audit_reads.items())
    ]
    actions = [
        AuditEvent(
            actor_id=context.viewer.user_id,
            actor_roles=roles,
            action=action,
            subject_id=subject_id,
            target=target,
            ip_address=context.viewer.client.ip_address,
        )
        for action, subject_id, target in context.audit_actions
    ]
    return reads + actions
