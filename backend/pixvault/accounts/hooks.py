"""The steps of sign-up, log-in and own-data changes that belong to domains above accounts.

Signing up accepts the policies in effect and records the form's consents; signing in carries
the anonymous visitor's consent decisions over to the account; changing one's own profile or
tokens waits for pending policy decisions. Consents and policies read accounts' users, so they
sit above it and accounts cannot import them: accounts names the steps here and the runtime
installs their implementation (account_hooks.py, above the domains; wiring.py).
"""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response

from pixvault.core.installed import Installed
from pixvault.core.settings import Settings
from pixvault.core.viewer import ClientInfo


class AccountHooks(Protocol):
    async def signed_up(
        self, user_id: str, client: ClientInfo, *, marketing_emails: bool, visitor_id: str | None
    ) -> None:
        """Within sign-up's transaction: the policies in effect accepted (EXPLICIT) and the
        form's consents recorded, linked to the visitor id if the browser had one."""
        ...

    def visitor_of(self, request: Request) -> str | None:
        """The anonymous visitor id the request's cookie carries, if any."""
        ...

    async def signed_in(
        self,
        user_id: str,
        client: ClientInfo,
        request: Request,
        response: Response,
        settings: Settings,
    ) -> None:
        """After sign-up or log-in: the visitor's consent decisions move to the account."""
        ...

    async def before_own_change(self, user_id: str) -> None:
        """Refuse (UserFacingError) a change to the person's own data while a policy decision
        blocks it."""
        ...


#: account_hooks.py, installed by the runtime.
hooks = Installed[AccountHooks]("The account hooks")
