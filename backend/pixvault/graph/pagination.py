"""Relay-style connections over tortoise querysets (opaque offset cursors)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError
from tortoise.models import Model
from tortoise.queryset import QuerySet

MAX_PAGE = 200

N = TypeVar("N")
M = TypeVar("M", bound=Model)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        kind, value = text.split(":", 1)
        offset = int(value)
        if kind != "o" or offset < 0:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphQLError("Invalid cursor.", extensions={"code": "BAD_USER_INPUT"}) from exc
    return offset + 1


def check_first(first: int | None) -> int:
    """The page size asked for; null means the default of 50."""
    if first is None:
        return 50
    if first < 0 or first > MAX_PAGE:
        raise GraphQLError(
            f"first must be between 0 and {MAX_PAGE}.", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


def build_connection(
    rows: Sequence[N],
    start: int,
    first: int,
    total: int,
    names: tuple[type[Connection[N]], type[Edge[N]]] | None = None,
) -> Connection[N]:
    connection_cls, edge_cls = names or (Connection, Edge)
    edges = [edge_cls(cursor=encode_cursor(start + i), node=row) for i, row in enumerate(rows)]
    return connection_cls(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + len(rows) < total,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


async def paginate(
    query: QuerySet[M],
    first: int | None,
    after: str | None,
    to_node: Callable[[M], N],
    names: tuple[type[Connection[N]], type[Edge[N]]] | None = None,
) -> Connection[N]:
    """One page of ``query`` (already ordered) as a connection, with its total count.

    ``names`` gives specialised subclasses where the graph's type names differ from the
    generic ``<Node>Connection`` and ``<Node>Edge``.
    """
    first = check_first(first)
    start = decode_cursor(after)
    rows = await query.offset(start).limit(first) if first else []
    total = await query.count()
    return build_connection([to_node(row) for row in rows], start, first, total, names)
