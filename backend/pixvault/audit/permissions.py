"""Who may read the audit trail."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, Audience, Rule, rule

RULES: dict[str, Rule] = {
    "Query.auditLog": rule(Audience.PRIVACY_OFFICER, Audience.ADMIN),
    **{
        f"AuditEntry.{f}": OPEN
        for f in ("id", "at", "actor", "action", "subject", "target", "ipAddress")
    },
    "AuditEntryConnection.edges": OPEN,
    "AuditEntryConnection.pageInfo": OPEN,
    "AuditEntryConnection.totalCount": OPEN,
    "AuditEntryEdge.cursor": OPEN,
    "AuditEntryEdge.node": OPEN,
}
