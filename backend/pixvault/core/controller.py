"""Who is responsible for the personal data (the controller), how to reach them about it, and
where to complain: from PIXVAULT_OPERATOR_NAME, PIXVAULT_OPERATOR_ADDRESS,
PIXVAULT_PRIVACY_CONTACT and PIXVAULT_SUPERVISORY_AUTHORITY_NAME / _URL. Every access export,
every email and the policy pages (the ``dataController`` query) say the same.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pixvault.core.settings import Settings

AUTOMATED_DECISIONS = (
    "None. No decision that has legal or similarly significant effects on you is made by "
    "automated means alone, and no profiling is done."
)


@dataclass(frozen=True)
class Controller:
    name: str
    address: str | None
    privacy_contact: str
    supervisory_authority_name: str
    supervisory_authority_url: str


def controller(settings: Settings) -> Controller:
    return Controller(
        name=settings.operator_name,
        address=settings.operator_address,
        privacy_contact=settings.privacy_contact,
        supervisory_authority_name=settings.supervisory_authority_name,
        supervisory_authority_url=settings.supervisory_authority_url,
    )


def complaint_text(settings: Settings) -> str:
    who = controller(settings)
    return (
        f"You have the right to complain to a supervisory authority: "
        f"{who.supervisory_authority_name} ({who.supervisory_authority_url})."
    )


def email_footer(settings: Settings) -> str:
    """The lines closing every email."""
    who = controller(settings)
    where = f", {who.address}" if who.address else ""
    return (
        f"Sent by {who.name}{where}. Questions about your personal data: "
        f"{who.privacy_contact}. {complaint_text(settings)}"
    )


def export_statement(settings: Settings) -> dict[str, object]:
    """The controller block of an access export."""
    return {
        "controller": asdict(controller(settings)),
        "automated_decisions": AUTOMATED_DECISIONS,
        "right_to_complain": complaint_text(settings),
    }
