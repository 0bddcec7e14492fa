"""Who may read data subject request fields. The queries themselves return a request only to
its subject, PRIVACY_OFFICER and ADMIN."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, Audience, Rule, rule

A = Audience
REVIEWERS = rule(A.PRIVACY_OFFICER, A.ADMIN)

RULES: dict[str, Rule] = {
    **{
        f"DataSubjectRequest.{f}": OPEN
        for f in (
            "id",
            "kind",
            "status",
            "requesterEmail",
            "details",
            "receivedAt",
            "verifiedAt",
            "dueAt",
            "extensionReason",
            "completedAt",
            "rejectionReason",
            "progress",
            "corrections",
            "result",
            "waitingReason",
            "overdue",
            "purpose",
        )
    },
    "DataSubjectRequest.subject": rule(A.SELF, A.PRIVACY_OFFICER, A.ADMIN),
    "DataSubjectRequest.exportUrl": rule(A.SELF),
    "DataSubjectRequest.internalNotes": REVIEWERS,
    "DataSubjectRequest.recipientNotices": rule(A.SELF, A.PRIVACY_OFFICER, A.ADMIN),
    **{f"RecipientNotice.{f}": OPEN for f in ("id", "source", "recipient", "action", "createdAt")},
    "DataSubjectRequestConnection.edges": OPEN,
    "DataSubjectRequestConnection.pageInfo": OPEN,
    "DataSubjectRequestConnection.totalCount": OPEN,
    "DataSubjectRequestEdge.cursor": OPEN,
    "DataSubjectRequestEdge.node": OPEN,
    "DataSubjectRequestPayload.request": OPEN,
    "DataSubjectRequestPayload.errors": OPEN,
    "Query.dataSubjectRequest": OPEN,
    "Query.dataSubjectRequests": OPEN,
    "Mutation.submitDataSubjectRequest": OPEN,
    "Mutation.verifyDataSubjectRequest": OPEN,
    "Mutation.closeAccount": rule(A.SIGNED_IN),
    "Mutation.extendDataSubjectRequest": REVIEWERS,
    "Mutation.rejectDataSubjectRequest": REVIEWERS,
    "Mutation.completeDataSubjectRequest": REVIEWERS,
    "User.dataSubjectRequests": rule(A.SELF, A.PRIVACY_OFFICER, A.ADMIN),
    "Query.supervisoryAuthority": OPEN,
    "SupervisoryAuthority.name": OPEN,
    "SupervisoryAuthority.url": OPEN,
    # Restrictions of processing (Art. 18); the query returns others' only to reviewers.
    "Query.processingRestrictions": rule(
        A.SIGNED_IN,
        note="PRIVACY_OFFICER and ADMIN see everyone's (each person listed is an audited "
        "read); others their own.",
    ),
    "Mutation.liftProcessingRestriction": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="The person is emailed before it ends. Audited."
    ),
    **{
        f"ProcessingRestriction.{f}": OPEN
        for f in (
            "id",
            "grounds",
            "placedAt",
            "liftsAt",
            "liftReason",
            "active",
            "requestId",
            "subject",
        )
    },
    **{f"ProcessingRestrictionConnection.{f}": OPEN for f in ("edges", "pageInfo", "totalCount")},
    "ProcessingRestrictionEdge.cursor": OPEN,
    "ProcessingRestrictionEdge.node": OPEN,
    "ProcessingRestrictionPayload.restriction": OPEN,
    "ProcessingRestrictionPayload.errors": OPEN,
}
