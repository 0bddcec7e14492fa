"""A part a lower package asks for and a higher one provides, installed when the runtime starts.

Import only downwards (CONTRIBUTING.md, "Where code goes"): when a domain needs an answer that
a domain above it owns (assets asks privacy whether an owner restricted processing; mail asks
consents whether marketing is still granted), the lower one declares the part it needs as an
``Installed`` and the runtime, which sits above both, installs the higher one's implementation
(wiring.py). Asking before that is a start-up bug, not a neutral answer, so it raises.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Installed(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._part: T | None = None

    def install(self, part: T) -> None:
        self._part = part

    def __call__(self) -> T:
        if self._part is None:
            raise RuntimeError(f"{self.what} is not installed: build a Runtime first.")
        return self._part
