"""What an API token may do: its scopes, chosen when it is made.

A token is never the whole account. Each Query and Mutation field (and the few nested fields
that reach other data) names the scope a token caller needs, in the one table of
``graph/token_scopes.py``; cookie sessions are not limited by scopes.
"""

from __future__ import annotations

from enum import StrEnum

from pixvault.core import described


@described.enum(
    "What an API token may do; a token holds the scopes chosen when it was made.",
    {
        "ASSETS_READ": "Read the maker's images and folders.",
        "ASSETS_WRITE": "Upload, import, edit and delete the maker's images.",
        "ACCOUNT_READ": "Read the maker's profile, consents, policy decisions and GDPR requests.",
        "ACCOUNT_WRITE": "Change the maker's profile and consents, decide on policies and "
        "submit GDPR requests.",
        "STAFF": "Use the maker's staff roles (only staff may choose it); without it a staff "
        "member's token acts as a customer.",
    },
)
class ApiScope(StrEnum):
    ASSETS_READ = "assets:read"
    ASSETS_WRITE = "assets:write"
    ACCOUNT_READ = "account:read"
    ACCOUNT_WRITE = "account:write"
    #: The token may use its maker's staff roles; only staff may choose it.
    STAFF = "staff"


CUSTOMER_SCOPES = frozenset(s for s in ApiScope if s is not ApiScope.STAFF)
