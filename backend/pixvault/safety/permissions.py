"""Who may read each field of the safety domain (rows of the one access table)."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, STAFF, Audience, Rule, rule

A = Audience
CONTACT_STAFF = (A.SUPPORT, A.PRIVACY_OFFICER, A.ADMIN)

RULES: dict[str, Rule] = {
    # Which topics each role sees is decided in safety/queue.py, and staff reads of signed-in
    # senders' messages are audited there. A message is otherwise reached only by its sender,
    # in the payload of sending it.
    "Query.contactMessages": rule(
        *CONTACT_STAFF,
        note="Newest first. PRIVACY messages (the privacy officer's queue) are for "
        "PRIVACY_OFFICER and ADMIN only, SUPPORT sees the other topics.",
    ),
    "Query.contactMessagesConnection": rule(
        *CONTACT_STAFF,
        note="contactMessages as a connection, with the same topics per role.",
    ),
    **{
        f"ContactMessage{part}": OPEN
        for part in (
            "Connection.edges",
            "Connection.pageInfo",
            "Connection.totalCount",
            "Edge.cursor",
            "Edge.node",
        )
    },
    "Mutation.sendContactMessage": OPEN,
    "Mutation.markContactMessageHandled": rule(
        *CONTACT_STAFF,
        note="Marks a message of a topic you see handled, or with handled: false open again.",
    ),
    **{
        f"ContactMessage.{f}": OPEN
        for f in [
            "id",
            "topic",
            "name",
            "email",
            "subject",
            "message",
            "createdAt",
            "handled",
            "handledAt",
            "user",
        ]
    },
    "ContactPayload.message": OPEN,
    "ContactPayload.errors": OPEN,
    "Query.abuseReports": rule(*CONTACT_STAFF, note="Oldest first, optionally by status."),
    "Mutation.reportAsset": OPEN,
    "Mutation.resolveAbuseReport": rule(
        *CONTACT_STAFF,
        note="UPHOLD quarantines the asset and closes its other open reports the same way.",
    ),
    # A report is reached by staff through the queue and by its reporter in the payload of
    # filing it; only the reporter's address is kept from everyone but staff.
    **{
        f"AbuseReport.{f}": OPEN
        for f in [
            "id",
            "asset",
            "reason",
            "details",
            "status",
            "createdAt",
            "resolvedAt",
            "resolutionNote",
        ]
    },
    "AbuseReport.reporterEmail": rule(STAFF),
    "AbuseReportEdge.cursor": OPEN,
    "AbuseReportEdge.node": OPEN,
    "AbuseReportConnection.edges": OPEN,
    "AbuseReportConnection.pageInfo": OPEN,
    "AbuseReportConnection.totalCount": OPEN,
    "AbuseReportPayload.report": OPEN,
    "AbuseReportPayload.errors": OPEN,
}
