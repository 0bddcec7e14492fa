"""GraphQL types of the records domain. Who may read each field: records/permissions.py."""

from __future__ import annotations

import strawberry

from pixvault.records import processors


@strawberry.type
class Processor:
    name: str
    kind: str = strawberry.field(description="SERVICE_PROVIDER or AFFILIATE")
    purpose: str
    data_categories: list[str]
    location: str
    transfer_mechanism: str | None

    @classmethod
    def from_entry(cls, entry: processors.Processor) -> Processor:
        return cls(
            name=entry.name,
            kind=entry.kind,
            purpose=entry.purpose,
            data_categories=list(entry.data_categories),
            location=entry.location,
            transfer_mechanism=entry.transfer_mechanism,
        )
