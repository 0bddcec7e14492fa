"""What the law asks an access export to say of each category of personal data, beside the
register's purpose and retention (GDPR Art. 15(1)): the lawful basis, where the data came
from, who receives it, and that no automated decision is made with it.

``CATEGORIES`` is keyed by the personal-data register's section names (and those of the
``GUEST_RECORDS`` declarations); tests/test_export_categories.py fails when a section has no
entry.
Recipients are the processors whose declared data categories (records/processors.toml)
include one this category is sent as.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pixvault.core.controller import AUTOMATED_DECISIONS
from pixvault.core.settings import Settings
from pixvault.records.processors import processor_register


class Basis(StrEnum):
    """GDPR Art. 6(1)."""

    CONTRACT = "contract: needed to provide the service you signed up for (Art. 6(1)(b))"
    LEGAL_OBLIGATION = "legal obligation (Art. 6(1)(c))"
    LEGITIMATE_INTERESTS = "legitimate interests (Art. 6(1)(f))"
    CONSENT = "your consent (Art. 6(1)(a))"


class Source(StrEnum):
    GIVEN = "given by you"
    STRIPE = "from Stripe, our payment provider"
    OBSERVED = "observed as you use the service"
    MADE = "made by us while providing the service"
    OTHERS = "reported by other people"


UNTIL_ERASED = "as long as your account exists: erased when you close it or ask for erasure"


@dataclass(frozen=True)
class Category:
    basis: tuple[Basis, ...]
    source: tuple[Source, ...]
    #: The processors' data categories (processors.toml) this data is sent to them as.
    sent_as: tuple[str, ...]
    #: How long it is kept, where the register states no period (not a RETAIN entry).
    kept: str = UNTIL_ERASED


_ACCOUNT = ("account details", "name", "email address")
_USAGE = ("usage data and IP addresses",)
_CONTENT = ("uploaded content and its metadata",)
_PAYMENTS = ("payment transaction details",)
_RECORDS = ("consent and policy records",)

CATEGORIES: dict[str, Category] = {
    "account": Category((Basis.CONTRACT,), (Source.GIVEN,), _ACCOUNT),
    "sessions": Category(
        (Basis.LEGITIMATE_INTERESTS,),
        (Source.OBSERVED,),
        _USAGE,
        "30 days after the session ends (IP addresses truncated after 30 days)",
    ),
    "api_tokens": Category((Basis.CONTRACT,), (Source.GIVEN,), ("account details",)),
    "activity": Category(
        (Basis.LEGITIMATE_INTERESTS,),
        (Source.OBSERVED,),
        _USAGE,
        "13 months, or as the operator sets (IP addresses truncated after 30 days)",
    ),
    "email_changes": Category((Basis.CONTRACT,), (Source.GIVEN,), _ACCOUNT),
    "two_factor": Category((Basis.CONTRACT,), (Source.GIVEN,), ()),
    "recovery_codes": Category((Basis.CONTRACT,), (Source.MADE,), ()),
    "password_resets": Category((Basis.CONTRACT,), (Source.MADE,), ("email address",)),
    "assets": Category((Basis.CONTRACT,), (Source.GIVEN,), _CONTENT),
    "asset_tags": Category((Basis.CONTRACT,), (Source.GIVEN,), _CONTENT),
    "access_log": Category((Basis.LEGAL_OBLIGATION,), (Source.OBSERVED,), _USAGE),
    "billing_account": Category((Basis.CONTRACT,), (Source.STRIPE, Source.MADE), _PAYMENTS),
    "payments": Category((Basis.CONTRACT, Basis.LEGAL_OBLIGATION), (Source.STRIPE,), _PAYMENTS),
    "usage": Category((Basis.CONTRACT,), (Source.OBSERVED,), _USAGE),
    "consents": Category(
        (Basis.LEGAL_OBLIGATION,),
        (Source.GIVEN, Source.OBSERVED),
        (*_RECORDS, *_USAGE),
        f"{UNTIL_ERASED}; a visitor's choices 13 months after they were made",
    ),
    "emails": Category(
        (Basis.CONTRACT,),
        (Source.MADE,),
        ("email address", "email content"),
        "30 days after sending",
    ),
    "policy_decisions": Category((Basis.CONTRACT,), (Source.GIVEN,), _RECORDS),
    "data_subject_requests": Category((Basis.LEGAL_OBLIGATION,), (Source.GIVEN,), _ACCOUNT),
    "legal_holds": Category((Basis.LEGAL_OBLIGATION,), (Source.MADE,), ()),
    "processing_restrictions": Category((Basis.LEGAL_OBLIGATION,), (Source.GIVEN,), ()),
    "recipient_notices": Category((Basis.LEGAL_OBLIGATION,), (Source.MADE,), ()),
    "breaches": Category(
        (Basis.LEGAL_OBLIGATION,), (Source.MADE,), ("email address",), "5 years after the breach"
    ),
    "disclosures": Category((Basis.LEGAL_OBLIGATION,), (Source.MADE,), ()),
    "abuse_reports": Category(
        (Basis.LEGITIMATE_INTERESTS,),
        (Source.OTHERS, Source.MADE),
        _CONTENT,
        "2 years after the report is resolved",
    ),
    "abuse_reports_filed": Category(
        (Basis.LEGITIMATE_INTERESTS,),
        (Source.GIVEN,),
        ("email address",),
        "2 years after the report is resolved",
    ),
    "contact_messages": Category(
        (Basis.LEGITIMATE_INTERESTS,),
        (Source.GIVEN,),
        ("contact messages", "email address"),
        "12 months after the message",
    ),
}


def describe(settings: Settings, section: str, retention: str | None) -> dict[str, object]:
    """The export's statement about one section (``retention``: the register's, if any)."""
    category = CATEGORIES[section]
    recipients = sorted(
        p.name
        for p in processor_register(settings).processors
        if set(p.data_categories) & set(category.sent_as)
    )
    return {
        "lawful_basis": [b.value for b in category.basis],
        "source": [s.value for s in category.source],
        "retention": retention or category.kept,
        "recipients": recipients,
        "automated_decisions": AUTOMATED_DECISIONS,
    }
