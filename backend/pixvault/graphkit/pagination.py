"""Relay-style connections over tortoise querysets, with keyset (seek) cursors.

A cursor holds the values of the query's ordering fields for its row (opaque base64 of JSON),
and a page is the rows strictly after (or before) those values, so pages neither repeat nor
skip rows when rows are added or removed between requests. Every ordering given to
``paginate`` ends with a unique field (the primary key is added when it does not), and its
fields are never null.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

import orjson
import strawberry
from graphql import GraphQLError
from pypika_tortoise.enums import Order
from tortoise.expressions import Q
from tortoise.fields import DatetimeField, UUIDField
from tortoise.models import Model
from tortoise.queryset import QuerySet

MAX_PAGE = 200
DEFAULT_PAGE = 50

N = TypeVar("N")
M = TypeVar("M", bound=Model)

#: Given a number of rows: the first rows of a query in its order, and its total count.
FirstPage = Callable[[int], Awaitable[tuple[list[M], int]]]


@strawberry.type(description="Where a page sits in its list, and the cursors to move on from it.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="Whether rows come after this page (when paging forward: exactly; when "
        "paging back with last/before: whether any row follows `before`)."
    )
    end_cursor: str | None = strawberry.field(
        description="The last edge's cursor, for `after`; null when the page is empty."
    )
    has_previous_page: bool = strawberry.field(
        default=False,
        description="Whether rows come before this page (when paging back with last/before: "
        "exactly; when paging forward: whether any row precedes `after`).",
    )
    start_cursor: str | None = strawberry.field(
        default=None,
        description="The first edge's cursor, for `before`; null when the page is empty.",
    )


@strawberry.type(description="One item of a page, with the cursor that points at it.")
class Edge(Generic[N]):
    cursor: str = strawberry.field(
        description="An opaque cursor for this item: pass it as `after` or `before` to page "
        "on from here. Stable while items are added or removed; do not parse it."
    )
    node: N = strawberry.field(description="The item itself.")


@strawberry.type(
    description="One page of a list (Relay cursor connection): its items in order, where the "
    "page sits, and how many items the whole list holds."
)
class Connection(Generic[N]):
    edges: list[Edge[N]] = strawberry.field(
        description="The page's items in the list's order, each with its cursor."
    )
    page_info: PageInfo = strawberry.field(
        description="Whether more items lie either side of this page, and the cursors to "
        "fetch them."
    )
    total_count: int = strawberry.field(
        description="How many items the whole list holds (with the same filters), not just "
        "this page."
    )


#: The page arguments of every connection field, described once.
First = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many items to return, from the start (or from `after`): 0 to "
        f"{MAX_PAGE}; {DEFAULT_PAGE} when null. Ignored when `last` is given."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items after this cursor (an edge's `cursor` or "
        "`pageInfo.endCursor` from an earlier page); null starts at the beginning."
    ),
]
Last = Annotated[
    int | None,
    strawberry.argument(
        description=f"Page backwards: how many items to return from the end (or from "
        f"`before`): 0 to {MAX_PAGE}. Takes precedence over `first`."
    ),
]
Before = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items before this cursor (an edge's `cursor` or "
        "`pageInfo.startCursor`); null ends at the end of the list."
    ),
]


def bad_input(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})


def check_first(first: int | None, name: str = "first") -> int:
    """The page size asked for; null means the default of 50."""
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise bad_input(f"{name} must be between 0 and {MAX_PAGE}.")
    return first


class Keyset:
    """A queryset's ordering, as (field, descending) pairs ending with a unique field."""

    def __init__(self, query: QuerySet[Any]) -> None:
        meta = query.model._meta
        self.fields_map = meta.fields_map
        orderings: list[tuple[str, Any]] = list(query._orderings)
        self.keys = [(name, order == Order.desc) for name, order in orderings]
        if meta.pk_attr not in {name for name, _ in self.keys}:
            self.keys.append((meta.pk_attr, False))

    def cursor(self, row: Model) -> str:
        values = [_plain(getattr(row, name)) for name, _ in self.keys]
        return base64.urlsafe_b64encode(b"k" + orjson.dumps(values)).decode().rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            if not raw.startswith(b"k"):
                raise ValueError("not a keyset cursor")
            values = orjson.loads(raw[1:])
            if not isinstance(values, list) or len(values) != len(self.keys):
                raise ValueError("wrong length")
            return [
                self._typed(name, value) for (name, _), value in zip(self.keys, values, strict=True)
            ]
        except (ValueError, TypeError, orjson.JSONDecodeError):
            raise bad_input("Invalid cursor.") from None

    def _typed(self, name: str, value: Any) -> Any:
        field = self.fields_map[name]
        if isinstance(field, DatetimeField):
            return datetime.fromisoformat(value)
        if isinstance(field, UUIDField):
            return uuid.UUID(value)
        if not isinstance(value, int | str):
            raise TypeError(name)
        return value

    def beyond(self, values: list[Any], forward: bool) -> Q:
        """Rows strictly after (``forward``) or before the row these values come from."""
        options: list[Q] = []
        for index, (name, descending) in enumerate(self.keys):
            later = "lt" if descending == forward else "gt"
            equal = {prior: values[i] for i, (prior, _) in enumerate(self.keys[:index])}
            options.append(Q(**equal, **{f"{name}__{later}": values[index]}))
        return Q(*options, join_type="OR")

    def ordering(self, forward: bool) -> list[str]:
        return [("-" if descending == forward else "") + name for name, descending in self.keys]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def build_connection(
    nodes: Sequence[N],
    cursors: Sequence[str],
    total: int,
    has_next: bool,
    has_previous: bool,
    names: tuple[type[Connection[N]], type[Edge[N]]] | None = None,
) -> Connection[N]:
    connection_cls, edge_cls = names or (Connection, Edge)
    edges = [edge_cls(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    return connection_cls(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
        ),
        total_count=total,
    )


async def paginate(
    query: QuerySet[M],
    first: int | None,
    after: str | None,
    to_node: Callable[[M], N],
    names: tuple[type[Connection[N]], type[Edge[N]]] | None = None,
    *,
    last: int | None = None,
    before: str | None = None,
    first_page: FirstPage[M] | None = None,
) -> Connection[N]:
    """One page of ``query`` (already ordered) as a connection, with its total count.

    ``first``/``after`` page forward; ``last``/``before`` page back (``last`` wins when both
    sizes are given, as ``before`` bounds it). ``names`` gives specialised subclasses where the
    graph's type names differ from the generic ``<Node>Connection`` and ``<Node>Edge``.
    ``first_page``, given a number of rows, answers the first rows of ``query`` in its order
    and its total from a batch (a loader shared by a page of parents); it serves a first page
    of at least one row, which then sends no statement of its own.
    """
    keyset = Keyset(query)
    forward = last is None
    size = check_first(first) if forward else check_first(last, "last")
    if first_page is not None and forward and not after and not before and size:
        rows, total = await first_page(size + 1)
        return build_connection(
            [to_node(row) for row in rows[:size]],
            [keyset.cursor(row) for row in rows[:size]],
            total,
            len(rows) > size,
            False,
            names,
        )
    window = query
    if after:
        window = window.filter(keyset.beyond(keyset.decode(after), forward=True))
    if before:
        window = window.filter(keyset.beyond(keyset.decode(before), forward=False))
    rows = list(await window.order_by(*keyset.ordering(forward)).limit(size + 1)) if size else []
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    # The far side of the page: is there anything beyond the cursor we started from?
    start = after if forward else before
    beyond_start = (
        bool(start)
        and await query.filter(
            keyset.beyond(keyset.decode(start or ""), forward=not forward)
        ).exists()
    )
    has_next, has_previous = (more, beyond_start) if forward else (beyond_start, more)
    total = await query.count()
    return build_connection(
        [to_node(row) for row in rows],
        [keyset.cursor(row) for row in rows],
        total,
        has_next,
        has_previous,
        names,
    )
