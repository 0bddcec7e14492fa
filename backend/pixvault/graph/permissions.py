"""The one access table: every field of every object type, assembled from each domain's rows.

A field missing here stops the schema from building, and tests/test_access_table.py walks
every field of the exported schema against it for every role.
"""

from __future__ import annotations

from pixvault.accounts.permissions import RULES as ACCOUNTS
from pixvault.assets.permissions import RULES as ASSETS
from pixvault.audit.permissions import RULES as AUDIT
from pixvault.billing.permissions import RULES as BILLING
from pixvault.consents.permissions import RULES as CONSENTS
from pixvault.graphkit.access import OPEN, Rule
from pixvault.policies.permissions import RULES as POLICIES
from pixvault.privacy.permissions import RULES as PRIVACY
from pixvault.records.permissions import RULES as RECORDS
from pixvault.safety.permissions import RULES as SAFETY

SHARED: dict[str, Rule] = {
    "UserError.field": OPEN,
    "UserError.code": OPEN,
    "UserError.message": OPEN,
    "UserError.retryAfter": OPEN,
    "UserError.kind": OPEN,
    "PageInfo.hasNextPage": OPEN,
    "PageInfo.endCursor": OPEN,
    "PageInfo.hasPreviousPage": OPEN,
    "PageInfo.startCursor": OPEN,
    "OkPayload.ok": OPEN,
    "OkPayload.errors": OPEN,
    "DeletePayload.deletedId": OPEN,
    "DeletePayload.errors": OPEN,
}


def _merge(*parts: dict[str, Rule]) -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for part in parts:
        clash = table.keys() & part.keys()
        if clash:
            raise ValueError(f"access rules declared twice: {sorted(clash)}")
        table.update(part)
    return table


ACCESS_TABLE: dict[str, Rule] = _merge(
    SHARED, ACCOUNTS, ASSETS, AUDIT, BILLING, CONSENTS, POLICIES, PRIVACY, RECORDS, SAFETY
)
