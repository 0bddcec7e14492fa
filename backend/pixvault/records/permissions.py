"""Who may read each field of the records domain (rows of the one access table).

Holds and disclosures are reached only through fields guarded here, so their own fields are
open (and non-null, as the contract has LegalHold). Staff reads of them are audited: through
User.legalHolds by its rule, and through the staff lists (Query.legalHolds, Query.disclosures)
by their resolvers, one entry per person listed.
"""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, Audience, Rule, rule

A = Audience
OFFICERS = rule(A.PRIVACY_OFFICER, A.ADMIN)


def _open(type_name: str, *fields: str) -> dict[str, Rule]:
    return {f"{type_name}.{field}": OPEN for field in fields}


RULES: dict[str, Rule] = {
    "Query.processors": OPEN,
    "Query.dataController": OPEN,
    **_open(
        "DataController",
        "name",
        "address",
        "privacyContact",
        "supervisoryAuthorityName",
        "supervisoryAuthorityUrl",
        "automatedDecisions",
    ),
    **_open(
        "Processor", "name", "kind", "purpose", "dataCategories", "location", "transferMechanism"
    ),
    # Legal holds.
    "Query.legalHolds": rule(
        A.PRIVACY_OFFICER,
        A.ADMIN,
        note="Newest first: standing holds by default, active: false for released ones, "
        "null for all.",
    ),
    "Mutation.placeLegalHold": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Erasure of the person's data waits while it stands."
    ),
    "Mutation.releaseLegalHold": OFFICERS,
    "User.legalHolds": rule(A.SELF, A.PRIVACY_OFFICER, A.ADMIN, audited=True),
    **_open("LegalHold", "id", "reason", "reference", "placedAt", "releasedAt", "subject"),
    **_open("LegalHoldConnection", "edges", "pageInfo", "totalCount"),
    **_open("LegalHoldEdge", "cursor", "node"),
    **_open("LegalHoldPayload", "hold", "errors"),
    # Disclosures.
    "Query.disclosures": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Newest recorded first; subjectId narrows to one person."
    ),
    "Mutation.recordDisclosure": rule(
        A.PRIVACY_OFFICER,
        A.ADMIN,
        note="Records data given to a third party, e.g. for a court order. Audited.",
    ),
    **_open(
        "Disclosure",
        "id",
        "recipient",
        "legalBasis",
        "dataCategories",
        "reference",
        "disclosedAt",
        "recordedAt",
        "subject",
    ),
    **_open("DisclosureConnection", "edges", "pageInfo", "totalCount"),
    **_open("DisclosureEdge", "cursor", "node"),
    **_open("DisclosurePayload", "disclosure", "errors"),
    # The breach register (Art. 33 and 34).
    "Query.breaches": rule(A.PRIVACY_OFFICER, A.ADMIN, note="Newest discovery first."),
    "Query.breach": OFFICERS,
    "Mutation.recordBreach": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="The affected people are fixed when recorded. Audited."
    ),
    "Mutation.recordBreachAuthorityNotification": OFFICERS,
    "Mutation.notifyBreachSubjects": rule(
        A.PRIVACY_OFFICER, A.ADMIN, note="Each affected person is emailed exactly once."
    ),
    **_open(
        "Breach",
        "id",
        "description",
        "discoveredAt",
        "dataCategories",
        "recordedAt",
        "authorityNotifiedAt",
        "authorityReference",
        "peopleNotice",
        "peopleNoticeRequestedAt",
        "selection",
        "authorityDueAt",
        "authorityOverdue",
        "authoritySecondsLeft",
        "affectedCount",
        "notifiedCount",
    ),
    **_open("BreachConnection", "edges", "pageInfo", "totalCount"),
    **_open("BreachEdge", "cursor", "node"),
    **_open("BreachPayload", "breach", "errors"),
}
