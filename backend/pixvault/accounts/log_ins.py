"""What every successful log-in leaves, whichever way it finished (password alone, second
step, or an API token made with the password)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.models import User
from pixvault.accounts.new_device import notice_new_device
from pixvault.core.clock import now
from pixvault.core.viewer import ClientInfo

if TYPE_CHECKING:
    from pixvault.runtime import Runtime


async def record_log_in(
    runtime: Runtime, user: User, client: ClientInfo, target: str | None = None
) -> None:
    """The last log-in time, the new-device notice if due, and the activity event."""
    user.last_log_in_at = now()
    await user.save(update_fields=["last_log_in_at"])
    await notice_new_device(runtime, user, client)
    await record_activity(str(user.id), ActivityKind.LOG_IN, client, target)
