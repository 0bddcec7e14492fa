"""The new-device notice: a log-in from a browser and country not seen before for the account
sends its owner an email with the device, the approximate place and a link to their sessions.

"Seen" means an earlier log-in or the sign-up recorded in the activity log with the same
browser family and country (kept for PIXVAULT_ACTIVITY_RETENTION_MONTHS). The first log-in of
an account has nothing to compare with and sends nothing.
"""

from __future__ import annotations

from pixvault.accounts.activity import ActivityKind
from pixvault.accounts.client_details import country_name_of, country_of, parse_user_agent
from pixvault.accounts.models import ActivityEvent, User
from pixvault.core.clock import now
from pixvault.core.viewer import ClientInfo
from pixvault.mail.templates import TemplateName
from pixvault.runtime import Runtime

SESSIONS_PATH = "/privacy/sessions"
_SEEN_KINDS = (ActivityKind.LOG_IN.value, ActivityKind.SIGN_UP.value)


async def notice_new_device(runtime: Runtime, user: User, client: ClientInfo) -> bool:
    """Send the notice if this log-in (not yet recorded) comes from a new browser and country;
    returns whether it was sent."""
    details = parse_user_agent(client.user_agent)
    country = country_of(client.ip_address)
    earlier = ActivityEvent.filter(user_id=user.id, kind__in=_SEEN_KINDS)
    if not await earlier.filter(kind=ActivityKind.LOG_IN.value).exists():
        return False
    if await earlier.filter(browser=details.browser, country=country).exists():
        return False
    device = " on ".join(p for p in (details.browser, details.os) if p) or "an unknown browser"
    await runtime.mailer.send_template(
        user.email,
        TemplateName.NEW_DEVICE,
        {
            "name": user.name,
            "device": device,
            "place": country_name_of(client.ip_address) or "an unknown place",
            "at": now().strftime("%Y-%m-%d %H:%M UTC"),
            "link": f"{runtime.settings.public_url}{SESSIONS_PATH}",
        },
        user_id=str(user.id),
    )
    return True
