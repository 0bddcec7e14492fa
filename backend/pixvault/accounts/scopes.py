"""What an API token may do: its scopes, chosen when it is made.

A token is never the whole account. Each Query and Mutation field (and the few nested fields
that reach other data) names the scope a token caller needs, in the one table of
``graph/token_scopes.py``; cookie sessions are not limited by scopes.
"""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="what an API token may do")
class ApiScope(StrEnum):
    ASSETS_READ = "assets:read"
    ASSETS_WRITE = "assets:write"
    ACCOUNT_READ = "account:read"
    ACCOUNT_WRITE = "account:write"
    #: The token may use its maker's staff roles; only staff may choose it.
    STAFF = "staff"


CUSTOMER_SCOPES = frozenset(s for s in ApiScope if s is not ApiScope.STAFF)
