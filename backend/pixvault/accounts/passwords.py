"""Password hashing with argon2id, off the event loop and under a concurrency cap.

Hashing is deliberately expensive (19 MiB, 2 passes: OWASP's minimum for argon2id). It runs in
worker threads, and a semaphore bounds how many run at once, so a burst of log-ins queues
behind the cap instead of starving every other request of the event loop and the CPU.
"""

from __future__ import annotations

import asyncio
from functools import cache
from importlib import resources

from argon2 import PasswordHasher as Argon2Hasher
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

#: OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1

MIN_LENGTH = 10
MAX_LENGTH = 256


class PasswordHasher:
    def __init__(
        self,
        concurrency: int = 2,
        time_cost: int = TIME_COST,
        memory_cost: int = MEMORY_COST_KIB,
        parallelism: int = PARALLELISM,
    ) -> None:
        self._argon2 = Argon2Hasher(
            time_cost=time_cost,
            memory_cost=memory_cost,
            parallelism=parallelism,
            type=Type.ID,
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._argon2.hash, password)

    async def verify(self, stored_hash: str, password: str) -> bool:
        async with self._slots:
            return await asyncio.to_thread(self._verify_sync, stored_hash, password)

    def _verify_sync(self, stored_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self._argon2.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    async def burn(self, password: str) -> None:
        """Spend one verification on an unknown account so timing does not reveal it."""
        if self._dummy_hash is None:
            self._dummy_hash = await self.hash("not a real password, only for timing")
        await self.verify(self._dummy_hash, password)


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("pixvault.accounts").joinpath("common_passwords.txt").read_text()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def password_problem(password: str, email: str) -> str | None:
    """Why a new password is refused, or None. Length and commonness only (NIST 800-63B)."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered == email.lower() or lowered == email.split("@")[0].lower():
        return "Do not use your email address as your password."
    if lowered in common_passwords():
        return "This password is among the most common ones; choose another."
    return None
