"""Who may read consent fields."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, Audience, Rule, rule

RULES: dict[str, Rule] = {
    **{
        f"ConsentRecord.{f}": OPEN
        for f in [
            "id",
            "purpose",
            "granted",
            "source",
            "policyVersion",
            "recordedAt",
            "ipAddress",
            "userAgent",
        ]
    },
    # The register is public: the policy promises everyone can see each cookie and its expiry.
    **{
        f"CookieDeclaration.{f}": OPEN
        for f in [
            "name",
            "category",
            "purpose",
            "persistent",
            "maxAgeSeconds",
            "provider",
            "sessionUnlessRemembered",
        ]
    },
    # Decisions are reached through consentState (the viewer's own) or the guarded User.consents.
    **{
        f"ConsentDecision.{f}": OPEN
        for f in ["purpose", "granted", "decidedAt", "policyVersion", "globalPrivacyControl"]
    },
    "ConsentState.decisions": OPEN,
    "ConsentState.bannerRequired": OPEN,
    "ConsentPayload.consentState": OPEN,
    "ConsentPayload.errors": OPEN,
    "User.consents": rule(Audience.SELF, Audience.PRIVACY_OFFICER, audited=True),
    "Query.cookieDeclarations": OPEN,
    "Query.consentState": OPEN,
    "Mutation.setConsents": OPEN,
    "Mutation.unsubscribe": OPEN,
    "Mutation.recordPageView": OPEN,
}
