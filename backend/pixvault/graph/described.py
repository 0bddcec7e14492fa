"""Typed stand-ins for ``strawberry.field(description=...)`` and ``strawberry.mutation(...)``.

Called with keyword arguments only, Strawberry's decorators are typed as returning Any, so
mypy's strict mode reports every resolver they decorate as untyped. These return the same
decorators, typed to keep the resolver's own signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

F = TypeVar("F", bound=Callable[..., Any])


def field(description: str) -> Callable[[F], F]:
    return cast(Callable[[F], F], strawberry.field(description=description))


def mutation(description: str) -> Callable[[F], F]:
    return cast(Callable[[F], F], strawberry.mutation(description=description))
