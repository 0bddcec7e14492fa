"""The one table of what an API token needs for each field it may call.

Every Query and Mutation field has a row (a schema with a root field missing here does not
build, and tests/test_token_scopes.py walks the schema against it); nested fields that reach
other data than their parent have one too. A row is a scope the token must hold, ``PUBLIC``
(anyone may call it, so a token needs nothing) or ``NOT_WITH_TOKEN`` (a token may never do it:
making or listing tokens, log-in, passwords, payments). A token caller without what a row asks
gets the field null with ``extensions.code`` INSUFFICIENT_SCOPE; cookie sessions pass
untouched. Staff powers need the STAFF scope on top of the role: a token without it speaks for
its maker as a customer (accounts/authentication.py), so the field rules of the access table
refuse staff fields too.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from graphql import (
    GraphQLError,
    GraphQLFieldResolver,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
)

from pixvault.accounts.scopes import ApiScope
from pixvault.graphkit.access import object_fields

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


class TokenUse(StrEnum):
    PUBLIC = "PUBLIC"
    NOT_WITH_TOKEN = "NOT_WITH_TOKEN"


PUBLIC = TokenUse.PUBLIC
NOT_WITH_TOKEN = TokenUse.NOT_WITH_TOKEN
Need = ApiScope | TokenUse

R, W = ApiScope.ASSETS_READ, ApiScope.ASSETS_WRITE
AR, AW = ApiScope.ACCOUNT_READ, ApiScope.ACCOUNT_WRITE
STAFF = ApiScope.STAFF

TOKEN_SCOPES: dict[str, Need] = {
    # Public reads and anonymous actions.
    "Query.plans": PUBLIC,
    "Query.cookieDeclarations": PUBLIC,
    "Query.policy": PUBLIC,
    "Query.policyVersions": PUBLIC,
    "Query.processors": PUBLIC,
    "Query.dataController": PUBLIC,
    "Query.supervisoryAuthority": PUBLIC,
    "Query.minimumAge": PUBLIC,
    "Query.publicAssets": PUBLIC,
    "Mutation.sendContactMessage": PUBLIC,
    "Mutation.reportAsset": PUBLIC,
    "Mutation.unsubscribe": PUBLIC,
    # The account.
    "Query.me": AR,
    "Query.consentState": AR,
    "Query.pendingPolicyDecisions": AR,
    "Query.dataSubjectRequest": AR,
    "Query.dataSubjectRequests": AR,
    "Mutation.updateProfile": AW,
    "Mutation.setConsents": AW,
    "Mutation.recordPageView": AW,
    "Mutation.acceptPolicyVersion": AW,
    "Mutation.rejectPolicyVersion": AW,
    "Mutation.submitDataSubjectRequest": AW,
    "Mutation.verifyDataSubjectRequest": AW,
    # Assets.
    "Query.asset": R,
    "Query.assets": R,
    "Query.assetFolders": R,
    "User.assets": R,
    "Mutation.uploadAsset": W,
    "Mutation.importAssetFromUrl": W,
    "Mutation.updateAsset": W,
    "Mutation.deleteAsset": W,
    # Staff powers (the role is needed as well).
    "Query.user": STAFF,
    "Query.users": STAFF,
    "Query.auditLog": STAFF,
    "Query.payments": STAFF,
    "Query.legalHolds": STAFF,
    "Query.disclosures": STAFF,
    "Query.contactMessages": STAFF,
    "Query.contactMessagesConnection": STAFF,
    "Query.processingRestrictions": STAFF,
    "Query.breach": STAFF,
    "Query.breaches": STAFF,
    "Mutation.liftProcessingRestriction": STAFF,
    "Mutation.recordBreach": STAFF,
    "Mutation.recordBreachAuthorityNotification": STAFF,
    "Mutation.notifyBreachSubjects": STAFF,
    "Query.abuseReports": STAFF,
    "Mutation.setUserRoles": STAFF,
    "Mutation.disableUser": STAFF,
    "Mutation.enableUser": STAFF,
    "Mutation.publishPolicyVersion": STAFF,
    "Mutation.extendDataSubjectRequest": STAFF,
    "Mutation.rejectDataSubjectRequest": STAFF,
    "Mutation.completeDataSubjectRequest": STAFF,
    "Mutation.placeLegalHold": STAFF,
    "Mutation.releaseLegalHold": STAFF,
    "Mutation.recordDisclosure": STAFF,
    "Mutation.markContactMessageHandled": STAFF,
    "Mutation.resolveAbuseReport": STAFF,
    # Never with a token: credentials, sessions, tokens themselves, money, closing the account.
    "User.apiTokens": NOT_WITH_TOKEN,
    "User.sessions": NOT_WITH_TOKEN,
    "Mutation.signUp": NOT_WITH_TOKEN,
    "Mutation.logIn": NOT_WITH_TOKEN,
    "Mutation.logOut": NOT_WITH_TOKEN,
    "Mutation.confirmEmailChange": NOT_WITH_TOKEN,
    "Mutation.changePassword": NOT_WITH_TOKEN,
    "Mutation.revokeSession": NOT_WITH_TOKEN,
    "Mutation.createApiToken": NOT_WITH_TOKEN,
    "Mutation.createApiTokenWithPassword": NOT_WITH_TOKEN,
    "Mutation.revokeApiToken": NOT_WITH_TOKEN,
    "Mutation.closeAccount": NOT_WITH_TOKEN,
    "Mutation.startCheckout": NOT_WITH_TOKEN,
    "Mutation.cancelSubscription": NOT_WITH_TOKEN,
    "Mutation.resumeSubscription": NOT_WITH_TOKEN,
    # Credentials and the second factor are the person's, never a token's.
    "Mutation.beginTwoFactorSetup": NOT_WITH_TOKEN,
    "Mutation.enableTwoFactor": NOT_WITH_TOKEN,
    "Mutation.disableTwoFactor": NOT_WITH_TOKEN,
    "Mutation.regenerateRecoveryCodes": NOT_WITH_TOKEN,
    "Mutation.completeLogIn": NOT_WITH_TOKEN,
    "Mutation.requestPasswordReset": NOT_WITH_TOKEN,
    "Mutation.resetPassword": NOT_WITH_TOKEN,
}


class MissingScopeError(RuntimeError):
    pass


def insufficient_scope(need: Need) -> GraphQLError:
    if need is NOT_WITH_TOKEN:
        message = "This needs a signed-in browser; an API token may not do it."
        scope = None
    else:
        message = f"This API token lacks the {need.value} scope."
        scope = need.value
    return GraphQLError(message, extensions={"code": "INSUFFICIENT_SCOPE", "requiredScope": scope})


def allows(need: Need, scopes: frozenset[str] | None) -> bool:
    """Whether a caller holding ``scopes`` (None: a cookie session) may use the field."""
    if scopes is None or need is PUBLIC:
        return True
    return need is not NOT_WITH_TOKEN and need.value in scopes


class ScopedResolver:
    """A field's resolver behind the scope its token callers need."""

    def __init__(self, key: str, need: Need, inner: GraphQLFieldResolver) -> None:
        self.key = key
        self.need = need
        self.inner = inner

    def __call__(self, parent: Any, info: GraphQLResolveInfo[Any], /, **kwargs: Any) -> Any:
        # Positional-only: a field may have an argument called "source" (setConsents does).
        context: Context = info.context
        if not allows(self.need, context.viewer.scopes):
            raise insufficient_scope(self.need)
        return self.inner(parent, info, **kwargs)


