"""Queries of the records domain."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.records.processors import processor_register
from pixvault.records.types import Processor


@strawberry.type
class RecordsQuery:
    @strawberry.field(
        description="the service providers and affiliates personal data is shared with"
    )
    def processors(self, info: Info[Context, None]) -> list[Processor]:
        register = processor_register(info.context.runtime.settings)
        return [Processor.from_entry(entry) for entry in register.processors]
