"""The first rows of many groups in one statement, for a page of parents each with a nested
page: ``ROW_NUMBER() OVER (PARTITION BY <group> ORDER BY <page order>)`` in a subquery, kept
where the rank is within the page. Tortoise's querysets cannot select from a subquery, so the
statement is built with pypika (tortoise's own builder, which writes each database's dialect)
and its rows become models through the connection's executor, as a queryset's do. SQLite (from
3.25) and PostgreSQL both have the window function."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pypika_tortoise.analytics import RowNumber
from pypika_tortoise.enums import Order
from pypika_tortoise.queries import Table
from tortoise.models import Model

M = TypeVar("M", bound=Model)


async def first_of_each(
    model: type[M],
    group: str,
    keys: Sequence[str],
    ordering: Sequence[str],
    size: int,
) -> dict[str, list[M]]:
    """Up to ``size`` rows of ``model`` for each value of the ``group`` column among ``keys``,
    each group's in ``ordering`` (field names as a queryset's ``order_by`` takes them, "-" for
    descending, ending with a unique field); absent: a group without rows."""
    meta = model._meta
    db = meta.db
    table = Table(meta.db_table)
    rank = RowNumber().over(table[group])
    for name in ordering:
        column = meta.fields_db_projection[name.lstrip("-")]
        rank = rank.orderby(table[column], order=Order.desc if name[0] == "-" else Order.asc)
    inner = (
        db.query_class.from_(table)
        .select(table.star, rank.as_("group_rank"))
        .where(table[group].isin(list(keys)))
    )
    ranked = (
        db.query_class.from_(inner)
        .select("*")
        .where(inner.group_rank <= size)
        .orderby(inner[group], inner.group_rank)
    )
    sql, values = ranked.get_parameterized_sql()
    rows: list[M] = await db.executor_class(model=model, db=db).execute_select(sql, values)
    groups: dict[str, list[M]] = {}
    for row in rows:
        groups.setdefault(str(getattr(row, group)), []).append(row)
    return groups
