"""What consents and policies do in accounts' flows (accounts/hooks.py): installed by the
runtime, this module sits above the three domains so none of them imports another upwards."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from pixvault.consents.services import adopt_visitor, record_decisions
from pixvault.consents.visitors import forget_visitor, visitor_id
from pixvault.core.settings import Settings
from pixvault.core.viewer import ClientInfo
from pixvault.policies.services import accept_effective, require_no_pending_decisions


async def signed_up(
    user_id: str, client: ClientInfo, *, marketing_emails: bool, visitor_id: str | None
) -> None:
    await accept_effective(user_id, "EXPLICIT")
    await record_decisions(
        {"NECESSARY": True, "MARKETING_EMAIL": marketing_emails},
        "SIGN_UP",
        client,
        user_id=user_id,
        visitor_id=visitor_id,
    )


def visitor_of(request: Request) -> str | None:
    return visitor_id(request)


async def signed_in(
    user_id: str, client: ClientInfo, request: Request, response: Response, settings: Settings
) -> None:
    """The visitor cookie has done its job once its decisions are the account's."""
    visitor = visitor_id(request)
    if visitor is not None:
        await adopt_visitor(visitor, user_id, client)
        forget_visitor(response, settings)


async def before_own_change(user_id: str) -> None:
    await require_no_pending_decisions(user_id)
