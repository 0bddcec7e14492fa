"""Email templates: a plain-text and an HTML body for each kind of message Pixvault sends.

Each template is a pair of files under templates/: ``<name>.txt`` starts with a ``Subject:``
line, then a blank line and the text body, and ``<name>.html`` is the HTML body, which the shared
``_layout.html`` wraps. Placeholders are ``$name`` (string.Template). Values are escaped for the
HTML body, where line breaks become <br>. A missing value is an error, never a blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from html import escape
from importlib import resources
from string import Template


class TemplateName(StrEnum):
    EMAIL_CONFIRMATION = "email_confirmation"
    EMAIL_TAKEN_NOTICE = "email_taken_notice"
    POLICY_NOTICE = "policy_notice"
    DSAR_RECEIPT = "dsar_receipt"
    DSAR_VERIFICATION = "dsar_verification"
    DSAR_COMPLETION = "dsar_completion"
    PAYMENT_RECEIPT = "payment_receipt"
    ABUSE_DECISION = "abuse_decision"
    CONTACT_ACKNOWLEDGEMENT = "contact_acknowledgement"
    MARKETING = "marketing"
    NEW_DEVICE = "new_device"
    LOG_IN_ATTEMPTS = "log_in_attempts"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@cache
def _source(filename: str) -> str:
    return resources.files("pixvault.mail").joinpath("templates", filename).read_text()


def _html_value(value: str) -> str:
    return escape(value).replace("\n", "<br>\n")


def render(name: TemplateName, values: dict[str, str], footer: str = "") -> Rendered:
    """``footer``: the controller's line closing the HTML layout (core/controller.py)."""
    head, _, body = _source(f"{name.value}.txt").partition("\n\n")
    if not head.startswith("Subject: "):
        raise ValueError(f"{name.value}.txt must start with a Subject: line")
    subject = " ".join(Template(head.removeprefix("Subject: ")).substitute(values).split())
    escaped = {key: _html_value(value) for key, value in values.items()}
    content = Template(_source(f"{name.value}.html")).substitute(escaped)
    html = Template(_source("_layout.html")).substitute(
        escaped, subject=escape(subject), content=content, controller_footer=escape(footer)
    )
    return Rendered(subject=subject, text=Template(body).substitute(values), html=html)
