"""Who may read policy fields: policies are public, a decision is the viewer's own."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, SIGNED_IN_BY_RESOLVER, Audience, Rule, rule

RULES: dict[str, Rule] = {
    **{
        f"PolicyVersion.{f}": OPEN
        for f in [
            "id",
            "kind",
            "version",
            "title",
            "summary",
            "body",
            "changeType",
            "materiallyReducesProtection",
            "noticeAt",
            "effectiveAt",
            "isEffective",
            "viewerDecision",
        ]
    },
    "PolicyDecision.accepted": OPEN,
    "PolicyDecision.method": OPEN,
    "PolicyDecision.decidedAt": OPEN,
    "PolicyVersionPayload.policyVersion": OPEN,
    "PolicyVersionPayload.errors": OPEN,
    "PolicyDecisionPayload.decision": OPEN,
    "PolicyDecisionPayload.accountClosed": OPEN,
    "PolicyDecisionPayload.errors": OPEN,
    "Query.policy": OPEN,
    "Query.policyVersions": OPEN,
    "Query.pendingPolicyDecisions": OPEN,
    "Mutation.publishPolicyVersion": rule(Audience.PRIVACY_OFFICER, Audience.ADMIN),
    "Mutation.acceptPolicyVersion": SIGNED_IN_BY_RESOLVER,
    "Mutation.rejectPolicyVersion": SIGNED_IN_BY_RESOLVER,
}
