"""Queries of the records domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.controller import AUTOMATED_DECISIONS, controller
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Before, Connection, First, Last, paginate
from pixvault.records import models
from pixvault.records.breach_queries import BreachQuery
from pixvault.records.processors import processor_register
from pixvault.records.types import DataController, Disclosure, LegalHold, Processor


def audit_listed(
    info: Info[Context, None], key: str, page: Connection[Disclosure] | Connection[LegalHold]
) -> None:
    """A staff list shows records about other people: audit one read per person listed."""
    viewer = info.context.viewer
    for edge in page.edges:
        if not viewer.is_self(edge.node.subject_id):
            info.context.audit_read(key, edge.node.subject_id)


@strawberry.type
class RecordsQuery(BreachQuery):
    @strawberry.field(
        description="the service providers and affiliates personal data is shared with"
    )
    def processors(self, info: Info[Context, None]) -> list[Processor]:
        register = processor_register(info.context.runtime.settings)
        return [Processor.from_entry(entry) for entry in register.processors]

    @strawberry.field(description="the operator responsible for personal data, from settings")
    def data_controller(self, info: Info[Context, None]) -> DataController:
        who = controller(info.context.runtime.settings)
        return DataController(
            name=who.name,
            address=who.address,
            privacy_contact=who.privacy_contact,
            supervisory_authority_name=who.supervisory_authority_name,
            supervisory_authority_url=who.supervisory_authority_url,
            automated_decisions=AUTOMATED_DECISIONS,
        )

    @strawberry.field(description="Legal holds, newest first, a page at a time.")
    async def legal_holds(
        self,
        info: Info[Context, None],
        active: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only standing holds; false: only released ones; null: both."
            ),
        ] = True,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[LegalHold] | None:
        query = models.LegalHold.all()
        if active is not None:
            query = query.filter(released_at__isnull=active)
        page = await paginate(
            query.order_by("-placed_at", "id"),
            first,
            after,
            LegalHold.from_model,
            last=last,
            before=before,
        )
        audit_listed(info, "Query.legalHolds", page)
        return page

    @strawberry.field(description="The disclosures log, newest first, a page at a time.")
    async def disclosures(
        self,
        info: Info[Context, None],
        subject_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this person's disclosures; null: everyone's."),
        ] = None,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Disclosure] | None:
        query = models.Disclosure.all()
        if subject_id is not None:
            query = query.filter(user_id=parse_uuid(subject_id))
        page = await paginate(
            query.order_by("-recorded_at", "id"),
            first,
            after,
            Disclosure.from_model,
            last=last,
            before=before,
        )
        audit_listed(info, "Query.disclosures", page)
        return page
