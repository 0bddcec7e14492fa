"""Who may read each field of the records domain (rows of the one access table)."""

from __future__ import annotations

from pixvault.graph.access import OPEN, Rule

RULES: dict[str, Rule] = {
    "Query.processors": OPEN,
    **{
        f"Processor.{f}": OPEN
        for f in ("name", "kind", "purpose", "dataCategories", "location", "transferMechanism")
    },
}
