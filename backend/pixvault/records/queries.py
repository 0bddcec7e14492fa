"""Queries of the records domain."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.accounts.queries import parse_uuid
from pixvault.graph.context import Context
from pixvault.graph.pagination import Connection, paginate
from pixvault.records import models
from pixvault.records.processors import processor_register
from pixvault.records.types import Disclosure, LegalHold, Processor


@strawberry.type
class RecordsQuery:
    @strawberry.field(
        description="the service providers and affiliates personal data is shared with"
    )
    def processors(self, info: Info[Context, None]) -> list[Processor]:
        register = processor_register(info.context.runtime.settings)
        return [Processor.from_entry(entry) for entry in register.processors]

    @strawberry.field
    async def legal_holds(
        self, active: bool | None = True, first: int | None = 50, after: str | None = None
    ) -> Connection[LegalHold] | None:
        query = models.LegalHold.all()
        if active is not None:
            query = query.filter(released_at__isnull=active)
        return await paginate(
            query.order_by("-placed_at", "id"), first, after, LegalHold.from_model
        )

    @strawberry.field
    async def disclosures(
        self,
        subject_id: strawberry.ID | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> Connection[Disclosure] | None:
        query = models.Disclosure.all()
        if subject_id is not None:
            query = query.filter(user_id=parse_uuid(subject_id))
        return await paginate(
            query.order_by("-recorded_at", "id"), first, after, Disclosure.from_model
        )
