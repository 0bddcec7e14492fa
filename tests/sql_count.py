"""Counting the SQL statements a block of code sends, for query-count assertions (tests) and the
speed budget (bench/graphql_budget.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tortoise import connections


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    """Every SQL statement sent on the default connection while the block runs."""
    connection = connections.get("default")
    statements: list[str] = []
    names = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")
    originals = {name: getattr(connection, name) for name in names}

    def wrap(name: str) -> Any:
        async def counted(query: str, *args: Any, **kwargs: Any) -> Any:
            statements.append(query)
            return await originals[name](query, *args, **kwargs)

        return counted

    for name in names:
        setattr(connection, name, wrap(name))
    try:
        yield statements
    finally:
        for name in names:
            delattr(connection, name)
