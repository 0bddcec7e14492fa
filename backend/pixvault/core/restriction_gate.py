"""The question "is processing of this person's data restricted?" (GDPR art. 18), asked by the
domains that use the data and answered by privacy, which keeps the restrictions.

Public listing and delivery (assets), consents and marketing campaigns ask it; privacy
(privacy/restriction.py) reads the answer from its rights records and sits above those domains,
since its exports read them. So the question is asked here, below all of them, and the runtime
installs privacy's answers when it starts (core/installed.py, wiring.py).
"""

from __future__ import annotations

from typing import Protocol

from tortoise.expressions import Subquery

from pixvault.core.installed import Installed

#: The purposes a standing restriction refuses, whatever the person's consents say.
RESTRICTED_PURPOSES = frozenset({"ANALYTICS", "MARKETING_EMAIL"})


class RestrictionGate(Protocol):
    def restricted_user_ids(self) -> Subquery:
        """The people whose restriction stands, for excluding them in another query."""
        ...

    async def is_restricted(self, user_id: str) -> bool: ...

    async def is_restricted_cached(self, user_id: str) -> bool:
        """As is_restricted, kept briefly in-process for public image delivery."""
        ...

    async def restricted_among(self, user_ids: list[str]) -> set[str]: ...

    async def visitor_restricted(self, visitor_id: str) -> bool:
        """Whether someone without an account restricted processing for this visitor id."""
        ...


#: privacy/restriction.py, installed by the runtime.
restrictions = Installed[RestrictionGate]("The processing-restriction gate")
