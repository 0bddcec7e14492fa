"""Typed stand-ins for ``strawberry.field(description=...)``, ``strawberry.mutation(...)`` and
``strawberry.enum(...)`` with a description for each value.

Called with keyword arguments only, Strawberry's decorators are typed as returning Any, so
mypy's strict mode reports every resolver they decorate as untyped. These return the same
decorators, typed to keep the resolver's own signature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar, cast

import strawberry

F = TypeVar("F", bound=Callable[..., Any])
E = TypeVar("E", bound=type[Enum])


def field(description: str) -> Callable[[F], F]:
    return cast(Callable[[F], F], strawberry.field(description=description))


def mutation(description: str) -> Callable[[F], F]:
    return cast(Callable[[F], F], strawberry.mutation(description=description))


def enum(
    description: str, values: Mapping[str, str], *, name: str | None = None
) -> Callable[[E], E]:
    """``strawberry.enum`` with a description for the type and one for each value.

    For enums whose members must keep plain values (StrEnums stored by the models), where
    ``strawberry.enum_value`` cannot be used. A value left out, or one the enum lacks, is an
    error, so a new member cannot go undescribed.
    """

    def register(cls: E) -> E:
        described = strawberry.enum(cls, name=name, description=description)
        definition = described.__strawberry_definition__  # type: ignore[attr-defined]
        names = {value.name for value in definition.values}
        if names != set(values):
            raise ValueError(f"{cls.__name__}: describe exactly {sorted(names)}")
        for value in definition.values:
            value.description = values[value.name]
        return described

    return register
