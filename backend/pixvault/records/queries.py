"""Queries of the records domain."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.pagination import Connection, paginate
from pixvault.records import models
from pixvault.records.processors import processor_register
from pixvault.records.types import LegalHold, Processor


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
