"""Who may read each field of the accounts domain (rows of the one access table)."""

from __future__ import annotations

from pixvault.graphkit.access import OPEN, SIGNED_IN_BY_RESOLVER, STAFF, Audience, Rule, rule

A = Audience
SELF_STAFF_AUDITED = rule(A.SELF, STAFF, audited=True)
SELF_ONLY = rule(A.SELF)

RULES: dict[str, Rule] = {
    "User.id": OPEN,
    "User.createdAt": OPEN,
    "User.name": SELF_STAFF_AUDITED,
    "User.email": SELF_STAFF_AUDITED,
    "User.companyName": SELF_STAFF_AUDITED,
    "User.roles": rule(A.SELF, A.ADMIN),
    # BILLING reads accounts for payments: name, email and company, not their activity.
    "User.lastLogInAt": rule(A.SELF, A.SUPPORT, A.PRIVACY_OFFICER, A.ADMIN),
    "User.disabledAt": rule(A.SELF, STAFF),
    "User.twoFactorEnabled": rule(A.SELF, STAFF),
    "User.recoveryCodesLeft": SELF_ONLY,
    "User.sessions": SELF_ONLY,
    "User.apiTokens": SELF_ONLY,
    "User.sessionsConnection": SELF_ONLY,
    "User.apiTokensConnection": SELF_ONLY,
    **{
        f"{node}{part}": OPEN
        for node in ("Session", "ApiToken")
        for part in (
            "Connection.edges",
            "Connection.pageInfo",
            "Connection.totalCount",
            "Edge.cursor",
            "Edge.node",
        )
    },
    "User.activity": rule(A.SELF, A.SUPPORT, A.PRIVACY_OFFICER, A.ADMIN, audited=True),
    "User.consentHistory": rule(A.SELF, A.PRIVACY_OFFICER, audited=True),
    # Sessions, tokens and activity are reached only through User's guarded fields.
    **{
        f"Session.{f}": OPEN
        for f in [
            "id",
            "current",
            "persistent",
            "createdAt",
            "lastSeenAt",
            "expiresAt",
            "endedAt",
            "ipAddress",
            "browser",
            "os",
        ]
    },
    **{
        f"ApiToken.{f}": OPEN
        for f in ("id", "name", "scopes", "createdAt", "expiresAt", "lastUsedAt")
    },
    **{
        f"ActivityEvent.{f}": OPEN
        for f in [
            "id",
            "kind",
            "at",
            "ipAddress",
            "country",
            "browser",
            "browserVersion",
            "os",
            "platform",
            "timezone",
            "target",
        ]
    },
    "ActivityConnection.edges": OPEN,
    "ActivityConnection.pageInfo": OPEN,
    "ActivityConnection.totalCount": OPEN,
    "ActivityEdge.cursor": OPEN,
    "ActivityEdge.node": OPEN,
    "UserConnection.edges": OPEN,
    "UserConnection.pageInfo": OPEN,
    "UserConnection.totalCount": OPEN,
    "UserEdge.cursor": OPEN,
    "UserEdge.node": OPEN,
    "AuthPayload.user": OPEN,
    "AuthPayload.errors": OPEN,
    "AuthPayload.twoFactorChallenge": OPEN,
    "TwoFactorSetupPayload.secret": OPEN,
    "TwoFactorSetupPayload.otpauthUri": OPEN,
    "TwoFactorSetupPayload.qrCode": OPEN,
    "TwoFactorSetupPayload.errors": OPEN,
    "RecoveryCodesPayload.recoveryCodes": OPEN,
    "RecoveryCodesPayload.errors": OPEN,
    "UserPayload.user": OPEN,
    "UserPayload.errors": OPEN,
    "ApiTokenPayload.token": OPEN,
    "ApiTokenPayload.secret": OPEN,
    "ApiTokenPayload.errors": OPEN,
    "Query.me": OPEN,
    "Query.minimumAge": OPEN,
    "Query.user": rule(STAFF),
    "Query.users": rule(STAFF),
    "Mutation.signUp": OPEN,
    "Mutation.logIn": OPEN,
    "Mutation.logOut": OPEN,
    # Two-factor and password recovery act on the signed-in viewer (or a token) only.
    "Mutation.completeLogIn": OPEN,
    "Mutation.beginTwoFactorSetup": SIGNED_IN_BY_RESOLVER,
    "Mutation.enableTwoFactor": SIGNED_IN_BY_RESOLVER,
    "Mutation.regenerateRecoveryCodes": SIGNED_IN_BY_RESOLVER,
    "Mutation.disableTwoFactor": SIGNED_IN_BY_RESOLVER,
    "Mutation.requestPasswordReset": OPEN,
    "Mutation.resetPassword": OPEN,
    "Mutation.updateProfile": SIGNED_IN_BY_RESOLVER,
    "Mutation.confirmEmailChange": OPEN,
    "Mutation.changePassword": SIGNED_IN_BY_RESOLVER,
    "Mutation.revokeSession": SIGNED_IN_BY_RESOLVER,
    "Mutation.createApiToken": SIGNED_IN_BY_RESOLVER,
    "Mutation.createApiTokenWithPassword": OPEN,
    "Mutation.revokeApiToken": SIGNED_IN_BY_RESOLVER,
    "Mutation.setUserRoles": rule(A.ADMIN),
    "Mutation.disableUser": rule(A.ADMIN),
    "Mutation.enableUser": rule(A.ADMIN),
}
