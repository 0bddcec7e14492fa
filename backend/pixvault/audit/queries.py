"""Reading the audit trail (PRIVACY_OFFICER, ADMIN; see audit/permissions.py)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from pixvault.audit import models
from pixvault.audit.types import AuditEntry
from pixvault.graphkit.pagination import After, Before, Connection, First, Last, paginate


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The audit trail, newest first, a page at a time.")
    async def audit_log(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
        subject_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only entries about this user; null: every entry."),
        ] = None,
    ) -> Connection[AuditEntry] | None:
        query = models.AuditEntry.all()
        if subject_id:
            query = query.filter(subject_id=str(subject_id))
        return await paginate(
            query.order_by("-id"), first, after, AuditEntry.from_model, last=last, before=before
        )
