"""Counting the SQL statements a block of code sends, for query-count assertions (tests) and the
speed budget (bench/graphql_budget.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient

_NAMES = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")


@contextmanager
def counting_queries(*, in_transactions: bool = False) -> Iterator[list[str]]:
    """Every SQL statement sent on the default connection while the block runs; with
    ``in_transactions``, also those sent inside a transaction (which tortoise sends through a
    wrapper of its own, e.g. the audit trail's appends), from anything running meanwhile."""
    connection = connections.get("default")
    statements: list[str] = []
    originals = {name: getattr(connection, name) for name in _NAMES}

    def wrap(name: str) -> Any:
        async def counted(query: str, *args: Any, **kwargs: Any) -> Any:
            statements.append(query)
            return await originals[name](query, *args, **kwargs)

        return counted

    wrappers = [
        kind
        for kind in type(connection).__subclasses__()
        if issubclass(kind, TransactionalDBClient)
    ]
    assert not in_transactions or len(wrappers) == 1, wrappers
    wrapper = wrappers[0] if in_transactions else None
    own = {name: wrapper.__dict__.get(name) for name in _NAMES} if wrapper else {}

    def wrap_method(name: str) -> Any:
        method = getattr(wrapper, name)

        async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            statements.append(query)
            return await method(self, query, *args, **kwargs)

        return counted

    for name in _NAMES:
        setattr(connection, name, wrap(name))
        if wrapper is not None:
            setattr(wrapper, name, wrap_method(name))
    try:
        yield statements
    finally:
        for name in _NAMES:
            delattr(connection, name)
            if wrapper is not None:
                if own[name] is None:
                    delattr(wrapper, name)
                else:
                    setattr(wrapper, name, own[name])
