"""The supervisory authority a person may complain to (GDPR Art. 77), as the operator
configured it (PIXVAULT_SUPERVISORY_AUTHORITY_NAME and _URL)."""

from __future__ import annotations

from pixvault.core.settings import Settings


def complaint_line(settings: Settings) -> str:
    """One sentence naming where to complain. Unset, the settings name any data protection
    authority and the EDPB's list of them."""
    name = settings.supervisory_authority_name.strip()
    url = settings.supervisory_authority_url
    return f"You may complain to the supervisory authority: {name} ({url})."
