"""The supervisory authority a person may complain to (GDPR Art. 77), as the operator
configured it (PIXVAULT_SUPERVISORY_AUTHORITY_NAME and _URL)."""

from __future__ import annotations

from pixvault.settings import Settings

GENERIC = "You may complain to your data protection authority."


def complaint_line(settings: Settings) -> str:
    """One sentence naming where to complain: the configured authority, else a general one."""
    name = (settings.supervisory_authority_name or "").strip()
    url = settings.supervisory_authority_url
    if not name and not url:
        return GENERIC
    where = f"{name} ({url})" if name and url else (name or str(url))
    return f"You may complain to the supervisory authority: {where}."
