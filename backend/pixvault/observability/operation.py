"""A schema extension that names the GraphQL operation for the request's logs and metrics."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from pixvault.core.logs import annotate
from pixvault.observability.metrics import operation_label


class OperationName(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        # By now the document is parsed: an unnamed request's single operation names it.
        annotate(operation=operation_label(self.execution_context.operation_name))
        yield
