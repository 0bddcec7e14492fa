"""Who may read each field of the records domain (rows of the one access table)."""

from __future__ import annotations

from pixvault.graph.access import OPEN, Audience, Rule, rule

A = Audience
#: The person a record is about, and the staff who keep such records. Staff reads are audited.
SELF_OFFICERS = rule(A.SELF, A.PRIVACY_OFFICER, A.ADMIN, audited=True)
OFFICERS = rule(A.PRIVACY_OFFICER, A.ADMIN)
OFFICERS_AUDITED = rule(A.PRIVACY_OFFICER, A.ADMIN, audited=True)

RULES: dict[str, Rule] = {
    "Query.processors": OPEN,
    "Query.legalHolds": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Standing holds by default, newest first."
    ),
    "Mutation.placeLegalHold": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Erasure of the person's data waits while it stands."
    ),
    "Mutation.releaseLegalHold": OFFICERS,
    "User.legalHolds": SELF_OFFICERS,
    "LegalHold.id": OPEN,
    "LegalHold.placedAt": OPEN,
    "LegalHold.releasedAt": OPEN,
    "LegalHold.reason": SELF_OFFICERS,
    "LegalHold.reference": SELF_OFFICERS,
    "LegalHold.subject": SELF_OFFICERS,
    "LegalHoldConnection.edges": OPEN,
    "LegalHoldConnection.pageInfo": OPEN,
    "LegalHoldConnection.totalCount": OPEN,
    "LegalHoldEdge.cursor": OPEN,
    "LegalHoldEdge.node": OPEN,
    "LegalHoldPayload.hold": OPEN,
    "LegalHoldPayload.errors": OPEN,
    **{
        f"Processor.{f}": OPEN
        for f in ("name", "kind", "purpose", "dataCategories", "location", "transferMechanism")
    },
    "Query.disclosures": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Newest recorded first; subjectId narrows to one person."
    ),
    "Mutation.recordDisclosure": rule(
        A.PRIVACY_OFFICER,
        A.ADMIN,
        note="Records data given to a third party, e.g. for a court order. Audited.",
    ),
    "Disclosure.id": OPEN,
    "Disclosure.recordedAt": OPEN,
    **{
        f"Disclosure.{f}": OFFICERS_AUDITED
        for f in (
            "recipient",
            "legalBasis",
            "dataCategories",
            "reference",
            "disclosedAt",
            "subject",
        )
    },
    "DisclosureConnection.edges": OPEN,
    "DisclosureConnection.pageInfo": OPEN,
    "DisclosureConnection.totalCount": OPEN,
    "DisclosureEdge.cursor": OPEN,
    "DisclosureEdge.node": OPEN,
    "DisclosurePayload.disclosure": OPEN,
    "DisclosurePayload.errors": OPEN,
}
