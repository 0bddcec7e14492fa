"""breaches and breach (PRIVACY_OFFICER, ADMIN: the access table guards both)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Connection, First, paginate
from pixvault.records.breach_models import BreachIncident
from pixvault.records.breach_types import Breach


@strawberry.type
class BreachQuery:
    @strawberry.field(description="the breach register, newest discovery first")
    async def breaches(
        self, info: Info[Context, None], first: First = 50, after: After = None
    ) -> Connection[Breach]:
        query = BreachIncident.all().order_by("-discovered_at", "id")
        return await paginate(query, first, after, Breach.from_model)

    @strawberry.field(description="One breach of the register; null when there is none by that id.")
    async def breach(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The breach's id.")],
    ) -> Breach | None:
        key = parse_uuid(id)
        row = await BreachIncident.get_or_none(id=key) if key else None
        return Breach.from_model(row) if row else None