def root_fields(schema: GraphQLSchema) -> set[str]:
    return {key for key in object_fields(schema) if key.split(".")[0] in ("Query", "Mutation")}


def apply_token_scopes(schema: GraphQLSchema, table: Mapping[str, Need]) -> None:
    """Wrap each field of the table (around its access rule's guard).

    Refuses a schema with a root field that has no row, or a row naming no field.
    """
    fields = object_fields(schema)
    missing = sorted(root_fields(schema) - table.keys())
    if missing:
        raise MissingScopeError(f"{missing} have no row in the token scope table")
    unknown = sorted(table.keys() - fields.keys())
    if unknown:
        raise MissingScopeError(f"the token scope table names unknown fields {unknown}")
    for key, need in table.items():
        if need is PUBLIC:
            continue
        field = fields[key]
        if not isinstance(field.resolve, ScopedResolver):
            field.resolve = ScopedResolver(key, need, field.resolve or default_field_resolver)


def need_of(schema: GraphQLSchema, key: str) -> Need | None:
    """The need a field was wrapped with (None: PUBLIC or no row), looking through guards."""
    resolver: Any = object_fields(schema)[key].resolve
    while resolver is not None:
        if isinstance(resolver, ScopedResolver):
            return resolver.need
        resolver = getattr(resolver, "inner", None)
    return None
